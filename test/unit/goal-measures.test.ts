import { describe, expect, it } from 'vitest';
import {
  describeMeasures,
  describeTarget,
  isMeasured,
  measuredGoals,
  measureGoal,
  meetsTarget,
  numericTarget,
  periodValues,
} from '../../src/model/goalMeasures.js';
import type { OutcomeLog, Plan } from '../../src/model/records.generated.js';

type Goal = Plan['needs'][number]['goals'][number];
const ZONE = 'Europe/London';

const goal = (change: Partial<Goal> = {}): Goal => ({
  id: 'wt',
  description: 'Keeps her weight up',
  measure: 'weight',
  target: 60,
  unit: 'kg',
  status: 'active',
  ...change,
});
const entry = (at: string, value: number | undefined, change: Partial<OutcomeLog[number]> = {}): OutcomeLog[number] => ({
  at,
  by: 's-carl',
  goal: 'wt',
  result: 'improving',
  ...(value === undefined ? {} : { value }),
  ...change,
});

describe('meetsTarget', () => {
  it('increase: the target or more; decrease: the target or less (boundary included)', () => {
    expect([59.99, 60, 60.01].map((v) => meetsTarget(v, 60, 'increase'))).toEqual([false, true, true]);
    expect([1499, 1500, 1501].map((v) => meetsTarget(v, 1500, 'decrease'))).toEqual([true, true, false]);
  });

  it('maintain: within 5% of the target either way, boundary included, however the decimals round', () => {
    expect([56.99, 57, 60, 63, 63.01].map((v) => meetsTarget(v, 60, 'maintain'))).toEqual([false, true, true, true, false]);
    // 0.1 * 0.05 is not exact in binary: the boundary still holds.
    expect([0.095, 0.105, 0.1051].map((v) => meetsTarget(v, 0.1, 'maintain'))).toEqual([true, true, false]);
    // A target of nothing (no falls) is kept only by nothing; a negative target's tolerance is its size.
    expect([0, 0.001].map((v) => meetsTarget(v, 0, 'maintain'))).toEqual([true, false]);
    expect([-10.5, -9.5, -9.4].map((v) => meetsTarget(v, -10, 'maintain'))).toEqual([true, true, false]);
  });
});

describe('numericTarget', () => {
  it('a YAML number, or a string holding only a number; words are no target to measure against', () => {
    expect([60, '60', ' 1.5 ', '-2', '5 walks', 'independent', undefined].map((target) => numericTarget({ target }))).toEqual([
      60,
      60,
      1.5,
      -2,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('measureGoal', () => {
  it('first, latest and best by time (not file order), and met judged on the latest', () => {
    const entries = [
      entry('2026-11-10T09:00', 58),
      entry('2026-11-02T09:00', 55),
      entry('2026-11-20T09:00', 57),
      entry('2026-11-15T09:00', 58),
    ];
    expect(measureGoal(goal(), entries, ZONE)).toEqual({
      goal: 'wt',
      unit: 'kg',
      direction: 'increase',
      target: 60,
      count: 4,
      first: { at: '2026-11-02T09:00', date: '2026-11-02', value: 55 },
      latest: { at: '2026-11-20T09:00', date: '2026-11-20', value: 57 },
      // Two 58s: the earlier one is the best.
      best: { at: '2026-11-10T09:00', date: '2026-11-10', value: 58 },
      met: false,
    });
  });

  it('reached once and lost again is not met: the target is about now', () => {
    const m = measureGoal(goal(), [entry('2026-11-02T09:00', 61), entry('2026-11-09T09:00', 59)], ZONE);
    expect([m.best?.value, m.met]).toEqual([61, false]);
  });

  it('decrease: best is the lowest; maintain: best is the nearest the target', () => {
    const values = [entry('2026-11-02T09:00', 64), entry('2026-11-03T09:00', 58.5), entry('2026-11-04T09:00', 61)];
    expect(measureGoal(goal({ direction: 'decrease' }), values, ZONE)).toMatchObject({ best: { value: 58.5 }, met: false });
    expect(measureGoal(goal({ direction: 'maintain' }), values, ZONE)).toMatchObject({ best: { value: 61 }, met: true });
  });

  it("only this goal's entries that carry a value count, and offsets are read as moments", () => {
    const entries = [
      entry('2026-11-02T09:00', 55),
      entry('2026-11-03T09:00', undefined),
      entry('2026-11-04T09:00', 70, { goal: 'other' }),
      // 08:30Z is 08:30 local in November: after 08:00 local on the same day.
      entry('2026-11-05T08:30Z', 56),
      entry('2026-11-05T08:00', 57),
    ];
    const m = measureGoal(goal(), entries, ZONE);
    expect([m.count, m.first?.value, m.latest?.value]).toEqual([3, 55, 56]);
  });

  it('without a numeric target: first, latest and best, never met or not; maintaining nothing has no best', () => {
    const entries = [entry('2026-11-02T09:00', 1200), entry('2026-11-03T09:00', 1400)];
    const words = measureGoal(goal({ target: 'more than last week', unit: 'ml' }), entries, ZONE);
    expect(words).toMatchObject({ count: 2, best: { value: 1400 } });
    expect(words).not.toHaveProperty('target');
    expect(words).not.toHaveProperty('met');
    expect(measureGoal(goal({ target: undefined, direction: 'maintain' }), entries, ZONE)).not.toHaveProperty('best');
  });

  it('no values: only what the goal says', () => {
    expect(measureGoal(goal({ direction: undefined }), [], ZONE)).toEqual({
      goal: 'wt',
      unit: 'kg',
      direction: 'increase',
      target: 60,
      count: 0,
    });
  });
});

describe('measuredGoals', () => {
  it('goals that name a unit or have values, in plan order', () => {
    const plan = {
      needs: [
        { need: 'a', actions: [], goals: [goal({ id: 'walks', unit: undefined, target: 5 }), goal({ id: 'wt' })] },
        { need: 'b', actions: [], goals: [goal({ id: 'fluid', unit: undefined, target: undefined })] },
      ],
    } as unknown as Plan;
    const entries = [entry('2026-11-02T09:00', 1200, { goal: 'fluid' }), entry('2026-11-02T09:00', undefined, { goal: 'walks' })];
    expect(measuredGoals(plan, entries, ZONE).map((m) => [m.goal, m.count])).toEqual([
      ['wt', 0],
      ['fluid', 1],
    ]);
    expect(isMeasured(goal({ id: 'walks', unit: undefined }), entries)).toBe(false);
  });
});

describe('describeMeasures', () => {
  it("says first, latest, best and the target the goal's way", () => {
    const entries = [entry('2026-11-02T09:00', 55), entry('2026-11-20T09:00', 57)];
    expect(describeMeasures(measureGoal(goal(), entries, ZONE))).toBe(
      'first 55 kg on 2026-11-02, latest 57 kg on 2026-11-20, best 57 kg; target 60 kg or more: not met',
    );
    expect(describeMeasures(measureGoal(goal({ direction: 'maintain', target: 56 }), entries, ZONE))).toBe(
      'first 55 kg on 2026-11-02, latest 57 kg on 2026-11-20, best 55 kg; target about 56 kg (within 5%): met',
    );
    expect(describeMeasures(measureGoal(goal({ unit: undefined, direction: 'decrease', target: 56 }), entries.slice(0, 1), ZONE))).toBe(
      'one value: 55 on 2026-11-02; target 56 or less: met',
    );
    expect(describeMeasures(measureGoal(goal({ target: undefined }), entries, ZONE))).toBe(
      'first 55 kg on 2026-11-02, latest 57 kg on 2026-11-20, best 57 kg',
    );
    expect(describeMeasures(measureGoal(goal(), [], ZONE))).toBe('no values recorded yet; target 60 kg or more');
    expect(describeTarget({ direction: 'increase' })).toBeUndefined();
  });
});

describe('periodValues', () => {
  it("each measured goal's values within the period (inclusive), else the last before it, else none yet", () => {
    const plan = {
      needs: [
        {
          need: 'a',
          actions: [],
          goals: [goal(), goal({ id: 'fluid', unit: 'ml', target: 1500 }), goal({ id: 'walks', unit: undefined })],
        },
      ],
    } as unknown as Plan;
    const entries = [
      entry('2026-11-01T23:30', 54),
      entry('2026-11-02T00:10', 55),
      entry('2026-11-08T23:59', 56),
      entry('2026-11-09T07:00', 57),
      entry('2026-10-30T12:00', 1400, { goal: 'fluid' }),
    ];
    expect(periodValues(plan, entries, { from: '2026-11-02', to: '2026-11-08' }, ZONE)).toEqual(
      new Map([
        ['wt', 'first 55 kg on 2026-11-02, latest 56 kg on 2026-11-08, best 56 kg; target 60 kg or more: not met'],
        ['fluid', 'none in the period (the last was 1400 ml on 2026-10-30)'],
      ]),
    );
    expect(periodValues(plan, [], { from: '2026-11-02', to: '2026-11-08' }, ZONE).get('fluid')).toBe(
      'no values recorded yet; target 1500 ml or more',
    );
  });
});
