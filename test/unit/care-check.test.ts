import { describe, expect, it } from 'vitest';
import { currentHash } from '../../src/model/planState.js';
import { RULES } from '../../src/rules/registry.js';
import { home, judge, KEY_WORKER, listFindings, load, none, ofRule, rulesOf, signedHome } from '../helpers/care.js';

/** Cross-cutting: the fixture builder, discharged people and starting points. */

describe('the fixture builder', () => {
  it('a signed, acknowledged and agreed plan has nothing to report three days on', () => {
    const findings = judge(signedHome(), '2026-11-05');
    expect(findings, listFindings(findings)).toEqual([]);
  });
  it('the sign-off carries the hash of plan.yaml as loaded', () => {
    const h = signedHome();
    expect(currentHash(load(h).people.get('p-a')!.plan!)).toBe(h.hash());
  });
});

describe('discharged people get only the record rules', () => {
  // Everything is wrong with p-b's care (no assessment for a month), and everything with p-c's
  // plan (unsigned, no goals, no preferences, outcomes by staff who never read it, variations).
  const discharged = () =>
    home()
      .person('p-b', { status: 'discharged', discharged: '2026-11-20', key_worker: 's-carl' })
      .person('p-c', { status: 'discharged', discharged: '2026-11-20' })
      .assess('2026-11-01T10:00', { needs: ['mobility', 'nutrition'] })
      .plan({ needs: [{ need: 'mobility', actions: [], goals: [] }] })
      .signoff('2026-11-02T09:00', { by: KEY_WORKER })
      .variation('2026-11-03T10:00', { by: 's-carl' })
      .variation('2026-11-04T10:00', { by: 's-carl' })
      .variation('2026-11-05T10:00', { by: 's-carl' })
      .person('p-a', { status: 'discharged', discharged: '2026-11-20' });

  it('no care finding for any of them', () => {
    const findings = judge(discharged(), '2026-11-30');
    const care = findings.filter((f) => RULES.get(f.rule)?.scope !== 'record' && f.person);
    expect(care, listFindings(findings)).toEqual([]);
    expect(
      rulesOf(findings).filter((r) => r !== 'audit-missing'),
      'record rules still judge their records',
    ).toEqual(['unknown-ref', 'unknown-ref', 'unknown-ref']);
    // No active people, so no spot checks are owed; the home's audit rule still applies.
    none(findings, 'spotcheck-overdue');
  });
  it('the same records for active people are full of findings', () => {
    const h = discharged()
      .person('p-b', { status: 'active', discharged: undefined })
      .person('p-c', { status: 'active', discharged: undefined });
    const rules = new Set(rulesOf(judge(h, '2026-11-30')));
    for (const rule of [
      'assessment-missing',
      'role-mismatch',
      'plan-unsigned',
      'signoff-not-authorised',
      'need-unaddressed',
      'goal-missing',
      'preferences-missing',
      'care-before-signoff',
      'escalation-missing',
    ]) {
      expect(rules.has(rule), rule).toBe(true);
    }
  });
  it('record rules still apply to a discharged person', () => {
    const h = home().person('p-a', { status: 'discharged', discharged: '2026-11-20' }).assess('2026-12-01T10:00');
    const findings = judge(h, '2026-11-30');
    expect(rulesOf(findings), listFindings(findings)).toEqual(['care-after-discharge', 'future-date', 'future-date']);
    expect(RULES.get('future-date')?.scope).toBe('record');
    expect(RULES.get('care-after-discharge')?.scope).toBe('record');
  });
});

describe('starting points: with no sign-off, nothing is due but the sign-off', () => {
  it('an unsigned plan two months on: plan-unsigned only, no review, acknowledgement or outcome clocks', () => {
    const h = home().assess('2026-11-01T10:00').plan().outcome('2026-12-29T12:00');
    const findings = judge(h, '2026-12-31').filter((f) => f.person);
    expect(rulesOf(findings), listFindings(findings)).toEqual(['care-before-signoff', 'plan-unsigned']);
  });
  it('a sign-off by someone without the role starts nothing either', () => {
    const h = home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00', { by: KEY_WORKER });
    const findings = judge(h, '2026-12-31');
    expect(rulesOf(findings), listFindings(findings)).toEqual(['audit-missing', 'plan-unsigned', 'signoff-not-authorised']);
  });
});

describe('timezone in careplan.yaml', () => {
  it("local dates are the provider's: a sign-off at 03:00 UTC is the evening before in New York", () => {
    const signed = () => home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T03:00Z');
    const newYork = signed().file('careplan.yaml', 'provider: { name: Test Home }\ntimezone: America/New_York\n');
    expect(ofRule(judge(newYork, '2026-11-29'), 'review-due').map((f) => f.due)).toEqual(['2026-11-29']);
    expect(ofRule(judge(signed(), '2026-11-29'), 'review-due').map((f) => f.due)).toEqual(['2026-11-30']);
  });
});
