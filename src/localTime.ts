import { isMainThread } from 'node:worker_threads';
import { listedZones, readOffsetsWith } from './model/time.js';

/**
 * Zone offsets from Date's local time, for the CLI (process boundary, STYLE 1): model/time.ts
 * works offsets out with Intl, which costs about 10 ms to start and 3 µs a lookup, most of the
 * zone work of a one-person write. Date's local fields come from the same ICU zone data as Intl's
 * (test/unit/local-time.test.ts compares the two in every zone ICU lists), once this process's TZ
 * names the zone. Setting TZ is process-wide: nothing in careplan reads local time otherwise, git
 * is given the machine's TZ (machineTimeZone, repo/childEnvironment.ts), and `run` puts it back.
 */

// The years Date's local time answers for here; Intl outside them (eras, two-digit years, LMT seconds).
const FROM = Date.UTC(1900, 0, 1);
const UNTIL = Date.UTC(2200, 0, 1);
/** TZ as it was before dateOffset first set it. */
let machineZone: { value: string | undefined } | undefined;

/**
 * The offset of `zone` at `ms` from Date's local time, with TZ set to `zone`. Undefined, for Intl
 * to answer, where Date cannot be trusted with the zone:
 * - off the main thread: Node takes a change of TZ from the main thread only;
 * - a zone ICU does not list by that exact name (UTC, another case): TZ with a name ICU does not
 *   know means UTC, silently;
 * - outside 1900–2200.
 */
export function dateOffset(ms: number, zone: string): number | undefined {
  if (!isMainThread || ms < FROM || ms >= UNTIL || !listedZones().has(zone)) return undefined;
  if (process.env.TZ !== zone) {
    machineZone ??= { value: process.env.TZ };
    process.env.TZ = zone;
  }
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()) - ms;
}

/** Offsets are read from Date's local time from now on (where dateOffset can), until localTimeDone. */
export function useDateOffsets(): void {
  readOffsetsWith(dateOffset);
}

/** Offsets from Intl only again, and TZ back as it was: a command's end, for whoever runs next in this process. */
export function localTimeDone(): void {
  readOffsetsWith(undefined);
  if (machineZone === undefined) return;
  if (machineZone.value === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone.value;
  machineZone = undefined;
}

/**
 * The TZ child processes get: the one this process had before dateOffset set it. `{ changed:
 * false }` while careplan has not set it.
 */
export function machineTimeZone(): { changed: false } | { changed: true; value: string | undefined } {
  return machineZone === undefined ? { changed: false } : { changed: true, value: machineZone.value };
}
