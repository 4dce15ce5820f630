import { daysBetween, localDate, parseTimestamp } from '../model/time.js';
import type { AuditContext } from './context.js';
import { count, Tally, type Metric } from './metric.js';
import { weeksOf, type AuditWeek } from './period.js';
import { compareText } from '../model/textOrder.js';

const section = 'followed' as const;

/** Days in a week of the month's spot-check weeks. */
const WEEK_DAYS = 7;

/**
 * The weeks a weekly spot check is judged in: days 1-7, 8-14, 15-21 and 22-28, those that have
 * ended by the period's end, and the running one once it holds a check (it is not missed before
 * it ends). The days after the 28th never make a week of their own, so a month with a check each
 * week reads 4 of 4 whether it has 28, 30 or 31 days; the longest gap judges those days.
 */
export function spotcheckWeeks(ctx: AuditContext, checkDates: readonly string[]): { week: AuditWeek; checked: boolean }[] {
  return weeksOf(ctx.period)
    .filter((w) => w.index <= 4)
    .map((week) => ({ week, checked: checkDates.some((d) => d >= week.from && d <= week.to) }))
    .filter(({ week, checked }) => checked || daysBetween(week.from, week.to) + 1 === WEEK_DAYS);
}

/**
 * The longest stretch in days without a spot check up to the period's end: from the newest check
 * before the month (or, with none, the later of the month's first day and the repository's first
 * sign-off, as spotcheck-overdue counts) through each check of the month to the end's date. Null
 * when there was nothing to check: no sign-off by the end.
 */
export function longestSpotcheckGap(ctx: AuditContext, allDates: readonly string[]): number | null {
  const { first, endDate } = ctx.period;
  const before = allDates.filter((d) => d < first).pop();
  let from = before;
  if (!from) {
    const signed = ctx.firstSignoffDate();
    if (!signed || signed > endDate) return null;
    from = signed > first ? signed : first;
  }
  let longest = 0;
  for (const date of [...allDates.filter((d) => d >= first && d <= endDate && d >= from!), endDate]) {
    longest = Math.max(longest, daysBetween(from, date));
    from = date;
  }
  return longest;
}

/** Spot checks (policy step 7): the weeks of the month with a check, and the longest gap between checks. */
export function spotcheckMetrics(ctx: AuditContext): Metric[] {
  const p = ctx.policy;
  const checks = ctx.ws.spotchecks
    .map((s) => ({ s, at: parseTimestamp(s.data.at, ctx.zone) }))
    .filter((c): c is { s: (typeof ctx.ws.spotchecks)[number]; at: number } => c.at !== undefined && c.at <= ctx.period.end)
    .map(({ s, at }) => ({ date: localDate(at, ctx.zone), people: new Set(s.data.people) }))
    .sort((a, b) => compareText(a.date, b.date));
  const allDates = checks.map((c) => c.date);
  const weeks = spotcheckWeeks(ctx, allDates);
  const home = new Tally();
  for (const w of weeks) home.add('', w.checked);

  // Per person: of the weeks they were supported in, those with a check that looked at their care.
  const byPerson = new Tally();
  for (const f of ctx.inCare) {
    byPerson.person(f.id);
    const { admitted, discharged } = f.person!.data;
    for (const { week } of weeks) {
      if (week.to < admitted || (discharged !== undefined && week.from > discharged)) continue;
      byPerson.add(
        f.id,
        checks.some((c) => c.date >= week.from && c.date <= week.to && c.people.has(f.id)),
      );
    }
  }
  const gap = longestSpotcheckGap(ctx, allDates);
  return [
    {
      id: `${section}.spotcheck-weeks`,
      section,
      label: 'Weeks with a shift-lead spot check',
      column: 'Weeks checked',
      kind: 'ratio',
      better: 'higher',
      definition:
        `The month's weeks (days 1-7, 8-14, 15-21, 22-28) that have ended, and the running one once it has a check; covered when a ` +
        `spot check was made in it. The days after the 28th are judged by the longest gap. Per person: the weeks they were supported ` +
        `in with a check that looked at their care.`,
      ...home.home(),
      people: byPerson.people(ctx.inCare.map((f) => f.id)),
    },
    {
      id: `${section}.spotcheck-longest-gap`,
      section,
      label: 'Longest gap between spot checks',
      kind: 'count',
      unit: 'days',
      better: 'lower',
      definition:
        `Days from the last spot check before the month (or the first sign-off) to each check of the month and on to ` +
        `${ctx.period.complete ? 'its last day' : 'the end so far'}; the longest of them (policy: every ${p.spotcheck_days} days).`,
      ...(gap === null ? { value: null, numerator: null, denominator: null, percent: null } : count(gap)),
    },
  ];
}
