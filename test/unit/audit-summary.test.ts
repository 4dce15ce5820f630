import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trendOf, type Result } from '../../src/audit/goalTrends.js';
import { MEASURE_IDS } from '../../src/audit/measures.js';
import { DEFAULT_TARGETS, resolvePolicy } from '../../src/model/policy.js';
import { validatorFor } from '../../src/repo/schemas.js';
import { auditOf, metricOf, nd } from '../helpers/audit.js';
import { MANAGER, signedHome } from '../helpers/care.js';
import { PROJECT } from '../helpers/repo.js';

const NOV = ['2026-11', '2026-12-05'] as const;

/** A saved audit's text with the given metrics and actions. */
function savedAudit(month: string, savedAt: string, metrics: Record<string, object>, actions: object[] = []): string {
  return `${JSON.stringify({ month, saved_at: savedAt, saved_by: MANAGER, metrics, findings: { by_rule: {} }, actions }, null, 1)}\n`;
}

describe('targets (policy.targets)', () => {
  it('defaults hold the home to its own process; careplan.yaml overrides one by one and null removes one', () => {
    const policy = resolvePolicy({
      provider: { name: 'x' },
      policy: { spotcheck_days: 10, targets: { 'followed.ack-coverage': 90, 'reviews.on-time': null } },
    });
    expect(policy.targets['followed.ack-coverage']).toBe(90);
    expect(policy.targets).not.toHaveProperty('reviews.on-time');
    expect(policy.targets['followed.spotcheck-longest-gap']).toBe(10);
    expect(policy.targets['accuracy.plans-approved']).toBe(100);
    for (const id of Object.keys(DEFAULT_TARGETS)) expect(MEASURE_IDS).toContain(id);
  });

  it('the schema names every measure and nothing else, so a misspelt target is an error', () => {
    const schema = JSON.parse(readFileSync(path.join(PROJECT, 'schemas', 'careplan.schema.json'), 'utf8'));
    const keys = Object.keys(schema.properties.policy.properties.targets.properties).filter((k) => k !== 'notes');
    expect(keys).toEqual([...MEASURE_IDS]);
    const valid = validatorFor('careplan.schema.json');
    expect(valid({ provider: { name: 'x' }, policy: { targets: { 'followed.ack-coverage': 95, 'reviews.on-time': null } } })).toBe(true);
    expect(valid({ provider: { name: 'x' }, policy: { targets: { 'followed.ack-coverag': 95 } } })).toBe(false);
    expect(valid({ provider: { name: 'x' }, policy: { targets: { 'followed.ack-coverage': -1 } } })).toBe(false);
  });

  it('a measure is met at or above its target (at or below where lower is better); 0 of 0 is not applicable', () => {
    const h = signedHome()
      .person('p-b', { team: ['s-ben', 's-carl'] })
      .assess('2026-11-01T10:00')
      .plan({ updated: '2026-11-01T16:00' })
      .signoff('2026-11-02T09:00')
      .ack('s-ben', '2026-11-02T10:00');
    const report = auditOf(h, ...NOV);
    expect(nd(report, 'followed.ack-coverage')).toBe('2/3');
    expect(metricOf(report, 'followed.ack-coverage').target).toEqual({ target: 100, bound: 'at least', status: 'not met' });
    expect(metricOf(auditOf(h.policy({ targets: { 'followed.ack-coverage': 60 } }), ...NOV), 'followed.ack-coverage').target?.status).toBe(
      'met',
    );
    expect(metricOf(report, 'reviews.overdue').target).toEqual({ target: 0, bound: 'at most', status: 'met' });
    expect(metricOf(report, 'accuracy.updates-on-time').target?.status).toBe('not applicable');
    expect(metricOf(report, 'followed.variation-rate').target).toBeUndefined();
  });
});

describe('comparison with the previous saved audit', () => {
  it('shows the previous figures in the same unit, with n/N, and marks a month not over as interim', () => {
    const h = signedHome()
      .file(
        'audits/2026-10.yaml',
        savedAudit('2026-10', '2026-11-01T10:00', {
          'followed.variation-rate': { label: 'x', numerator: 2, denominator: 40, percent: 5 },
          'governance.previous-audit-saved': { label: 'x', value: 'saved 2026-10-04', numerator: 1, denominator: 1, percent: 100 },
        }),
      )
      .outcome('2026-11-03T12:00')
      .variation('2026-11-04T12:00');
    const full = metricOf(auditOf(h, ...NOV), 'followed.variation-rate').compared!;
    expect(full).toMatchObject({
      previousMonth: '2026-10',
      before: { numerator: 2, denominator: 40, percent: 5, value: 5 },
      interim: false,
      previous: 5,
      current: 50,
    });
    expect(metricOf(auditOf(h, '2026-11', '2026-11-20'), 'followed.variation-rate').compared?.interim).toBe(true);
    // A yes/no status compares like with like: the saved words, not a percentage against words.
    expect(metricOf(auditOf(h, ...NOV), 'governance.previous-audit-saved').compared?.before?.value).toBe('saved 2026-10-04');
  });

  it('an old audit that counted spot checks per week is read, and said to be not comparable with weeks covered', () => {
    const h = signedHome().file(
      'audits/2026-10.yaml',
      savedAudit('2026-10', '2026-11-01T10:00', {
        'followed.spotchecks-per-week': {
          label: 'Shift-lead spot checks per week',
          value: 0.9,
          numerator: 4,
          denominator: 31,
          unit: 'per week',
        },
      }),
    );
    const compared = metricOf(auditOf(h, ...NOV), 'followed.spotcheck-weeks').compared!;
    expect(compared).toMatchObject({ before: null, notComparable: '2026-10 counted spot checks per week', change: null, verdict: null });
  });

  it("run charts: the saved audits that hold the measure, up to 12, then this month; the centre line is the saved months' median", () => {
    const h = signedHome();
    const months = [
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ];
    months.forEach((month, i) =>
      h.file(
        `audits/${month}.yaml`,
        savedAudit(
          month,
          `${month}-28T10:00`,
          i === 5
            ? {}
            : {
                'reviews.on-time': { label: 'x', numerator: i % 3, denominator: 2, percent: (100 * (i % 3)) / 2 },
              },
        ),
      ),
    );
    const chart = auditOf(h, ...NOV).runCharts.find((c) => c.id === 'reviews.on-time')!;
    // 2026-02 saved no such measure and leaves no point; the newest 12 of the other 13 are kept.
    expect(chart.points.map((p) => p.month)).toEqual([...months.slice(1, 5), ...months.slice(6), '2026-11']);
    expect(chart.points.at(-1)).toMatchObject({ saved: false, numerator: 0, denominator: 0, value: null });
    expect(chart.median).toBe(50);
  });
});

describe('actions agreed at audits', () => {
  const october = () =>
    signedHome().file(
      'audits/2026-10.yaml',
      savedAudit('2026-10', '2026-11-05T10:00', {}, [
        { description: 'Review the plan', owner: 's-ben', due: '2026-11-20' },
        { description: 'Train staff', owner: 's-amina', due: '2026-12-15' },
        { description: 'Fix the rota', owner: 's-dana', due: '2026-11-10' },
      ]),
    );

  it('the next audit lists earlier actions with their status at its end: done or dropped (audits/actions.yaml), open or overdue', () => {
    const h = october().file(
      'audits/actions.yaml',
      [
        '- { audit: 2026-10, action: 3, status: dropped, at: "2026-11-09T10:00", by: s-amina, note: Rota changed anyway }',
        '- { audit: 2026-10, action: 1, status: done, at: "2026-12-02T10:00", by: s-amina }',
      ].join('\n'),
    );
    const november = auditOf(h, ...NOV).actions;
    expect(november.earlier.map((a) => [a.number, a.status, a.closed?.at ?? null])).toEqual([
      [1, 'overdue', null],
      [2, 'open', null],
      [3, 'dropped', '2026-11-09T10:00'],
    ]);
    // The closing note is free text and stays in the file.
    expect(november.earlier[2].closed).toEqual({ at: '2026-11-09T10:00', by: 's-amina' });
    expect(november.agreed).toBeNull();
    // December: October is no longer the previous audit, so only what was still open on 1 December stays.
    const december = auditOf(
      h.file(
        'audits/2026-11.yaml',
        savedAudit('2026-11', '2026-12-03T10:00', {}, [{ description: 'Audit again', owner: 's-amina', due: '2027-01-10' }]),
      ),
      '2026-12',
      '2027-01-05',
    ).actions;
    expect(december.earlier.map((a) => [a.audit, a.number, a.status])).toEqual([
      ['2026-10', 1, 'done'],
      ['2026-10', 2, 'overdue'],
      ['2026-11', 1, 'open'],
    ]);
  });

  it("this month's own actions appear once its audit is saved, as of when the report is made", () => {
    const h = october();
    expect(auditOf(h, '2026-10', '2026-11-04').actions.agreed).toBeNull();
    expect(auditOf(h, '2026-10', '2026-11-12').actions.agreed?.map((a) => [a.number, a.status])).toEqual([
      [1, 'open'],
      [2, 'open'],
      [3, 'overdue'],
    ]);
  });
});

describe('needs action', () => {
  it('one line per finding at the end: errors first, then by due date, with the person, rule and due date', () => {
    const h = signedHome().person('p-b').assess('2026-11-01T10:00');
    const lines = auditOf(h, ...NOV).needsAction;
    expect(lines[0]).toMatchObject({ person: 'p-b', rule: 'plan-missing', severity: 'error', due: '2026-11-03' });
    expect(lines.map((l) => l.severity)).toEqual([...lines.map((l) => l.severity)].sort());
    expect(lines.every((l) => l.message.length > 0)).toBe(true);
  });
});

describe('goal trends', () => {
  const results = (...weeks: string[]): Result[] =>
    weeks.flatMap((w) => [...w].map((c) => (c === 'y' ? 'achieved' : c === 'd' ? 'declined' : 'no-change')));

  it('one refusal never makes a trend: 2/2, 2/2, 1/2 (declined), 2/2 is steady', () => {
    expect(trendOf(results('yy', 'yy', 'yd', 'yy'))).toMatchObject({
      direction: 'steady',
      halves: { earlier: { progress: 4, entries: 4 }, later: { progress: 3, entries: 4 } },
    });
  });

  it('a shift of 15 points and at least two entries is a trend either way; too few entries in a half is said so', () => {
    expect(trendOf(results('nnnn', 'yyyy')).direction).toBe('improving');
    expect(trendOf(results('yyyy', 'dddn')).direction).toBe('worsening');
    expect(trendOf(results('yy', 'yy')).direction).toBe('too few entries');
    expect(trendOf([]).direction).toBe('too few entries');
  });

  it('uses full weeks only: a short running week is shown but does not decide; 14 entries are enough', () => {
    // Entries in weeks 2-3 (9 of them, all achieved) and 5 in the running week 22-26, all not achieved.
    let h = signedHome();
    for (const day of ['09', '10', '16', '17', '18', '19', '20', '21', '13'])
      h = h.outcome(`2026-11-${day}T12:00`, { goal: 'mobility-goal', result: 'achieved' });
    for (const day of ['22', '23', '24', '25', '26']) h = h.outcome(`2026-11-${day}T12:00`, { goal: 'mobility-goal', result: 'no-change' });
    const goal = auditOf(h, '2026-11', '2026-11-26').goals.find((g) => g.goal === 'mobility-goal')!;
    expect(goal.entries).toBe(14);
    expect(goal.weeks.map((w) => w.full)).toEqual([true, true, true, false]);
    expect(goal.direction).toBe('steady');
    expect(goal.status).toBe('active');
  });
});
