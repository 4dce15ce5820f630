import { describe, expect, it } from 'vitest';
import { home, judge, KEY_WORKER, none, one, ofRule, planYaml, signedHome } from '../helpers/care.js';

/**
 * src/rules/care/plan.ts: the plan's life from assessment to approval (policy steps 1-3).
 * plan_due_hours is elapsed time: across a daylight-saving change, 48 hours is not two wall-clock days.
 */

const PERSON = 'people/p-a/person.yaml';
const PLAN = 'people/p-a/plan.yaml';
const SIGNOFFS = 'people/p-a/signoffs.yaml';

describe('assessment-missing', () => {
  // admitted 2026-11-01 means from 2026-11-01T00:00; due by 2026-11-03T00:00.
  it('fires for an active person admitted more than 48 hours ago with no assessment', () => {
    const f = one(judge(home(), '2026-11-03T00:01'), 'assessment-missing');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: PERSON, line: 3, due: '2026-11-03T00:00' });
    expect(f.fix).toContain('careplan assess p-a');
  });
  it('not at exactly 48 hours after the start of the admission day', () => {
    none(judge(home(), '2026-11-03T00:00'), 'assessment-missing');
  });
  it('not once an assessment exists', () => {
    none(judge(home().assess('2026-11-04T10:00'), '2026-11-05'), 'assessment-missing');
  });
  it('clocks forward (2026-03-29): 48 real hours from 2026-03-28 run to 2026-03-30T01:00', () => {
    const h = home().person('p-a', { admitted: '2026-03-28' });
    none(judge(h, '2026-03-30T01:00'), 'assessment-missing');
    expect(one(judge(h, '2026-03-30T01:01'), 'assessment-missing').due).toBe('2026-03-30T01:00');
  });
  it('clocks back (2026-10-25): 48 real hours from 2026-10-24 run to 2026-10-25T23:00', () => {
    const h = home().person('p-a', { admitted: '2026-10-24' });
    none(judge(h, '2026-10-25T23:00'), 'assessment-missing');
    one(judge(h, '2026-10-25T23:30'), 'assessment-missing');
  });
  it('plan_due_hours in careplan.yaml sets the window', () => {
    const h = home().policy({ plan_due_hours: 24 });
    none(judge(h, '2026-11-02T00:00'), 'assessment-missing');
    one(judge(h, '2026-11-02T00:01'), 'assessment-missing');
  });
  it('not for a discharged person', () => {
    none(judge(home().person('p-a', { status: 'discharged', discharged: '2026-11-02' }), '2026-11-30'), 'assessment-missing');
  });
});

describe('plan-missing / plan-due', () => {
  const assessed = () => home().assess('2026-11-01T10:00');
  it('plan-due (warning) while the 48 hours run, at the assessment', () => {
    const f = one(judge(assessed(), '2026-11-01T12:00'), 'plan-due');
    expect(f).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: 'people/p-a/assessments/2026-11-01-initial.yaml',
      line: 2,
      due: '2026-11-03T10:00',
    });
    expect(f.fix).toContain('careplan plan create p-a');
    none(judge(assessed(), '2026-11-01T12:00'), 'plan-missing');
  });
  it('still plan-due at exactly 48 hours', () => {
    const findings = judge(assessed(), '2026-11-03T10:00');
    one(findings, 'plan-due');
    none(findings, 'plan-missing');
  });
  it('plan-missing (error) after 48 hours', () => {
    const findings = judge(assessed(), '2026-11-03T10:01');
    expect(one(findings, 'plan-missing')).toMatchObject({
      severity: 'error',
      person: 'p-a',
      file: 'people/p-a/assessments/2026-11-01-initial.yaml',
      line: 2,
    });
    none(findings, 'plan-due');
  });
  it('nothing once plan.yaml exists (the sign-off rules take over)', () => {
    none(judge(assessed().plan(), '2026-11-02'), 'plan-missing');
  });
  it('clocks forward: assessed 2026-03-28T10:00, due 2026-03-30T11:00 (summer time)', () => {
    const h = home().person('p-a', { admitted: '2026-03-28' }).assess('2026-03-28T10:00');
    expect(one(judge(h, '2026-03-30T10:30'), 'plan-due').due).toBe('2026-03-30T11:00');
    one(judge(h, '2026-03-30T11:00'), 'plan-due');
    one(judge(h, '2026-03-30T11:01'), 'plan-missing');
  });
  it('clocks back: assessed 2026-10-24T10:00, due 2026-10-26T09:00 (winter time)', () => {
    const h = home().person('p-a', { admitted: '2026-10-24' }).assess('2026-10-24T10:00');
    one(judge(h, '2026-10-26T09:00'), 'plan-due');
    expect(one(judge(h, '2026-10-26T09:01'), 'plan-missing').due).toBe('2026-10-26T09:00');
  });
  it('plan_due_hours: 72', () => {
    const h = assessed().policy({ plan_due_hours: 72 });
    one(judge(h, '2026-11-04T10:00'), 'plan-due');
    one(judge(h, '2026-11-04T10:01'), 'plan-missing');
  });
});

describe('plan-unsigned / plan-due', () => {
  const drafted = () => home().assess('2026-11-01T10:00').plan({ updated: '2026-11-02T09:00' });
  it('plan-due (warning) until 48 hours after its assessment, at the plan', () => {
    const f = one(judge(drafted(), '2026-11-03T10:00'), 'plan-due');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: 1, due: '2026-11-03T10:00' });
    expect(f.fix).toContain('careplan signoff p-a');
  });
  it('plan-unsigned (error) after', () => {
    const findings = judge(drafted(), '2026-11-03T10:01');
    expect(one(findings, 'plan-unsigned')).toMatchObject({ severity: 'error', person: 'p-a', file: PLAN, line: 1 });
    none(findings, 'plan-due');
  });
  it("counted from the plan's assessment, not from when the plan was written", () => {
    none(judge(drafted().plan({ updated: '2026-11-03T09:00' }), '2026-11-03T10:01'), 'plan-due');
  });
  it('a signed plan is not unsigned', () => {
    none(judge(drafted().signoff('2026-11-03T11:00'), '2026-11-04'), 'plan-unsigned', 'plan-due');
  });
  it('a sign-off by someone without a role in signoff_roles approves nothing', () => {
    const findings = judge(drafted().signoff('2026-11-02T10:00', { by: KEY_WORKER }), '2026-11-04');
    one(findings, 'plan-unsigned');
    one(findings, 'signoff-not-authorised');
  });
  it('clocks back: assessed 2026-10-24T10:00, unsigned from 2026-10-26T09:01', () => {
    const h = home().person('p-a', { admitted: '2026-10-24' }).assess('2026-10-24T10:00').plan();
    one(judge(h, '2026-10-26T09:00'), 'plan-due');
    one(judge(h, '2026-10-26T09:01'), 'plan-unsigned');
  });
  it('plan_due_hours: 24', () => {
    const h = drafted().policy({ plan_due_hours: 24 });
    one(judge(h, '2026-11-02T10:00'), 'plan-due');
    one(judge(h, '2026-11-02T10:01'), 'plan-unsigned');
  });
});

describe('plan-changed-since-signoff / plan-change-pending', () => {
  const changed = () => signedHome().plan({ about_me: 'Loves crosswords and her cat.', updated: '2026-11-10T09:00' });
  it('plan-change-pending (warning) within 48 hours of `updated`, at `updated`', () => {
    const f = one(judge(changed(), '2026-11-12T09:00'), 'plan-change-pending');
    expect(f).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: PLAN,
      line: 4,
      due: '2026-11-12T09:00',
      since: '2026-11-10T09:00',
    });
    none(judge(changed(), '2026-11-12T09:00'), 'plan-changed-since-signoff');
  });
  it('plan-changed-since-signoff (error) after', () => {
    const f = one(judge(changed(), '2026-11-12T09:01'), 'plan-changed-since-signoff');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: PLAN, line: 4 });
    expect(f.fix).toContain('careplan signoff p-a');
  });
  it('signing the new content off approves it', () => {
    none(
      judge(changed().plan({ version: 2 }).signoff('2026-11-11T09:00'), '2026-11-20'),
      'plan-changed-since-signoff',
      'plan-change-pending',
    );
  });
  it('comments and layout do not change the hash', () => {
    const h = signedHome();
    const text = `# Edie's plan; reviewed with her daughter\n${planYaml(h.planSpec()).replace('version: 1', 'version:   1   # first')}`;
    none(judge(h.file(PLAN, text), '2026-11-05'), 'plan-changed-since-signoff', 'plan-change-pending', 'plan-unsigned');
  });
  it('a sign-off by someone without the role does not approve the change', () => {
    const findings = judge(changed().signoff('2026-11-10T10:00', { by: KEY_WORKER }), '2026-11-12T09:01');
    one(findings, 'plan-changed-since-signoff');
  });
  it('clocks forward: updated 2026-03-28T10:00, pending until 2026-03-30T11:00', () => {
    const h = home()
      .person('p-a', { admitted: '2026-03-20' })
      .assess('2026-03-20T10:00')
      .plan()
      .signoff('2026-03-21T10:00')
      .plan({ about_me: 'Changed.', updated: '2026-03-28T10:00' });
    one(judge(h, '2026-03-30T11:00'), 'plan-change-pending');
    one(judge(h, '2026-03-30T11:01'), 'plan-changed-since-signoff');
  });
  it('plan_due_hours: 24', () => {
    const h = changed().policy({ plan_due_hours: 24 });
    one(judge(h, '2026-11-11T09:00'), 'plan-change-pending');
    one(judge(h, '2026-11-11T09:01'), 'plan-changed-since-signoff');
  });
});

describe('plan-late', () => {
  const signedAt = (at: string) => home().assess('2026-11-01T10:00').plan().signoff(at);
  it('fires when the first sign-off came more than 48 hours after the initial assessment', () => {
    const f = one(judge(signedAt('2026-11-03T10:01'), '2026-11-05'), 'plan-late');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: SIGNOFFS, line: 1, since: '2026-11-03T10:01' });
  });
  it('not at exactly 48 hours', () => {
    none(judge(signedAt('2026-11-03T10:00'), '2026-11-05'), 'plan-late');
  });
  it('judged within lookback: 28 days after the sign-off it is reported, 29 days after it is not', () => {
    one(judge(signedAt('2026-11-03T10:01'), '2026-12-01'), 'plan-late');
    none(judge(signedAt('2026-11-03T10:01'), '2026-12-02'), 'plan-late');
  });
  it('lookback_days in careplan.yaml', () => {
    const h = signedAt('2026-11-03T10:01').policy({ lookback_days: 7 });
    one(judge(h, '2026-11-10'), 'plan-late');
    none(judge(h, '2026-11-11'), 'plan-late');
  });
  it('an unauthorised sign-off in time is not the first sign-off', () => {
    const h = home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00', { by: KEY_WORKER }).signoff('2026-11-04T09:00');
    one(judge(h, '2026-11-05'), 'plan-late');
  });
  it('only the first sign-off counts: a later version signed long after is not late', () => {
    const h = signedHome()
      .assess('2026-11-10T09:00', { type: 'change-in-needs' })
      .plan({ version: 2, assessment: '2026-11-10-change-in-needs', updated: '2026-11-10T12:00' })
      .signoff('2026-11-20T09:00');
    none(judge(h, '2026-11-21'), 'plan-late');
  });
  it('clocks back: assessed 2026-10-24T10:00, signed 2026-10-26T09:30 is 48.5 hours', () => {
    const h = home().person('p-a', { admitted: '2026-10-24' }).assess('2026-10-24T10:00').plan().signoff('2026-10-26T09:30');
    one(judge(h, '2026-10-27'), 'plan-late');
  });
  it('plan_due_hours: 72', () => {
    none(judge(signedAt('2026-11-03T10:01').policy({ plan_due_hours: 72 }), '2026-11-05'), 'plan-late');
  });
});

describe('plan-outdated / plan-update-due', () => {
  const reassessed = () => signedHome().assess('2026-11-10T09:00', { type: 'change-in-needs', needs: ['mobility', 'nutrition'] });
  it('plan-update-due (warning) within 48 hours of a newer assessment, at `assessment`', () => {
    const f = one(judge(reassessed(), '2026-11-12T09:00'), 'plan-update-due');
    expect(f).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: PLAN,
      line: 2,
      due: '2026-11-12T09:00',
      since: '2026-11-10T09:00',
    });
    none(judge(reassessed(), '2026-11-12T09:00'), 'plan-outdated');
  });
  it('plan-outdated (error) after', () => {
    const f = one(judge(reassessed(), '2026-11-12T09:01'), 'plan-outdated');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: PLAN, line: 2 });
    expect(f.fix).toContain('careplan plan update p-a');
  });
  it('counted from the oldest assessment the plan does not reflect', () => {
    const h = reassessed().assess('2026-11-11T09:00', { type: 'change-in-needs' });
    expect(one(judge(h, '2026-11-12T09:01'), 'plan-outdated').since).toBe('2026-11-10T09:00');
  });
  it('gone once the plan reflects the newest assessment (then the change needs signing off)', () => {
    const h = reassessed().plan({ version: 2, assessment: '2026-11-10-change-in-needs', updated: '2026-11-11T09:00' });
    const findings = judge(h, '2026-11-12T09:01');
    none(findings, 'plan-outdated', 'plan-update-due');
    one(findings, 'plan-change-pending');
  });
  it('a change in needs is judged here, not by the review date', () => {
    const findings = judge(reassessed(), '2026-11-12T09:01');
    none(findings, 'review-due', 'review-overdue');
  });
  it('clocks forward: reassessed 2026-03-28T10:00, outdated from 2026-03-30T11:01', () => {
    const h = home()
      .person('p-a', { admitted: '2026-03-20' })
      .assess('2026-03-20T10:00')
      .plan()
      .signoff('2026-03-21T10:00')
      .assess('2026-03-28T10:00', { type: 'change-in-needs' });
    one(judge(h, '2026-03-30T11:00'), 'plan-update-due');
    one(judge(h, '2026-03-30T11:01'), 'plan-outdated');
  });
  it('plan_due_hours: 24', () => {
    const h = reassessed().policy({ plan_due_hours: 24 });
    one(judge(h, '2026-11-11T09:00'), 'plan-update-due');
    one(judge(h, '2026-11-11T09:01'), 'plan-outdated');
  });
  it('reported for an unsigned plan too', () => {
    const h = home().assess('2026-11-01T10:00').plan().assess('2026-11-05T10:00', { type: 'change-in-needs' });
    expect(
      ofRule(judge(h, '2026-11-08'), 'plan-outdated', 'plan-unsigned')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['plan-outdated', 'plan-unsigned']);
  });
});
