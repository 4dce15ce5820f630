import type { OutcomeEntry } from '../model/workspace.js';
import type { AuditContext } from './context.js';
import { percentOf } from './metric.js';
import { weekOfDate, weeksOf } from './period.js';
import { addDays } from '../model/time.js';

export type Result = OutcomeEntry['result'];
export const RESULTS: readonly Result[] = ['achieved', 'improving', 'no-change', 'worsening', 'declined', 'not-attempted'];

export interface GoalWeek {
  week: number;
  from: string;
  to: string;
  entries: number;
  /** Entries achieved or improving. */
  progress: number;
  /** progress as a percentage of entries; null in a week without entries. */
  percent: number | null;
  results: Record<Result, number>;
}

export type GoalDirection = 'improving' | 'steady' | 'worsening' | 'too few entries' | 'no entries';

export interface GoalTrend {
  person: string;
  goal: string;
  /** The goal's status in the plan as it stood at the end; undefined when the plan does not name it. */
  status?: string;
  entries: number;
  weeks: GoalWeek[];
  direction: GoalDirection;
}

/** A change of this many percentage points between the month's halves is a trend. */
export const TREND_POINTS = 15;
/** Entries each half of the month needs before a direction is given. */
export const TREND_MIN_ENTRIES = 3;

/**
 * Each goal's results week by week over the month (SPEC section 4, "each goal's trend over the
 * month"): every goal with entries this month, and every active goal of a signed plan without.
 * Weeks are days 1-7, 8-14, 15-21, 22-28 and the rest. The direction compares the share of entries
 * achieved or improving in the first and the second half of the period (each needs
 * TREND_MIN_ENTRIES entries): a short last week must not decide it alone.
 */
export function goalTrends(ctx: AuditContext): GoalTrend[] {
  const weeks = weeksOf(ctx.period);
  const middle = addDays(ctx.period.first, Math.ceil(ctx.period.days / 2));
  const trends: GoalTrend[] = [];
  for (const f of ctx.inCare) {
    const byGoal = new Map<string, GoalWeek[]>();
    const halves = new Map<string, { early: [number, number]; late: [number, number] }>();
    const fresh = () => weeks.map((w) => ({
      week: w.index, from: w.from, to: w.to, entries: 0, progress: 0, percent: null,
      results: Object.fromEntries(RESULTS.map((r) => [r, 0])) as Record<Result, number>,
    }));
    const planGoals = f.plan ? f.plan.data.needs.flatMap((n) => n.goals) : [];
    const signed = ctx.status(f).first !== undefined && f.person!.data.status === 'active';
    for (const g of planGoals) if (signed && g.status === 'active') byGoal.set(g.id, fresh());
    for (const { entry, date } of ctx.entries(f)) {
      const goal = entry.data.goal;
      if (!goal) continue;
      let list = byGoal.get(goal);
      if (!list) byGoal.set(goal, (list = fresh()));
      const week = list[weekOfDate(date) - 1];
      const half = halves.get(goal) ?? { early: [0, 0], late: [0, 0] };
      const side = date < middle ? half.early : half.late;
      side[1]++;
      if (entry.data.result === 'achieved' || entry.data.result === 'improving') side[0]++;
      halves.set(goal, half);
      week.entries++;
      week.results[entry.data.result]++;
      if (entry.data.result === 'achieved' || entry.data.result === 'improving') week.progress++;
    }
    const order = new Map(planGoals.map((g, i) => [g.id, i]));
    const ids = [...byGoal.keys()].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b));
    for (const goal of ids) {
      const list = byGoal.get(goal)!;
      for (const w of list) w.percent = percentOf(w.progress, w.entries);
      const entries = list.reduce((n, w) => n + w.entries, 0);
      const half = halves.get(goal);
      let direction: GoalDirection = entries === 0 ? 'no entries' : 'too few entries';
      if (half && half.early[1] >= TREND_MIN_ENTRIES && half.late[1] >= TREND_MIN_ENTRIES) {
        const change = (100 * half.late[0]) / half.late[1] - (100 * half.early[0]) / half.early[1];
        direction = change >= TREND_POINTS ? 'improving' : change <= -TREND_POINTS ? 'worsening' : 'steady';
      }
      trends.push({ person: f.id, goal, status: planGoals.find((g) => g.id === goal)?.status, entries, weeks: list, direction });
    }
  }
  return trends;
}
