import { describe, expect, it } from 'vitest';
import type { CommitInfo, FileVersion } from '../../src/history/commits.js';
import { TrailVerifier, type VerifyReport } from '../../src/history/verify.js';
import { planHash } from '../../src/model/planHash.js';
import { needEntry, type PlanSpec } from '../helpers/care.js';
import { AMINA, commit, JO, listText, planText, sha, STAFF_EMAILS, version } from '../helpers/versions.js';

const PLAN_V1: PlanSpec = {
  version: 1,
  assessment: '2026-11-01-initial',
  author: 's-ben',
  updated: '2026-11-01T16:00',
  about_me: 'Likes crosswords.',
  needs: [needEntry('mobility')],
};
const PLAN_V2: PlanSpec = { ...PLAN_V1, version: 2, updated: '2026-11-10T16:00', needs: [needEntry('mobility'), needEntry('nutrition')] };
const PLANS = 'people/p-edith/plan.yaml';
const SIGNOFFS = 'people/p-edith/signoffs.yaml';
const ACKS = 'people/p-edith/acknowledgements.yaml';

const signoff = (plan: PlanSpec, at: string, over: Record<string, unknown> = {}) => ({
  version: plan.version,
  plan: planHash(plan),
  by: 's-amina',
  at,
  ...over,
});
const ack = (staff: string, at: string) => ({ staff, version: 1, plan: planHash(PLAN_V1), at });

/**
 * Runs the verifier as `careplan verify` does over a whole history: file versions newest first
 * (plan versions noted, list versions visited), then the commits, then the signatures.
 */
function verify(
  commits: CommitInfo[],
  versions: FileVersion[],
  options: { signatures?: Record<string, string>; shallow?: string[] } = {},
): VerifyReport {
  const verifier = new TrailVerifier({
    staffEmails: STAFF_EMAILS,
    zone: 'Europe/London',
    shallowBoundary: new Set((options.shallow ?? []).map(sha)),
  });
  for (const v of [...versions].reverse()) v.path.endsWith('/plan.yaml') ? verifier.notePlan(v) : verifier.visit(v);
  verifier.setCommits([...commits].reverse());
  return verifier.finish(new Map(Object.entries(options.signatures ?? {}).map(([id, status]) => [sha(id), { status }])), {
    shallow: (options.shallow ?? []).length > 0,
  });
}

/** The usual start: Ben writes the plan (1), Amina signs it off with careplan (2). */
function signedHistory() {
  const c1 = commit({ id: '1', at: '2026-11-01T16:05', trailers: { action: 'plan-create', by: 's-ben' } });
  const c2 = commit({ id: '2', at: '2026-11-02T09:00', author: AMINA, parents: ['1'], trailers: { action: 'signoff', by: 's-amina' } });
  const versions = [
    version(c1, PLANS, undefined, planText(PLAN_V1)),
    version(c2, SIGNOFFS, undefined, listText([signoff(PLAN_V1, '2026-11-02T09:00')])),
  ];
  return { commits: [c1, c2], versions };
}

describe('TrailVerifier', () => {
  it('a sign-off of content git held, committed by the signer: nothing to report', () => {
    const { commits, versions } = signedHistory();
    const report = verify(commits, versions, { signatures: { 2: 'G' } });
    expect(report.findings).toEqual([]);
    expect(report.signoffs).toEqual([
      {
        person: 'p-edith',
        version: 1,
        by: 's-amina',
        at: '2026-11-02T09:00',
        commit: sha('2'),
        hashKnown: true,
        committedBySigner: true,
        signature: 'G',
      },
    ]);
    expect(report).toMatchObject({ commits: 2, listVersions: 1, shallow: false });
  });

  it("a sign-off of content git only held later: signoff-hash-unknown, on the entry's line", () => {
    const c1 = commit({ id: '1', at: '2026-11-02T09:00', author: AMINA, trailers: { action: 'signoff', by: 's-amina' } });
    const c2 = commit({ id: '2', at: '2026-11-03T09:00', parents: ['1'] });
    const report = verify(
      [c1, c2],
      [
        version(c1, SIGNOFFS, undefined, listText([signoff(PLAN_V1, '2026-11-02T09:00')])),
        version(c2, PLANS, undefined, planText(PLAN_V1)),
      ],
    );
    expect(report.findings).toMatchObject([
      { rule: 'signoff-hash-unknown', severity: 'error', person: 'p-edith', file: SIGNOFFS, line: 1 },
    ]);
    expect(report.findings[0].message).toBe(
      'sign-off of version 1 by s-amina (entry 1, added in commit 1111111 (2026-11-02 09:00, s-amina, careplan ' +
        `signoff)) approves ${planHash(PLAN_V1).slice(0, 15)}…, a plan content git never held at or before ` +
        'that commit: nothing shows what was signed',
    );
  });

  it('a sign-off committed by someone else without a Careplan-By trailer: signoff-not-by-signer', () => {
    const { commits, versions } = signedHistory();
    const c3 = commit({ id: '3', at: '2026-11-10T12:00', author: JO, parents: ['2'] });
    // Appended text: the verifier takes the new entry from the added text alone.
    const before = listText([signoff(PLAN_V1, '2026-11-02T09:00')]);
    const after = before + listText([signoff(PLAN_V1, '2026-11-10T12:00')]);
    const report = verify([...commits, c3], [...versions, version(c3, SIGNOFFS, before, after)]);
    expect(report.findings).toMatchObject([{ rule: 'signoff-not-by-signer', severity: 'warning', file: SIGNOFFS, line: 2 }]);
    expect(report.findings[0].message).toContain(
      'entry 2, added in commit 3333333 (2026-11-10 12:00, Jo Bloggs <jo@elsewhere.example>, not made with careplan)',
    );
    expect(report.signoffs.map((s) => s.committedBySigner)).toEqual([false, true]);
  });

  it('a sign-off naming another version than the content it approves: signoff-version-mismatch', () => {
    const c1 = commit({ id: '1', at: '2026-11-01T16:05' });
    const c2 = commit({ id: '2', at: '2026-11-02T09:00', author: AMINA, parents: ['1'] });
    const report = verify(
      [c1, c2],
      [
        version(c1, PLANS, undefined, planText(PLAN_V1)),
        version(c2, SIGNOFFS, undefined, listText([signoff(PLAN_V1, '2026-11-02T09:00', { version: 3 })])),
      ],
    );
    expect(report.findings).toMatchObject([{ rule: 'signoff-version-mismatch', severity: 'warning', line: 1 }]);
    expect(report.findings[0].message).toContain('names version 3, but the content it approves says version 1');
  });

  it("a bad cryptographic signature on the sign-off's commit: signoff-signature-bad", () => {
    const { commits, versions } = signedHistory();
    const report = verify(commits, versions, { signatures: { 2: 'B' } });
    expect(report.findings).toMatchObject([{ rule: 'signoff-signature-bad', severity: 'error', line: 1 }]);
    expect(report.signoffs[0].signature).toBe('B');
  });

  it('an earlier entry edited by hand: append-only-rewritten, naming the entry, the field and the commit', () => {
    const c1 = commit({ id: '1', at: '2026-11-02T10:00' });
    const c2 = commit({ id: '2', at: '2026-11-20T09:00', author: JO, parents: ['1'] });
    const first = listText([ack('s-ben', '2026-11-02T10:00'), ack('s-carl', '2026-11-02T11:00')]);
    const edited = listText([ack('s-ben', '2026-11-01T10:00'), ack('s-carl', '2026-11-02T11:00')]);
    const report = verify([c1, c2], [version(c1, ACKS, undefined, first), version(c2, ACKS, first, edited)]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ rule: 'append-only-rewritten', severity: 'error', person: 'p-edith', file: ACKS, line: 1 });
    expect(report.findings[0].message).toBe(
      'commit 2222222 (2026-11-20 09:00, Jo Bloggs <jo@elsewhere.example>, ' +
        'not made with careplan) changed entry 1 (at) of this append-only list',
    );
    expect(report.findings[0].fix).toContain('git diff 2222222^ 2222222 -- people/p-edith/acknowledgements.yaml');
    expect(report.listVersions).toBe(2);
  });

  it('entries removed, or the whole list deleted: append-only-rewritten, counting what it held', () => {
    const c1 = commit({ id: '1', at: '2026-11-02T10:00' });
    const c2 = commit({ id: '2', at: '2026-11-20T09:00', author: JO, parents: ['1'] });
    const c3 = commit({ id: '3', at: '2026-11-21T09:00', author: JO, parents: ['2'] });
    const three = listText([ack('s-ben', '2026-11-02T10:00'), ack('s-carl', '2026-11-02T11:00'), ack('s-amina', '2026-11-02T12:00')]);
    const two = listText([ack('s-ben', '2026-11-02T10:00'), ack('s-amina', '2026-11-02T12:00')]);
    const report = verify(
      [c1, c2, c3],
      [version(c1, ACKS, undefined, three), version(c2, ACKS, three, two), version(c3, ACKS, two, undefined)],
    );
    expect(report.findings.map((f) => f.message)).toEqual([
      'commit 3333333 (2026-11-21 09:00, Jo Bloggs <jo@elsewhere.example>, not ' +
        'made with careplan) deleted this append-only list, which held 2 entries',
      'commit 2222222 (2026-11-20 09:00, Jo Bloggs <jo@elsewhere.example>, ' +
        'not made with careplan) removed entry 2 of this append-only list',
    ]);
    expect(report.findings[1].line).toBe(2);
  });

  it("a shallow clone's cut is where the trail starts: its lists are not additions to judge", () => {
    const c1 = commit({ id: '1', at: '2026-11-02T09:00', author: JO });
    const report = verify([c1], [version(c1, SIGNOFFS, undefined, listText([signoff(PLAN_V2, '2026-11-02T09:00')]))], { shallow: ['1'] });
    expect(report.findings).toEqual([]);
    expect(report.signoffs).toEqual([]);
    expect(report.shallow).toBe(true);
  });

  it('a merge: a sign-off is judged against the plan content held on its own side of history', () => {
    // 1 writes v1; 2 (one branch) writes v2; 3 (the other branch, from 1) signs v2 off; 4 merges them.
    const c1 = commit({ id: '1', at: '2026-11-01T16:05' });
    const c2 = commit({ id: '2', at: '2026-11-10T16:05', parents: ['1'] });
    const c3 = commit({ id: '3', at: '2026-11-11T09:00', author: AMINA, parents: ['1'] });
    const c4 = commit({ id: '4', at: '2026-11-12T09:00', parents: ['2', '3'] });
    const report = verify(
      [c1, c2, c3, c4],
      [
        version(c1, PLANS, undefined, planText(PLAN_V1)),
        version(c2, PLANS, planText(PLAN_V1), planText(PLAN_V2)),
        version(c3, SIGNOFFS, undefined, listText([signoff(PLAN_V2, '2026-11-11T09:00')])),
      ],
    );
    expect(report.findings.map((f) => f.rule)).toEqual(['signoff-hash-unknown']);
  });
});
