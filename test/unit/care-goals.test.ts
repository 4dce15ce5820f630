import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { type Goal, home, judge, KEY_WORKER, listFindings, load, needEntry, none, one, rulesOf } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/** src/rules/care/goals.ts (SPEC section 5.5): an active goal of the plan in force has a `by` date before as-of's local date. */

const goal = (change: Partial<Goal> = {}): Goal => ({
  id: 'mobility-goal',
  description: 'Walks to lunch',
  status: 'active',
  by: '2026-11-30',
  ...change,
});
/** p-a's plan with the given goals, signed off 2026-11-02, acknowledged and agreed. */
const withGoals = (...goals: Goal[]) =>
  home()
    .assess('2026-11-01T10:00')
    .plan({ updated: '2026-11-01T16:00', needs: [needEntry('mobility', { goals })] })
    .signoff('2026-11-02T09:00')
    .ack(KEY_WORKER, '2026-11-02T10:00')
    .agree('2026-11-02T11:00')
    .outcome('2026-11-28T12:00')
    .review('outcomes', '2026-11-28T15:00')
    .review('plan', '2026-11-28T11:00')
    .spotcheck('2026-11-28T10:00');

describe('goal-overdue', () => {
  it("nothing on the `by` date itself; a warning the next day, at the goal's `by`", () => {
    none(judge(withGoals(goal()), '2026-11-30'), 'goal-overdue');
    const findings = judge(withGoals(goal()), '2026-12-01');
    expect(rulesOf(findings), listFindings(findings)).toEqual(['goal-overdue']);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: 'people/p-a/plan.yaml',
      line: 12,
      due: '2026-11-30',
      since: '2026-11-30',
      subject: 'mobility-goal',
      message: 'goal mobility-goal was to be reached by 2026-11-30 and is still active (1 day past)',
    });
    expect(findings[0].fix).toContain('`careplan plan update p-a`');
  });
  it('one finding per overdue goal; achieved, discontinued and undated goals are not judged', () => {
    const h = withGoals(
      goal(),
      goal({ id: 'g2', by: '2026-11-20' }),
      goal({ id: 'g3', status: 'achieved' }),
      goal({ id: 'g4', status: 'discontinued' }),
      goal({ id: 'g5', by: undefined }),
      goal({ id: 'g6', by: '2027-01-31' }),
    );
    const found = judge(h, '2026-12-01').filter((f) => f.rule === 'goal-overdue');
    expect(found.map((f) => [f.subject, f.message.replace(/.*\(/, '(')])).toEqual([
      ['mobility-goal', '(1 day past)'],
      ['g2', '(11 days past)'],
    ]);
  });
  it('only once a version is in force: an unsigned plan, or a sign-off after as-of, has no goals to judge yet', () => {
    const unsigned = () =>
      home()
        .assess('2026-11-01T10:00')
        .plan({ needs: [needEntry('mobility', { goals: [goal({ by: '2026-11-02' })] })] });
    none(judge(unsigned(), '2026-11-04'), 'goal-overdue');
    none(judge(unsigned().signoff('2026-11-05T09:00'), '2026-11-04'), 'goal-overdue');
    one(judge(unsigned().signoff('2026-11-05T09:00'), '2026-11-05T09:00'), 'goal-overdue');
    none(judge(unsigned().signoff('2026-11-06T09:00', { by: KEY_WORKER }), '2026-11-10'), 'goal-overdue');
  });
  it('not for a discharged person', () => {
    none(judge(withGoals(goal()).person('p-a', { status: 'discharged', discharged: '2026-11-29' }), '2026-12-01'), 'goal-overdue');
  });
  it('careplan due lists the goal on its date', () => {
    const items = dueItems(load(withGoals(goal())), asOf('2026-11-28'), 7).filter((i) => i.rule === 'goal-overdue');
    expect(items).toEqual([
      expect.objectContaining({ what: 'review the goal', due: '2026-11-30', subject: 'mobility-goal', overdue: false }),
    ]);
  });
});
