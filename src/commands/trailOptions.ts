import { UsageError } from '../errors.js';
import { HOUR_MS, isCalendarDate, parseTimestamp, startOfDate } from '../model/time.js';

/**
 * `--since` for history and handover: a timestamp; a date, meaning the start of that day (a
 * handover "since Monday" includes Monday); or a span back from as-of such as `12h` or `3d`.
 */
export function resolveSince(value: string | undefined, asOf: number, zone: string): number | undefined {
  if (value === undefined) return undefined;
  const span = /^(\d+)\s*([hd])$/.exec(value.trim());
  if (span) return asOf - Number(span[1]) * (span[2] === 'h' ? HOUR_MS : 24 * HOUR_MS);
  if (isCalendarDate(value)) return startOfDate(value, zone);
  const ms = parseTimestamp(value, zone);
  if (ms === undefined) {
    throw new UsageError(
      `--since "${value}" is not a date, timestamp or span.`,
      'Use a date such as 2026-11-12 (from the start of that day), a timestamp ' +
        'such as 2026-11-12T07:00, or a span back from now such as 12h or 3d.',
    );
  }
  return ms;
}

/** A positive whole number for flags such as --version. */
export function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${flag} must be a whole number from 1, not "${value}".`);
  return Number(value);
}
