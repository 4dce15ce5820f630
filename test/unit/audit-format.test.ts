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
import { expectGolden } from '../helpers/golden.js';

/** A small report, by hand: one section with a ratio and a count, one person, one goal over two weeks. */
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
    sections: [{
      id: 'accuracy', title: 'Accuracy and personalisation',
      cqc: { key_questions: ['Effective'], quality_statements: [{ key_question: 'Effective', statement: 'Assessing needs' }], evidence_categories: ['processes'] },
      metrics: [
        {
          id: 'accuracy.plans-approved', section: 'accuracy', label: 'Plans approved', kind: 'ratio', better: 'higher', definition: 'Signed `plans`.',
          value: 50, numerator: 1, denominator: 2, percent: 50, people: { 'p-a': { value: 50, numerator: 1, denominator: 2, percent: 50 } }, cqc,
          compared: { previousMonth: '2026-01', previous: 100, current: 50, change: -50, direction: 'down', verdict: 'worse' },
        },
        {
          id: 'accuracy.entries', section: 'accuracy', label: 'Entries, "all"', kind: 'count', definition: 'Entries.',
          value: 3, numerator: 3, denominator: null, percent: null, people: { 'p-a': { value: 3, numerator: 3, denominator: null, percent: null } }, cqc,
        },
      ],
    }],
    trends: [{ id: 'accuracy.plans-approved', label: 'Plans approved', previousMonth: '2026-01', previous: 100, current: 50, change: -50, direction: 'down', verdict: 'worse' }],
    goals: [{
      person: 'p-a', goal: 'mob-walk', status: 'active', entries: 3, direction: 'too few entries',
      weeks: [
        { week: 1, from: '2026-02-01', to: '2026-02-07', entries: 2, progress: 1, percent: 50, results: { achieved: 0, improving: 1, 'no-change': 1, worsening: 0, declined: 0, 'not-attempted': 0 } },
        { week: 2, from: '2026-02-08', to: '2026-02-10', entries: 1, progress: 1, percent: 100, results: { achieved: 1, improving: 0, 'no-change': 0, worsening: 0, declined: 0, 'not-attempted': 0 } },
      ],
    }],
    findings: {
      errors: 1, warnings: 0, previousMonth: '2026-01',
      byRule: [{ rule: 'review-overdue', severity: 'error', count: 1, previous: 0, change: 1 }],
      byPerson: [{ person: 'p-a', findings: [{ rule: 'review-overdue', severity: 'error', message: 'plan review was due 2026-02-08', file: 'people/p-a/plan.yaml', line: 1 }] }],
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
  });

  it('text: plain tables, no colour', () => {
    expect(formatAuditText(report())).toBe([
      'Monthly audit: Oak <Lodge> (CQC location 1-000000002), February 2026',
      '2026-02-01 to 2026-02-10 so far: the month is not over; as the records stand at 2026-02-10 12:00 (Europe/London)',
      '1 person supported; admitted: p-a.',
      'Compared with the audit saved for 2026-01 (saved 2026-02-05 10:00 by s-amina).',
      'CQC mapping: Test framework.',
      '',
      '1. Accuracy and personalisation',
      'CQC: Effective: Assessing needs. Evidence: processes.',
      '┌────────────────┬──────────────┬──────────┬─────────────────────┐',
      '│ Measure        │ This month   │ Previous │ Change              │',
      '│ Plans approved │ 1 of 2 (50%) │ 100%     │ down 50 pts (worse) │',
      '│ Entries, "all" │ 3            │ –        │ –                   │',
      '└────────────────┴──────────────┴──────────┴─────────────────────┘',
      'By person:',
      '┌────────┬────────────────┬─────────┐',
      '│ Person │ plans-approved │ entries │',
      '│ p-a    │ 1/2            │ 3       │',
      '└────────┴────────────────┴─────────┘',
      '',
      'Trends since 2026-01',
      '┌────────────────┬─────────┬─────────┬─────────────────────┐',
      '│ Measure        │ 2026-01 │ 2026-02 │ Change              │',
      '│ Plans approved │ 100%    │ 50%     │ down 50 pts (worse) │',
      '└────────────────┴─────────┴─────────┴─────────────────────┘',
      '',
      'Goals week by week (entries achieved or improving / entries)',
      '┌────────┬──────────┬───────┬───────┬─────────────────┐',
      '│ Person │ Goal     │ 01-07 │ 08-10 │ Trend           │',
      '│ p-a    │ mob-walk │ 1/2   │ 1/1   │ too few entries │',
      '└────────┴──────────┴───────┴───────┴─────────────────┘',
      '',
      'What careplan check finds',
      'careplan check as of 2026-02-10 12:00: 1 error, 0 warnings.',
      '┌────────────────┬──────────┬───────┬─────────┬────────┐',
      '│ Rule           │ Severity │ Count │ 2026-01 │ Change │',
      '│ review-overdue │ error    │ 1     │ 0       │ +1     │',
      '└────────────────┴──────────┴───────┴─────────┴────────┘',
      'p-a',
      '  error    review-overdue             plan review was due 2026-02-08',
      '',
    ].join('\n'));
  });

  it('markdown: GitHub tables with pipes escaped, and HTML in a name shown as text', () => {
    const md = formatAuditMarkdown(report());
    expect(md.startsWith('# Monthly audit: Oak &lt;Lodge&gt;, February 2026\n\nCQC location 1-000000002.\n')).toBe(true);
    expect(md).toContain([
      '## 1. Accuracy and personalisation',
      '',
      '*CQC:* Effective: Assessing needs. *Evidence:* processes.',
      '',
      '| Measure | This month | Previous | Change | Quality statements |',
      '| --- | --- | --- | --- | --- |',
      '| Plans approved | 1 of 2 (50%) | 100% | down 50 pts (worse) | Effective: Assessing needs |',
      '| Entries, "all" | 3 | – | – | Effective: Assessing needs |',
      '',
      'By person:',
      '',
      '| Person | plans-approved | entries |',
      '| --- | ---: | ---: |',
      '| p-a | 1/2 | 3 |',
    ].join('\n'));
    expect(md).toContain('| Plans approved | 100% | 50% | down 50 pts (worse) |');
    expect(md).toContain('| p-a | mob-walk | 1/2 | 1/1 | too few entries |');
    expect(md).toContain('- **error** `review-overdue`: plan review was due 2026-02-08');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('csv: a row a metric for the home, then each person\'s; quoted where needed', () => {
    expect(formatAuditCsv(report())).toBe([
      'scope,person,section,metric,label,kind,value,numerator,denominator,percent,unit,previous,change,key_question,quality_statements,evidence_category',
      'home,,accuracy,accuracy.plans-approved,Plans approved,ratio,50,1,2,50,,100,-50,Effective,Assessing needs,processes',
      'home,,accuracy,accuracy.entries,"Entries, ""all""",count,3,3,,,,,,Effective,Assessing needs,processes',
      'person,p-a,accuracy,accuracy.plans-approved,Plans approved,ratio,50,1,2,50,,,,Effective,Assessing needs,processes',
      'person,p-a,accuracy,accuracy.entries,"Entries, ""all""",count,3,3,,,,,,Effective,Assessing needs,processes',
      '',
    ].join('\r\n'));
  });

  it('json: every metric with numerator, denominator and percentage, nulls where they do not apply', () => {
    const json = JSON.parse(formatAuditJson(report()));
    expect(json.sections[0].metrics[1]).toEqual({
      id: 'accuracy.entries', label: 'Entries, "all"', kind: 'count', unit: null, better: null, value: 3, numerator: 3, denominator: null, percent: null,
      definition: 'Entries.', cqc: { key_question: 'Effective', quality_statements: ['Assessing needs'], evidence_category: 'processes' }, compared: null,
      people: { 'p-a': { value: 3, numerator: 3, denominator: null, percent: null } },
    });
    expect(json.findings).not.toHaveProperty('all');
    expect(Object.keys(json)).toEqual(['month', 'period', 'asOf', 'timezone', 'provider', 'framework', 'people', 'previousAudit', 'sections', 'trends', 'goals', 'findings', 'caveats']);
  });

  it('html: one self-contained page, text escaped, nothing to fetch, printable on A4', () => {
    const html = formatAuditHtml(report());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">');
    expect(html).toContain('<title>Monthly audit: Oak &lt;Lodge&gt;, February 2026</title>');
    expect(html).not.toContain('Oak <Lodge>');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@media print');
    expect(html).toContain('<small>Signed <code>plans</code>.</small>');
    expect(html).toMatch(/<section class="audit-section" id="accuracy">/);
    expect(html).toContain('<span class="worse">down 50 pts (worse)</span>');
    expect((html.match(/<svg class="chart spark"/g) ?? [])).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|<img|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('charts: bars say their value in words; a sparkline leaves a gap for a week without entries', () => {
    const bars = barChart('Coverage', [{ label: 'Home', percent: 50, text: '1 of 2 (50%)' }, { label: 'p-a', percent: null, text: '–' }]);
    expect(bars).toContain('aria-label="Coverage. Home: 1 of 2 (50%); p-a: –"');
    expect(bars).toContain('<rect x="120" y="4" width="150.0" height="16" class="bar poor"/>');
    expect(bars).toContain('class="none"');
    const line = sparkline('Goal g', [50, null, 100, 100]);
    expect(line).toContain('week 2: no entries');
    expect(line.match(/<polyline/g)).toHaveLength(1);
    expect(line.match(/<circle/g)).toHaveLength(3);
  });
});
