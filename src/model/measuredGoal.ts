import type { OutcomeLog, Plan } from './records.generated.js';
import { parseTimestamp, timestampDate } from './time.js';

/**
 * A measured goal's values (SPEC section 5.3): first, latest and best of the `value`s outcome
 * entries recorded for it, and whether the latest meets a numeric target the goal's way
 * (`direction`: increase, decrease or maintain; default increase). Pure.
 */

type Goal = Plan['needs'][number]['goals'][number];
type OutcomeEntry = OutcomeLog[number];
export type GoalDirection = NonNullable<Goal['direction']>;

/** A `maintain` target is met within this share of it either way (60 kg: 57 to 63 kg). */
export const MAINTAIN_WITHIN = 0.05;

export interface MeasuredValue {
  value: number;
  /** Local date it was recorded. */
  date: string;
}

export interface MeasuredGoal {
  unit?: string;
  direction: GoalDirection;
  /** The target when it is a number. */
  target?: number;
  /** How many values were recorded. */
  count: number;
  first?: MeasuredValue;
  latest?: MeasuredValue;
  /** The value that went furthest the goal's way (nearest the target, to maintain); the earliest of equals. */
  best?: MeasuredValue;
  /** Whether the latest value meets the target; undefined without a numeric target or a value. */
  met?: boolean;
}

function targetNumber(target: Goal['target']): number | undefined {
  if (typeof target === 'number') return Number.isFinite(target) ? target : undefined;
  return typeof target === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(target) ? Number(target) : undefined;
}

// Values are decimals people typed; compare them without binary rounding's last digit.
const EPSILON = 1e-9;

export function meetsTarget(value: number, target: number, direction: GoalDirection): boolean {
  if (direction === 'increase') return value >= target - EPSILON;
  if (direction === 'decrease') return value <= target + EPSILON;
  return Math.abs(value - target) <= Math.abs(target) * MAINTAIN_WITHIN + EPSILON;
}

function further(a: number, b: number, direction: GoalDirection, target: number | undefined): boolean {
  if (direction === 'increase') return a > b;
  if (direction === 'decrease') return a < b;
  return target !== undefined && Math.abs(a - target) < Math.abs(b - target);
}

/**
 * A goal's measured values from `entries` (any order), or undefined when the goal is not measured:
 * it names no `unit` and no entry for it carries a `value`.
 */
export function measuredGoal(goal: Goal, entries: readonly OutcomeEntry[], zone: string): MeasuredGoal | undefined {
  const values = entries
    .map((e, index) => ({ e, index, at: e.goal === goal.id && typeof e.value === 'number' ? parseTimestamp(e.at, zone) : undefined }))
    .filter((x): x is { e: OutcomeEntry; index: number; at: number } => x.at !== undefined)
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ e }) => ({ value: e.value as number, date: timestampDate(e.at, zone) as string }));
  if (goal.unit === undefined && values.length === 0) return undefined;
  const direction = goal.direction ?? 'increase';
  const target = targetNumber(goal.target);
  const measured: MeasuredGoal = {
    ...(goal.unit ? { unit: goal.unit } : {}),
    direction,
    ...(target === undefined ? {} : { target }),
    count: values.length,
  };
  if (!values.length) return measured;
  const latest = values[values.length - 1];
  let best: MeasuredValue | undefined = direction === 'maintain' && target === undefined ? undefined : values[0];
  for (const v of values) if (best && further(v.value, best.value, direction, target)) best = v;
  return {
    ...measured,
    first: values[0],
    latest,
    ...(best ? { best } : {}),
    ...(target === undefined ? {} : { met: meetsTarget(latest.value, target, direction) }),
  };
}
