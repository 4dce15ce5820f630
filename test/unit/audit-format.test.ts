import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/report.js';
import { formatAuditCsv } from '../../src/format/auditCsv.js';
import { formatAuditHtml } from '../../src/format/auditHtml.js';
import { formatAuditJson } from '../../src/format/auditJson.js';
import { formatAuditMarkdown } from '../../src/format/auditMarkdown.js';
import { formatAuditText } from '../../src/format/auditText.js';
import { barChart, sparkline } from '../../src/format/auditCharts.js';
import { AUDIT_EXTENSIONS, AUDIT_FORMATS } from '../../src/format/auditFormats.js';
import { PLAIN } from '../../src/format/registry.js';
import { auditOfFiles, emptyHome } from '../helpers/audit.js';
import { expectGolden } from '../helpers/golden.js';

/**
 * A small report, by hand: one section with a ratio against its target and a count, one person, one
 * goal over a full and a running week, a finding that needs action, an earlier audit's actions.
 */
function report(): AuditReport {
  const cqc = { key_question: 'Effective', quality_statements: ['Assessing needs'], evidence_category: 'processes' };
  return {
    provider: { name: 'Oak <Lodge>', location_id: '1-000000002' },
    month: '2026-02',
    period: { from: '2026-02-01', to: '2026-02-10', complete: false, days: 10 },
    asOf: '2026-02-10T12:00',
    timezone: 'Europe/London',
    people: { inCare: ['p-a'], activeAtEnd: ['p-a'], admitted: ['p-a'], discharged: [] },
    framework: 'Test framework',
    previousAudit: { month: '2026-01', saved_at: '2026-02-05T10:00', saved_by: 's-amina' },
    sections: [
      {
        id: 'accuracy',
        title: 'Accuracy and personalisation',
        cqc: {
          key_questions: ['Effective'],
          quality_statements: [{ key_question: 'Effective', statement: 'Assessing needs' }],
          evidence_categories: ['processes'],
        },
        metrics: [
          {
            id: 'accuracy.plans-approved',
            section: 'accuracy',
            label: 'Plans approved',
            column: 'Plan approved',
            kind: 'ratio',
            better: 'higher',
            definition: 'Signed `plans`.',
            value: 50,
            numerator: 1,
            denominator: 2,
            percent: 50,
            people: { 'p-a': { value: 50, numerator: 1, denominator: 2, percent: 50 } },
            cqc,
            target: { target: 100, bound: 'at least', status: 'not met' },
            compared: {
              previousMonth: '2026-01',
              before: { value: 100, numerator: 2, denominator: 2, percent: 100 },
              interim: true,
              previous: 100,
              current: 50,
              change: -50,
              direction: 'down',
              verdict: 'worse',
            },
          },
          {
            id: 'accuracy.entries',
            section: 'accuracy',
            label: 'Entries, "all"',
            kind: 'count',
            definition: 'Entries.',
            value: 3,
            numerator: 3,
            denominator: null,
            percent: null,
            people: { 'p-a': { value: 3, numerator: 3, denominator: null, percent: null } },
            cqc,
          },
        ],
      },
    ],
    trends: [
      {
        id: 'accuracy.plans-approved',
        label: 'Plans approved',
        previousMonth: '2026-01',
        before: { value: 100, numerator: 2, denominator: 2, percent: 100 },
        interim: true,
        previous: 100,
        current: 50,
        change: -50,
        direction: 'down',
        verdict: 'worse',
      },
    ],
    runCharts: [
      {
        id: 'accuracy.plans-approved',
        label: 'Plans approved',
        kind: 'ratio',
        median: 100,
        points: [
          { month: '2026-01', value: 100, numerator: 2, denominator: 2, saved: true },
          { month: '2026-02', value: 50, numerator: 1, denominator: 2, saved: false },
        ],
      },
    ],
    needsAction: [
      {
        person: 'p-a',
        rule: 'review-overdue',
        severity: 'error',
        message: 'plan review was due 2026-02-08',
        due: '2026-02-08',
        fix: 'review it',
      },
    ],
    actions: {
      earlier: [
        {
          audit: '2026-01',
          number: 1,
          description: "Review p-a's plan | with *care*",
          owner: 's-ben',
          due: '2026-02-05',
          status: 'overdue',
        },
        {
          audit: '2026-01',
          number: 2,
          description: 'Label food',
          owner: 's-amina',
          due: '2026-02-20',
          status: 'done',
          closed: { at: '2026-02-03T10:00', by: 's-amina' },
        },
      ],
      agreed: null,
    },
    goalTrendRule: 'The rule.',
    goals: [
      {
        person: 'p-a',
        goal: 'mob-walk',
        status: 'active',
        entries: 3,
        direction: 'too few entries',
        halves: { earlier: { progress: 0, entries: 1 }, later: { progress: 1, entries: 1 } },
        measured: {
          goal: 'mob-walk',
          unit: 'walks',
          direction: 'increase',
          target: 5,
          count: 2,
          first: { at: '2026-02-02T10:00', value: 2, date: '2026-02-02' },
          latest: { at: '2026-02-09T10:00', value: 3, date: '2026-02-09' },
          best: { at: '2026-02-09T10:00', value: 3, date: '2026-02-09' },
          met: false,
        },
        weeks: [
          {
            week: 1,
            from: '2026-02-01',
            to: '2026-02-07',
            full: true,
            entries: 2,
            progress: 1,
            percent: 50,
            results: { achieved: 0, improving: 1, 'no-change': 1, worsening: 0, declined: 0, 'not-attempted': 0 },
          },
          {
            week: 2,
            from: '2026-02-08',
            to: '2026-02-10',
            full: false,
            entries: 1,
            progress: 1,
            percent: 100,
            results: { achieved: 1, improving: 0, 'no-change': 0, worsening: 0, declined: 0, 'not-attempted': 0 },
          },
        ],
      },
    ],
    findings: {
      errors: 1,
      warnings: 0,
      previousMonth: '2026-01',
      byRule: [{ rule: 'review-overdue', severity: 'error', count: 1, previous: 0, change: 1 }],
      byPerson: [
        {
          person: 'p-a',
          findings: [
            { rule: 'review-overdue', severity: 'error', message: 'plan review was due 2026-02-08', file: 'people/p-a/plan.yaml', line: 1 },
          ],
        },
      ],
      all: [],
    },
    caveats: [],
  };
}

describe('audit formatters', () => {
  it('the registry offers exactly the formats the CLI lists, each with the file extensions that choose it', () => {
    expect(Object.keys(AUDIT_FORMATS)).toEqual(['text', 'markdown', 'html', 'json', 'csv']);
    expect(Object.keys(AUDIT_EXTENSIONS)).toEqual(Object.keys(AUDIT_FORMATS));
  });

  it('markdown, html and json: the whole output, exactly', () => {
    expectGolden('audit/audit.md', AUDIT_FORMATS.markdown(report(), PLAIN));
    expectGolden('audit/audit.html', AUDIT_FORMATS.html(report(), PLAIN));
    expectGolden('audit/audit.json', AUDIT_FORMATS.json(report(), PLAIN));
    expectGolden('audit/audit.csv', AUDIT_FORMATS.csv(report(), PLAIN));
  });

  it('text: the whole output at 80 columns, exactly; no line wider than the width asked for', () => {
    expectGolden('audit/audit.txt', formatAuditText(report()));
    for (const width of [60, 80, 132]) {
      const lines = formatAuditText(report(), { ...PLAIN, width }).split('\n');
      expect(
        lines.filter((l) => [...l].length > width),
        `at ${width}`,
      ).toEqual([]);
    }
    // A wide terminal gets the tables at their natural width: a row on one line.
    expect(formatAuditText(report(), { ...PLAIN, width: 200 })).toContain(
      '│ p-a    │ review-overdue (error) │ plan review was due 2026-02-08 │ 2026-02-08 │',
    );
  });

  it('markdown: the summary first; free text escaped so it cannot become markup; the same figures as the other formats', () => {
    const md = formatAuditMarkdown(report());
    expect(
      md.startsWith('# Monthly audit: Oak \\<Lodge\\>, February 2026\n\n> **interim: the month is not over (10 of 28 days).**\n'),
    ).toBe(true);
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('## 1. Accuracy and personalisation'));
    expect(md).toContain('| p-a | `review-overdue` (error) | plan review was due 2026-02-08 | 2026-02-08 |');
    expect(md).toContain("| 2026-01 #1 | Review p-a's plan \\| with \\*care\\* | s-ben | 2026-02-05 | **overdue** |");
    expect(md).toContain(
      '| Plans approved | 1 of 2 (50%) | at least 100%: below target | 2 of 2 (100%) | down 50 pts (worse), interim | ' +
        'Effective: Assessing needs |',
    );
    expect(md).toContain('| Person | Plan approved | Entries, "all" |');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('csv: a row a metric for the home and for each person, then needs action and actions; quoted where needed', () => {
    const rows = formatAuditCsv(report()).split('\r\n');
    const header = rows[0].split(',');
    const at = (row: string, column: string) => row.split(',')[header.indexOf(column)];
    expect(rows.map((r) => r.split(',')[0])).toEqual([
      'scope',
      'home',
      'home',
      'person',
      'person',
      'needs-action',
      'earlier-action',
      'earlier-action',
      '',
    ]);
    expect(at(rows[1], 'target_status')).toBe('not met');
    expect([at(rows[1], 'previous_numerator'), at(rows[1], 'previous_denominator'), at(rows[1], 'interim')]).toEqual(['2', '2', 'yes']);
    expect(rows[2]).toContain('"Entries, ""all"""');
    expect([at(rows[5], 'rule'), at(rows[5], 'due'), at(rows[5], 'person')]).toEqual(['review-overdue', '2026-02-08', 'p-a']);
    expect([at(rows[7], 'metric'), at(rows[7], 'owner'), at(rows[7], 'status')]).toEqual(['2026-01 #2', 's-amina', 'done']);
  });

  it('json: every metric with numerator, denominator, percentage, target and the previous figures; the summary before the sections', () => {
    const json = JSON.parse(formatAuditJson(report()));
    expect(json.sections[0].metrics[1]).toEqual({
      id: 'accuracy.entries',
      label: 'Entries, "all"',
      column: null,
      kind: 'count',
      unit: null,
      better: null,
      value: 3,
      numerator: 3,
      denominator: null,
      percent: null,
      target: null,
      definition: 'Entries.',
      cqc: { key_question: 'Effective', quality_statements: ['Assessing needs'], evidence_category: 'processes' },
      compared: null,
      people: { 'p-a': { value: 3, numerator: 3, denominator: null, percent: null } },
    });
    expect(json.sections[0].metrics[0].compared.before).toEqual({ value: 100, numerator: 2, denominator: 2, percent: 100 });
    expect(json.needsAction).toEqual([
      {
        person: 'p-a',
        rule: 'review-overdue',
        severity: 'error',
        message: 'plan review was due 2026-02-08',
        due: '2026-02-08',
        fix: 'review it',
      },
    ]);
    expect(json.findings).not.toHaveProperty('all');
    expect(Object.keys(json)).toEqual([
      'month',
      'period',
      'asOf',
      'timezone',
      'provider',
      'framework',
      'people',
      'previousAudit',
      'needsAction',
      'actions',
      'sections',
      'trends',
      'runCharts',
      'goalTrendRule',
      'goals',
      'findings',
      'caveats',
    ]);
  });

  it('html: one self-contained page, text escaped, nothing to fetch, landmarks, A4 with a running header (home, month, interim)', () => {
    const html = formatAuditHtml(report());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    );
    expect(html).toContain('<title>Monthly audit: Oak &lt;Lodge&gt;, February 2026</title>');
    expect(html).not.toContain('Oak <Lodge>');
    expect(html).toContain('size: A4 portrait;');
    expect(html).toContain('@top-left { content: "Oak \\3c Lodge>";');
    expect(html).toContain('@top-right { content: "interim: the month is not over (10 of 28 days)";');
    expect(html).toContain('counter(page) " of " counter(pages)');
    expect(html).toContain('@media print');
    expect(html).toMatch(/<main>\n<section id="summary"/);
    expect(html).toContain('<small class="definition">Signed <code>plans</code>.</small>');
    expect(html).toMatch(/<section class="audit-section" id="accuracy" aria-labelledby="accuracy-h">/);
    expect(html).toContain('<span class="worse">down 50 pts (worse), interim</span>');
    expect(html).toContain('Review p-a&#39;s plan | with *care*');
    expect(html.match(/<svg class="chart spark"/g) ?? []).toHaveLength(1);
    expect(html.match(/<svg class="chart run"/g) ?? []).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|<img|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('charts: bars say their value in words, hatched below target, with a legend; a sparkline draws a short week hollow', () => {
    const bars = barChart(
      'c1',
      'Coverage',
      [
        { label: 'Home', percent: 50, text: '1 of 2 (50%)' },
        { label: 'p-a', percent: null, text: '–' },
      ],
      { percent: 100, bound: 'at least' },
    );
    expect(bars).toContain('aria-label="Coverage. Target at least 100%. Home: 1 of 2 (50%); p-a: –"');
    expect(bars).toContain('<rect x="110" y="4" width="150.0" height="16" class="bar below" fill="url(#c1-below)"/>');
    expect(bars).toContain('<pattern id="c1-below"');
    expect(bars).toContain('>below target</text>');
    expect(bars).toContain('class="none"');
    // A 0% bar is still drawn, two units wide with its outline.
    expect(barChart('c2', 'Zero', [{ label: 'Home', percent: 0, text: '0 of 3 (0%)' }])).toContain(
      'width="2.0" height="16" class="bar met"',
    );
    const line = sparkline(
      'Goal g',
      [
        { fromDay: 1, toDay: 7, percent: 50, full: true },
        { fromDay: 8, toDay: 14, percent: null, full: true },
        { fromDay: 15, toDay: 21, percent: 100, full: true },
        { fromDay: 22, toDay: 24, percent: 0, full: false },
      ],
      30,
    );
    expect(line).toContain('days 8-14: no entries');
    expect(line).toContain('days 22-24 (not a full week): 0%');
    expect(line.match(/class="line( partial)?"/g)).toEqual(['class="line partial"']);
    expect(line.match(/<circle/g)).toHaveLength(3);
    expect(line.match(/class="dot hollow"/g)).toHaveLength(1);
  });

  it('a home with nobody in it and no earlier audit: every format renders, text within 80 columns', () => {
    const empty = auditOfFiles(emptyHome(), '2026-11', '2026-12-05');
    expect(empty.runCharts.every((c) => c.points.length === 1 && c.median === null)).toBe(true);
    for (const format of Object.keys(AUDIT_FORMATS) as (keyof typeof AUDIT_FORMATS)[]) {
      expect(AUDIT_FORMATS[format](empty, PLAIN).length).toBeGreaterThan(100);
    }
    const text = formatAuditText(empty);
    expect(text).toContain('Nothing needs action');
    expect(text).toContain('No earlier saved audit, so no earlier actions.');
    expect(Math.max(...text.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
  });
});
