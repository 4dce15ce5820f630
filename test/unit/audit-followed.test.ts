import { describe, expect, it } from 'vitest';
import { KEY_WORKER, signedHome } from '../helpers/care.js';
import { auditOf, auditOfFiles, emptyHome, metricOf, nd, measureValue } from '../helpers/audit.js';

const NOV = ['2026-11', '2026-12-05'] as const;

describe('plans followed', () => {
  it('an empty month: nothing to cover, no median, no entries, no spot checks', () => {
    const report = auditOfFiles(emptyHome(), ...NOV);
    expect(nd(report, 'followed.ack-coverage')).toBe('0/0');
    expect(measureValue(report, 'followed.ack-median-hours')).toBeNull();
    expect(nd(report, 'followed.care-by-confirmed-staff')).toBe('0/0');
    expect(nd(report, 'followed.variation-rate')).toBe('0/0');
    expect(measureValue(report, 'followed.variation-patterns')).toBe(0);
    expect(nd(report, 'followed.escalated-on-time')).toBe('0/0');
    // November's four weeks have passed without a check; with no sign-off there is no clock for the gap.
    expect(nd(report, 'followed.spotcheck-weeks')).toBe('0/4');
    expect(measureValue(report, 'followed.spotcheck-longest-gap')).toBeNull();
    // Nobody is overdue for supervision before anything has started the clock.
    expect(nd(report, 'followed.staff-supervised')).toBe('3/3');
  });

  it('acknowledgement coverage counts each team member against the version in force at the end', () => {
    const h = signedHome().person('p-a', { team: [KEY_WORKER, 's-carl'] });
    expect(nd(auditOf(h, ...NOV), 'followed.ack-coverage')).toBe('1/2');
    expect(nd(auditOf(h.ack('s-carl', '2026-11-20T08:00'), ...NOV), 'followed.ack-coverage')).toBe('2/2');
  });

  it('median hours from sign-off to acknowledgement, and how many came within 72 hours', () => {
    // Signed off 2 Nov 09:00; acknowledged after 1, 3 and 100 hours.
    const h = signedHome()
      .person('p-a', { team: [KEY_WORKER, 's-carl', 's-dana'] })
      .ack('s-carl', '2026-11-02T12:00')
      .ack('s-dana', '2026-11-06T13:00');
    const report = auditOf(h, ...NOV);
    const median = metricOf(report, 'followed.ack-median-hours');
    expect(median).toMatchObject({ value: 3, denominator: 3, unit: 'hours' });
    expect(nd(report, 'followed.acks-on-time')).toBe('2/3');
    expect(report.sections[1].metrics.find((m) => m.id === 'followed.ack-median-hours')!.people!['p-a'].value).toBe(3);
  });

  it('care is confirmed when the carer had acknowledged the version in force before the entry', () => {
    const h = signedHome()
      .outcome('2026-11-01T18:00') // before the sign-off: no version in force
      .outcome('2026-11-03T12:00') // s-ben acknowledged on 2 Nov
      .outcome('2026-11-03T13:00', { by: 's-carl' }); // s-carl never did
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'followed.care-by-confirmed-staff')).toBe('1/3');
    expect(nd(report, 'followed.care-by-confirmed-staff', 'p-a')).toBe('1/3');
  });

  it('variation rate: entries with a variation of all entries in the month; December entries are not November', () => {
    const h = signedHome()
      .outcome('2026-11-03T12:00')
      .variation('2026-11-04T12:00')
      .outcome('2026-11-05T12:00')
      .outcome('2026-11-06T12:00')
      .variation('2026-12-01T12:00');
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'followed.variation-rate')).toBe('1/4');
    expect(metricOf(report, 'followed.variation-rate').percent).toBe(25);
  });

  it('a pattern of 3 variations in 7 days escalated within 24 hours is on time; later is not', () => {
    const pattern = () => signedHome().variation('2026-11-10T12:00').variation('2026-11-11T12:00').variation('2026-11-12T10:00');
    const onTime = auditOf(pattern().escalate('2026-11-12T20:00'), ...NOV);
    expect(measureValue(onTime, 'followed.variation-patterns')).toBe(1);
    expect(nd(onTime, 'followed.escalated-on-time')).toBe('1/1');
    expect(nd(auditOf(pattern().escalate('2026-11-14T09:00'), ...NOV), 'followed.escalated-on-time')).toBe('0/1');
    expect(nd(auditOf(pattern(), ...NOV), 'followed.escalated-on-time')).toBe('0/1');
    // An escalation before the pattern began does not answer it.
    expect(nd(auditOf(pattern().escalate('2026-11-09T09:00'), ...NOV), 'followed.escalated-on-time')).toBe('0/1');
  });

  it('a pattern completed on the last evening is judged in the month its escalation falls due', () => {
    const h = signedHome()
      .variation('2026-11-28T12:00')
      .variation('2026-11-29T12:00')
      .variation('2026-11-30T23:00')
      .escalate('2026-12-01T10:00');
    expect(measureValue(auditOf(h, ...NOV), 'followed.variation-patterns')).toBe(0);
    const december = auditOf(h, '2026-12', '2027-01-05');
    expect(measureValue(december, 'followed.variation-patterns')).toBe(1);
    expect(nd(december, 'followed.escalated-on-time')).toBe('1/1');
  });

  it('spot checks: weeks with a check of the weeks so far, 4 of 4 in 30- and 31-day months alike; per person, the weeks looked at', () => {
    const november = signedHome()
      .spotcheck('2026-11-02T15:00')
      .spotcheck('2026-11-09T15:00')
      .spotcheck('2026-11-16T15:00')
      .spotcheck('2026-11-23T15:00');
    expect(nd(auditOf(november, ...NOV), 'followed.spotcheck-weeks')).toBe('4/4');
    expect(nd(auditOf(november, ...NOV), 'followed.spotcheck-weeks', 'p-a')).toBe('4/4');
    const october = signedHome()
      .person('p-a', { admitted: '2026-09-01' })
      .spotcheck('2026-10-05T15:00')
      .spotcheck('2026-10-12T15:00')
      .spotcheck('2026-10-19T15:00')
      .spotcheck('2026-10-26T15:00');
    expect(nd(auditOf(october, '2026-10', '2026-11-05'), 'followed.spotcheck-weeks')).toBe('4/4');
    // A week missed is a week missed, whatever else happened in the month.
    const missed = signedHome().spotcheck('2026-11-02T15:00').spotcheck('2026-11-03T15:00').spotcheck('2026-11-23T15:00');
    expect(nd(auditOf(missed, ...NOV), 'followed.spotcheck-weeks')).toBe('2/4');
    // While the month runs, the running week counts once it has a check, and is not missed before it ends.
    expect(nd(auditOf(november, '2026-11', '2026-11-16'), 'followed.spotcheck-weeks')).toBe('3/3');
    expect(nd(auditOf(november, '2026-11', '2026-11-15'), 'followed.spotcheck-weeks')).toBe('2/2');
  });

  it('the longest gap between spot checks runs from the last check before the month (or the first sign-off) to the end', () => {
    const weekly = signedHome()
      .spotcheck('2026-10-26T15:00')
      .spotcheck('2026-11-02T15:00')
      .spotcheck('2026-11-09T15:00')
      .spotcheck('2026-11-16T15:00')
      .spotcheck('2026-11-23T15:00');
    const report = auditOf(weekly, ...NOV);
    // 26 Oct → 2 Nov → … → 23 Nov: 7 days each; 23 → 30 Nov: 7.
    expect(metricOf(report, 'followed.spotcheck-longest-gap')).toMatchObject({ value: 7, unit: 'days' });
    expect(metricOf(report, 'followed.spotcheck-longest-gap').target).toEqual({ target: 7, bound: 'at most', status: 'met' });
    // Signed off 2 Nov, checks 9 and 30 Nov: the 21 days between them.
    const gap = signedHome().spotcheck('2026-11-09T15:00').spotcheck('2026-11-30T10:00');
    expect(measureValue(auditOf(gap, ...NOV), 'followed.spotcheck-longest-gap')).toBe(21);
    expect(metricOf(auditOf(gap, ...NOV), 'followed.spotcheck-longest-gap').target?.status).toBe('not met');
    // The target follows spotcheck_days unless policy.targets sets one.
    expect(metricOf(auditOf(gap.policy({ spotcheck_days: 21 }), ...NOV), 'followed.spotcheck-longest-gap').target?.status).toBe('met');
  });

  it('care staff supervised within supervision_days: from the newest supervision, else `started`, else the first sign-off', () => {
    const supervised = (staff: string, at: string) =>
      [`supervisions/${at.slice(0, 10)}-${staff}.yaml`, `at: "${at}"\nby: s-amina\nstaff: ${staff}\nkind: supervision\n`] as const;
    // First sign-off 2 Nov; 31 Dec is 59 days later (policy 56): s-ben, s-carl and s-dana are all overdue.
    const h = signedHome();
    expect(nd(auditOf(h, '2026-12', '2027-01-05'), 'followed.staff-supervised')).toBe('0/3');
    h.file(...supervised('s-carl', '2026-12-10T14:00')).staff('s-dana', ['shift-lead'], { started: '2026-12-01' });
    expect(nd(auditOf(h, '2026-12', '2027-01-05'), 'followed.staff-supervised')).toBe('2/3');
    // The Registered Manager is not in the care team, and a supervision after the end does not count.
    h.file(...supervised('s-ben', '2027-01-02T10:00'));
    expect(nd(auditOf(h, '2026-12', '2027-01-05'), 'followed.staff-supervised')).toBe('2/3');
  });

  it("a discharged person's care in the month counts; their plan is not expected to be acknowledged at the end", () => {
    const h = signedHome()
      .person('p-a', { status: 'discharged', discharged: '2026-11-10', team: [KEY_WORKER, 's-carl'] })
      .outcome('2026-11-03T12:00')
      .outcome('2026-11-09T12:00', { by: 's-carl' });
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'followed.ack-coverage')).toBe('0/0');
    expect(nd(report, 'followed.care-by-confirmed-staff')).toBe('1/2');
  });
});
