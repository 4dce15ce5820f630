import { describe, expect, it } from 'vitest';
import { home, KEY_WORKER, needEntry, signedHome } from '../helpers/care.js';
import { auditOf, auditOfFiles, emptyHome, metricOf, nd } from '../helpers/audit.js';

// November 2026 judged once it is over; signedHome(): p-a admitted 1 Nov, assessed 10:00, plan
// signed off 2 Nov 09:00 (23 hours), acknowledged by s-ben and agreed the same morning.
const NOV = ['2026-11', '2026-12-05'] as const;

describe('accuracy and personalisation', () => {
  it('an empty month: every ratio is 0 of 0 with no percentage', () => {
    const report = auditOfFiles(emptyHome(), ...NOV);
    for (const id of [
      'accuracy.plans-approved',
      'accuracy.plans-complete',
      'accuracy.plans-personalised',
      'accuracy.plans-agreed',
      'accuracy.new-plans-on-time',
      'accuracy.updates-on-time',
    ]) {
      expect(nd(report, id), id).toBe('0/0');
      expect(metricOf(report, id).percent, id).toBeNull();
    }
  });

  it('a plan signed off as written is approved, complete, personalised, agreed and on time', () => {
    const report = auditOf(signedHome(), ...NOV);
    expect(nd(report, 'accuracy.plans-approved')).toBe('1/1');
    expect(nd(report, 'accuracy.plans-complete')).toBe('1/1');
    expect(nd(report, 'accuracy.plans-personalised')).toBe('1/1');
    expect(nd(report, 'accuracy.plans-agreed')).toBe('1/1');
    expect(nd(report, 'accuracy.new-plans-on-time')).toBe('1/1');
    expect(metricOf(report, 'accuracy.plans-approved').percent).toBe(100);
    expect(nd(report, 'accuracy.plans-approved', 'p-a')).toBe('1/1');
  });

  it('a plan changed since its sign-off is not approved', () => {
    const h = signedHome().plan({ about_me: 'Likes crosswords and her cat.', updated: '2026-11-20T10:00' });
    expect(nd(auditOf(h, ...NOV), 'accuracy.plans-approved')).toBe('0/1');
  });

  it('a person whose plan was due by the end but who has none counts against approval; one admitted on the last day does not yet', () => {
    const h = signedHome().person('p-b', { admitted: '2026-11-10' }).person('p-c', { admitted: '2026-11-30' });
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'accuracy.plans-approved')).toBe('1/2');
    expect(nd(report, 'accuracy.plans-approved', 'p-b')).toBe('0/1');
    expect(nd(report, 'accuracy.plans-approved', 'p-c')).toBe('0/0');
    // p-b's first plan fell due in November (48 hours after admission, with no assessment); p-c's falls due in December.
    expect(nd(report, 'accuracy.new-plans-on-time')).toBe('1/2');
  });

  it('a need without an active goal makes the plan incomplete; a need without preferences makes it impersonal', () => {
    const h = home()
      .assess('2026-11-01T10:00', { needs: ['mobility', 'nutrition'] })
      .plan({ updated: '2026-11-01T16:00', needs: [needEntry('mobility', { goals: [] }), needEntry('nutrition', { preferences: [] })] })
      .signoff('2026-11-02T09:00');
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'accuracy.plans-complete')).toBe('0/1');
    expect(nd(report, 'accuracy.plans-personalised')).toBe('0/1');
  });

  it('the version in force needs an agreement of the same version and hash', () => {
    const h = home()
      .assess('2026-11-01T10:00')
      .plan({ updated: '2026-11-01T16:00' })
      .signoff('2026-11-02T09:00')
      .agree('2026-11-02T11:00', { plan: `sha256:${'0'.repeat(64)}` });
    expect(nd(auditOf(h, ...NOV), 'accuracy.plans-agreed')).toBe('0/1');
  });

  it('a first plan signed off more than 48 hours after the assessment is late; it counts in the month it fell due', () => {
    const late = home().assess('2026-11-01T10:00').plan({ updated: '2026-11-01T16:00' }).signoff('2026-11-04T09:00');
    expect(nd(auditOf(late, ...NOV), 'accuracy.new-plans-on-time')).toBe('0/1');
    // Assessed 31 October 12:00: due 2 November 12:00, so November's audit judges it, not October's.
    const acrossMonths = home()
      .person('p-a', { admitted: '2026-10-31' })
      .assess('2026-10-31T12:00')
      .plan({ updated: '2026-10-31T16:00' })
      .signoff('2026-11-01T09:00');
    expect(nd(auditOf(acrossMonths, '2026-10', '2026-12-05'), 'accuracy.new-plans-on-time')).toBe('0/0');
    expect(nd(auditOf(acrossMonths, ...NOV), 'accuracy.new-plans-on-time')).toBe('1/1');
  });

  it('a reassessment is followed by a new version signed off within 48 hours, or the update is late', () => {
    const base = () =>
      signedHome()
        .assess('2026-11-15T10:00', { type: 'change-in-needs', needs: ['mobility', 'night'] })
        .plan({
          version: 2,
          assessment: '2026-11-15-change-in-needs',
          updated: '2026-11-15T15:00',
          needs: [needEntry('mobility'), needEntry('night')],
        });
    expect(nd(auditOf(base().signoff('2026-11-16T09:00'), ...NOV), 'accuracy.updates-on-time')).toBe('1/1');
    expect(nd(auditOf(base().signoff('2026-11-18T09:00'), ...NOV), 'accuracy.updates-on-time')).toBe('0/1');
    expect(nd(auditOf(base(), ...NOV), 'accuracy.updates-on-time')).toBe('0/1');
    // Re-signing the old version is not an update.
    const resigned = signedHome().assess('2026-11-15T10:00', { type: 'change-in-needs' }).signoff('2026-11-16T09:00', { version: 1 });
    expect(nd(auditOf(resigned, ...NOV), 'accuracy.updates-on-time')).toBe('0/1');
  });

  it('a discharged person is not judged on the state of a plan at the end, but their plan due in the month still counts', () => {
    const h = signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-20' });
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'accuracy.plans-approved')).toBe('0/0');
    expect(nd(report, 'accuracy.plans-agreed')).toBe('0/0');
    expect(nd(report, 'accuracy.new-plans-on-time')).toBe('1/1');
    expect(report.people.discharged).toEqual(['p-a']);
  });

  it('a person admitted mid-month is judged from their admission', () => {
    const h = signedHome()
      .person('p-b', { admitted: '2026-11-15', team: [KEY_WORKER] })
      .assess('2026-11-15T10:00')
      .plan({ updated: '2026-11-15T16:00' })
      .signoff('2026-11-18T09:00');
    const report = auditOf(h, ...NOV);
    expect(report.people.admitted).toEqual(['p-a', 'p-b']);
    expect(nd(report, 'accuracy.new-plans-on-time', 'p-b')).toBe('0/1');
    expect(nd(report, 'accuracy.new-plans-on-time')).toBe('1/2');
    expect(nd(report, 'accuracy.plans-approved')).toBe('2/2');
  });
});
