import { describe, expect, it } from 'vitest';
import { home, judge, needEntry, none, one, signedHome } from '../helpers/care.js';

/**
 * src/rules/care/outcomes.ts (policy steps 5-6): outcomes recorded for every active goal, progress
 * made, the key worker's weekly outcome review. Day windows compare local calendar dates.
 */

const PLAN = 'people/p-a/plan.yaml';
const GOAL_LINE = 12;

describe('outcomes-missing', () => {
  // signedHome: signed off 2026-11-02, goal mobility-goal active.
  it('no entry for an active goal more than 7 days after the sign-off: warning at the goal', () => {
    const f = one(judge(signedHome(), '2026-11-10T00:00'), 'outcomes-missing');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: GOAL_LINE, since: '2026-11-02', due: '2026-11-09' });
    expect(f.fix).toContain('careplan outcome p-a --goal mobility-goal');
  });
  it('not exactly 7 days after', () => {
    none(judge(signedHome(), '2026-11-09'), 'outcomes-missing');
  });
  it('counted from the latest entry for the goal', () => {
    const h = signedHome().outcome('2026-11-03T12:00').outcome('2026-11-05T23:59');
    none(judge(h, '2026-11-12'), 'outcomes-missing');
    expect(one(judge(h, '2026-11-13T00:00'), 'outcomes-missing').since).toBe('2026-11-05');
  });
  it('entries for another goal or for actions only do not count', () => {
    const h = signedHome().outcome('2026-11-08T12:00', { goal: undefined, actions: ['mobility-act'] });
    one(judge(h, '2026-11-10'), 'outcomes-missing');
  });
  it('goals achieved or discontinued need no more entries', () => {
    const h = home()
      .assess('2026-11-01T10:00')
      .plan({ needs: [needEntry('mobility', { goals: [{ id: 'walk', description: 'Walks', status: 'achieved' }] })] })
      .signoff('2026-11-02T09:00');
    none(judge(h, '2026-11-30'), 'outcomes-missing');
  });
  it('starting point: an unsigned plan has no outcome clock', () => {
    none(judge(home().assess('2026-11-01T10:00').plan(), '2026-11-30'), 'outcomes-missing');
  });
  it('clocks back (2026-10-25): 7 calendar days, though more than 7 × 24 hours have passed', () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-01' })
      .assess('2026-10-01T10:00')
      .plan()
      .signoff('2026-10-02T09:00')
      .outcome('2026-10-18T23:30')
      .review('outcomes', '2026-10-24T10:00');
    none(judge(h, '2026-10-25T23:15'), 'outcomes-missing');
    one(judge(h, '2026-10-26T00:15'), 'outcomes-missing');
  });
  it('judged on the goals of plan.yaml as it stands: a goal added since the sign-off counts from that sign-off', () => {
    const h = signedHome()
      .outcome('2026-11-08T12:00')
      .plan({
        updated: '2026-11-08T13:00',
        needs: [
          needEntry('mobility', { goals: [...needEntry('mobility').goals, { id: 'stairs', description: 'Stairs', status: 'active' }] }),
        ],
      });
    const f = one(judge(h, '2026-11-10'), 'outcomes-missing');
    expect(f.message).toContain('stairs');
    expect(f.since).toBe('2026-11-02');
  });
  it('outcome_gap_days in careplan.yaml', () => {
    const h = signedHome().policy({ outcome_gap_days: 3 });
    none(judge(h, '2026-11-05'), 'outcomes-missing');
    one(judge(h, '2026-11-06'), 'outcomes-missing');
  });
});

describe('no-progress', () => {
  const stuck = () =>
    signedHome()
      .outcome('2026-11-03T12:00', { result: 'no-change' })
      .outcome('2026-11-20T12:00', { result: 'declined' })
      .outcome('2026-11-25T12:00', { result: 'worsening' });
  it('3 entries in the last 28 days and none achieved or improving: warning at the goal', () => {
    const f = one(judge(stuck(), '2026-11-26'), 'no-progress');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: GOAL_LINE, since: '2026-11-03' });
    expect(f.fix).toContain('careplan review p-a');
  });
  it('an entry exactly 28 days back is in the window; 29 days back is not', () => {
    one(judge(stuck(), '2026-12-01'), 'no-progress');
    none(judge(stuck(), '2026-12-02'), 'no-progress');
  });
  it('one improving or achieved entry is progress', () => {
    none(judge(stuck().outcome('2026-11-25T18:00', { result: 'improving' }), '2026-11-26'), 'no-progress');
    none(judge(stuck().outcome('2026-11-25T18:00', { result: 'achieved' }), '2026-11-26'), 'no-progress');
  });
  it('2 entries are not enough to judge', () => {
    const h = signedHome().outcome('2026-11-20T12:00', { result: 'no-change' }).outcome('2026-11-25T12:00', { result: 'no-change' });
    none(judge(h, '2026-11-26'), 'no-progress');
  });
  it('starting point: not judged before the plan is signed off (care-before-signoff reports those entries)', () => {
    const h = home()
      .assess('2026-11-01T10:00')
      .plan()
      .outcome('2026-11-20T12:00', { result: 'no-change' })
      .outcome('2026-11-21T12:00', { result: 'no-change' })
      .outcome('2026-11-22T12:00', { result: 'no-change' });
    const findings = judge(h, '2026-11-26');
    none(findings, 'no-progress');
    one(findings, 'care-before-signoff');
  });
  it('no_progress_days in careplan.yaml', () => {
    none(judge(stuck().policy({ no_progress_days: 14 }), '2026-11-26'), 'no-progress');
  });
});

describe('outcome-review-overdue', () => {
  it('no outcome review more than 7 days after the first sign-off: warning at the plan', () => {
    const f = one(judge(signedHome(), '2026-11-10T00:00'), 'outcome-review-overdue');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: 1, since: '2026-11-02', due: '2026-11-09' });
    expect(f.fix).toContain('careplan review p-a --kind outcomes');
  });
  it('not exactly 7 days after', () => {
    none(judge(signedHome(), '2026-11-09'), 'outcome-review-overdue');
  });
  it('counted from the newest outcome review', () => {
    const h = signedHome().review('outcomes', '2026-11-08T15:00');
    none(judge(h, '2026-11-15'), 'outcome-review-overdue');
    expect(one(judge(h, '2026-11-16'), 'outcome-review-overdue').since).toBe('2026-11-08');
  });
  it('a plan review is not an outcome review', () => {
    one(judge(signedHome().review('plan', '2026-11-08T15:00'), '2026-11-10'), 'outcome-review-overdue');
  });
  it('a newer sign-off does not restart the clock: it runs from the first sign-off', () => {
    const h = signedHome().plan({ version: 2, about_me: 'Changed.' }).signoff('2026-11-08T09:00');
    one(judge(h, '2026-11-10'), 'outcome-review-overdue');
  });
  it('starting point: no sign-off, no outcome-review clock', () => {
    none(judge(home().assess('2026-11-01T10:00').plan(), '2026-11-30'), 'outcome-review-overdue');
    none(
      judge(home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00', { by: 's-ben' }), '2026-11-30'),
      'outcome-review-overdue',
    );
  });
  it('clocks back (2026-10-25): a review 2026-10-18T23:30 is 7 calendar days before 2026-10-25T23:15', () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-01' })
      .assess('2026-10-01T10:00')
      .plan()
      .signoff('2026-10-02T09:00')
      .review('outcomes', '2026-10-18T23:30');
    none(judge(h, '2026-10-25T23:15'), 'outcome-review-overdue');
    one(judge(h, '2026-10-26T00:15'), 'outcome-review-overdue');
  });
  it('clocks forward (2026-03-29): a review 2026-03-22T00:30 is 7 calendar days before the end of 2026-03-29', () => {
    const h = home()
      .person('p-a', { admitted: '2026-03-01' })
      .assess('2026-03-01T10:00')
      .plan()
      .signoff('2026-03-02T09:00')
      .review('outcomes', '2026-03-22T00:30');
    none(judge(h, '2026-03-29'), 'outcome-review-overdue');
    one(judge(h, '2026-03-30T00:01'), 'outcome-review-overdue');
  });
  it('outcome_review_days in careplan.yaml', () => {
    const h = signedHome().policy({ outcome_review_days: 14 });
    none(judge(h, '2026-11-16'), 'outcome-review-overdue');
    one(judge(h, '2026-11-17'), 'outcome-review-overdue');
  });
});
