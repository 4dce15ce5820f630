import { addDays, daysBetween, endOfDate, localDate, startOfDate } from '../model/time.js';

/**
 * The stretch of time an audit judges: a calendar month, up to the end of its last day local time,
 * or up to as-of while the month is still running (SPEC section 4: "the records as they stood at
 * its end, or now, for the current month").
 */
export interface AuditPeriod {
  /** YYYY-MM */
  month: string;
  /** The month's first date, YYYY-MM-DD. */
  first: string;
  /** The month's last date. */
  last: string;
  /** The local date the audit judges up to: `last`, or as-of's date for the current month. */
  endDate: string;
  /** The first instant of `first`. */
  start: number;
  /** The instant the records are judged as of: the end of `last`, or as-of. */
  end: number;
  /** Whether the whole month has passed. */
  complete: boolean;
  /** Calendar days from `first` to `endDate`, both included. */
  days: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function lastDateOf(month: string): string {
  return addDays(`${nextMonth(month)}-01`, -1);
}

/** The default month to audit: the previous full month before as-of's local date. */
export function defaultMonth(asOf: number, zone: string): string {
  return previousMonth(localDate(asOf, zone).slice(0, 7));
}

/**
 * The period of `month` as judged at `asOf`; undefined when the month has not begun by as-of
 * (there is nothing to audit yet).
 */
export function auditPeriod(month: string, asOf: number, zone: string): AuditPeriod | undefined {
  const first = `${month}-01`;
  const last = lastDateOf(month);
  const start = startOfDate(first, zone);
  if (asOf < start) return undefined;
  const monthEnd = endOfDate(last, zone);
  const complete = asOf >= monthEnd;
  const end = complete ? monthEnd : asOf;
  const endDate = complete ? last : localDate(asOf, zone);
  return { month, first, last, endDate, start, end, complete, days: daysBetween(first, endDate) + 1 };
}

/** One week of the month: days 1-7, 8-14, 15-21, 22-28 and what is left (29 to the end). */
export interface AuditWeek {
  /** 1-based. */
  index: number;
  from: string;
  to: string;
}

/**
 * The month in weeks of seven days counted from the 1st, the last one short; only weeks that have
 * begun by the period's end, the running week cut at it.
 */
export function weeksOf(period: AuditPeriod): AuditWeek[] {
  const weeks: AuditWeek[] = [];
  for (let index = 1, from = period.first; from <= period.endDate; index++, from = addDays(from, 7)) {
    const to = addDays(from, 6);
    weeks.push({ index, from, to: to < period.endDate ? to : period.endDate });
  }
  return weeks;
}

/** The week (1-based) a local date of the month falls in. */
export function weekOfDate(date: string): number {
  return Math.floor((Number(date.slice(8, 10)) - 1) / 7) + 1;
}
