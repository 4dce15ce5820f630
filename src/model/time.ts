/**
 * Time as SPEC section 1 defines it. Timestamps without an offset are local time in the provider's
 * timezone; dates are calendar dates in that timezone. Every function here is pure: the clock
 * never enters, `asOf` is always passed in.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= MONTH_DAYS[mo - 1] + (leap ? 1 : 0);
}

/** Digits at value[i], value[i+1] as a number, or -1. */
function two(value: string, i: number): number {
  const a = value.charCodeAt(i) - 48;
  const b = value.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common shape, YYYY-MM-DDTHH:MM with no seconds or offset, read by character codes: a large
 * repository holds a million of them and the regular expression showed in profiles.
 */
function shortLocal(value: string): [number, number, number, number, number] | undefined {
  if (
    value.length !== 16 ||
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 ||
    value.charCodeAt(13) !== 58
  )
    return undefined;
  const hi = two(value, 0);
  const lo = two(value, 2);
  const mo = two(value, 5);
  const d = two(value, 8);
  const h = two(value, 11);
  const mi = two(value, 14);
  if (hi < 0 || lo < 0 || mo < 0 || d < 0 || h < 0 || mi < 0) return undefined;
  return [hi * 100 + lo, mo, d, h, mi];
}

export function isTimestamp(value: string): boolean {
  const short = shortLocal(value);
  if (short) return validYmd(short[0], short[1], short[2]) && short[3] <= 23 && short[4] <= 59;
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  if (!validYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return false;
  if (m[8] && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  return true;
}

export function isTimeZone(zone: string): boolean {
  // ICU's own list answers for the usual names without Intl's 10 ms to start; others (aliases
  // such as UTC, any case) as a DateTimeFormat takes them.
  if (listedZones().has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/** Wall-clock fields in `zone` at instant `ms`, cached per hour (offsets change on the hour or half hour at worst). */
const wallCache = new Map<string, Map<number, { offset: number }>>();
export function offsetAt(ms: number, zone: string): number {
  let cache = wallCache.get(zone);
  if (!cache) wallCache.set(zone, (cache = new Map()));
  const bucket = Math.floor(ms / (15 * 60_000));
  const hit = cache.get(bucket);
  if (hit) return hit.offset;
  const start = bucket * 15 * 60_000;
  const offset = reader?.(start, zone) ?? intlOffset(start, zone);
  cache.set(bucket, { offset });
  return offset;
}

/** The offset at `ms` from Intl's wall-clock fields in `zone`. */
function intlOffset(ms: number, zone: string): number {
  const parts = formatter(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall: Wall = { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
  return Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s) - ms;
}

let listed: Set<string> | undefined;
/** The zones ICU lists, by their canonical names: Intl.supportedValuesOf costs 0.1 ms, a first DateTimeFormat 10. */
export function listedZones(): ReadonlySet<string> {
  listed ??= new Set(Intl.supportedValuesOf('timeZone'));
  return listed;
}

/**
 * Another reader of a zone's offset, asked before Intl (the CLI sets Date's local time as one:
 * src/localTime.ts); it answers undefined to leave an offset to Intl. Set by the process
 * boundary, so that this module stays pure.
 */
export type OffsetReader = (ms: number, zone: string) => number | undefined;
let reader: OffsetReader | undefined;

/** Sets (or, with undefined, takes away) the reader offsetAt asks before Intl. */
export function readOffsetsWith(offsets: OffsetReader | undefined): void {
  reader = offsets;
}

/**
 * The instant a local wall-clock time denotes in `zone`. In the autumn's repeated hour, the earlier
 * instant; in the spring's missing hour, the wall time read with the offset before the change
 * (01:30 on the day clocks go forward is 02:30 summer time).
 */
function localToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Offsets run from -12 to +14 hours, so the instant lies in [wall - 14 h, wall + 12 h]: the offsets
  // just outside that are those before and after any change near it (±12 hours missed the change
  // in zones more than 12 hours ahead: Auckland's summer, Chatham, Apia's skipped day).
  const before = wall - offsetAt(wall - 15 * HOUR, zone);
  const after = wall - offsetAt(wall + 13 * HOUR, zone);
  const fits = (instant: number) => instant + offsetAt(instant, zone) === wall;
  const valid = [before, after].filter(fits);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/**
 * Instants of local hour starts, by local hour and zone. A repository of a million outcome
 * entries has only a few thousand distinct hours, so each is worked out once. An hour whose offset
 * changes inside it (zones with half-hour shifts) is not cached.
 */
const hourCache = new Map<string, Map<number, number | null>>();

function localInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  let cache = hourCache.get(zone);
  if (!cache) hourCache.set(zone, (cache = new Map()));
  // The hour as one small integer (mixed radix: month < 13, day < 32, hour < 24), not a string:
  // a million entries ask, and a number is neither made nor hashed.
  const key = ((y * 13 + mo) * 32 + d) * 24 + h;
  let hourStart = cache.get(key);
  if (hourStart === undefined) {
    const start = localToInstant(y, mo, d, h, 0, 0, zone);
    // Kept only for an hour that starts on the clock (not in a gap: Lord Howe's half-hour spring
    // gap ends inside an hour) and keeps one offset throughout.
    const onTheClock = start + offsetAt(start, zone) === Date.UTC(y, mo - 1, d, h);
    hourStart = onTheClock && offsetAt(start, zone) === offsetAt(start + HOUR - 1, zone) ? start : null;
    cache.set(key, hourStart);
  }
  return hourStart === null ? localToInstant(y, mo, d, h, mi, s, zone) : hourStart + mi * 60_000 + s * 1000;
}

/** Epoch milliseconds of a SPEC timestamp, or undefined when it is not one. */
export function parseTimestamp(value: string, zone: string): number | undefined {
  const short = shortLocal(value);
  if (short) {
    const [y, mo, d, h, mi] = short;
    return validYmd(y, mo, d) && h <= 23 && mi <= 59 ? localInstant(y, mo, d, h, mi, 0, zone) : undefined;
  }
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  if (m[7] === undefined) return localInstant(y, mo, d, h, mi, s, zone);
  if (m[8] && (Number(m[9]) > 14 || Number(m[10]) > 59)) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (m[7] === 'Z') return utc;
  const sign = m[8] === '-' ? -1 : 1;
  return utc - sign * (Number(m[9]) * HOUR + Number(m[10]) * 60_000);
}

/** The instant a date begins in `zone` (SPEC: where a rule needs a moment, a date means the start of that day). */
export function startOfDate(date: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  return localToInstant(y, mo, d, 0, 0, 0, zone);
}

/** The last millisecond of a date in `zone` (`--as-of 2026-11-26` means the end of that day). */
export function endOfDate(date: string, zone: string): number {
  return startOfDate(addDays(date, 1), zone) - 1;
}

/** The local calendar date of an instant in `zone`. */
const dateCache = new Map<string, Map<number, string>>();
export function localDate(ms: number, zone: string): string {
  // Cached per quarter hour: no zone changes date or offset inside one.
  let cache = dateCache.get(zone);
  if (!cache) dateCache.set(zone, (cache = new Map()));
  const bucket = Math.floor(ms / 900_000);
  let date = cache.get(bucket);
  if (date === undefined) {
    date = new Date(ms + offsetAt(ms, zone)).toISOString().slice(0, 10);
    cache.set(bucket, date);
  }
  return date;
}

/**
 * The zone's offset at `ms` and how long it holds: from the start of the quarter hour `ms` falls in
 * (offsets are worked out per quarter hour) up to the first later quarter hour with another offset,
 * looked for up to `horizon` ahead. Any instant in [from, until) has this offset, so its local time
 * is `wallClock(t, offset)`, exactly what localTimestamp gives: what `careplan check`
 * keeps with its findings, so that printing kept findings needs no Intl (about 10 ms to start).
 */
export function offsetHolding(ms: number, zone: string, horizon = 2 * DAY): { offset: number; from: number; until: number } {
  const from = Math.floor(ms / 900_000) * 900_000;
  const offset = offsetAt(from, zone);
  let until = from + 900_000;
  while (until < from + horizon && offsetAt(until, zone) === offset) until += 900_000;
  return { offset, from, until };
}

/** Local wall-clock time of an instant as YYYY-MM-DDTHH:MM, for messages and written records. */
export function localTimestamp(ms: number, zone: string): string {
  return wallClock(ms, offsetAt(ms, zone));
}

/** The wall-clock time YYYY-MM-DDTHH:MM of an instant at a UTC offset (localTimestamp's, given the offset: offsetHolding). */
export function wallClock(ms: number, offset: number): string {
  return new Date(ms + offset).toISOString().slice(0, 16);
}

/** Local date of a timestamp string; cheap when the timestamp carries no offset. */
export function timestampDate(value: string, zone: string): string | undefined {
  if (value.length >= 16 && value.length <= 19 && !/[Z+]|-\d{2}:\d{2}$/.test(value.slice(16))) {
    return isTimestamp(value) ? value.slice(0, 10) : undefined;
  }
  const ms = parseTimestamp(value, zone);
  return ms === undefined ? undefined : localDate(ms, zone);
}

export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / DAY);
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function hoursBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / HOUR;
}

export const HOUR_MS = HOUR;

/**
 * `--as-of`: a timestamp, or a date meaning the end of that day local time. Returns undefined for
 * anything else so the caller can say what was wrong.
 */
export function parseAsOf(value: string, zone: string): number | undefined {
  if (isCalendarDate(value)) return endOfDate(value, zone);
  return parseTimestamp(value, zone);
}
