import { isMeasured, measureGoal, type GoalMeasures } from '../model/goalMeasures.js';
import { daysBetween } from '../model/time.js';
import type { OutcomeEntry } from '../model/workspace.js';
import type { AuditContext, TimedEntry } from './context.js';
import { percentOf } from './metric.js';
import { weekOfDate, weeksOf, type AuditPeriod, type AuditWeek } from './period.js';
import { compareText } from '../model/textOrder.js';

export type Result = OutcomeEntry['result'];
export const RESULTS: readonly Result[] = ['achieved', 'improving', 'no-change', 'worsening', 'declined', 'not-attempted'];

export interface GoalWeek {
  week: number;
  from: string;
  to: string;
  /** Seven days that have all passed by the period's end: only full weeks decide the trend. */
  full: boolean;
  entries: number;
  /** Entries achieved or improving. */
  progress: number;
  /** progress as a percentage of entries; null in a week without entries. */
  percent: number | null;
  results: Record<Result, number>;
}

export type GoalDirection = 'improving' | 'steady' | 'worsening' | 'too few entries' | 'no entries';

/** Entries achieved or improving of the entries counted, in one half of the trend. */
export interface TrendHalf {
  progress: number;
  entries: number;
}

export interface GoalTrend {
  person: string;
  goal: string;
  /** The goal's status in the plan as it stood at the end; undefined when the plan does not name it. */
  status?: string;
  entries: number;
  weeks: GoalWeek[];
  direction: GoalDirection;
  /** The two halves the direction compares, when there were entries in full weeks. */
  halves?: { earlier: TrendHalf; later: TrendHalf };
  /** A measured goal's values up to the end against its target (SPEC section 5.3). */
  measured?: GoalMeasures;
}

/** A change of this many percentage points between the halves is a trend. */
export const TREND_POINTS = 15;
/** Entries each half needs before a direction is given. */
export const TREND_MIN_ENTRIES = 3;
/** The least difference, in entries, that makes a trend: one entry alone never does. */
export const TREND_MIN_SHIFT = 2;

/** The rule the direction follows, in words, for the report to state beside the table. */
export const GOAL_TREND_RULE =
  `The trend uses the entries of full weeks only (seven days that have passed; a shorter or running week is shown hollow ` +
  `and not used), split in time order into an earlier and a later half. It is improving when the later half's share achieved or ` +
  `improving is ${TREND_POINTS} points or more above the earlier half's and that is at least ${TREND_MIN_SHIFT} entries more than the ` +
  `earlier share would give, ` +
  `so one entry alone (a single refusal) never makes a trend; worsening the same way below; otherwise steady. Each half needs ` +
  `${TREND_MIN_ENTRIES} entries or more, else "too few entries".`;

const PROGRESS: ReadonlySet<Result> = new Set(['achieved', 'improving']);

/** Whether a week of the month is seven days that have all passed by the period's end. */
export function isFullWeek(week: AuditWeek, period: AuditPeriod): boolean {
  return daysBetween(week.from, week.to) === 6 && (period.complete || week.to < period.endDate);
}

/** The direction of a goal's entries in full weeks (time order), by GOAL_TREND_RULE. */
export function trendOf(entries: readonly Result[]): { direction: GoalDirection; halves?: GoalTrend['halves'] } {
  if (entries.length === 0) return { direction: 'too few entries' };
  const middle = Math.floor(entries.length / 2);
  const half = (list: readonly Result[]): TrendHalf => ({ progress: list.filter((r) => PROGRESS.has(r)).length, entries: list.length });
  const halves = { earlier: half(entries.slice(0, middle)), later: half(entries.slice(middle)) };
  const { earlier, later } = halves;
  if (earlier.entries < TREND_MIN_ENTRIES || later.entries < TREND_MIN_ENTRIES) return { direction: 'too few entries', halves };
  const change = (100 * later.progress) / later.entries - (100 * earlier.progress) / earlier.entries;
  // How many entries of the later half went otherwise than the earlier half's share would have them go.
  const shift = Math.abs(later.progress - (earlier.progress / earlier.entries) * later.entries);
  if (shift < TREND_MIN_SHIFT - 1e-9) return { direction: 'steady', halves };
  return { direction: change >= TREND_POINTS ? 'improving' : change <= -TREND_POINTS ? 'worsening' : 'steady', halves };
}

/**
 * Each goal's results week by week over the month (SPEC section 4, "each goal's trend over the
 * month"): every goal with entries this month, and every active goal of a signed plan without.
 * Weeks are days 1-7, 8-14, 15-21, 22-28 and the rest; the direction follows GOAL_TREND_RULE.
 */
export function goalTrends(ctx: AuditContext): GoalTrend[] {
  const weeks = weeksOf(ctx.period);
  const trends: GoalTrend[] = [];
  for (const f of ctx.inCare) {
    const byGoal = new Map<string, { weeks: GoalWeek[]; entries: TimedEntry[] }>();
    const fresh = () => ({
      entries: [],
      weeks: weeks.map((w) => ({
        week: w.index,
        from: w.from,
        to: w.to,
        full: isFullWeek(w, ctx.period),
        entries: 0,
        progress: 0,
        percent: null,
        results: Object.fromEntries(RESULTS.map((r) => [r, 0])) as Record<Result, number>,
      })),
    });
    const planGoals = f.plan ? f.plan.data.needs.flatMap((n) => n.goals) : [];
    const signed = ctx.status(f).first !== undefined && f.person!.data.status === 'active';
    for (const g of planGoals) if (signed && g.status === 'active') byGoal.set(g.id, fresh());
    for (const timed of ctx.entries(f)) {
      const goal = timed.entry.data.goal;
      if (!goal) continue;
      let record = byGoal.get(goal);
      if (!record) byGoal.set(goal, (record = fresh()));
      const week = record.weeks[weekOfDate(timed.date) - 1];
      week.entries++;
      week.results[timed.entry.data.result]++;
      if (PROGRESS.has(timed.entry.data.result)) week.progress++;
      record.entries.push(timed);
    }
    const order = new Map(planGoals.map((g, i) => [g.id, i]));
    const ids = [...byGoal.keys()].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b));
    const outcomes = f.outcomes.map((e) => e.data);
    for (const goal of ids) {
      const { weeks: list, entries } = byGoal.get(goal)!;
      for (const w of list) w.percent = percentOf(w.progress, w.entries);
      const inFullWeeks = entries.filter((e) => list[weekOfDate(e.date) - 1].full).map((e) => e.entry.data.result);
      const trend = trendOf(inFullWeeks);
      const planGoal = planGoals.find((g) => g.id === goal);
      const measured = planGoal && isMeasured(planGoal, outcomes) ? measureGoal(planGoal, outcomes, ctx.zone) : undefined;
      trends.push({
        person: f.id,
        goal,
        status: planGoal?.status,
        entries: entries.length,
        weeks: list,
        direction: entries.length === 0 ? 'no entries' : trend.direction,
        ...(trend.halves ? { halves: trend.halves } : {}),
        ...(measured ? { measured } : {}),
      });
    }
  }
  return trends;
}
