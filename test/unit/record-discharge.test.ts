import { describe, expect, it } from 'vitest';
import { recordRules } from '../../src/rules/record.js';
import { RULES } from '../../src/rules/registry.js';
import { home, judge, KEY_WORKER, listFindings, load, none, one, rulesOf, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/**
 * src/rules/discharge.ts (SPEC section 5.5): a record rule, so discharged people get it. Nothing
 * about a person is dated after their `discharged` date and before any readmission.
 */

const OUTCOMES = 'people/p-a/outcomes/2026-11.yaml';
/** p-a, signed off 2026-11-02 and discharged on 2026-11-20. */
const discharged = () => signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-20' });

describe('care-after-discharge', () => {
  it('the discharge day itself is fine; an entry the day after is an error at its date', () => {
    none(judge(discharged().outcome('2026-11-20T23:30'), '2026-11-30'), 'care-after-discharge');
    const findings = judge(discharged().outcome('2026-11-20T23:30').outcome('2026-11-21T08:00'), '2026-11-30');
    expect(rulesOf(findings), listFindings(findings)).toEqual(['care-after-discharge']);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      person: 'p-a',
      file: OUTCOMES,
      line: 2,
      message: 'outcome entry dated 2026-11-21T08:00 (`at`), after p-a was discharged on 2026-11-20',
    });
    expect(findings[0].fix).toBe(
      'correct the date, or move the record to the person it is about; ' +
        'if p-a has come back, readmit them first (`careplan person readmit p-a --on <date>`)',
    );
    expect(RULES.get('care-after-discharge')?.scope).toBe('record');
  });
  it('every kind of record about the person, one finding each', () => {
    const h = discharged()
      .assess('2026-11-22T10:00', { type: 'review' })
      .plan({ version: 2, updated: '2026-11-22T16:00' })
      .signoff('2026-11-23T09:00')
      .ack(KEY_WORKER, '2026-11-23T10:00')
      .agree('2026-11-23T11:00')
      .escalate('2026-11-21T12:00')
      .respond('2026-11-21T12:00', '2026-11-22T09:00')
      .review('plan', '2026-11-24T10:00')
      .spotcheck('2026-11-25T10:00');
    const found = judge(h, '2026-11-30').filter((f) => f.rule === 'care-after-discharge');
    expect(found.map((f) => f.message.replace(/ dated .*/, ''))).toEqual([
      'assessment',
      'plan',
      'sign-off',
      'acknowledgement',
      'agreement',
      'escalation',
      'escalation response',
      'review',
      'spot check naming them',
    ]);
    expect(found.find((f) => f.message.startsWith('plan'))?.message).toBe(
      'plan dated 2026-11-22T16:00 (`updated`), after p-a was discharged on 2026-11-20',
    );
  });
  it('an escalation raised before the discharge and answered after it: the answer is reported', () => {
    const inline = discharged().escalate('2026-11-19T12:00', { response: 'Noted', responded_at: '2026-11-21T09:00' });
    expect(one(judge(inline, '2026-11-30'), 'care-after-discharge').message).toContain('(`responded_at`)');
  });
  it('readmitted: the days between are closed, from the readmission day on records are fine again', () => {
    const h = signedHome()
      .person('p-a', { status: 'active', discharged: '2026-11-10', admitted: '2026-11-25' })
      .outcome('2026-11-09T12:00')
      .outcome('2026-11-12T12:00')
      .outcome('2026-11-25T12:00');
    const found = judge(h, '2026-11-26').filter((f) => f.rule === 'care-after-discharge');
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [2, 'outcome entry dated 2026-11-12T12:00 (`at`), after p-a was discharged on 2026-11-10 and before their readmission on 2026-11-25'],
    ]);
  });
  it('nothing for people never discharged, or active with a discharge date and no later admission', () => {
    none(judge(signedHome().outcome('2026-11-25T12:00'), '2026-11-26'), 'care-after-discharge');
    none(judge(signedHome().person('p-a', { discharged: '2026-11-20' }).outcome('2026-11-25T12:00'), '2026-11-26'), 'care-after-discharge');
  });
  it('feedback about them and supervisions discussing them after the discharge are fine; a spot check of others is too', () => {
    const h = discharged()
      .person('p-b')
      .assess('2026-11-01T10:00')
      .spotcheck('2026-11-25T10:00')
      .person('p-a')
      .file(
        'feedback/2026-11-25-family-p-a.yaml',
        'at: "2026-11-25T10:00"\nfrom: family\nperson: p-a\nsentiment: positive\ntext: Thank you.\n',
      )
      .supervise('s-carl', '2026-11-25T14:00', { people: ['p-a'] });
    none(judge(h, '2026-11-30'), 'care-after-discharge');
  });
  it('validate runs it: it is one of the record rules', () => {
    const found = recordRules(load(discharged().outcome('2026-11-21T08:00')), asOf('2026-11-30'));
    expect(found.map((f) => f.rule)).toEqual(['care-after-discharge']);
  });
  it('a discharged person with nothing after the discharge: no finding of any rule', () => {
    const findings = judge(
      home().person('p-a', { status: 'discharged', discharged: '2026-11-20' }).assess('2026-11-01T10:00'),
      '2026-11-30',
    );
    expect(
      rulesOf(findings).filter((r) => r !== 'audit-missing'),
      listFindings(findings),
    ).toEqual([]);
  });
});
