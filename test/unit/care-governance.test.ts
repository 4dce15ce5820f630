import { describe, expect, it } from 'vitest';
import { home, judge, KEY_WORKER, none, one, ofRule, signedHome } from '../helpers/care.js';

/** src/rules/care/governance.ts (policy step 7): weekly spot checks, the monthly audit, and who may do what. */

describe('spotcheck-overdue', () => {
  // signedHome: the repository's first sign-off is 2026-11-02.
  it('no spot check more than 7 days after the first sign-off: a warning about the home, not a person', () => {
    const f = one(judge(signedHome(), '2026-11-10T00:00'), 'spotcheck-overdue');
    expect(f).toMatchObject({ severity: 'warning', file: 'spotchecks/', since: '2026-11-02', due: '2026-11-09' });
    expect(f.person).toBeUndefined();
    expect(f.fix).toContain('careplan spotcheck');
  });
  it('not exactly 7 days after', () => {
    none(judge(signedHome(), '2026-11-09'), 'spotcheck-overdue');
  });
  it('counted from the newest spot check', () => {
    const h = signedHome().spotcheck('2026-11-03T15:00').spotcheck('2026-11-05T15:00');
    none(judge(h, '2026-11-12'), 'spotcheck-overdue');
    expect(one(judge(h, '2026-11-13'), 'spotcheck-overdue').since).toBe('2026-11-05');
  });
  it("the repository's first sign-off, whoever it was for, discharged people included", () => {
    const h = signedHome()
      .person('p-b', { status: 'discharged', discharged: '2026-11-01', admitted: '2026-10-20' })
      .assess('2026-10-20T10:00')
      .plan()
      .signoff('2026-10-21T09:00');
    expect(one(judge(h, '2026-11-05'), 'spotcheck-overdue').since).toBe('2026-10-21');
  });
  it('starting point: no spot check and no sign-off yet, nothing is overdue', () => {
    none(judge(home().assess('2026-11-01T10:00').plan(), '2026-11-30'), 'spotcheck-overdue');
    none(judge(home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00', { by: 's-ben' }), '2026-11-30'), 'spotcheck-overdue');
  });
  it('not when nobody is supported', () => {
    none(judge(signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-03' }), '2026-11-30'), 'spotcheck-overdue');
  });
  it('clocks back (2026-10-25): a check 2026-10-18T23:30 is 7 calendar days before 2026-10-25T23:15', () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-01' })
      .assess('2026-10-01T10:00')
      .plan()
      .signoff('2026-10-02T09:00')
      .spotcheck('2026-10-18T23:30');
    none(judge(h, '2026-10-25T23:15'), 'spotcheck-overdue');
    one(judge(h, '2026-10-26T00:15'), 'spotcheck-overdue');
  });
  it('spotcheck_days in careplan.yaml', () => {
    const h = signedHome().policy({ spotcheck_days: 14 });
    none(judge(h, '2026-11-16'), 'spotcheck-overdue');
    one(judge(h, '2026-11-17'), 'spotcheck-overdue');
  });
});

describe('audit-missing', () => {
  // signedHome has records from 2026-11-01, so November's audit is due by 2026-12-10.
  it("past audit_due_day with last month's audit not saved: a warning about the home", () => {
    const f = one(judge(signedHome(), '2026-12-11T00:00'), 'audit-missing');
    expect(f).toMatchObject({ severity: 'warning', file: 'audits/2026-11.yaml', due: '2026-12-10' });
    expect(f.person).toBeUndefined();
    expect(f.fix).toContain('careplan audit --month 2026-11 --save');
  });
  it('not on audit_due_day itself', () => {
    none(judge(signedHome(), '2026-12-10'), 'audit-missing');
  });
  it('not once the audit is saved', () => {
    none(judge(signedHome().audit('2026-11', '2026-12-05T10:00'), '2026-12-20'), 'audit-missing');
  });
  it('not when every record is from this month (nothing to audit yet)', () => {
    none(judge(signedHome(), '2026-11-20'), 'audit-missing');
  });
  it('any dated record counts, not only assessments, sign-offs, spot checks and feedback (SPEC section 5.5)', () => {
    // Everything about p-a is from December; only the record named is from November.
    const december = () => home().person('p-a', { admitted: '2026-12-01' }).assess('2026-12-01T10:00').plan().signoff('2026-12-02T09:00');
    none(judge(december(), '2026-12-11'), 'audit-missing');
    one(judge(december().supervise('s-carl', '2026-11-25T14:00'), '2026-12-11'), 'audit-missing');
    one(judge(december().escalate('2026-11-30T18:00'), '2026-12-11'), 'audit-missing');
    one(judge(december().review('plan', '2026-11-30T11:00'), '2026-12-11'), 'audit-missing');
    one(judge(december().ack(KEY_WORKER, '2026-11-30T23:59'), '2026-12-11'), 'audit-missing');
  });
  it("January asks for December's audit", () => {
    const h = home().person('p-a', { admitted: '2026-12-01' }).assess('2026-12-01T10:00').plan().signoff('2026-12-02T09:00');
    expect(one(judge(h, '2027-01-11'), 'audit-missing').file).toBe('audits/2026-12.yaml');
  });
  it("only the previous month's audit is asked for", () => {
    none(judge(signedHome().audit('2026-12', '2027-01-05T10:00'), '2027-01-20'), 'audit-missing');
  });
  it('audit_due_day in careplan.yaml', () => {
    const h = signedHome().policy({ audit_due_day: 5 });
    none(judge(h, '2026-12-05'), 'audit-missing');
    one(judge(h, '2026-12-06'), 'audit-missing');
  });
});

describe('role-mismatch', () => {
  it('a key worker without role key-worker: error at `key_worker`', () => {
    const f = one(judge(signedHome().person('p-a', { key_worker: 's-carl' }), '2026-11-05'), 'role-mismatch');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: 'people/p-a/person.yaml', line: 4 });
  });
  it('a spot check by someone without role shift-lead: error at `by`', () => {
    const f = one(judge(signedHome().spotcheck('2026-11-04T15:00', 's-carl'), '2026-11-05'), 'role-mismatch');
    expect(f).toMatchObject({ severity: 'error', file: 'spotchecks/2026-11-04-s-carl.yaml', line: 2 });
    expect(f.person).toBeUndefined();
  });
  it('a record by a staff member dated after their `left` date', () => {
    const h = signedHome()
      .staff('s-carl', ['care-staff'], { active: false, left: '2026-11-03' })
      .outcome('2026-11-03T23:59', { by: 's-carl' })
      .outcome('2026-11-04T00:00', { by: 's-carl' });
    const f = one(judge(h, '2026-11-05'), 'role-mismatch');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: 'people/p-a/outcomes/2026-11.yaml', line: 2 });
  });
  it('sign-offs, acknowledgements and reviews after leaving too', () => {
    const h = signedHome()
      .staff('s-amina', ['registered-manager'], { active: false, left: '2026-11-01' })
      .staff('s-ben', ['key-worker'], { active: false, left: '2026-10-31' })
      .review('outcomes', '2026-11-04T10:00');
    expect(
      ofRule(judge(h, '2026-11-05'), 'role-mismatch')
        .map((f) => f.file)
        .sort(),
    ).toEqual([
      'people/p-a/acknowledgements.yaml',
      'people/p-a/agreements.yaml',
      'people/p-a/assessments/2026-11-01-initial.yaml',
      'people/p-a/plan.yaml',
      'people/p-a/reviews/2026-11-04-outcomes.yaml',
      'people/p-a/signoffs.yaml',
    ]);
  });
  it("not for a discharged person's records", () => {
    none(
      judge(signedHome().person('p-a', { key_worker: 's-carl', status: 'discharged', discharged: '2026-11-04' }), '2026-11-05'),
      'role-mismatch',
    );
  });
});
