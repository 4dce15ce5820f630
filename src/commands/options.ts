import { UsageError } from '../errors.js';
import type { FailOn } from '../model/findings.js';
import { parseAsOf } from '../model/time.js';
import type { ParallelLoadOptions } from '../repo/parallelLoader.js';
import { settledBefore } from '../model/settledMonth.js';

/** Options every command may receive from the global flags. */
export interface GlobalOptions {
  repo?: string;
  as?: string;
  asOf?: string;
  color?: boolean;
  input?: boolean;
}

export function resolveAsOf(value: string | undefined, now: number, zone: string): number {
  if (value === undefined) return now;
  const ms = parseAsOf(value, zone);
  if (ms === undefined) throw badAsOf(value);
  return ms;
}

function badAsOf(value: string): UsageError {
  return new UsageError(
    `--as-of "${value}" is not a date or timestamp.`,
    'Use a date such as 2026-11-26 (the end of that day) or a timestamp such as 2026-11-26T09:00.',
  );
}

/** Refuses a malformed --as-of before a large repository is loaded (the timezone comes later). */
export function checkAsOf(value: string | undefined): void {
  if (value !== undefined && parseAsOf(value, 'UTC') === undefined) throw badAsOf(value);
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}".`);
  }
  return value as T;
}

export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

/** --format, or --json as its shorthand; `fallback` when neither is given. */
export function chosenFormat<T extends string>(names: readonly T[], options: { format?: string; json?: boolean }, fallback: T): T {
  if (options.format !== undefined) {
    const format = oneOf('--format', options.format, names, fallback);
    if (options.json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree; give one of them.`);
    return format;
  }
  return options.json ? oneOf('--json', 'json', names, fallback) : fallback;
}

/** `--no-cache`: commands that read the whole home keep what they read under .git/careplan/ unless it is given. */
export interface CacheOptions {
  cache?: boolean;
}

/** How `validate` and `audit` read the whole home: every record in full, from the cache where it can. */
export function fullLoad(options: CacheOptions): ParallelLoadOptions {
  return { withoutNotes: true, cache: options.cache !== false };
}

/**
 * How `check` and `due` read the whole home to judge it as of --as-of (else now): from the cache,
 * and old outcome months as facts (SettledMonth). Looking back (as-of before now) reads everything
 * in full, as `--no-cache` does: the records are then put back as they stood.
 */
export function judgingLoad(options: CacheOptions & { asOf?: string }, now: number): ParallelLoadOptions {
  if (options.cache === false) return { withoutNotes: true };
  return {
    withoutNotes: true,
    cache: true,
    settle: {
      now,
      before: (zone, policy) => {
        const asOf = resolveAsOf(options.asOf, now, zone);
        return asOf < now ? undefined : settledBefore(asOf, zone, policy);
      },
    },
  };
}
