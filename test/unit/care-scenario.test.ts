import { describe, expect, it } from 'vitest';
import { type Home, home, judge, KEY_WORKER, listFindings, needEntry } from '../helpers/care.js';

/**
 * The new rules of SPEC section 5.5 judged together, as a provider would meet them: a home with
 * exactly one lapse per new rule, each on its own person (or staff member, or the home), and
 * everything else clean; then the same home with every lapse put right. Each new rule must fire
 * where its lapse is and nowhere else, and no other rule may fire.
 */

const AS_OF = '2026-11-26';

/**
 * A person admitted 2026-10-20 whose care is in order as of 26 November: assessed, plan signed off
 * the next day, confirmed and agreed, outcomes every few days, weekly outcome reviews, a plan
 * review on 17 November.
 */
function settled(h: Home, id: string, change: Record<string, unknown> = {}, goalBy = '2026-12-31'): Home {
  return h
    .person(id, { admitted: '2026-10-20', ...change })
    .assess('2026-10-20T10:00')
    .plan({
      updated: '2026-10-20T16:00',
      needs: [needEntry('mobility', { goals: [{ id: 'mobility-goal', description: 'Walks to lunch', status: 'active', by: goalBy }] })],
    })
    .signoff('2026-10-21T09:00')
    .ack(KEY_WORKER, '2026-10-21T10:00')
    .agree('2026-10-21T11:00')
    .outcome('2026-11-03T12:00')
    .outcome('2026-11-10T12:00')
    .outcome('2026-11-17T12:00')
    .outcome('2026-11-24T12:00')
    .review('plan', '2026-11-17T11:00')
    .review('outcomes', '2026-11-24T15:00');
}

/** The home, with one lapse per new rule when `lapses`, or with each put right. */
function scenario(lapses: boolean): Home {
  const h = home()
    .staff('s-kim', ['key-worker'])
    .staff('s-eve', ['key-worker'], { active: false, left: '2026-11-20' })
    .staff('s-fay', ['care-staff'], { started: '2026-09-01' });
  settled(h, 'p-a');
  // escalation-unanswered: raised on the 20th, nobody has answered it.
  settled(h, 'p-esc').escalate('2026-11-20T18:00', { reason: 'Unsettled every evening this week' });
  if (!lapses) h.respond('2026-11-20T18:00', '2026-11-21T09:10');
  // plan-update-missing: the weekly outcome review of the 23rd said the plan needs updating.
  settled(h, 'p-upd').review('outcomes', '2026-11-23T15:00', { plan_update_needed: true });
  if (!lapses) {
    h.plan({ version: 2, updated: '2026-11-24T10:00', about_me: 'Likes crosswords; walks with a frame now.' })
      .signoff('2026-11-24T16:00')
      .ack(KEY_WORKER, '2026-11-24T17:00')
      .agree('2026-11-24T18:00');
  }
  // goal-overdue: a goal that was to be reached by the 25th is still active.
  settled(h, 'p-goal', {}, lapses ? '2026-11-25' : '2026-12-31');
  // key-worker-missing: s-eve left on the 20th and nobody took p-kw on.
  settled(h, 'p-kw', { key_worker: lapses ? 's-eve' : 's-kim' });
  // care-after-discharge: an outcome entry three days after the discharge.
  h.person('p-dis', { admitted: '2026-10-20', status: 'discharged', discharged: '2026-11-15' })
    .assess('2026-10-20T10:00')
    .plan({ updated: '2026-10-20T16:00' })
    .signoff('2026-10-21T09:00')
    .ack(KEY_WORKER, '2026-10-21T10:00')
    .agree('2026-10-21T11:00')
    .outcome('2026-11-10T12:00')
    .outcome('2026-11-15T09:30')
    .review('plan', '2026-11-14T11:00');
  if (lapses) h.outcome('2026-11-18T12:00');
  // supervision-overdue: s-fay was last supervised on 25 September; everyone else this month.
  h.supervise('s-fay', lapses ? '2026-09-25T14:00' : '2026-11-10T14:00');
  for (const staff of [KEY_WORKER, 's-kim', 's-carl', 's-dana']) h.supervise(staff, '2026-11-10T10:00');
  // audit-action-overdue: October's second action was due on the 20th and is not closed.
  h.audit('2026-10', '2026-11-05T11:40', [{ due: '2026-11-13' }, { owner: 's-dana', due: '2026-11-20' }]).auditAction(
    '2026-10',
    1,
    '2026-11-12T10:00',
  );
  if (!lapses) h.auditAction('2026-10', 2, '2026-11-20T16:00');
  return h.person('p-a').spotcheck('2026-11-24T10:00');
}

describe('one lapse per new rule, and nothing else', () => {
  it('each new rule fires once, on its own person, staff member or the home', () => {
    const findings = judge(scenario(true), AS_OF);
    expect(findings.map((f) => [f.rule, f.person ?? f.subject]).sort(), listFindings(findings)).toEqual([
      ['audit-action-overdue', '2026-10#2'],
      ['care-after-discharge', 'p-dis'],
      ['escalation-unanswered', 'p-esc'],
      ['goal-overdue', 'p-goal'],
      ['key-worker-missing', 'p-kw'],
      ['plan-update-missing', 'p-upd'],
      ['supervision-overdue', 's-fay'],
    ]);
  });
  it('with every lapse put right, nothing fires', () => {
    const findings = judge(scenario(false), AS_OF);
    expect(findings, listFindings(findings)).toEqual([]);
  });
});
