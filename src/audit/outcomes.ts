import { addDays, daysBetween, localDate, parseTimestamp } from '../model/time.js';
import type { PersonFolder } from '../model/workspace.js';
import type { AuditContext } from './context.js';
import { count, countsByPerson, Tally, tallyMetric, type Metric } from './metric.js';

const section = 'outcomes' as const;

const PROGRESS = new Set(['achieved', 'improving']);

/** Goal ids of the plan as it stood, with their status. */
function goalsOf(folder: PersonFolder): { id: string; status: string }[] {
  return folder.plan ? folder.plan.data.needs.flatMap((n) => n.goals.map((g) => ({ id: g.id, status: g.status }))) : [];
}

/**
 * Whether the key worker's outcome review kept to outcome_review_days on every day of the period
 * the person was supported under a signed plan (outcome-review-overdue never true at a day's end);
 * undefined when there was no such day.
 */
function reviewedWeekly(ctx: AuditContext, folder: PersonFolder): boolean | undefined {
  const first = ctx.status(folder).first;
  if (!first) return undefined;
  const signed = localDate(first.at, ctx.zone);
  const from = signed > ctx.period.first ? signed : ctx.period.first;
  const discharged = folder.person!.data.discharged;
  const to = discharged !== undefined && discharged < ctx.period.endDate ? discharged : ctx.period.endDate;
  if (from > to) return undefined;
  const reviews = folder.reviews
    .filter((r) => r.data.kind === 'outcomes')
    .map((r) => parseTimestamp(r.data.at, ctx.zone))
    .filter((at): at is number => at !== undefined && at >= first.at)
    .map((at) => localDate(at, ctx.zone))
    .sort();
  // The clock restarts at each review; judged at the end of each day from `from` to `to`.
  let last = signed;
  let i = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    while (i < reviews.length && reviews[i] <= day) last = reviews[i++];
    if (daysBetween(last, day) > ctx.policy.outcome_review_days) return false;
  }
  return true;
}

/**
 * Section 3 (SPEC section 4): entries recorded, goals with outcomes, goals achieved, goals without
 * progress, weekly outcome reviews held and kept to.
 */
export function outcomeMetrics(ctx: AuditContext): Metric[] {
  const { start, end } = ctx.period;
  const entries = new Map<string, number>();
  const withOutcomes = new Tally();
  const achieved = new Tally();
  const noProgress = new Tally();
  const reviewsHeld = new Map<string, number>();
  const weekly = new Tally();
  let total = 0;
  let held = 0;

  for (const f of ctx.inCare) {
    const timed = ctx.entries(f);
    entries.set(f.id, timed.length);
    total += timed.length;
    const byGoal = new Map<string, string[]>();
    for (const { entry } of timed) {
      if (!entry.data.goal) continue;
      const results = byGoal.get(entry.data.goal) ?? [];
      results.push(entry.data.result);
      byGoal.set(entry.data.goal, results);
    }
    withOutcomes.person(f.id);
    if (f.person!.data.status === 'active' && ctx.status(f).first) {
      for (const goal of goalsOf(f)) if (goal.status === 'active') withOutcomes.add(f.id, byGoal.has(goal.id));
    }
    achieved.person(f.id);
    noProgress.person(f.id);
    for (const results of byGoal.values()) {
      achieved.add(f.id, results[results.length - 1] === 'achieved');
      noProgress.add(f.id, results.length >= 3 && !results.some((r) => PROGRESS.has(r)));
    }
    let n = 0;
    for (const r of f.reviews) {
      if (r.data.kind !== 'outcomes') continue;
      const at = parseTimestamp(r.data.at, ctx.zone);
      if (at !== undefined && at >= start && at <= end) n++;
    }
    reviewsHeld.set(f.id, n);
    held += n;
    const kept = reviewedWeekly(ctx, f);
    if (kept !== undefined) weekly.add(f.id, kept);
  }

  const ids = ctx.inCare.map((f) => f.id);
  const ratioMetric = (id: string, label: string, column: string, tally: Tally, better: 'higher' | 'lower', definition: string) =>
    tallyMetric(section, ids, tally, { id, label, column, better, definition });
  return [
    {
      id: `${section}.entries`,
      section,
      label: 'Outcome entries recorded',
      column: 'Entries',
      kind: 'count',
      definition: 'Outcome entries dated this month.',
      ...count(total),
      people: countsByPerson(entries, ids),
    },
    ratioMetric(
      'goals-with-outcomes',
      'Active goals with at least one outcome entry this month',
      'Active goals with entries',
      withOutcomes,
      'higher',
      'Active goals of signed plans of people active at the end; counted when an entry this month names the goal.',
    ),
    ratioMetric(
      'goals-achieved',
      'Goals whose latest entry this month recorded the result achieved',
      'Latest entry achieved',
      achieved,
      'higher',
      'Goals with at least one entry this month; counted when the latest of them has `result: achieved` ' +
        "(the goal's status in the plan is shown in the goal table).",
    ),
    ratioMetric(
      'goals-without-progress',
      'Goals without progress (3 or more entries this month, none achieved or improving)',
      'Goals without progress',
      noProgress,
      'lower',
      'Goals with at least one entry this month; counted when there were 3 or more and none `achieved` or `improving`.',
    ),
    {
      id: `${section}.outcome-reviews-held`,
      section,
      label: 'Weekly outcome reviews held',
      column: 'Outcome reviews held',
      kind: 'count',
      better: 'higher',
      definition: 'Outcome reviews (`kind: outcomes`) dated this month.',
      ...count(held),
      people: countsByPerson(reviewsHeld, ids),
    },
    ratioMetric(
      'outcome-reviews-weekly',
      `People whose outcomes were reviewed at least every ${ctx.policy.outcome_review_days} days`,
      'Reviewed in time',
      weekly,
      'higher',
      'People supported under a signed plan this month; counted when, on every such day, the newest outcome review (or the first ' +
        `sign-off) was at most ${ctx.policy.outcome_review_days} days before.`,
    ),
  ];
}
