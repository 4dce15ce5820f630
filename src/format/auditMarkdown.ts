import type { AuditReport } from '../audit/report.js';
import {
  cellText, changeText, comparableText, cqcText, findingsSummary, measureText, monthName, peopleText, periodText,
  personMetrics, previousText, shortId, signed, weekCell,
} from './auditWords.js';
import { markdownText } from './safeText.js';

// A code span the formatter writes around a rule id stays one; every other cell is escaped.
const cell = (text: string) => (/^`[a-z0-9-]+`$/.test(text) ? text : markdownText(text));

function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[] = []): string[] {
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [`| ${head.map(cell).join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** The audit as GitHub-flavoured Markdown: for a pull request, a wiki or a governance pack. */
export function formatAuditMarkdown(report: AuditReport): string {
  const out: string[] = [];
  out.push(`# Monthly audit: ${markdownText(report.provider.name)}, ${monthName(report.month)}`, '');
  if (report.provider.location_id) out.push(`CQC location ${markdownText(report.provider.location_id)}.`);
  out.push(`${periodText(report)}.`, peopleText(report), previousText(report), `CQC mapping: ${markdownText(report.framework)}.`, '');
  for (const c of report.caveats) out.push(`> Note: ${markdownText(c)}.`, '');

  report.sections.forEach((section, i) => {
    out.push(`## ${i + 1}. ${section.title}`, '');
    out.push(`*CQC:* ${markdownText(cqcText(section))}. *Evidence:* ${markdownText(section.cqc.evidence_categories.join(', '))}.`, '');
    out.push(...mdTable(
      ['Measure', 'This month', 'Previous', 'Change', 'Quality statements'],
      section.metrics.map((m) => [m.label, measureText(m, m), m.compared ? comparableText(m, m.compared.previous) : '–', changeText(m, m.compared), m.cqc ? `${m.cqc.key_question}: ${m.cqc.quality_statements.join('; ')}` : '']),
    ), '');
    const columns = personMetrics(section.metrics);
    if (columns.length && report.people.inCare.length) {
      out.push('By person:', '', ...mdTable(['Person', ...columns.map(shortId)], report.people.inCare.map((id) => [id, ...columns.map((m) => cellText(m, m.people![id]))]), ['l', ...columns.map(() => 'r' as const)]), '');
    }
  });

  if (report.trends.length) {
    const previous = report.trends[0].previousMonth;
    out.push(`## Trends since ${previous}`, '');
    const metrics = report.sections.flatMap((s) => s.metrics);
    out.push(...mdTable(['Measure', previous, report.month, 'Change'], report.trends.map((t) => {
      const m = metrics.find((x) => x.id === t.id)!;
      return [t.label, comparableText(m, t.previous), comparableText(m, t.current), changeText(m, t)];
    })), '');
  }

  if (report.goals.length) {
    out.push('## Goals week by week', '', 'Entries achieved or improving / entries, each week of the month.', '');
    const weeks = report.goals[0].weeks;
    out.push(...mdTable(['Person', 'Goal', ...weeks.map((w) => `${w.from.slice(8)}–${w.to.slice(8)}`), 'Trend'], report.goals.map((g) => [g.person, g.goal, ...g.weeks.map(weekCell), g.direction])), '');
  }

  out.push('## What careplan check finds', '', findingsSummary(report), '');
  const previous = report.findings.previousMonth;
  if (report.findings.byRule.length) {
    out.push(...mdTable(['Rule', 'Severity', 'Count', ...(previous ? [previous, 'Change'] : [])], report.findings.byRule.map((r) => [`\`${r.rule}\``, r.severity, String(r.count), ...(previous ? [String(r.previous), signed(r.change)] : [])])), '');
  }
  for (const group of report.findings.byPerson) {
    out.push(`### ${group.person ?? 'Home-wide'}`, '');
    for (const f of group.findings) out.push(`- **${f.severity}** \`${f.rule}\`: ${markdownText(f.message)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
