import type { Metric } from '../audit/metric.js';
import { describeMeasures } from '../model/goalMeasures.js';
import type { AuditReport } from '../audit/report.js';
import {
  actionRef,
  actionStatusText,
  agreedActionsIntro,
  cellText,
  changeHeading,
  changeText,
  columnName,
  cqcText,
  earlierActionsIntro,
  findingsSummary,
  goalStatus,
  headlineMetrics,
  HOLLOW_NOTE,
  interimText,
  measureText,
  monthName,
  needsActionIntro,
  peopleText,
  periodText,
  personMetrics,
  previousCell,
  previousText,
  RUN_CHART_NOTE,
  runChartText,
  signed,
  SIGN_OFF_ROLES,
  statusWord,
  targetCell,
  targetText,
  trendText,
  weekCell,
  weekHeading,
} from './auditWords.js';
import { DEFAULT_WIDTH, PLAIN, type FormatOptions } from './registry.js';
import { textTables, wrapParagraph, type TextCell } from './textTable.js';

/**
 * The audit for a terminal, fitted to its width (80 columns when not a terminal): page 1's summary
 * (headline measures against their targets, what needs action, earlier audits' actions, this
 * audit's actions, sign-off), then each section with its CQC key questions, the home's measures
 * against target and the previous audit, and per person; trends; goals week by week; findings by
 * rule. Colour only when `colour` (a terminal).
 */
export function formatAuditText(report: AuditReport, { paint, colour, width = DEFAULT_WIDTH }: FormatOptions = PLAIN): string {
  const out: string[] = [];
  const para = (text: string, indent = '', hang = indent) => out.push(wrapParagraph(text, width, indent, hang));
  const tables = (head: string[], rows: TextCell[][], keep = 1) => out.push(...textTables(head, rows, { width, colour, keep }));
  const verdict = (text: string): TextCell =>
    text.includes('(worse)') ? { text, paint: paint.red } : text.includes('(better)') ? { text, paint: paint.green } : text;
  const status = (m: Metric): TextCell => {
    const text = targetCell(m);
    return m.target?.status === 'not met' ? { text, paint: paint.red } : text;
  };
  const heading = (text: string) => out.push(paint.bold(wrapParagraph(text, width)));

  heading(
    `Monthly audit: ${report.provider.name}${report.provider.location_id ? ` (CQC location ${report.provider.location_id})` : ''}, ` +
      monthName(report.month),
  );
  if (!report.period.complete) out.push(paint.yellow(wrapParagraph(`${interimText(report)}.`, width)));
  para(periodText(report));
  para(peopleText(report));
  para(previousText(report));
  para(`CQC mapping: ${report.framework}.`);
  for (const c of report.caveats) out.push(paint.yellow(wrapParagraph(`Note: ${c}.`, width)));
  out.push('');

  heading('Summary');
  const headline = headlineMetrics(report);
  if (headline.length) {
    out.push("Headline measures against the policy's targets:");
    tables(
      ['Measure', 'This month', 'Target', 'Status'],
      headline.map((m) => [
        m.label,
        measureText(m, m),
        targetText(m, m.target!),
        m.target!.status === 'not met' ? { text: statusWord(m.target!), paint: paint.red } : statusWord(m.target!),
      ]),
    );
  }
  out.push('');
  heading('Needs action');
  para(needsActionIntro(report));
  if (report.needsAction.length) {
    tables(
      ['Person', 'Rule', 'What is wrong', 'Due'],
      report.needsAction.map((n) => [
        n.person ?? 'home',
        n.severity === 'error' ? { text: `${n.rule} (error)`, paint: paint.red } : `${n.rule} (warning)`,
        n.message,
        n.due ?? '–',
      ]),
    );
  }
  out.push('');
  heading(report.previousAudit ? `Actions from earlier audits (last saved: ${report.previousAudit.month})` : 'Actions from earlier audits');
  para(earlierActionsIntro(report));
  if (report.actions.earlier.length) {
    tables(
      ['Action', 'What', 'Owner', 'Due', 'Status'],
      report.actions.earlier.map((a) => [
        actionRef(a),
        a.description,
        a.owner,
        a.due,
        a.status === 'overdue' ? { text: actionStatusText(a), paint: paint.red } : actionStatusText(a),
      ]),
    );
  }
  out.push('');
  heading(`Actions agreed at this audit (${monthName(report.month)})`);
  para(agreedActionsIntro(report));
  if (report.actions.agreed?.length) {
    tables(
      ['Action', 'What', 'Owner', 'Due', 'Status'],
      report.actions.agreed.map((a) => [actionRef(a), a.description, a.owner, a.due, actionStatusText(a)]),
    );
  }
  out.push('');
  heading('Sign-off');
  for (const role of SIGN_OFF_ROLES) para(`${role}: name ____________________  signature ____________________  date ____________`);
  out.push('');

  report.sections.forEach((section, i) => {
    heading(`${i + 1}. ${section.title}`);
    out.push(paint.dim(wrapParagraph(`CQC: ${cqcText(section)}. Evidence: ${section.cqc.evidence_categories.join(', ')}.`, width)));
    const previous = report.previousAudit ? `Previous (${report.previousAudit.month})` : 'Previous';
    tables(
      ['Measure', 'This month', 'Target', previous, 'Change'],
      section.metrics.map((m) => [m.label, measureText(m, m), status(m), previousCell(m, m.compared), verdict(changeText(m, m.compared))]),
    );
    const columns = personMetrics(section.metrics);
    if (columns.length && report.people.inCare.length) {
      out.push('By person:');
      tables(
        ['Person', ...columns.map(columnName)],
        report.people.inCare.map((id) => [id, ...columns.map((m) => cellText(m, m.people![id]))]),
      );
    }
    out.push('');
  });

  if (report.trends.length) {
    const metrics = report.sections.flatMap((s) => s.metrics);
    heading(`Trends since ${report.trends[0].previousMonth}`);
    tables(
      ['Measure', report.trends[0].previousMonth, report.month, 'Change'],
      report.trends.map((t) => {
        const m = metrics.find((x) => x.id === t.id)!;
        return [t.label, previousCell(m, t), measureText(m, m), verdict(changeText(m, t))];
      }),
    );
  }
  if (report.runCharts.some((c) => c.points.length > 1)) {
    heading('Run charts');
    para(RUN_CHART_NOTE);
    for (const chart of report.runCharts) para(`${chart.label}: ${runChartText(chart)}.`, '  ', '    ');
    out.push('');
  }

  if (report.goals.length) {
    heading('Goals week by week (entries achieved or improving / entries)');
    para(report.goalTrendRule);
    para(HOLLOW_NOTE);
    const weeks = report.goals[0].weeks;
    for (const person of [...new Set(report.goals.map((g) => g.person))]) {
      const goals = report.goals.filter((g) => g.person === person);
      out.push(paint.bold(person));
      tables(
        ['Goal', ...weeks.map((w) => weekHeading(w)), 'Trend', 'Status'],
        goals.map((g) => [g.goal, ...g.weeks.map(weekCell), trendText(g), goalStatus(g)]),
      );
      for (const g of goals) if (g.measured) para(`${g.goal}: ${describeMeasures(g.measured)}.`, '  ', '    ');
    }
    out.push('');
  }

  heading('What careplan check finds');
  para(findingsSummary(report));
  if (report.findings.byRule.length) {
    const previous = report.findings.previousMonth;
    tables(
      ['Rule', 'Severity', 'Count', ...(previous ? [previous, changeHeading(report)] : [])],
      report.findings.byRule.map((r) => [r.rule, r.severity, String(r.count), ...(previous ? [String(r.previous), signed(r.change)] : [])]),
    );
  }
  if (report.needsAction.length) para('Each finding is listed under "Needs action" above.');
  return `${out.join('\n')}\n`;
}
