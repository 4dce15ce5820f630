import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { judge, KEY_WORKER, load, none, one, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/**
 * src/rules/care/planUpdate.ts (SPEC section 5.5): a weekly outcome review with
 * `plan_update_needed: true`, or a plan review with `result: updated`, is followed by an authorised
 * sign-off later than it within plan_due_hours (48).
 */

const OUTCOME_REVIEW = 'people/p-a/reviews/2026-11-09-outcomes.yaml';
/** The weekly outcome review of 2026-11-09T15:00 asks for an update: due by 2026-11-11T15:00. */
const asked = () => signedHome().review('outcomes', '2026-11-09T15:00', { plan_update_needed: true });
/** The plan updated the next morning (version 2), not yet signed off. */
const updated = () => asked().plan({ version: 2, updated: '2026-11-10T10:00', about_me: 'Likes crosswords and her cat.' });

describe('plan-update-missing', () => {
  it('nothing at exactly 48 hours; a warning one minute later, at `plan_update_needed`', () => {
    none(judge(asked(), '2026-11-11T15:00'), 'plan-update-missing');
    const f = one(judge(asked(), '2026-11-11T15:01'), 'plan-update-missing');
    expect(f).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: OUTCOME_REVIEW,
      line: 6,
      due: '2026-11-11T15:00',
      since: '2026-11-09T15:00',
    });
    expect(f.message).toBe(
      'the weekly outcome review of 2026-11-09T15:00 said the plan needs updating, and no sign-off has followed ' +
        '(due within 48 hours, by 2026-11-11T15:00)',
    );
    expect(f.fix).toBe(
      'the key worker updates the plan (`careplan plan update p-a`) and the Registered Manager signs it off (`careplan signoff p-a`)',
    );
  });
  it('a plan review with result updated asks for one too, reported at `result`', () => {
    const f = one(judge(signedHome().review('plan', '2026-11-09T11:00', { result: 'updated' }), '2026-11-12'), 'plan-update-missing');
    expect(f).toMatchObject({ file: 'people/p-a/reviews/2026-11-09-plan.yaml', line: 7 });
    expect(f.message).toContain('the plan review of 2026-11-09T11:00');
  });
  it('reviews that do not ask for an update are not judged', () => {
    none(judge(signedHome().review('outcomes', '2026-11-09T15:00'), '2026-11-20'), 'plan-update-missing');
    none(judge(signedHome().review('plan', '2026-11-09T11:00', { result: 'no-change' }), '2026-11-20'), 'plan-update-missing');
  });
  it('an authorised sign-off later than the review answers it, however late', () => {
    none(judge(updated().signoff('2026-11-11T09:00'), '2026-11-20'), 'plan-update-missing');
    none(judge(updated().signoff('2026-11-15T09:00'), '2026-11-20'), 'plan-update-missing');
  });
  it('a sign-off before the review, one by someone without the role, or one after as-of does not', () => {
    one(judge(asked(), '2026-11-20'), 'plan-update-missing');
    one(judge(updated().signoff('2026-11-11T09:00', { by: KEY_WORKER }), '2026-11-20'), 'plan-update-missing');
    one(judge(updated().signoff('2026-11-21T09:00'), '2026-11-20'), 'plan-update-missing');
  });
  it('a plan review recorded after its update was signed off (changed in the meeting, recorded after) asks for nothing more', () => {
    const changed = () => signedHome().plan({ version: 2, updated: '2026-11-09T06:10', about_me: 'Likes crosswords and her cat.' });
    none(
      judge(changed().signoff('2026-11-09T06:20').review('plan', '2026-11-09T08:14', { result: 'updated' }), '2026-11-20'),
      'plan-update-missing',
    );
    // Not signed off yet: the review still asks for the sign-off.
    one(judge(changed().review('plan', '2026-11-09T08:14', { result: 'updated' }), '2026-11-20'), 'plan-update-missing');
    // Changed before the previous plan review: that change was the previous review's, not this one's.
    const earlier = changed()
      .signoff('2026-11-09T06:20')
      .review('plan', '2026-11-10T07:00')
      .review('plan', '2026-11-11T08:14', { result: 'updated' });
    one(judge(earlier, '2026-11-20'), 'plan-update-missing');
    // An outcome review asks for a change after it, whatever came before.
    one(
      judge(changed().signoff('2026-11-09T06:20').review('outcomes', '2026-11-09T15:00', { plan_update_needed: true }), '2026-11-20'),
      'plan-update-missing',
    );
  });
  it('a plan updated but not signed off: the fix asks only for the sign-off (and the change is reported too)', () => {
    const findings = judge(updated(), '2026-11-12T16:00');
    expect(one(findings, 'plan-update-missing').fix).toBe(
      'the plan was updated 2026-11-10T10:00: the Registered Manager signs it off (`careplan signoff p-a`)',
    );
    one(findings, 'plan-changed-since-signoff');
  });
  it('within lookback: a review 28 days before as-of is reported, 29 days before is not', () => {
    one(judge(asked(), '2026-12-07'), 'plan-update-missing');
    none(judge(asked(), '2026-12-08'), 'plan-update-missing');
  });
  it('plan_due_hours in careplan.yaml', () => {
    const h = asked().policy({ plan_due_hours: 24 });
    none(judge(h, '2026-11-10T15:00'), 'plan-update-missing');
    one(judge(h, '2026-11-10T15:01'), 'plan-update-missing');
  });
  it('careplan due lists the update by its time', () => {
    const items = dueItems(load(asked()), asOf('2026-11-10T08:00'), 7).filter((i) => i.rule === 'plan-update-missing');
    expect(items).toEqual([expect.objectContaining({ what: 'update the plan after a review', due: '2026-11-11T15:00', overdue: false })]);
  });
});
