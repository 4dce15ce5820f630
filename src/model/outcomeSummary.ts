import type { OutcomeLog, OutcomeReview, Plan } from './records.generated.js';
import { timestampDate } from './time.js';
import { plural } from './words.js';

type Entry = OutcomeLog[number];
type Result = Entry['result'];
export type Trend = OutcomeReview['goals'][number]['trend'];

/** One goal's outcomes over a review period: what the key worker looks at to judge its trend. */
export interface GoalSummary {
  goal: string;
  description?: string;
  status?: string;
  entries: number;
  byResult: Partial<Record<Result, number>>;
  variations: { at: string; by: string; text: string }[];
  /** A starting point for the key worker's judgement, never recorded without them. */
  suggested: Trend;
}

const UP: readonly Result[] = ['achieved', 'improving'];
const DOWN: readonly Result[] = ['worsening', 'declined'];

export function suggestTrend(byResult: Partial<Record<Result, number>>): Trend {
  const count = (results: readonly Result[]) => results.reduce((n, r) => n + (byResult[r] ?? 0), 0);
  const total = Object.values(byResult).reduce((n, v) => n + (v ?? 0), 0);
  if (total === 0) return 'no-data';
  const score = count(UP) - count(DOWN);
  return score > 0 ? 'improving' : score < 0 ? 'worsening' : 'stable';
}

/**
 * Each goal's results within the period (local dates, inclusive): the plan's active goals, and
 * any other goal that has entries in it. Pure: entries and plan in, summaries out.
 */
export function summariseOutcomes(
  plan: Plan,
  entries: readonly Entry[],
  period: { from: string; to: string },
  zone: string,
): GoalSummary[] {
  const goals = plan.needs.flatMap((n) => n.goals);
  const inPeriod = entries.filter((e) => {
    const date = timestampDate(e.at, zone);
    return e.goal !== undefined && date !== undefined && date >= period.from && date <= period.to;
  });
  const ids = [...new Set([...goals.filter((g) => g.status === 'active').map((g) => g.id), ...inPeriod.map((e) => e.goal!)])];
  return ids.map((id) => {
    const goal = goals.find((g) => g.id === id);
    const mine = inPeriod.filter((e) => e.goal === id);
    const byResult: Partial<Record<Result, number>> = {};
    for (const e of mine) byResult[e.result] = (byResult[e.result] ?? 0) + 1;
    return {
      goal: id,
      description: goal?.description,
      status: goal?.status,
      entries: mine.length,
      byResult,
      variations: mine.filter((e) => e.variation).map((e) => ({ at: e.at, by: e.by, text: e.variation! })),
      suggested: suggestTrend(byResult),
    };
  });
}

/** "5 entries: improving 3, no-change 1, worsening 1; 2 variations" */
export function describeSummary(s: GoalSummary): string {
  if (s.entries === 0) return 'no entries';
  const results = Object.entries(s.byResult)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  return (
    `${plural(s.entries, 'entry', 'entries')}: ${results}` + `${s.variations.length ? `; ${plural(s.variations.length, 'variation')}` : ''}`
  );
}
