import { describe, expect, it } from 'vitest';
import { home, KEY_WORKER, needEntry, signedHome } from '../helpers/care.js';
import { auditOf, auditOfFiles, emptyHome, nd, measureValue } from '../helpers/audit.js';

const NOV = ['2026-11', '2026-12-05'] as const;

/** p-a with two needs (mobility, nutrition), signed off 2 Nov. */
function twoGoals() {
  return home()
    .assess('2026-11-01T10:00', { needs: ['mobility', 'nutrition'] })
    .plan({ updated: '2026-11-01T16:00', needs: [needEntry('mobility'), needEntry('nutrition')] })
    .signoff('2026-11-02T09:00')
    .ack(KEY_WORKER, '2026-11-02T10:00')
    .agree('2026-11-02T11:00');
}

describe('outcomes', () => {
  it('an empty month', () => {
    const report = auditOfFiles(emptyHome(), ...NOV);
    expect(measureValue(report, 'outcomes.entries')).toBe(0);
    expect(nd(report, 'outcomes.goals-with-outcomes')).toBe('0/0');
    expect(nd(report, 'outcomes.goals-achieved')).toBe('0/0');
    expect(nd(report, 'outcomes.goals-without-progress')).toBe('0/0');
    expect(measureValue(report, 'outcomes.outcome-reviews-held')).toBe(0);
    expect(nd(report, 'outcomes.outcome-reviews-weekly')).toBe('0/0');
    expect(report.goals).toEqual([]);
  });

  it('entries recorded in the month, per person', () => {
    const h = twoGoals().outcome('2026-10-31T12:00').outcome('2026-11-03T12:00').outcome('2026-11-30T23:30').outcome('2026-12-01T00:10');
    const report = auditOf(h.person('p-a', { admitted: '2026-10-30' }), ...NOV);
    expect(measureValue(report, 'outcomes.entries')).toBe(2);
    expect(measureValue(report, 'outcomes.entries', 'p-a')).toBe(2);
  });

  it('goals with outcomes: active goals of signed plans named by an entry this month', () => {
    const report = auditOf(twoGoals().outcome('2026-11-03T12:00', { goal: 'mobility-goal' }), ...NOV);
    expect(nd(report, 'outcomes.goals-with-outcomes')).toBe('1/2');
    // An unsigned plan's goals are not yet expected to have outcomes.
    const unsigned = home().assess('2026-11-01T10:00').plan({ updated: '2026-11-01T16:00' });
    expect(nd(auditOf(unsigned, ...NOV), 'outcomes.goals-with-outcomes')).toBe('0/0');
  });

  it('goals achieved: the latest result this month is achieved; without progress: 3 or more entries, none achieved or improving', () => {
    const h = twoGoals()
      .outcome('2026-11-03T12:00', { goal: 'mobility-goal', result: 'improving' })
      .outcome('2026-11-04T12:00', { goal: 'mobility-goal', result: 'achieved' })
      .outcome('2026-11-03T13:00', { goal: 'nutrition-goal', result: 'no-change' })
      .outcome('2026-11-04T13:00', { goal: 'nutrition-goal', result: 'declined' })
      .outcome('2026-11-05T13:00', { goal: 'nutrition-goal', result: 'worsening' });
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'outcomes.goals-achieved')).toBe('1/2');
    expect(nd(report, 'outcomes.goals-without-progress')).toBe('1/2');
    // Two entries are not yet a judgement.
    const two = twoGoals()
      .outcome('2026-11-03T13:00', { goal: 'nutrition-goal', result: 'no-change' })
      .outcome('2026-11-04T13:00', { goal: 'nutrition-goal', result: 'no-change' });
    expect(nd(auditOf(two, ...NOV), 'outcomes.goals-without-progress')).toBe('0/1');
  });

  it('weekly outcome reviews: held in the month, and kept to 7 days on every day under a signed plan', () => {
    const weekly = () =>
      signedHome().review('outcomes', '2026-11-09T15:00').review('outcomes', '2026-11-23T15:00').review('outcomes', '2026-11-30T15:00');
    const kept = auditOf(weekly().review('outcomes', '2026-11-16T15:00'), ...NOV);
    expect(measureValue(kept, 'outcomes.outcome-reviews-held')).toBe(4);
    expect(nd(kept, 'outcomes.outcome-reviews-weekly')).toBe('1/1');
    // 9 Nov to 23 Nov: on 17 Nov the newest review was 8 days old.
    const gap = auditOf(weekly(), ...NOV);
    expect(measureValue(gap, 'outcomes.outcome-reviews-held')).toBe(3);
    expect(nd(gap, 'outcomes.outcome-reviews-weekly')).toBe('0/1');
  });

  it('a person admitted mid-month is judged on outcome reviews from their sign-off', () => {
    const h = signedHome()
      .review('outcomes', '2026-11-09T15:00')
      .review('outcomes', '2026-11-16T15:00')
      .review('outcomes', '2026-11-23T15:00')
      .review('outcomes', '2026-11-30T15:00')
      .person('p-b', { admitted: '2026-11-20' })
      .assess('2026-11-20T10:00')
      .plan({ updated: '2026-11-20T16:00' })
      .signoff('2026-11-21T09:00')
      .review('outcomes', '2026-11-28T15:00');
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'outcomes.outcome-reviews-weekly')).toBe('2/2');
    expect(nd(report, 'outcomes.outcome-reviews-weekly', 'p-b')).toBe('1/1');
  });

  it('a person discharged mid-month is judged up to the discharge only', () => {
    const h = signedHome()
      .person('p-a', { status: 'discharged', discharged: '2026-11-12' })
      .review('outcomes', '2026-11-09T15:00')
      .outcome('2026-11-05T12:00');
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'outcomes.outcome-reviews-weekly')).toBe('1/1');
    expect(measureValue(report, 'outcomes.entries')).toBe(1);
    expect(nd(report, 'outcomes.goals-with-outcomes')).toBe('0/0');
    // December: no longer supported, so not in the audit at all.
    expect(auditOf(h, '2026-12', '2027-01-05').people.inCare).toEqual([]);
  });

  it('each goal week by week: entries achieved or improving of all entries, and the direction over the month', () => {
    const h = twoGoals();
    // mobility: weeks 1-2 mostly no change, weeks 3-4 improving.
    for (const [day, result] of [
      ['03', 'no-change'],
      ['05', 'no-change'],
      ['09', 'improving'],
      ['11', 'no-change'],
      ['16', 'improving'],
      ['18', 'improving'],
      ['23', 'achieved'],
      ['25', 'improving'],
    ] as const) {
      h.outcome(`2026-11-${day}T12:00`, { goal: 'mobility-goal', result });
    }
    const report = auditOf(h, ...NOV);
    const mobility = report.goals.find((g) => g.goal === 'mobility-goal')!;
    expect(mobility.weeks.map((w) => [w.from, w.to, w.progress, w.entries])).toEqual([
      ['2026-11-01', '2026-11-07', 0, 2],
      ['2026-11-08', '2026-11-14', 1, 2],
      ['2026-11-15', '2026-11-21', 2, 2],
      ['2026-11-22', '2026-11-28', 2, 2],
      ['2026-11-29', '2026-11-30', 0, 0],
    ]);
    expect(mobility.weeks[0].results['no-change']).toBe(2);
    expect(mobility.weeks[4].percent).toBeNull();
    expect(mobility.direction).toBe('improving');
    // An active goal with no entries is listed, so the gap shows.
    expect(report.goals.find((g) => g.goal === 'nutrition-goal')).toMatchObject({ entries: 0, direction: 'no entries' });
  });
});
