import Table from 'cli-table3';
import type { AuditReport } from '../audit/report.js';
import {
  cellText, changeText, comparableText, cqcText, findingsSummary, measureText, monthName, peopleText, periodText,
  personMetrics, previousText, shortId, signed, weekCell,
} from './auditWords.js';
import { PLAIN, type FormatOptions } from './registry.js';

function table(head: string[], colour: boolean): Table.Table {
  return new Table({
    head,
    style: { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
}

/**
 * The audit for a terminal: each section with its CQC key questions, the home's measures against
 * the previous audit, and the same measures per person; goal trends; findings. Colour only when
 * `colour` (a terminal); otherwise plain text.
 */
export function formatAuditText(report: AuditReport, { paint, colour }: FormatOptions = PLAIN): string {
  const out: string[] = [];
  const verdict = (text: string) => (text.includes('(worse)') ? paint.red(text) : text.includes('(better)') ? paint.green(text) : text);
  out.push(paint.bold(`Monthly audit: ${report.provider.name}${report.provider.location_id ? ` (CQC location ${report.provider.location_id})` : ''}, ${monthName(report.month)}`));
  out.push(periodText(report), peopleText(report), previousText(report), `CQC mapping: ${report.framework}.`);
  report.caveats.forEach((c) => out.push(paint.yellow(`Note: ${c}.`)));
  out.push('');

  report.sections.forEach((section, i) => {
    out.push(paint.bold(`${i + 1}. ${section.title}`));
    out.push(paint.dim(`CQC: ${cqcText(section)}. Evidence: ${section.cqc.evidence_categories.join(', ')}.`));
    const home = table(['Measure', 'This month', 'Previous', 'Change'], colour);
    for (const m of section.metrics) {
      home.push([m.label, measureText(m, m), m.compared ? comparableText(m, m.compared.previous) : '–', verdict(changeText(m, m.compared))]);
    }
    out.push(home.toString());
    const columns = personMetrics(section.metrics);
    if (columns.length && report.people.inCare.length) {
      const byPerson = table(['Person', ...columns.map(shortId)], colour);
      for (const id of report.people.inCare) byPerson.push([id, ...columns.map((m) => cellText(m, m.people![id]))]);
      out.push('By person:', byPerson.toString());
    }
    out.push('');
  });

  if (report.trends.length) {
    out.push(paint.bold(`Trends since ${report.trends[0].previousMonth}`));
    const t = table(['Measure', report.trends[0].previousMonth, report.month, 'Change'], colour);
    for (const trend of report.trends) {
      const metric = report.sections.flatMap((s) => s.metrics).find((m) => m.id === trend.id)!;
      t.push([trend.label, comparableText(metric, trend.previous), comparableText(metric, trend.current), verdict(changeText(metric, trend))]);
    }
    out.push(t.toString(), '');
  }

  if (report.goals.length) {
    out.push(paint.bold('Goals week by week (entries achieved or improving / entries)'));
    const weeks = report.goals[0].weeks;
    const g = table(['Person', 'Goal', ...weeks.map((w) => `${w.from.slice(8)}-${w.to.slice(8)}`), 'Trend'], colour);
    for (const goal of report.goals) g.push([goal.person, goal.goal, ...goal.weeks.map(weekCell), goal.direction]);
    out.push(g.toString(), '');
  }

  out.push(paint.bold('What careplan check finds'), findingsSummary(report));
  if (report.findings.byRule.length) {
    const previous = report.findings.previousMonth;
    const f = table(['Rule', 'Severity', 'Count', ...(previous ? [previous, 'Change'] : [])], colour);
    for (const r of report.findings.byRule) f.push([r.rule, r.severity, String(r.count), ...(previous ? [String(r.previous), signed(r.change)] : [])]);
    out.push(f.toString());
  }
  for (const group of report.findings.byPerson) {
    out.push(paint.bold(group.person ?? '(home-wide)'));
    for (const finding of group.findings) {
      const label = finding.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
      out.push(`  ${label}  ${finding.rule.padEnd(26)} ${finding.message}`);
    }
  }
  return `${out.join('\n')}\n`;
}
