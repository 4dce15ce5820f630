import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { home, judge, load, none, one, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/**
 * src/rules/care/escalationResponse.ts (SPEC section 5.5): an escalation is answered within
 * escalation_response_hours (48), inline or by an entry appended later whose `responds_to` is its `at`.
 */

const FILE = 'people/p-a/escalations.yaml';
/** Raised 2026-11-03T18:00: the answer is due by 2026-11-05T18:00. */
const raised = () => signedHome().escalate('2026-11-03T18:00');

describe('escalation-unanswered', () => {
  it('nothing at exactly 48 hours; a warning one minute later, at the escalation', () => {
    none(judge(raised(), '2026-11-05T18:00'), 'escalation-unanswered');
    const f = one(judge(raised(), '2026-11-05T18:01'), 'escalation-unanswered');
    expect(f).toMatchObject({
      severity: 'warning',
      person: 'p-a',
      file: FILE,
      line: 1,
      due: '2026-11-05T18:00',
      since: '2026-11-03T18:00',
    });
    expect(f.message).toBe(
      'the escalation raised 2026-11-03T18:00 by s-ben to s-amina has no response recorded (due within 48 hours, by 2026-11-05T18:00)',
    );
    expect(f.fix).toBe(
      'record what was decided: `careplan escalate respond p-a --to-escalation 2026-11-03T18:00 --response "..." --as s-amina`',
    );
  });
  it('an inline response answers it, with or without responded_at', () => {
    none(
      judge(signedHome().escalate('2026-11-03T18:00', { response: 'GP called', responded_at: '2026-11-03T19:00' }), '2026-11-10'),
      'escalation-unanswered',
    );
    none(judge(signedHome().escalate('2026-11-03T18:00', { response: 'GP called' }), '2026-11-10'), 'escalation-unanswered');
  });
  it('a response appended later answers it, late or not', () => {
    none(judge(raised().respond('2026-11-03T18:00', '2026-11-04T09:10'), '2026-11-10'), 'escalation-unanswered');
    none(judge(raised().respond('2026-11-03T18:00', '2026-11-08T09:10'), '2026-11-10'), 'escalation-unanswered');
  });
  it("responds_to must name the escalation's moment: the same instant written with an offset counts, another does not", () => {
    none(
      judge(raised().respond('2026-11-03T18:00', '2026-11-04T09:10', { responds_to: '2026-11-03T18:00Z' }), '2026-11-10'),
      'escalation-unanswered',
    );
    const other = judge(raised().respond('2026-11-03T18:00', '2026-11-04T09:10', { responds_to: '2026-11-03T18:30' }), '2026-11-10');
    one(other, 'escalation-unanswered');
    one(other, 'unknown-ref');
  });
  it('a response after the as-of moment has not been given yet', () => {
    one(judge(raised().respond('2026-11-03T18:00', '2026-11-06T09:10'), '2026-11-06T09:00'), 'escalation-unanswered');
    const inline = signedHome().escalate('2026-11-03T18:00', { response: 'Later', responded_at: '2026-11-06T09:10' });
    one(judge(inline, '2026-11-06T09:00'), 'escalation-unanswered');
    none(judge(inline, '2026-11-06T09:10'), 'escalation-unanswered');
  });
  it('each unanswered escalation is its own finding; answered ones are not reported', () => {
    const h = raised().escalate('2026-11-04T08:00').escalate('2026-11-04T12:00').respond('2026-11-04T08:00', '2026-11-04T10:00');
    const found = judge(h, '2026-11-10').filter((f) => f.rule === 'escalation-unanswered');
    expect(found.map((f) => [f.line, f.subject])).toEqual([
      [1, '2026-11-03T18:00'],
      [3, '2026-11-04T12:00'],
    ]);
  });
  it('within lookback: raised 28 days before as-of is reported, 29 days before is not', () => {
    one(judge(raised(), '2026-12-01'), 'escalation-unanswered');
    none(judge(raised(), '2026-12-02'), 'escalation-unanswered');
  });
  it('escalation_response_hours in careplan.yaml', () => {
    const h = raised().policy({ escalation_response_hours: 24 });
    none(judge(h, '2026-11-04T18:00'), 'escalation-unanswered');
    one(judge(h, '2026-11-04T18:01'), 'escalation-unanswered');
  });
  it('hours are elapsed hours: raised 2026-10-24T20:00, due 2026-10-26T19:00 after the clocks went back', () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-01' })
      .assess('2026-10-01T10:00')
      .plan()
      .signoff('2026-10-02T09:00')
      .escalate('2026-10-24T20:00');
    none(judge(h, '2026-10-26T19:00'), 'escalation-unanswered');
    expect(one(judge(h, '2026-10-26T19:01'), 'escalation-unanswered').due).toBe('2026-10-26T19:00');
  });
  it('raised with someone who has since left: another manager answers it', () => {
    const h = raised()
      .staff('s-eve', ['registered-manager'], { active: false, left: '2026-11-04' })
      .escalate('2026-11-03T19:00', { to: 's-eve' });
    const found = judge(h, '2026-11-10').filter((f) => f.rule === 'escalation-unanswered');
    expect(found[1].fix).toBe(
      'record what was decided (s-eve no longer works here, so another manager answers it): ' +
        '`careplan escalate respond p-a --to-escalation 2026-11-03T19:00 --response "..." --as <manager-id>`',
    );
  });
  it("a discharged person's escalations are not judged (they get only the record rules)", () => {
    none(judge(raised().person('p-a', { status: 'discharged', discharged: '2026-11-04' }), '2026-11-10'), 'escalation-unanswered');
  });
  it('careplan due lists the answer by its time while it is still to come', () => {
    const items = dueItems(load(raised()), asOf('2026-11-04T12:00'), 7).filter((i) => i.rule === 'escalation-unanswered');
    expect(items).toEqual([
      expect.objectContaining({ what: 'answer the escalation', due: '2026-11-05T18:00', person: 'p-a', overdue: false }),
    ]);
  });
});
