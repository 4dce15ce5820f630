import { describe, expect, it } from 'vitest';
import { buildHandover, type HandoverInput } from '../../src/history/handover.js';
import { planHash } from '../../src/model/planHash.js';
import type { Plan } from '../../src/model/records.generated.js';
import { home, KEY_WORKER, load, needEntry, type Home } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

const SINCE = asOf('2026-11-12T07:00');
const AS_OF = asOf('2026-11-12T19:00');

/**
 * The shift of 12 November, 07:00 to 19:00:
 * - p-a's plan, version 1 signed off on the 2nd, was changed at 10:00 and not yet signed off;
 * - p-b's plan was signed off at 09:00 and read by s-ben but not by s-carl;
 * - p-c's plan has not changed for a week; p-d was discharged (changes to them are not handed over).
 */
function shift(): { h: Home; v1: Plan } {
  const h = home()
    .assess('2026-11-01T10:00')
    .plan({ updated: '2026-11-01T16:00' })
    .signoff('2026-11-02T09:00')
    .ack(KEY_WORKER, '2026-11-02T10:00');
  const v1 = structuredClone(h.planSpec()) as unknown as Plan;
  h.plan({ version: 2, updated: '2026-11-12T10:00', needs: [needEntry('mobility'), needEntry('nutrition')] })
    .escalate('2026-11-12T08:15', { response: 'GP visit booked' })
    .escalate('2026-11-11T20:00')
    .variation('2026-11-12T12:45', { variation: 'Declined lunch' })
    .variation('2026-11-12T20:00');
  h.person('p-b', { team: [KEY_WORKER, 's-carl'] })
    .assess('2026-11-10T10:00')
    .plan({ updated: '2026-11-11T16:00' })
    .signoff('2026-11-12T09:00')
    .ack(KEY_WORKER, '2026-11-12T11:00');
  h.person('p-c').assess('2026-11-01T10:00').plan({ updated: '2026-11-05T16:00' }).signoff('2026-11-05T17:00');
  h.person('p-d', { status: 'discharged', discharged: '2026-11-11' })
    .assess('2026-11-01T10:00')
    .plan({ updated: '2026-11-12T10:00' })
    .escalate('2026-11-12T09:00');
  return { h, v1 };
}

function input(over: Partial<HandoverInput> = {}): HandoverInput {
  const { h, v1 } = shift();
  return {
    ws: load(h),
    since: SINCE,
    asOf: AS_OF,
    windowCommits: [],
    contentByHash: new Map([[`p-a ${planHash(v1)}`, v1]]),
    fromGit: true,
    ...over,
  };
}

describe('buildHandover', () => {
  it('the plans changed or approved in the window, each with its state, oldest-first approvals and who has not read it', () => {
    const report = buildHandover(input());
    expect(report.since).toBe('2026-11-12T07:00');
    expect(report.asOf).toBe('2026-11-12T19:00');
    expect(report.plans.map((p) => [p.person, p.state, p.version, p.changed])).toEqual([
      ['p-a', 'changed-since-signoff', 2, true],
      ['p-b', 'approved', 1, false],
    ]);
    const [a, b] = report.plans;
    expect(a).toMatchObject({
      from: { version: 1 },
      inForce: { version: 1, by: 's-amina', at: '2026-11-02T09:00' },
      approved: [],
      notAcknowledged: [],
    });
    expect(b).toMatchObject({
      approved: [{ version: 1, by: 's-amina', at: '2026-11-12T09:00' }],
      inForce: { version: 1 },
      notAcknowledged: [{ staff: 's-carl', name: 'Staff s-carl' }],
    });
    // No version was in force when p-b's window opened: the whole plan is new to the shift.
    expect(b.from).toBeUndefined();
    expect(b.changes!.map((c) => `${c.what} ${c.change}`)).toEqual(['need added', 'action added', 'goal added']);
  });

  it('what changed is measured from the version in force when the window opened, found by its hash', () => {
    const [a] = buildHandover(input()).plans;
    expect(a.changes!.map((c) => `${c.what} ${c.change} ${c.need}`)).toEqual([
      'need added nutrition',
      'action added nutrition',
      'goal added nutrition',
    ]);
  });

  it('when git does not hold that version, what changed is unknown rather than guessed', () => {
    const [a] = buildHandover(input({ contentByHash: new Map() })).plans;
    expect(a.changes).toBeUndefined();
  });

  it('a plan committed in the window counts as changed even when its `updated` is older', () => {
    const { h } = shift();
    const ws = load(h);
    const plan = ws.people.get('p-c')!.plan!.data;
    const report = buildHandover(
      input({ ws, windowCommits: [{ person: 'p-c', at: asOf('2026-11-12T12:00'), hash: planHash(plan), plan }] }),
    );
    expect(report.plans.map((p) => p.person)).toEqual(['p-a', 'p-b', 'p-c']);
    expect(report.plans[2]).toMatchObject({ state: 'approved', changed: true, changes: [] });
  });

  it('escalations and variations in the window only, soonest first, for people still in care', () => {
    const report = buildHandover(input());
    expect(report.escalations).toEqual([
      { person: 'p-a', at: '2026-11-12T08:15', by: KEY_WORKER, to: 's-amina', reason: 'Pattern of variation', response: 'GP visit booked' },
    ]);
    expect(report.variations).toEqual([
      { person: 'p-a', at: '2026-11-12T12:45', by: KEY_WORKER, goal: 'mobility-goal', variation: 'Declined lunch' },
    ]);
  });

  it('says when the records are not in git', () => {
    expect(buildHandover(input({ fromGit: false })).fromGit).toBe(false);
  });
});
