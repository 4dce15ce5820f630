import { describe, expect, it } from 'vitest';
import { home, judge, listFindings, none, ofRule, one, signedHome } from '../helpers/care.js';

/**
 * src/rules/care/escalation.ts and src/model/variation.ts (policy step 5): a pattern of variation
 * (3 entries with `variation` within 7 days) reaches the Registered Manager within 24 elapsed hours
 * of the entry that completed it.
 */

const OUTCOMES = 'people/p-a/outcomes/2026-11.yaml';
/** Variations 2026-11-03, -04, -05 at 10:00: the pattern is complete at 2026-11-05T10:00, escalation due 2026-11-06T10:00. */
const pattern = () => signedHome().variation('2026-11-03T10:00').variation('2026-11-04T10:00').variation('2026-11-05T10:00');

describe('escalation-missing / escalation-due', () => {
  it('escalation-due (warning) while the 24 hours run, at the completing entry', () => {
    const f = one(judge(pattern(), '2026-11-05T12:00'), 'escalation-due');
    expect(f).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: OUTCOMES,
      line: 3,
      due: '2026-11-06T10:00',
      since: '2026-11-03T10:00',
    });
    expect(f.fix).toContain('careplan escalate p-a');
  });
  it('still escalation-due at exactly 24 hours', () => {
    const findings = judge(pattern(), '2026-11-06T10:00');
    one(findings, 'escalation-due');
    none(findings, 'escalation-missing');
  });
  it('escalation-missing (error) after 24 hours', () => {
    const findings = judge(pattern(), '2026-11-06T10:01');
    expect(one(findings, 'escalation-missing')).toMatchObject({ severity: 'error', person: 'p-a', file: OUTCOMES, line: 3 });
    none(findings, 'escalation-due');
  });
  it('two variations are not a pattern; entries without `variation` do not count', () => {
    const h = signedHome().variation('2026-11-03T10:00').outcome('2026-11-04T10:00', { result: 'no-change' }).variation('2026-11-05T10:00');
    none(judge(h, '2026-11-10'), 'escalation-missing', 'escalation-due');
  });
  it('"within 7 days" is 7 calendar days: first and last entry at most 6 days apart', () => {
    const inside = signedHome().variation('2026-11-03T08:00').variation('2026-11-06T10:00').variation('2026-11-09T23:00');
    one(judge(inside, '2026-11-12'), 'escalation-missing');
    const outside = signedHome().variation('2026-11-03T23:00').variation('2026-11-06T10:00').variation('2026-11-10T08:00');
    none(judge(outside, '2026-11-12'), 'escalation-missing', 'escalation-due');
  });
  it("a pattern across two months' files is reported at the entry that completed it", () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-20' })
      .assess('2026-10-20T10:00')
      .plan()
      .signoff('2026-10-21T09:00')
      .variation('2026-10-30T10:00')
      .variation('2026-10-31T10:00')
      .variation('2026-11-01T10:00');
    expect(one(judge(h, '2026-11-03'), 'escalation-missing')).toMatchObject({ file: OUTCOMES, line: 1, since: '2026-10-30T10:00' });
  });
  it("an escalation at or after the pattern's first entry answers it, even a late one", () => {
    none(judge(pattern().escalate('2026-11-03T10:00'), '2026-11-10'), 'escalation-missing', 'escalation-due');
    none(judge(pattern().escalate('2026-11-08T10:00'), '2026-11-10'), 'escalation-missing', 'escalation-due');
  });
  it('an escalation before the pattern began does not answer it', () => {
    one(judge(pattern().escalate('2026-11-03T09:59'), '2026-11-10'), 'escalation-missing');
  });
  it('entries inside a counted pattern do not start another', () => {
    const h = pattern().variation('2026-11-06T10:00').variation('2026-11-07T10:00');
    const findings = judge(h, '2026-11-10');
    expect(ofRule(findings, 'escalation-missing'), listFindings(findings)).toHaveLength(1);
    const six = h.variation('2026-11-08T10:00');
    expect(ofRule(judge(six, '2026-11-10'), 'escalation-missing').map((f) => f.line)).toEqual([3, 6]);
  });
  it('within lookback: a pattern completed 28 days back is reported, 29 days back is not', () => {
    one(judge(pattern(), '2026-12-03'), 'escalation-missing');
    none(judge(pattern(), '2026-12-04'), 'escalation-missing');
  });
  it('lookback_days in careplan.yaml', () => {
    const h = pattern().policy({ lookback_days: 7 });
    one(judge(h, '2026-11-12'), 'escalation-missing');
    none(judge(h, '2026-11-13'), 'escalation-missing');
  });
  it('clocks back (2026-10-25): completed 2026-10-24T20:00, due 2026-10-25T19:00 winter time', () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-01' })
      .assess('2026-10-01T10:00')
      .plan()
      .signoff('2026-10-02T09:00')
      .variation('2026-10-22T20:00')
      .variation('2026-10-23T20:00')
      .variation('2026-10-24T20:00');
    expect(one(judge(h, '2026-10-25T19:00'), 'escalation-due').due).toBe('2026-10-25T19:00');
    one(judge(h, '2026-10-25T19:30'), 'escalation-missing');
  });
  it('clocks forward (2026-03-29): completed 2026-03-28T20:00, due 2026-03-29T21:00 summer time', () => {
    const h = home()
      .person('p-a', { admitted: '2026-03-01' })
      .assess('2026-03-01T10:00')
      .plan()
      .signoff('2026-03-02T09:00')
      .variation('2026-03-26T20:00')
      .variation('2026-03-27T20:00')
      .variation('2026-03-28T20:00');
    one(judge(h, '2026-03-29T20:30'), 'escalation-due');
    one(judge(h, '2026-03-29T21:00'), 'escalation-due');
    one(judge(h, '2026-03-29T21:01'), 'escalation-missing');
  });
  it('escalation_hours and variation_pattern in careplan.yaml', () => {
    const h = signedHome()
      .variation('2026-11-03T10:00')
      .variation('2026-11-05T10:00')
      .policy({ escalation_hours: 12, variation_pattern: { count: 2, days: 3 } });
    one(judge(h, '2026-11-05T22:00'), 'escalation-due');
    one(judge(h, '2026-11-05T22:01'), 'escalation-missing');
    none(
      judge(h.policy({ escalation_hours: 12, variation_pattern: { count: 2, days: 2 } }), '2026-11-06'),
      'escalation-missing',
      'escalation-due',
    );
  });
});
