import { describe, expect, it } from 'vitest';
import { buildTimeline, isTrailFile, type TrailEntry } from '../../src/history/timeline.js';
import { planHash } from '../../src/model/planHash.js';
import { needEntry, type PlanSpec } from '../helpers/care.js';
import { AMINA, commit, JO, type CommitSpec, listText, planText, sha, STAFF_EMAILS, version } from '../helpers/versions.js';

const DIR = 'people/p-edith';
const V1: PlanSpec = {
  version: 1,
  assessment: '2026-11-01-initial',
  author: 's-ben',
  updated: '2026-11-01T16:00',
  about_me: 'Likes crosswords.',
  needs: [needEntry('mobility')],
};
const V2: PlanSpec = {
  ...V1,
  version: 2,
  updated: '2026-11-10T16:00',
  needs: [needEntry('mobility', { preferences: ['Walks with a carer beside her'] }), needEntry('nutrition')],
};
const H1 = planHash(V1);

/** Edie's trail, oldest first, as the git walk hands it over: one commit a step. */
function trail() {
  const c = (id: string, at: string, extra: Partial<CommitSpec> = {}) => commit({ id, at, ...extra });
  const escalation = { at: '2026-11-12T08:00', by: 's-ben', to: 's-amina', reason: 'Pattern of variation' };
  const acks = [{ staff: 's-ben', version: 1, plan: H1, at: '2026-11-02T10:00' }];
  return [
    version(
      c('1', '2026-11-01T10:05', { trailers: { action: 'assess', by: 's-ben' } }),
      `${DIR}/assessments/2026-11-01-initial.yaml`,
      undefined,
      'type: initial\nat: "2026-11-01T10:00"\nby: s-ben\nwith_person: true\n' +
        'needs: [{ id: mobility, domain: mobility, description: Unsteady }]\n',
    ),
    version(c('2', '2026-11-01T16:05', { trailers: { action: 'plan-create', by: 's-ben' } }), `${DIR}/plan.yaml`, undefined, planText(V1)),
    version(
      c('3', '2026-11-02T09:00', { author: AMINA, trailers: { action: 'signoff', by: 's-amina' } }),
      `${DIR}/signoffs.yaml`,
      undefined,
      listText([{ version: 1, plan: H1, by: 's-amina', at: '2026-11-02T09:00' }]),
    ),
    // Committed by Amina for Ben, by hand: "committed by" and "edited by hand" are both said.
    version(c('4', '2026-11-02T10:05', { author: AMINA }), `${DIR}/acknowledgements.yaml`, undefined, listText(acks)),
    version(
      c('5', '2026-11-03T09:00', { trailers: { action: 'plan-update', by: 's-ben' } }),
      `${DIR}/plan.yaml`,
      planText(V1),
      `# Edie's plan\n${planText(V1)}`,
    ),
    version(
      c('6', '2026-11-10T16:05', { trailers: { action: 'plan-update', by: 's-ben' } }),
      `${DIR}/plan.yaml`,
      `# Edie's plan\n${planText(V1)}`,
      planText(V2),
    ),
    version(
      c('7', '2026-11-12T08:05', { trailers: { action: 'escalate', by: 's-ben' } }),
      `${DIR}/escalations.yaml`,
      undefined,
      listText([escalation]),
    ),
    version(
      c('8', '2026-11-12T15:00', { author: AMINA, trailers: { action: 'escalate', by: 's-amina' } }),
      `${DIR}/escalations.yaml`,
      listText([escalation]),
      listText([{ ...escalation, response: 'GP visit booked', responded_at: '2026-11-12T14:55' }]),
    ),
    version(
      c('9', '2026-11-20T09:00', { author: JO }),
      `${DIR}/acknowledgements.yaml`,
      listText(acks),
      listText([{ ...acks[0], at: '2026-11-01T10:00' }]),
    ),
    version(c('a', '2026-11-21T09:00', { author: JO }), `${DIR}/agreements.yaml`, undefined, 'this: [is not'),
    version(c('b', '2026-11-22T09:00', { author: JO }), `${DIR}/assessments/2026-11-01-initial.yaml`, 'type: initial\n', undefined),
  ];
}

const timeline = () => buildTimeline({ versions: trail(), staffEmails: STAFF_EMAILS, zone: 'Europe/London' });
const ofType = <T extends TrailEntry['type']>(entries: TrailEntry[], type: T) =>
  entries.filter((e): e is Extract<TrailEntry, { type: T }> => e.type === type);

describe('buildTimeline', () => {
  it('one entry a change, oldest first, in the care words of each file', () => {
    expect(timeline().map((e) => [e.type, e.commit.slice(0, 1), e.at])).toEqual([
      ['assessment', '1', '2026-11-01T10:05'],
      ['plan', '2', '2026-11-01T16:05'],
      ['signoff', '3', '2026-11-02T09:00'],
      ['acknowledgement', '4', '2026-11-02T10:05'],
      ['plan-layout', '5', '2026-11-03T09:00'],
      ['plan', '6', '2026-11-10T16:05'],
      ['escalation', '7', '2026-11-12T08:05'],
      ['escalation-response', '8', '2026-11-12T15:00'],
      ['rewritten', '9', '2026-11-20T09:00'],
      ['unreadable', 'a', '2026-11-21T09:00'],
      ['assessment', 'b', '2026-11-22T09:00'],
    ]);
  });

  it("names who made each change: the trailer, else the staff member with the author's email, else git's author; hand edits marked", () => {
    const entries = timeline();
    expect(entries[2]).toMatchObject({
      by: 's-amina',
      handEdit: false,
      signer: 's-amina',
      version: 1,
      plan: H1,
      recordedAt: '2026-11-02T09:00',
    });
    expect(entries[3]).toMatchObject({ by: 's-amina', handEdit: true, staff: 's-ben' });
    expect(entries[8]).toMatchObject({ by: undefined, author: { name: 'Jo Bloggs', email: 'jo@elsewhere.example' }, handEdit: true });
  });

  it('a plan version: first or changed, its semantic changes, and the approvals that name its content', () => {
    const [first, second] = ofType(timeline(), 'plan');
    expect(first).toMatchObject({ version: 1, first: true, hash: H1, versionUnchanged: false });
    expect(first.changes.map((c) => `${c.what} ${c.change} ${c.id ?? ''}`)).toEqual([
      'need added mobility',
      'action added mobility-act',
      'goal added mobility-goal',
    ]);
    expect(first.signoffs).toEqual([{ by: 's-amina', at: '2026-11-02T09:00', commit: sha('3') }]);
    expect(first.acknowledgements).toEqual([{ staff: 's-ben', at: '2026-11-02T10:00', commit: sha('4') }]);
    expect(second).toMatchObject({ version: 2, previousVersion: 1, first: false, signoffs: [], acknowledgements: [] });
    expect(second.changes.map((c) => `${c.what} ${c.change} ${c.need}`)).toEqual([
      'preferences changed mobility',
      'need added nutrition',
      'action added nutrition',
      'goal added nutrition',
    ]);
  });

  it('a response filled in is a response, not a rewrite; an earlier entry edited is a rewrite', () => {
    const entries = timeline();
    expect(ofType(entries, 'escalation')[0]).toMatchObject({ raisedBy: 's-ben', to: 's-amina', responded: false });
    expect(ofType(entries, 'escalation-response')[0]).toMatchObject({ raisedBy: 's-ben', recordedAt: '2026-11-12T08:00', by: 's-amina' });
    expect(ofType(entries, 'rewritten')).toMatchObject([
      { list: 'acknowledgements', changed: [{ entry: 1, fields: ['at'] }], removed: [] },
    ]);
  });

  it('a record deleted, and a file that is not valid YAML, are entries of their own', () => {
    const entries = timeline();
    expect(entries[9]).toMatchObject({ type: 'unreadable', file: `${DIR}/agreements.yaml` });
    expect(entries[10]).toMatchObject({ type: 'assessment', change: 'removed', id: '2026-11-01-initial' });
  });

  it('the daily outcome logs are not part of the trail', () => {
    expect(isTrailFile(`${DIR}/outcomes/2026-11.yaml`)).toBe(false);
    expect(isTrailFile(`${DIR}/plan.yaml`)).toBe(true);
    expect(isTrailFile(`${DIR}/notes.txt`)).toBe(false);
  });
});
