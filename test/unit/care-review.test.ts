import { describe, expect, it } from 'vitest';
import { home, judge, none, one, signedHome } from '../helpers/care.js';

/**
 * src/rules/care/review.ts and src/model/reviewDue.ts. Review due date = the local date of the
 * later of the newest plan review and the newest sign-off, plus review_interval_days; overdue from
 * the next day; review-due within review_warn_days of it.
 */

const PLAN = 'people/p-a/plan.yaml';

describe('review-overdue / review-due', () => {
  // signedHome: signed off 2026-11-02T09:00, so the review is due 2026-11-30.
  it('review-overdue (error) from the day after the due date, at the plan', () => {
    const f = one(judge(signedHome(), '2026-12-01T00:00'), 'review-overdue');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: PLAN, line: 1, due: '2026-11-30', since: '2026-11-02' });
    expect(f.fix).toContain('careplan review p-a --kind plan');
  });
  it('exactly 28 days after the sign-off is the due date: review-due, not overdue, to the end of that day', () => {
    const findings = judge(signedHome(), '2026-11-30');
    expect(one(findings, 'review-due')).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: 1, due: '2026-11-30' });
    none(findings, 'review-overdue');
  });
  it('review-due from review_warn_days (7) before the due date, not 8', () => {
    one(judge(signedHome(), '2026-11-23T00:00'), 'review-due');
    none(judge(signedHome(), '2026-11-22'), 'review-due', 'review-overdue');
  });
  it('a plan review restarts the clock', () => {
    const h = signedHome().review('plan', '2026-11-20T10:00');
    none(judge(h, '2026-12-01'), 'review-due', 'review-overdue');
    expect(one(judge(h, '2026-12-11'), 'review-due').due).toBe('2026-12-18');
    one(judge(h, '2026-12-19'), 'review-overdue');
  });
  it('so does a newer sign-off, whichever is later', () => {
    const h = signedHome().review('plan', '2026-11-10T10:00').plan({ version: 2, about_me: 'Changed.' }).signoff('2026-11-15T10:00');
    expect(one(judge(h, '2026-12-13'), 'review-due').due).toBe('2026-12-13');
    expect(one(judge(h, '2026-12-14'), 'review-overdue').since).toBe('2026-11-15');
  });
  it('a plan review older than the newest sign-off does not bring the date forward', () => {
    const h = signedHome().review('plan', '2026-11-01T12:00');
    expect(one(judge(h, '2026-11-30'), 'review-due').due).toBe('2026-11-30');
  });
  it('an outcome review is not a plan review', () => {
    one(judge(signedHome().review('outcomes', '2026-11-20T10:00'), '2026-12-01'), 'review-overdue');
  });
  it('starting point: with no sign-off there is no review due date', () => {
    none(judge(home().assess('2026-11-01T10:00').plan(), '2026-12-31'), 'review-due', 'review-overdue');
  });
  it('clocks forward (2026-03-29): signed 2026-03-01, due 2026-03-29, overdue from local midnight', () => {
    const h = home().person('p-a', { admitted: '2026-02-27' }).assess('2026-02-27T10:00').plan().signoff('2026-03-01T10:00');
    one(judge(h, '2026-03-29T23:59'), 'review-due');
    // 00:30 summer time is still 2026-03-29 in UTC: the local date decides.
    one(judge(h, '2026-03-30T00:30'), 'review-overdue');
  });
  it('clocks back (2026-10-25): a sign-off just after local midnight counts from its local date', () => {
    // 2026-09-27T23:30Z is 2026-09-28T00:30 summer time: due 2026-10-26, not 2026-10-25.
    const h = home().person('p-a', { admitted: '2026-09-25' }).assess('2026-09-25T10:00').plan().signoff('2026-09-27T23:30Z');
    expect(one(judge(h, '2026-10-26'), 'review-due').due).toBe('2026-10-26');
    one(judge(h, '2026-10-27T00:00'), 'review-overdue');
  });
  it('review_interval_days and review_warn_days in careplan.yaml', () => {
    const h = signedHome().policy({ review_interval_days: 14, review_warn_days: 0 });
    none(judge(h, '2026-11-15'), 'review-due', 'review-overdue');
    expect(one(judge(h, '2026-11-16'), 'review-due').due).toBe('2026-11-16');
    one(judge(h, '2026-11-17'), 'review-overdue');
  });
  it('not for a discharged person', () => {
    none(
      judge(signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-20' }), '2026-12-31'),
      'review-due',
      'review-overdue',
    );
  });
});
