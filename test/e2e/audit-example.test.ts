import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RETIRED_MEASURES } from '../../src/audit/measures.js';
import { careplan, EXAMPLE } from '../helpers/repo.js';

/**
 * Every metric of `careplan audit` on examples/sunrise-house, against counts made by hand from the
 * records (read file by file; the arithmetic is written out beside each one). November is judged
 * as of 26 November (the month so far); October is the default month as of then (the previous
 * full month), judged as the records stood at 31 October 23:59.
 */

interface Figure {
  value: unknown;
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
  people: Record<string, Figure> | null;
  target?: unknown;
}
type Report = { sections: { metrics: (Figure & { id: string })[] }[]; [key: string]: unknown };

async function audit(...args: string[]): Promise<{ report: Report; metric: (id: string) => Figure }> {
  const result = await careplan(['audit', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--format', 'json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  const report = JSON.parse(result.stdout) as Report;
  const metrics = new Map(report.sections.flatMap((s) => s.metrics).map((m) => [m.id, m]));
  return { report, metric: (id) => metrics.get(id) ?? expect.fail(`no metric ${id}`) };
}

const nd = (m: Figure) => `${m.numerator}/${m.denominator}`;
const byPerson = (m: Figure, show: (f: Figure) => unknown = nd) =>
  Object.fromEntries(Object.entries(m.people ?? {}).map(([id, f]) => [id, show(f)]));

/** October needs git's earlier versions of Edie's and Peggy's plans (examples/README.md); a copy without history cannot. */
const hasHistory = (() => {
  try {
    return (
      execFileSync('git', ['log', '--format=%H', '--', 'people/p-margaret/plan.yaml'], { cwd: EXAMPLE, encoding: 'utf8' })
        .trim()
        .split('\n').length >= 2
    );
  } catch {
    return false;
  }
})();

describe('careplan audit on examples/sunrise-house, November 2026 so far (as of 26 November)', () => {
  it('1. accuracy and personalisation', async () => {
    const { report, metric } = await audit('--month', '2026-11');
    expect(report.period).toEqual({ from: '2026-11-01', to: '2026-11-26', complete: false, days: 26 });
    // Supported in November: arthur, edith, george, margaret, nora, olive (admitted 3 Nov), rajinder.
    // Walter was discharged on 23 October.
    expect(report.people).toEqual({
      inCare: ['p-arthur', 'p-edith', 'p-george', 'p-margaret', 'p-nora', 'p-olive', 'p-rajinder'],
      activeAtEnd: ['p-arthur', 'p-edith', 'p-george', 'p-margaret', 'p-nora', 'p-olive', 'p-rajinder'],
      admitted: ['p-olive'],
      discharged: [],
    });
    // scripts/plan-hash.js of each plan.yaml equals its newest sign-off's hash for all but Peggy
    // (59bed01e… against 0b3a74c7…: version 2 was never signed off): 6 of 7.
    expect(nd(metric('accuracy.plans-approved'))).toBe('6/7');
    expect(byPerson(metric('accuracy.plans-approved'))['p-margaret']).toBe('0/1');
    // Read plan by plan: every need entry has an active action, an active goal and preferences,
    // and every need of the assessment each plan reflects has an entry: 7 of 7, twice.
    expect(nd(metric('accuracy.plans-complete'))).toBe('7/7');
    expect(nd(metric('accuracy.plans-personalised'))).toBe('7/7');
    // Versions in force on 26 Nov: Edie v2 (agreed 13 Nov), Peggy v1 (17 Sep), Olive v1 (5 Nov), and
    // the others' v1, each with an agreement of that version: 7 of 7.
    expect(nd(metric('accuracy.plans-agreed'))).toBe('7/7');
    // First plans due in November: Olive's (assessed 3 Nov 15:00, due 5 Nov 15:00, signed off
    // 4 Nov 16:00, 25 hours): 1 of 1.
    expect(nd(metric('accuracy.new-plans-on-time'))).toBe('1/1');
    expect(byPerson(metric('accuracy.new-plans-on-time'))['p-olive']).toBe('1/1');
    // Reassessments due in November: Edie's change in needs (11 Nov 11:00, due 13 Nov 11:00);
    // version 2 signed off 12 Nov 10:30: 1 of 1.
    expect(nd(metric('accuracy.updates-on-time'))).toBe('1/1');
  });

  it('2. plans followed', async () => {
    const { metric } = await audit('--month', '2026-11');
    // Teams on 26 Nov: arthur 4, edith 6, george 4, margaret 5, nora 6, olive 5, and rajinder (no
    // team: ben, priya, tomasz, dana, carl, fatima, kwame, leah) 8 = 38. Priya's last day is the 26th,
    // so at the end of it she still counts. All confirmed the version in force (Olive's version 2
    // since 18 Nov) except s-kwame for Edie's version 2: 37 of 38.
    expect(nd(metric('followed.ack-coverage'))).toBe('37/38');
    expect(byPerson(metric('followed.ack-coverage'))).toMatchObject({ 'p-edith': '5/6', 'p-rajinder': '8/8', 'p-olive': '5/5' });
    // Acknowledgements made in November: Edie v2 (signed 12 Nov 10:30) after 0.53, 3.83, 11.37,
    // 21.13, 21.38 hours; Olive v1 (signed 4 Nov 16:00) after 0.45, 5.83, 5.83, 15.77, 15.87 hours;
    // Olive v2 (signed 18 Nov 10:00) after 0.33 (ben 10:20), 0.75 (fatima 10:45), 11.92, 11.92
    // (kwame and leah 21:55) and 21.83 (dana 19 Nov 07:50) hours. Fifteen, the eighth 11.37: median
    // 11.4 hours; all fifteen within 72 hours.
    expect(metric('followed.ack-median-hours')).toMatchObject({ value: 11.4, denominator: 15 });
    expect(nd(metric('followed.acks-on-time'))).toBe('15/15');
    // Outcome entries 1-26 Nov: 77 + 87 + 98 + 91 + 52 + 87 + 91 = 583 (Olive's 79 and the 8 fluid
    // chart totals of 18-25 Nov), each by a staff member who had confirmed the version in force
    // (nobody recorded for Edie without confirming v2; Ben confirmed Olive's v2 at 10:20 on the
    // 18th, before any entry under it): 583 of 583.
    expect(nd(metric('followed.care-by-confirmed-staff'))).toBe('583/583');
    // Entries with `variation`: arthur 1, edith 0, george 3, margaret 3, nora 1, olive 1, rajinder 1 = 10.
    expect(nd(metric('followed.variation-rate'))).toBe('10/583');
    expect(metric('followed.variation-rate').percent).toBe(1.7);
    // Patterns due for escalation in November: Peggy 2-4 Nov (escalated 4 Nov 18:30, on time) and
    // George 14-18 Nov (never escalated): 2, of which 1 on time.
    expect(metric('followed.variation-patterns').value).toBe(2);
    expect(nd(metric('followed.escalated-on-time'))).toBe('1/2');
    expect(byPerson(metric('followed.escalated-on-time'))).toMatchObject({ 'p-george': '0/1', 'p-margaret': '1/1' });
    // Spot checks 2, 9, 16 and 23 Nov (issue 10: weeks covered, not checks a week): days 1-7, 8-14 and 15-21
    // have passed, each with a check, and the running week 22-26 has one on the 23rd: 4 of 4. Gaps from the
    // last October check (26 Oct): 7, 7, 7, 7 days, then 3 to the 26th: longest 7, within spotcheck_days 7.
    expect(nd(metric('followed.spotcheck-weeks'))).toBe('4/4');
    expect(metric('followed.spotcheck-longest-gap')).toMatchObject({ value: 7, target: { target: 7, bound: 'at most', status: 'met' } });
    // Supervision (issue 11): the care team working on 26 Nov is ben, priya (her last day), tomasz, dana, carl,
    // fatima, kwame and leah (joy left in October). supervisions/2026-11-*: ben 10, tomasz 12, dana 13, carl 17,
    // fatima 18, kwame, leah and priya 19 Nov, each at most 16 days before the 26th (policy 56): 8 of 8.
    expect(nd(metric('followed.staff-supervised'))).toBe('8/8');
  });

  it('3. outcomes', async () => {
    const { report, metric } = await audit('--month', '2026-11');
    expect(metric('outcomes.entries').value).toBe(583);
    expect(byPerson(metric('outcomes.entries'), (f) => f.value)).toEqual({
      'p-arthur': 77,
      'p-edith': 87,
      'p-george': 98,
      'p-margaret': 91,
      'p-nora': 52,
      'p-olive': 87,
      'p-rajinder': 91,
    });
    // Active goals: 5 in each plan, 6 in Edie's version 2 (mob-indep discontinued) and in Olive's
    // version 2 (eat-fluids added) = 37; each has entries this month: 37 of 37.
    expect(nd(metric('outcomes.goals-with-outcomes'))).toBe('37/37');
    // Goals with entries this month: the 37, and Edie's mob-indep before 11 Nov = 38. Latest result
    // achieved: arthur 5, edith 6 (not mob-indep), george 1 (dm-range), margaret 4 (not nut-weight),
    // nora 4 (not sleep-settled), olive 3 (not eat-fluids, improving on 25 Nov), rajinder 3 = 26.
    expect(nd(metric('outcomes.goals-achieved'))).toBe('26/38');
    expect(byPerson(metric('outcomes.goals-achieved'))).toEqual({
      'p-arthur': '5/5',
      'p-edith': '6/7',
      'p-george': '1/5',
      'p-margaret': '4/5',
      'p-nora': '4/5',
      'p-olive': '3/6',
      'p-rajinder': '3/5',
    });
    // No goal has 3 or more entries and none achieved or improving (eat-fluids: 3 achieved, 3 improving).
    expect(nd(metric('outcomes.goals-without-progress'))).toBe('0/38');
    // reviews/2026-11-*-outcomes.yaml: 4 each, Olive 3 (11, 18, 25 Nov) = 27; none more than 7 days apart.
    expect(metric('outcomes.outcome-reviews-held').value).toBe(27);
    expect(nd(metric('outcomes.outcome-reviews-weekly'))).toBe('7/7');
    // The goal table (issue 10, SPEC 5.3): Olive's measured fluid goal, 1200 ml a day or more. outcomes/2026-11.yaml
    // values 18-25 Nov: 1270, 1050, 1090, 1070, 1090, 1280, 1240, 1190: first 1270, latest 1190, best 1280; 1190 is
    // under 1200: not met. Its weeks: 15-21 (4 entries, 1 achieved or improving) and the running 22-26 (4 of 4).
    type GoalRow = { person: string; goal: string; status: string; measured: unknown; weeks: { entries: number; full: boolean }[] };
    const fluids = (report.goals as GoalRow[]).find((g) => g.person === 'p-olive' && g.goal === 'eat-fluids')!;
    expect(fluids.status).toBe('active');
    expect(fluids.measured).toMatchObject({
      goal: 'eat-fluids',
      unit: 'ml',
      direction: 'increase',
      target: 1200,
      count: 8,
      first: { value: 1270, date: '2026-11-18' },
      latest: { value: 1190, date: '2026-11-25' },
      best: { value: 1280, date: '2026-11-23' },
      met: false,
    });
    expect(fluids.weeks.map((w) => [w.entries, w.full])).toEqual([
      [0, true],
      [0, true],
      [4, true],
      [4, false],
    ]);
  });

  it('4. reviews', async () => {
    const { metric } = await audit('--month', '2026-11');
    // reviews/2026-11-*-plan.yaml: edith 11, george 16, margaret 10, nora 24, olive 17, rajinder 16 Nov = 6.
    expect(metric('reviews.held').value).toBe(6);
    // Due in November: arthur 24 Nov (27 Oct + 28; not held), edith 23 Nov (held 11 Nov), george 17
    // (held 16), margaret 10 (held 10), nora 24 (held 24), rajinder 17 (signed 20 Oct; held 16).
    // Olive's first falls due 2 Dec. 6 due, 5 on time; Arthur overdue at the end: 1 of 7.
    expect(metric('reviews.due').value).toBe(6);
    expect(nd(metric('reviews.on-time'))).toBe('5/6');
    expect(byPerson(metric('reviews.on-time'))['p-arthur']).toBe('0/1');
    expect(nd(metric('reviews.overdue'))).toBe('1/7');
  });

  it('5. governance and feedback, findings by rule against October, and the trends', async () => {
    const { report, metric } = await audit('--month', '2026-11');
    // audits/2026-10.yaml saved 5 Nov, by the 10th.
    expect(metric('governance.previous-audit-saved')).toMatchObject({ value: 'saved 2026-11-05', numerator: 1, denominator: 1 });
    // feedback/2026-11-*: staff neutral (6th), commissioner neutral (19th), family positive (21st,
    // about Olive), person positive (24th, Nora) = 4.
    expect(metric('governance.feedback').value).toBe(4);
    expect(byPerson(metric('governance.feedback'), (f) => f.value)).toMatchObject({ 'p-olive': 1, 'p-nora': 1, 'p-edith': 0 });
    expect(nd(metric('governance.feedback-from-person'))).toBe('1/4');
    expect(nd(metric('governance.feedback-from-family'))).toBe('1/4');
    expect(nd(metric('governance.feedback-from-staff'))).toBe('1/4');
    expect(nd(metric('governance.feedback-from-professional'))).toBe('0/4');
    expect(nd(metric('governance.feedback-from-commissioner'))).toBe('1/4');
    expect(nd(metric('governance.feedback-positive'))).toBe('2/4');
    expect(nd(metric('governance.feedback-neutral'))).toBe('2/4');
    expect(nd(metric('governance.feedback-negative'))).toBe('0/4');
    // escalations.yaml: Peggy 4 Nov and Edie 10 Nov, answered inline; Olive 21 Nov, answered the
    // next morning by an appended response: 3, none open.
    expect(metric('governance.escalations-raised').value).toBe(3);
    expect(metric('governance.escalations-open').value).toBe(0);
    // check as of 26 Nov: the lapses of examples/README.md (Peggy's unsigned update is two findings:
    // plan-changed-since-signoff and plan-update-missing); October's audit counted none.
    const findings = report.findings as {
      errors: number;
      warnings: number;
      byRule: unknown[];
      byPerson: { person: string | null; findings: { rule: string }[] }[];
    };
    expect(findings.byRule).toEqual([
      { rule: 'ack-missing', severity: 'warning', count: 1, previous: 0, change: 1 },
      { rule: 'audit-action-overdue', severity: 'warning', count: 1, previous: 0, change: 1 },
      { rule: 'escalation-missing', severity: 'error', count: 1, previous: 0, change: 1 },
      { rule: 'plan-changed-since-signoff', severity: 'error', count: 1, previous: 0, change: 1 },
      { rule: 'plan-update-missing', severity: 'warning', count: 1, previous: 0, change: 1 },
      { rule: 'review-overdue', severity: 'error', count: 1, previous: 0, change: 1 },
    ]);
    expect(findings.byPerson.map((g) => [g.person, g.findings.map((f) => f.rule)])).toEqual([
      ['p-arthur', ['review-overdue']],
      ['p-edith', ['ack-missing']],
      ['p-george', ['escalation-missing']],
      ['p-margaret', ['plan-changed-since-signoff', 'plan-update-missing']],
      [null, ['audit-action-overdue']],
    ]);
    // Page 1 (issue 10): the same six as lines to act on, errors first, then by due date, each with its person
    // (none for the home's audit action), rule and due date.
    expect((report.needsAction as { person: string | null; rule: string; due: string }[]).map((n) => [n.person, n.rule, n.due])).toEqual([
      ['p-george', 'escalation-missing', '2026-11-19'],
      ['p-margaret', 'plan-changed-since-signoff', '2026-11-22'],
      ['p-arthur', 'review-overdue', '2026-11-24'],
      [null, 'audit-action-overdue', '2026-11-13'],
      ['p-edith', 'ack-missing', '2026-11-15'],
      ['p-margaret', 'plan-update-missing', '2026-11-20'],
    ]);
    // Earlier audits' actions as they stood on 26 Nov (audits/actions.yaml): all three of October's, the
    // previous audit (1 done 20 Nov, 2 done 12 Nov, 3 with no entry and due 13 Nov: overdue), and September's
    // 4, closed on 5 Nov, inside the month; September's 1-3 were closed in October, before it, and are not listed.
    const actions = report.actions as { earlier: { audit: string; number: number; status: string }[]; agreed: unknown };
    expect(actions.earlier.map((a) => `${a.audit}#${a.number} ${a.status}`)).toEqual([
      '2026-09#4 done',
      '2026-10#1 done',
      '2026-10#2 done',
      '2026-10#3 overdue',
    ]);
    expect(actions.agreed).toBeNull();
    // Against October's saved audit: variation 10/547 = 1.8% to 1.7%; coverage 100% to 37/38 = 97.4%;
    // reviews on time 6/6 = 100% to 5/6 = 83.3%.
    expect((report.trends as Record<string, unknown>[]).map((t) => [t.id, t.previous, t.current, t.direction, t.verdict])).toEqual([
      ['followed.variation-rate', 1.8, 1.7, 'down', 'better'],
      ['followed.ack-coverage', 100, 97.4, 'down', 'worse'],
      ['reviews.on-time', 100, 83.3, 'down', 'worse'],
    ]);
  });
});

describe.skipIf(!hasHistory)('careplan audit on examples/sunrise-house, October 2026 (the default month as of 26 November)', () => {
  it('every section, as the records stood at 31 October', async () => {
    const { report, metric } = await audit();
    expect(report.month).toBe('2026-10');
    expect(report.caveats).toEqual([]);
    expect(report.people).toMatchObject({ admitted: ['p-rajinder'], discharged: ['p-walter'] });
    expect((report.people as { activeAtEnd: string[] }).activeAtEnd).toHaveLength(6);

    // 1. Six active at the end; Edie's and Peggy's plans were version 1 then (git: "examples:
    // Sunrise House people, assessments and first care plans"), whose hashes are their sign-offs'.
    expect(nd(metric('accuracy.plans-approved'))).toBe('6/6');
    expect(nd(metric('accuracy.plans-complete'))).toBe('6/6');
    expect(nd(metric('accuracy.plans-personalised'))).toBe('6/6');
    expect(nd(metric('accuracy.plans-agreed'))).toBe('6/6');
    // Raj: assessed 19 Oct 15:30, signed off 20 Oct 16:00 (24.5 hours).
    expect(nd(metric('accuracy.new-plans-on-time'))).toBe('1/1');
    expect(nd(metric('accuracy.updates-on-time'))).toBe('0/0');

    // 2. Teams on 31 Oct: 4 + 6 + 4 + 5 + 6 + Raj's 8 (s-joy left 16 Oct) = 33, all confirmed.
    expect(nd(metric('followed.ack-coverage'))).toBe('33/33');
    // October's acknowledgements are Raj's eight (signed 20 Oct 16:00): 0.35, 5.82, 5.82, 15.78,
    // 15.78, 15.8, 15.83, 15.88 hours: median 15.8.
    expect(metric('followed.ack-median-hours')).toMatchObject({ value: 15.8, denominator: 8 });
    expect(nd(metric('followed.acks-on-time'))).toBe('8/8');
    // Entries: 91 + 85 + 118 + 109 + 61 + 38 + 45 (Walter, to 23 Oct) = 547; variations 3 + 1 + 4 + 1 + 1 + 0 + 0 = 10.
    expect(nd(metric('followed.care-by-confirmed-staff'))).toBe('547/547');
    expect(nd(metric('followed.variation-rate'))).toBe('10/547');
    // George 2-4 Oct escalated 4 Oct 19:30 (on time); Arthur 8-10 Oct escalated 12 Oct (late).
    expect(metric('followed.variation-patterns').value).toBe(2);
    expect(nd(metric('followed.escalated-on-time'))).toBe('1/2');
    // Spot checks 5, 12, 19, 26 Oct: one in each of the weeks 1-7, 8-14, 15-21, 22-28: 4 of 4 in a 31-day
    // month (it read "0.9 a week" before issue 10). From 28 Sep: 7, 7, 7, 7, then 5 days to the 31st.
    expect(nd(metric('followed.spotcheck-weeks'))).toBe('4/4');
    expect(metric('followed.spotcheck-longest-gap').value).toBe(7);
    // Supervision: the same eight (joy left 16 Oct), each supervised 13-22 Oct: 8 of 8.
    expect(nd(metric('followed.staff-supervised'))).toBe('8/8');

    // 3. Active goals of the six signed plans: 6 × 5 = 30, all with entries. Goals with entries: the
    // 30 and Walter's 4 = 34; latest achieved: arthur 2, edith 5, george 1, margaret 4, nora 4,
    // rajinder 2, walter 4 = 22.
    expect(metric('outcomes.entries').value).toBe(547);
    expect(nd(metric('outcomes.goals-with-outcomes'))).toBe('30/30');
    expect(nd(metric('outcomes.goals-achieved'))).toBe('22/34');
    expect(nd(metric('outcomes.goals-without-progress'))).toBe('0/34');
    // Outcome reviews in October: 4 + 5 (Edie: 1, 8, 15, 22, 29) + 4 + 4 + 4 + 1 (Raj, 27 Oct) + 3 (Walter) = 25.
    expect(metric('outcomes.outcome-reviews-held').value).toBe(25);
    expect(nd(metric('outcomes.outcome-reviews-weekly'))).toBe('7/7');

    // 4. Plan reviews in October: arthur 6 and 27, edith 26, george 20, margaret 13, nora 27, walter 5
    // and 20 = 8. Due: arthur 7 (held 6), edith 27 (held 26), george 20 (20), margaret 14 (13), nora
    // 27 (27), walter 6 (5) = 6, all on time. Edie's 1 Oct was met on 29 Sep, before October.
    expect(metric('reviews.held').value).toBe(8);
    expect(metric('reviews.due').value).toBe(6);
    expect(nd(metric('reviews.on-time'))).toBe('6/6');
    expect(nd(metric('reviews.overdue'))).toBe('0/6');

    // 5. September's audit saved 6 Oct. Feedback: professional positive (9th), person positive (22nd),
    // family negative (30th) = 3. Escalations: George 4 Oct, Arthur 12 Oct, both answered.
    expect(metric('governance.previous-audit-saved')).toMatchObject({ value: 'saved 2026-10-06', numerator: 1, denominator: 1 });
    expect(metric('governance.feedback').value).toBe(3);
    expect(nd(metric('governance.feedback-positive'))).toBe('2/3');
    expect(nd(metric('governance.feedback-negative'))).toBe('1/3');
    expect(nd(metric('governance.feedback-from-professional'))).toBe('1/3');
    expect(metric('governance.escalations-raised').value).toBe(2);
    expect(metric('governance.escalations-open').value).toBe(0);
    // Nothing found at the end of October; September's audit counted review-due 2 and audit-missing 1.
    const findings = report.findings as { errors: number; warnings: number; byRule: unknown[] };
    expect(findings.errors + findings.warnings).toBe(0);
    expect(findings.byRule).toEqual([
      { rule: 'audit-missing', severity: 'warning', count: 0, previous: 1, change: -1 },
      { rule: 'review-due', severity: 'warning', count: 0, previous: 2, change: -2 },
    ]);
  });

  it('the saved October audit holds what the audit computes for October', async () => {
    const { metric } = await audit();
    const saved = (await import('../../src/model/yamlText.js')).parseYaml(
      (await import('node:fs')).readFileSync(`${EXAMPLE}/audits/2026-10.yaml`, 'utf8'),
    );
    const metrics = (saved as { value: { metrics: Record<string, Record<string, unknown>> } }).value.metrics;
    // Spot checks per week were replaced by weeks covered (issue 10): still read, said to be not comparable.
    expect(Object.keys(metrics).filter((id) => id in RETIRED_MEASURES)).toEqual(['followed.spotchecks-per-week']);
    for (const [id, m] of Object.entries(metrics)) {
      if (id in RETIRED_MEASURES) continue;
      const now = metric(id);
      expect([m.numerator ?? null, m.denominator ?? null, m.percent ?? now.percent], id).toEqual([
        now.numerator,
        now.denominator,
        now.percent,
      ]);
    }
  });
});
