import { describe, expect, it } from 'vitest';
import { home, judge, KEY_WORKER, listFindings, none, one, ofRule, signedHome } from '../helpers/care.js';

/**
 * src/rules/care/acknowledgement.ts (policy step 4): the person agrees to the version in force and
 * the team confirms it within acknowledge_within_hours of its sign-off (elapsed hours); care is
 * recorded only by staff who had confirmed the version in force at the time.
 */

const SIGNOFFS = 'people/p-a/signoffs.yaml';
const OUTCOMES = 'people/p-a/outcomes/2026-11.yaml';
/** Signed off 2026-11-02T09:00, nothing acknowledged or agreed: both due by 2026-11-05T09:00. */
const signed = () => home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00');

describe('agreement-missing', () => {
  it('fires 72 hours after the sign-off with no agreement, at the sign-off', () => {
    const f = one(judge(signed().ack(KEY_WORKER, '2026-11-02T10:00'), '2026-11-05T09:01'), 'agreement-missing');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: SIGNOFFS, line: 1, due: '2026-11-05T09:00' });
    expect(f.fix).toContain('careplan agree p-a');
  });
  it('not at exactly 72 hours', () => {
    none(judge(signed(), '2026-11-05T09:00'), 'agreement-missing');
  });
  it('an agreement by a representative counts', () => {
    const h = signed().agree('2026-11-03T10:00', {
      by: 'representative',
      name: 'Jo',
      relationship: 'daughter',
      authority: 'lpa-health-welfare',
    });
    none(judge(h, '2026-11-06'), 'agreement-missing');
  });
  it('an agreement to an earlier version does not count for the version in force', () => {
    const h = signedHome()
      .plan({ version: 2, about_me: 'Changed.', updated: '2026-11-03T09:00' })
      .signoff('2026-11-03T10:00')
      .ack(KEY_WORKER, '2026-11-03T11:00');
    none(judge(h, '2026-11-06T10:00'), 'agreement-missing');
    expect(one(judge(h, '2026-11-06T10:01'), 'agreement-missing').line).toBe(2);
  });
  it('an agreement with the right version but another hash does not count', () => {
    one(judge(signed().agree('2026-11-02T11:00', { plan: `sha256:${'0'.repeat(64)}` }), '2026-11-06'), 'agreement-missing');
  });
  it('starting point: nothing to agree to before a sign-off', () => {
    none(judge(home().assess('2026-11-01T10:00').plan(), '2026-11-30'), 'agreement-missing');
  });
  it('acknowledge_within_hours in careplan.yaml sets the window', () => {
    const h = signed().policy({ acknowledge_within_hours: 24 });
    none(judge(h, '2026-11-03T09:00'), 'agreement-missing');
    one(judge(h, '2026-11-03T09:01'), 'agreement-missing');
  });
});

describe('ack-missing', () => {
  it('fires for each team member who has not confirmed the version in force 72 hours after sign-off', () => {
    const f = one(judge(signed().agree('2026-11-02T11:00'), '2026-11-05T09:01'), 'ack-missing');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: SIGNOFFS, line: 1, due: '2026-11-05T09:00' });
    expect(f.message).toContain(KEY_WORKER);
    expect(f.fix).toContain(`careplan ack p-a --as ${KEY_WORKER}`);
  });
  it('not at exactly 72 hours', () => {
    none(judge(signed(), '2026-11-05T09:00'), 'ack-missing');
  });
  it('not once confirmed, however late', () => {
    none(judge(signed().ack(KEY_WORKER, '2026-11-06T09:00'), '2026-11-07'), 'ack-missing');
  });
  it('an acknowledgement must name the same version and hash', () => {
    one(judge(signed().ack(KEY_WORKER, '2026-11-02T10:00', { plan: `sha256:${'0'.repeat(64)}` }), '2026-11-06'), 'ack-missing');
    one(judge(signed().ack(KEY_WORKER, '2026-11-02T10:00', { version: 2 }), '2026-11-06'), 'ack-missing');
  });
  it('a new version in force needs confirming again', () => {
    const h = signedHome()
      .plan({ version: 2, about_me: 'Changed.', updated: '2026-11-03T09:00' })
      .signoff('2026-11-03T10:00')
      .agree('2026-11-03T11:00');
    expect(one(judge(h, '2026-11-06T10:01'), 'ack-missing').line).toBe(2);
  });
  it('without a `team`, every active key worker, shift lead and care staff member', () => {
    const h = signed()
      .person('p-a', { team: undefined })
      .staff('s-ed', ['care-staff'], { active: false, left: '2026-10-31' })
      .staff('s-fay', ['senior-leader'])
      .ack('s-carl', '2026-11-02T12:00');
    const who = ofRule(judge(h, '2026-11-06'), 'ack-missing').map((f) => f.message.split(' ')[0]);
    expect(who).toEqual([KEY_WORKER, 's-dana']);
  });
  it('a team member who has left is not asked', () => {
    const h = signed()
      .person('p-a', { team: [KEY_WORKER, 's-carl'] })
      .staff('s-carl', ['care-staff'], { active: false, left: '2026-11-03' })
      .ack(KEY_WORKER, '2026-11-02T10:00');
    none(judge(h, '2026-11-06'), 'ack-missing');
  });
  it('clocks back (2026-10-25): 72 real hours from 2026-10-23T12:00 run to 2026-10-26T11:00', () => {
    const h = home()
      .person('p-a', { admitted: '2026-10-22' })
      .assess('2026-10-22T10:00')
      .plan()
      .signoff('2026-10-23T12:00')
      .agree('2026-10-23T13:00');
    none(judge(h, '2026-10-26T11:00'), 'ack-missing');
    expect(one(judge(h, '2026-10-26T11:30'), 'ack-missing').due).toBe('2026-10-26T11:00');
  });
  it('clocks forward (2026-03-29): 72 real hours from 2026-03-27T12:00 run to 2026-03-30T13:00', () => {
    const h = home()
      .person('p-a', { admitted: '2026-03-26' })
      .assess('2026-03-26T10:00')
      .plan()
      .signoff('2026-03-27T12:00')
      .agree('2026-03-27T13:00');
    none(judge(h, '2026-03-30T12:30'), 'ack-missing');
    none(judge(h, '2026-03-30T13:00'), 'ack-missing');
    one(judge(h, '2026-03-30T13:01'), 'ack-missing');
  });
  it('acknowledge_within_hours: 24', () => {
    const h = signed().policy({ acknowledge_within_hours: 24 });
    none(judge(h, '2026-11-03T09:00'), 'ack-missing');
    one(judge(h, '2026-11-03T09:01'), 'ack-missing');
  });
  it('starting point: nothing to confirm before a sign-off; an unauthorised sign-off is none', () => {
    none(judge(home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00', { by: KEY_WORKER }), '2026-11-30'), 'ack-missing');
  });
});

describe('care-without-ack', () => {
  // s-ben confirmed version 1 at 2026-11-02T10:00; s-carl never did.
  it('an outcome entry by staff who had not confirmed the version in force: warning at its `by`', () => {
    const h = signedHome().outcome('2026-11-03T12:00', { by: 's-carl' });
    const f = one(judge(h, '2026-11-04'), 'care-without-ack');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: OUTCOMES, line: 1, since: '2026-11-03T12:00' });
    expect(f.fix).toContain('careplan ack p-a --as s-carl');
  });
  it('an acknowledgement made at the same moment as the entry counts; one after it does not', () => {
    none(judge(signedHome().outcome('2026-11-02T10:00'), '2026-11-04'), 'care-without-ack');
    one(judge(signedHome().outcome('2026-11-02T09:59'), '2026-11-04'), 'care-without-ack');
  });
  it('one finding per staff member and version, counting the entries', () => {
    const h = signedHome()
      .outcome('2026-11-03T12:00', { by: 's-carl' })
      .outcome('2026-11-04T12:00', { by: 's-carl' })
      .outcome('2026-11-04T13:00');
    const f = one(judge(h, '2026-11-05'), 'care-without-ack');
    expect(f.message).toContain('2 outcome entries');
    expect(f.line).toBe(1);
  });
  it('one finding per version in force: the same version signed off twice is still one version', () => {
    const h = signedHome()
      .signoff('2026-11-03T09:00')
      .outcome('2026-11-02T12:00', { by: 's-carl' })
      .outcome('2026-11-03T12:00', { by: 's-carl' });
    expect(one(judge(h, '2026-11-05'), 'care-without-ack').message).toContain('2 outcome entries');
    const two = signedHome()
      .outcome('2026-11-02T12:00', { by: 's-carl' })
      .plan({ version: 2, about_me: 'Changed.', updated: '2026-11-03T09:00' })
      .signoff('2026-11-03T10:00')
      .outcome('2026-11-03T12:00', { by: 's-carl' });
    const found = judge(two, '2026-11-05').filter((f) => f.rule === 'care-without-ack');
    expect(found.map((f) => f.message.replace(/.* confirmed /, ''))).toEqual(['version 1 of the plan', 'version 2 of the plan']);
  });
  it('someone who has left cannot confirm the plan now: the fix says what can be done', () => {
    const h = signedHome()
      .outcome('2026-11-03T12:00', { by: 's-carl' })
      .staff('s-carl', ['care-staff'], { active: false, left: '2026-11-04' });
    const f = one(judge(h, '2026-11-05'), 'care-without-ack');
    expect(f.fix).toBe(
      'nothing to change now: s-carl no longer works here (left 2026-11-04); the audit counts these entries. ' +
        'Check the team confirms each plan before giving care (`careplan handover`)',
    );
    expect(f.fix).not.toContain('careplan ack');
    // A planned last day: still working on it, so they can still confirm the plan; not the day after.
    const planned = signedHome().outcome('2026-11-03T12:00', { by: 's-carl' }).staff('s-carl', ['care-staff'], { left: '2026-11-04' });
    expect(one(judge(planned, '2026-11-04T18:00'), 'care-without-ack').fix).toContain('careplan ack p-a --as s-carl');
    expect(one(judge(planned, '2026-11-05'), 'care-without-ack').fix).toContain('no longer works here');
  });
  it('confirming version 1 does not cover care under version 2', () => {
    const h = signedHome()
      .plan({ version: 2, about_me: 'Changed.', updated: '2026-11-03T09:00' })
      .signoff('2026-11-03T10:00')
      .outcome('2026-11-03T12:00');
    one(judge(h, '2026-11-04'), 'care-without-ack');
  });
  it('within lookback: an entry 28 days back is reported, 29 days back is not', () => {
    const h = signedHome().outcome('2026-11-03T12:00', { by: 's-carl' });
    one(judge(h, '2026-12-01'), 'care-without-ack');
    none(judge(h, '2026-12-02'), 'care-without-ack');
  });
  it('lookback_days in careplan.yaml', () => {
    const h = signedHome().outcome('2026-11-03T12:00', { by: 's-carl' }).policy({ lookback_days: 3 });
    one(judge(h, '2026-11-06'), 'care-without-ack');
    none(judge(h, '2026-11-07'), 'care-without-ack');
  });
});

describe('care-before-signoff', () => {
  it("an outcome entry earlier than the plan's first sign-off: warning at its `at`", () => {
    const h = signedHome().outcome('2026-11-02T08:00');
    const f = one(judge(h, '2026-11-04'), 'care-before-signoff');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: OUTCOMES, line: 1, since: '2026-11-02T08:00' });
    none(judge(h, '2026-11-04'), 'care-without-ack');
  });
  it('not at the moment of the sign-off', () => {
    const h = home()
      .assess('2026-11-01T10:00')
      .plan()
      .signoff('2026-11-02T09:00')
      .ack(KEY_WORKER, '2026-11-02T09:00')
      .agree('2026-11-02T09:00')
      .outcome('2026-11-02T09:00');
    const findings = judge(h, '2026-11-04');
    expect(findings, listFindings(findings)).toEqual([]);
  });
  it('one finding for all the early entries', () => {
    const f = one(judge(signedHome().outcome('2026-11-01T12:00').outcome('2026-11-02T08:00'), '2026-11-04'), 'care-before-signoff');
    expect(f.message).toMatch(/^2 outcome entries/);
  });
  it('with no sign-off at all, care recorded is before the first sign-off', () => {
    const f = one(judge(home().assess('2026-11-01T10:00').plan().outcome('2026-11-02T12:00'), '2026-11-04'), 'care-before-signoff');
    expect(f.fix).toContain('careplan signoff p-a');
  });
  it('an unauthorised sign-off is not a sign-off', () => {
    const h = home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00', { by: KEY_WORKER }).outcome('2026-11-02T12:00');
    one(judge(h, '2026-11-04'), 'care-before-signoff');
  });
  it('within lookback: reported 28 days on, not 29', () => {
    const h = signedHome().outcome('2026-11-02T08:00');
    one(judge(h, '2026-11-30'), 'care-before-signoff');
    none(judge(h, '2026-12-01'), 'care-before-signoff');
  });
});
