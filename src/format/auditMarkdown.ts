import { describeMeasures } from '../model/goalMeasures.js';
import type { AuditReport } from '../audit/report.js';
import { markdownCell as cell, markdownText as free } from './auditEscape.js';
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

/** Rows are cells already escaped (free text through markdownText, the rest through markdownCell); headings are escaped here. */
function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[] = []): string[] {
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [`| ${head.map(free).join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The audit as GitHub-flavoured Markdown: for a pull request, a wiki or a governance pack. Page 1's summary comes first. */
export function formatAuditMarkdown(report: AuditReport): string {
  const out: string[] = [];
  out.push(`# Monthly audit: ${free(report.provider.name)}, ${monthName(report.month)}`, '');
  if (!report.period.complete) out.push(`> **${interimText(report)}.**`, '');
  if (report.provider.location_id) out.push(`CQC location ${free(report.provider.location_id)}.`);
  out.push(`${periodText(report)}.`, peopleText(report), previousText(report), `CQC mapping: ${free(report.framework)}.`, '');
  for (const c of report.caveats) out.push(`> Note: ${free(c)}.`, '');

  out.push('## Summary', '', "### Headline measures against the policy's targets", '');
  out.push(
    ...mdTable(
      ['Measure', 'This month', 'Target', 'Status'],
      headlineMetrics(report).map((m) => [
        cell(m.label),
        cell(measureText(m, m)),
        cell(targetText(m, m.target!)),
        m.target!.status === 'not met' ? `**${statusWord(m.target!)}**` : statusWord(m.target!),
      ]),
    ),
    '',
  );
  out.push('### Needs action', '', needsActionIntro(report), '');
  if (report.needsAction.length) {
    out.push(
      ...mdTable(
        ['Person', 'Rule', 'What is wrong', 'Due'],
        report.needsAction.map((n) => [cell(n.person ?? 'home'), `\`${n.rule}\` (${n.severity})`, free(n.message), n.due ?? '–']),
      ),
      '',
    );
  }
  out.push(
    `### Actions from earlier audits${report.previousAudit ? ` (last saved: ${report.previousAudit.month})` : ''}`,
    '',
    earlierActionsIntro(report),
    '',
  );
  if (report.actions.earlier.length) {
    out.push(
      ...mdTable(
        ['Action', 'What', 'Owner', 'Due', 'Status'],
        report.actions.earlier.map((a) => [
          actionRef(a),
          free(a.description),
          cell(a.owner),
          a.due,
          a.status === 'overdue' ? '**overdue**' : free(actionStatusText(a)),
        ]),
      ),
      '',
    );
  }
  out.push(`### Actions agreed at this audit (${monthName(report.month)})`, '', agreedActionsIntro(report), '');
  if (report.actions.agreed?.length) {
    out.push(
      ...mdTable(
        ['Action', 'What', 'Owner', 'Due', 'Status'],
        report.actions.agreed.map((a) => [actionRef(a), free(a.description), cell(a.owner), a.due, free(actionStatusText(a))]),
      ),
      '',
    );
  }
  out.push(
    '### Sign-off',
    '',
    ...mdTable(
      ['Role', 'Name', 'Signature', 'Date'],
      SIGN_OFF_ROLES.map((role) => [role, ' ', ' ', ' ']),
    ),
    '',
  );

  report.sections.forEach((section, i) => {
    out.push(`## ${i + 1}. ${section.title}`, '');
    out.push(`*CQC:* ${cqcText(section)}. *Evidence:* ${section.cqc.evidence_categories.join(', ')}.`, '');
    const previous = report.previousAudit ? `Previous (${report.previousAudit.month})` : 'Previous';
    out.push(
      ...mdTable(
        ['Measure', 'This month', 'Target', previous, 'Change', 'Quality statements'],
        section.metrics.map((m) => [
          cell(m.label),
          cell(measureText(m, m)),
          cell(targetCell(m)),
          cell(previousCell(m, m.compared)),
          cell(changeText(m, m.compared)),
          cell(m.cqc ? `${m.cqc.key_question}: ${m.cqc.quality_statements.join('; ')}` : ''),
        ]),
      ),
      '',
    );
    const columns = personMetrics(section.metrics);
    if (columns.length && report.people.inCare.length) {
      out.push(
        'By person:',
        '',
        ...mdTable(
          ['Person', ...columns.map(columnName)],
          report.people.inCare.map((id) => [cell(id), ...columns.map((m) => cell(cellText(m, m.people![id])))]),
          ['l', ...columns.map(() => 'r' as const)],
        ),
        '',
      );
    }
  });

  if (report.trends.length) {
    const previous = report.trends[0].previousMonth;
    out.push(`## Trends since ${previous}`, '');
    const metrics = report.sections.flatMap((s) => s.metrics);
    out.push(
      ...mdTable(
        ['Measure', previous, report.month, 'Change'],
        report.trends.map((t) => {
          const m = metrics.find((x) => x.id === t.id)!;
          return [cell(t.label), cell(previousCell(m, t)), cell(measureText(m, m)), cell(changeText(m, t))];
        }),
      ),
      '',
    );
  }
  if (report.runCharts.some((c) => c.points.length > 1)) {
    out.push('## Run charts', '', RUN_CHART_NOTE, '');
    for (const chart of report.runCharts) out.push(`- ${chart.label}: ${runChartText(chart)}.`);
    out.push('');
  }

  if (report.goals.length) {
    out.push(
      '## Goals week by week',
      '',
      'Entries achieved or improving / entries, each week of the month.',
      '',
      report.goalTrendRule,
      '',
      free(HOLLOW_NOTE),
      '',
    );
    const weeks = report.goals[0].weeks;
    out.push(
      ...mdTable(
        ['Person', 'Goal', ...weeks.map((w) => weekHeading(w)), 'Trend', 'Status'],
        report.goals.map((g) => [
          cell(g.person),
          cell(g.goal),
          ...g.weeks.map((w) => free(weekCell(w))),
          cell(trendText(g)),
          cell(goalStatus(g)),
        ]),
      ),
      '',
    );
    const measured = report.goals.filter((g) => g.measured);
    if (measured.length) {
      out.push('Measured goals:', '');
      for (const g of measured) out.push(`- ${g.person} ${g.goal}: ${free(describeMeasures(g.measured!))}.`);
      out.push('');
    }
  }

  out.push('## What careplan check finds', '', findingsSummary(report), '');
  const previous = report.findings.previousMonth;
  if (report.findings.byRule.length) {
    out.push(
      ...mdTable(
        ['Rule', 'Severity', 'Count', ...(previous ? [previous, changeHeading(report)] : [])],
        report.findings.byRule.map((r) => [
          `\`${r.rule}\``,
          r.severity,
          String(r.count),
          ...(previous ? [String(r.previous), signed(r.change)] : []),
        ]),
      ),
      '',
    );
  }
  if (report.needsAction.length) out.push('Each finding is listed under "Needs action" in the summary.', '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
