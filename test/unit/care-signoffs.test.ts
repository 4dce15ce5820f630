import { describe, expect, it } from 'vitest';
import { home, judge, KEY_WORKER, none, one, signedHome } from '../helpers/care.js';

/** src/rules/care/signoffs.ts: who may approve a plan, and one version number for one content. */

const SIGNOFFS = 'people/p-a/signoffs.yaml';
const drafted = () => home().assess('2026-11-01T10:00').plan();

describe('signoff-not-authorised', () => {
  it('a sign-off by someone without a role in signoff_roles: error at its `by`', () => {
    const f = one(judge(drafted().signoff('2026-11-02T09:00', { by: KEY_WORKER }), '2026-11-02'), 'signoff-not-authorised');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: SIGNOFFS, line: 1, since: '2026-11-02T09:00' });
    expect(f.fix).toContain('careplan signoff p-a');
  });
  it('reported wherever it sits in the list', () => {
    const h = signedHome().signoff('2026-11-03T09:00', { by: 's-carl' });
    expect(one(judge(h, '2026-11-04'), 'signoff-not-authorised').line).toBe(2);
  });
  it('not for the Registered Manager', () => {
    none(judge(drafted().signoff('2026-11-02T09:00'), '2026-11-02'), 'signoff-not-authorised');
  });
  it('signoff_roles in careplan.yaml: a deputy manager may sign when the policy says so', () => {
    const h = drafted().staff('s-dee', ['deputy-manager']).signoff('2026-11-02T09:00', { by: 's-dee' });
    one(judge(h, '2026-11-02'), 'signoff-not-authorised');
    const allowed = judge(h.policy({ signoff_roles: ['registered-manager', 'deputy-manager'] }), '2026-11-02');
    none(allowed, 'signoff-not-authorised', 'plan-unsigned', 'plan-due');
  });
  it("the manager's role named in signoff_roles is all that counts: without it, the manager is not authorised", () => {
    const h = drafted()
      .signoff('2026-11-02T09:00')
      .policy({ signoff_roles: ['senior-leader'] });
    one(judge(h, '2026-11-02'), 'signoff-not-authorised');
  });
  it('an unauthorised sign-off puts no version in force: no acknowledgement is owed, no review is due', () => {
    const findings = judge(drafted().signoff('2026-11-02T09:00', { by: KEY_WORKER }), '2026-11-30');
    none(
      findings,
      'ack-missing',
      'agreement-missing',
      'review-due',
      'review-overdue',
      'outcomes-missing',
      'outcome-review-overdue',
      'spotcheck-overdue',
    );
  });
  it('an unauthorised sign-off of a newer version leaves the signed version in force', () => {
    // s-ben acknowledged version 1; version 2 "signed" by s-carl is not in force, so nothing new to confirm.
    const h = signedHome()
      .plan({ version: 2, about_me: 'Changed.', updated: '2026-11-03T09:00' })
      .signoff('2026-11-03T10:00', { by: 's-carl' })
      .outcome('2026-11-04T12:00');
    const findings = judge(h, '2026-11-07');
    none(findings, 'ack-missing', 'care-without-ack');
    one(findings, 'plan-changed-since-signoff');
  });
  it('a sign-off dated after the signer left is role-mismatch, but (holding the role) still approves', () => {
    // SPEC defines an authorised sign-off by role only; the `left` date is judged by role-mismatch.
    const h = signedHome().staff('s-amina', ['registered-manager'], { active: false, left: '2026-11-01' });
    const findings = judge(h, '2026-11-05');
    one(findings, 'role-mismatch');
    none(findings, 'signoff-not-authorised', 'plan-unsigned', 'plan-due');
  });
});

describe('version-reused', () => {
  it('two sign-offs of one version with different content: error at the second', () => {
    const h = signedHome().plan({ about_me: 'Changed but still version 1.', updated: '2026-11-03T09:00' }).signoff('2026-11-03T10:00');
    const f = one(judge(h, '2026-11-04'), 'version-reused');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: SIGNOFFS, line: 2, since: '2026-11-03T10:00' });
  });
  it('signing the same content twice is not reuse', () => {
    none(judge(signedHome().signoff('2026-11-03T10:00'), '2026-11-04'), 'version-reused');
  });
  it('a new version number for new content is not reuse', () => {
    none(judge(signedHome().plan({ version: 2, about_me: 'Changed.' }).signoff('2026-11-03T10:00'), '2026-11-04'), 'version-reused');
  });
  it('judged over unauthorised sign-offs too: a version number names one content', () => {
    const h = signedHome().plan({ about_me: 'Changed.' }).signoff('2026-11-03T10:00', { by: KEY_WORKER });
    one(judge(h, '2026-11-04'), 'version-reused');
  });
});
