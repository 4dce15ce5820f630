import type { OutcomeLog, Plan } from './records.generated.js';
import { parseTimestamp, timestampDate } from './time.js';

/**
 * Measured outcomes (SPEC section 5.3): a goal with a numeric `target`, a `unit` and a
 * `direction`, and the `value`s outcome entries recorded for it, summed up as first, latest, best
 * and whether the target is met. Pure, so the weekly review, `plan show`, `history`, the audit and
 * the easy-read plan all say the same thing about the same values.
 */

type Goal = Plan['needs'][number]['goals'][number];
type Entry = OutcomeLog[number];
export type Direction = NonNullable<Goal['direction']>;

/**
 * How close the latest value must be to a `maintain` target to meet it: within 5% of the target,
 * either way, boundary included. A weight kept at 60 kg means 57 to 63 kg; 5% is the change the
 * MUST screening tool starts to count as significant weight loss, and a fixed amount could not
 * suit kilograms and millilitres alike.
 */
export const MAINTAIN_TOLERANCE = 0.05;

export interface Measurement {
  /** The entry's `at`, as recorded. */
  at: string;
  /** Its local date. */
  date: string;
  value: number;
}

export interface GoalMeasures {
  goal: string;
  unit?: string;
  direction: Direction;
  /** The target when it is a number; undefined for a target in words, or none. */
  target?: number;
  /** How many values were recorded. */
  count: number;
  first?: Measurement;
  latest?: Measurement;
  /** The value that went furthest the goal's way (nearest the target, to maintain); the earliest of equals. */
  best?: Measurement;
  /** Whether the latest value meets the target; undefined without a numeric target or without a value. */
  met?: boolean;
}

/** A goal's target as a number: a YAML number, or a string that is only a number ("60", "1.5"). */
export function numericTarget(goal: Pick<Goal, 'target'>): number | undefined {
  if (typeof goal.target === 'number') return Number.isFinite(goal.target) ? goal.target : undefined;
  if (typeof goal.target === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(goal.target)) return Number(goal.target);
  return undefined;
}

// Values are decimals people typed (57.15 kg); compare them without binary rounding's last digit.
const EPSILON = 1e-9;

/** Whether one value meets the target, the goal's way: at least it, at most it, or within MAINTAIN_TOLERANCE of it. */
export function meetsTarget(value: number, target: number, direction: Direction): boolean {
  if (direction === 'increase') return value >= target - EPSILON;
  if (direction === 'decrease') return value <= target + EPSILON;
  return Math.abs(value - target) <= Math.abs(target) * MAINTAIN_TOLERANCE + EPSILON;
}

/** Whether `a` went further the goal's way than `b` (strictly). */
function better(a: number, b: number, direction: Direction, target: number | undefined): boolean {
  if (direction === 'increase') return a > b;
  if (direction === 'decrease') return a < b;
  return target !== undefined && Math.abs(a - target) < Math.abs(b - target);
}

/** One goal's values, from every outcome entry for it that carries one, oldest first. */
export function measureGoal(goal: Goal, entries: readonly Entry[], zone: string): GoalMeasures {
  const direction = goal.direction ?? 'increase';
  const target = numericTarget(goal);
  const values = entries
    .map((e, index) => ({ e, index, ms: e.goal === goal.id && typeof e.value === 'number' ? parseTimestamp(e.at, zone) : undefined }))
    .filter((x): x is { e: Entry; index: number; ms: number } => x.ms !== undefined)
    .sort((a, b) => a.ms - b.ms || a.index - b.index)
    .map(({ e }) => ({ at: e.at, date: timestampDate(e.at, zone)!, value: e.value! }));
  const measures: GoalMeasures = {
    goal: goal.id,
    ...(goal.unit ? { unit: goal.unit } : {}),
    direction,
    ...(target !== undefined ? { target } : {}),
    count: values.length,
  };
  if (!values.length) return measures;
  const latest = values[values.length - 1];
  let best: Measurement | undefined = direction === 'maintain' && target === undefined ? undefined : values[0];
  for (const v of values) if (best && better(v.value, best.value, direction, target)) best = v;
  return {
    ...measures,
    first: values[0],
    latest,
    ...(best ? { best } : {}),
    ...(target !== undefined ? { met: meetsTarget(latest.value, target, direction) } : {}),
  };
}

/** A goal counts as measured when it names a unit or an entry recorded a value for it. */
export function isMeasured(goal: Goal, entries: readonly Entry[]): boolean {
  return goal.unit !== undefined || entries.some((e) => e.goal === goal.id && typeof e.value === 'number');
}

/** Every measured goal of the plan, in plan order. */
export function measuredGoals(plan: Plan, entries: readonly Entry[], zone: string): GoalMeasures[] {
  return plan.needs
    .flatMap((n) => n.goals)
    .filter((g) => isMeasured(g, entries))
    .map((g) => measureGoal(g, entries, zone));
}

const amount = (value: number, unit: string | undefined) => (unit ? `${value} ${unit}` : String(value));

/** "60 kg or more", "1500 ml or less", "about 60 kg (within 5%)". */
export function describeTarget(m: Pick<GoalMeasures, 'target' | 'unit' | 'direction'>): string | undefined {
  if (m.target === undefined) return undefined;
  const t = amount(m.target, m.unit);
  if (m.direction === 'increase') return `${t} or more`;
  if (m.direction === 'decrease') return `${t} or less`;
  return `about ${t} (within ${MAINTAIN_TOLERANCE * 100}%)`;
}

/** "first 55 kg on 2026-11-02, latest 57 kg on 2026-11-20, best 57 kg; target 60 kg or more: not met" */
export function describeMeasures(m: GoalMeasures): string {
  const target = describeTarget(m);
  const against = target ? `; target ${target}${m.met === undefined ? '' : m.met ? ': met' : ': not met'}` : '';
  if (!m.first || !m.latest) return `no values recorded yet${against}`;
  const on = (v: Measurement) => `${amount(v.value, m.unit)} on ${v.date}`;
  if (m.count === 1) return `one value: ${on(m.latest)}${against}`;
  const best = m.best ? `, best ${amount(m.best.value, m.unit)}` : '';
  return `first ${on(m.first)}, latest ${on(m.latest)}${best}${against}`;
}

/**
 * What the weekly outcome review shows beside each measured goal's results: its values within the
 * period (local dates, inclusive) against the target, or, with none, the last one before it.
 */
export function periodValues(
  plan: Plan,
  entries: readonly Entry[],
  period: { from: string; to: string },
  zone: string,
): Map<string, string> {
  const dated = entries
    .map((e) => ({ e, date: timestampDate(e.at, zone) }))
    .filter((x): x is { e: Entry; date: string } => x.date !== undefined);
  const inPeriod = dated.filter((x) => x.date >= period.from && x.date <= period.to).map((x) => x.e);
  const earlier = dated.filter((x) => x.date < period.from).map((x) => x.e);
  const out = new Map<string, string>();
  for (const goal of plan.needs.flatMap((n) => n.goals)) {
    if (!isMeasured(goal, entries)) continue;
    const m = measureGoal(goal, inPeriod, zone);
    const last = m.count ? undefined : measureGoal(goal, earlier, zone).latest;
    out.set(goal.id, last ? `none in the period (the last was ${amount(last.value, goal.unit)} on ${last.date})` : describeMeasures(m));
  }
  return out;
}
