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
    expect(measureValue(report, 'followed.spotchecks-per-week')).toBe(0);
  });

  it('acknowledgement coverage counts each team member against the version in force at the end', () => {
    const h = signedHome().person('p-a', { team: [KEY_WORKER, 's-carl'] });
    expect(nd(auditOf(h, ...NOV), 'followed.ack-coverage')).toBe('1/2');
    expect(nd(auditOf(h.ack('s-carl', '2026-11-20T08:00'), ...NOV), 'followed.ack-coverage')).toBe('2/2');
  });

  it('median hours from sign-off to acknowledgement, and how many came within 72 hours', () => {
    // Signed off 2 Nov 09:00; acknowledged after 1, 3 and 100 hours.
    const h = signedHome().person('p-a', { team: [KEY_WORKER, 's-carl', 's-dana'] })
      .ack('s-carl', '2026-11-02T12:00').ack('s-dana', '2026-11-06T13:00');
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
    const h = signedHome().outcome('2026-11-03T12:00').variation('2026-11-04T12:00').outcome('2026-11-05T12:00').outcome('2026-11-06T12:00')
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
    const h = signedHome().variation('2026-11-28T12:00').variation('2026-11-29T12:00').variation('2026-11-30T23:00').escalate('2026-12-01T10:00');
    expect(measureValue(auditOf(h, ...NOV), 'followed.variation-patterns')).toBe(0);
    const december = auditOf(h, '2026-12', '2027-01-05');
    expect(measureValue(december, 'followed.variation-patterns')).toBe(1);
    expect(nd(december, 'followed.escalated-on-time')).toBe('1/1');
  });

  it('spot checks per week: the month\'s spot checks over its days, times 7; per person, the checks that included them', () => {
    const h = signedHome().spotcheck('2026-11-02T15:00').spotcheck('2026-11-09T15:00').spotcheck('2026-11-16T15:00').spotcheck('2026-11-23T15:00')
      .spotcheck('2026-12-01T15:00');
    const report = auditOf(h, ...NOV);
    // 4 in 30 days: 4 × 7 / 30 = 0.93 a week.
    expect(metricOf(report, 'followed.spotchecks-per-week')).toMatchObject({ value: 0.93, numerator: 4, denominator: 30, unit: 'per week' });
    expect(measureValue(report, 'followed.spotchecks-per-week', 'p-a')).toBe(4);
  });

  it('a discharged person\'s care in the month counts; their plan is not expected to be acknowledged at the end', () => {
    const h = signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-10', team: [KEY_WORKER, 's-carl'] })
      .outcome('2026-11-03T12:00').outcome('2026-11-09T12:00', { by: 's-carl' });
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'followed.ack-coverage')).toBe('0/0');
    expect(nd(report, 'followed.care-by-confirmed-staff')).toBe('1/2');
  });
});
