import type { Metric } from '../audit/metric.js';
import type { AuditReport, AuditSection } from '../audit/report.js';
import { barChart, escapeHtml as h, sparkline, type Bar } from './auditCharts.js';
import {
  cellText, changeText, comparableText, findingsSummary, measureText, monthName, peopleText, periodText,
  personMetrics, previousText, shortId, signed, weekCell,
} from './auditWords.js';

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
p { margin: .3rem 0; }
.cqc { background: #f0f4f5; border-left: 4px solid #005eb8; padding: .4rem .6rem; font-size: .9rem; }
.note { background: #fff9e6; border-left: 4px solid #b58900; padding: .4rem .6rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .88rem; }
th, td { border: 1px solid #c8cdd0; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #e8edee; }
th small { font-weight: normal; }
th[scope="row"] { white-space: nowrap; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.better { color: #00703c; }
.worse { color: #b10e1e; font-weight: 600; }
.error { color: #b10e1e; font-weight: 600; }
.warning { color: #8a5a00; font-weight: 600; }
.chart { display: block; max-width: 100%; height: auto; margin: .4rem 0 1rem; }
.chart .label, .chart .value, .chart .tick { font: 11px system-ui, sans-serif; fill: #1b1b1b; }
.chart .tick { fill: #555; }
.chart .grid { stroke: #d0d5d8; stroke-width: 1; }
.chart .bar.good { fill: #007f3b; }
.chart .bar.fair { fill: #ffb81c; }
.chart .bar.poor { fill: #d5281b; }
.chart .none { stroke: #777; stroke-width: 2; }
.chart .line { fill: none; stroke: #005eb8; stroke-width: 2; }
.chart .dot { fill: #005eb8; }
svg.spark { margin: 0; }
footer { margin-top: 2rem; font-size: .8rem; color: #555; border-top: 1px solid #c8cdd0; padding-top: .4rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.audit-section { break-before: auto; }
  table, .chart { break-inside: auto; }
  tr, .chart { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  return `<table><thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Escaped text with `code` spans, for definitions written with backticks. */
const withCode = (text: string) => h(text).replace(/`([^`]+)`/g, '<code>$1</code>');

function changeCell(m: Metric, change: Metric['compared']): string {
  const text = h(changeText(m, change));
  return change?.verdict === 'better' || change?.verdict === 'worse' ? `<span class="${change.verdict}">${text}</span>` : text;
}

function barsFor(metric: Metric | undefined, people: readonly string[], homeLabel: string): Bar[] {
  if (!metric) return [];
  const bars: Bar[] = [{ label: homeLabel, percent: metric.percent, text: measureText(metric, metric) }];
  for (const id of people) {
    const m = metric.people?.[id];
    if (m?.denominator) bars.push({ label: id, percent: m.percent, text: measureText(metric, m) });
  }
  return bars;
}

function sectionHtml(report: AuditReport, section: AuditSection, index: number): string {
  const parts: string[] = [];
  parts.push(`<section class="audit-section" id="${section.id}"><h2>${index + 1}. ${h(section.title)}</h2>`);
  const statements = section.cqc.key_questions.map((kq) => `<strong>${h(kq)}</strong>: ${section.cqc.quality_statements.filter((q) => q.key_question === kq).map((q) => h(q.statement)).join('; ')}`).join('. ');
  parts.push(`<p class="cqc">CQC key questions and quality statements: ${statements}. Evidence category: ${section.cqc.evidence_categories.map(h).join(', ')}.</p>`);
  parts.push(table(
    ['Measure', 'This month', 'Previous', 'Change', 'Quality statement'],
    section.metrics.map((m) => [
      `${h(m.label)}<br><small>${withCode(m.definition)}</small>`, h(measureText(m, m)), h(m.compared ? comparableText(m, m.compared.previous) : '–'), changeCell(m, m.compared),
      m.cqc ? `${h(m.cqc.key_question)}: ${m.cqc.quality_statements.map(h).join('; ')} <small>(${h(m.cqc.evidence_category)})</small>` : '',
    ]),
    [false, true, true, true, false],
  ));
  const all = section.metrics;
  if (section.id === 'followed') {
    const bars = barsFor(all.find((m) => m.id === 'followed.ack-coverage'), report.people.activeAtEnd, 'Home');
    parts.push('<h3>Acknowledgement coverage of the versions in force</h3>', barChart('Acknowledgement coverage of the versions in force, by person', bars));
  }
  if (section.id === 'reviews') {
    const bars = barsFor(all.find((m) => m.id === 'reviews.on-time'), report.people.inCare, 'Home');
    parts.push('<h3>Plan reviews held on time</h3>', barChart('Plan reviews held on time, by person', bars));
  }
  const columns = personMetrics(all);
  if (columns.length && report.people.inCare.length) {
    parts.push('<h3>By person</h3>', table(
      ['Person', ...columns.map((m) => `<abbr title="${h(m.label)}">${h(shortId(m))}</abbr>`)],
      report.people.inCare.map((id) => [h(id), ...columns.map((m) => h(cellText(m, m.people![id])))]),
      [false, ...columns.map(() => true)],
    ));
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * The audit as one self-contained HTML page: styles inline, charts as inline SVG, no scripts, and a
 * Content-Security-Policy that forbids fetching anything, so it opens offline and sends nothing.
 * Printable on A4 (@page and @media print).
 */
export function formatAuditHtml(report: AuditReport): string {
  const title = `Monthly audit: ${report.provider.name}, ${monthName(report.month)}`;
  const body: string[] = [];
  body.push(`<header><h1>${h(title)}</h1>`);
  if (report.provider.location_id) body.push(`<p>CQC location ${h(report.provider.location_id)}</p>`);
  body.push(`<p>${h(periodText(report))}.</p><p>${h(peopleText(report))}</p><p>${h(previousText(report))}</p><p>CQC mapping: ${h(report.framework)}.</p>`);
  for (const c of report.caveats) body.push(`<p class="note">Note: ${h(c)}.</p>`);
  body.push('</header>');
  report.sections.forEach((s, i) => body.push(sectionHtml(report, s, i)));

  if (report.trends.length) {
    const previous = report.trends[0].previousMonth;
    const metrics = report.sections.flatMap((s) => s.metrics);
    body.push(`<section class="audit-section" id="trends"><h2>Trends since ${h(previous)}</h2>`, table(
      ['Measure', h(previous), h(report.month), 'Change'],
      report.trends.map((t) => {
        const m = metrics.find((x) => x.id === t.id)!;
        return [h(t.label), h(comparableText(m, t.previous)), h(comparableText(m, t.current)), changeCell(m, t)];
      }),
      [false, true, true, true],
    ), '</section>');
  }

  body.push('<section class="audit-section" id="goals"><h2>Goals week by week</h2>');
  if (report.goals.length) {
    const weeks = report.goals[0].weeks;
    body.push('<p>Each week: entries achieved or improving / entries. The line shows the share achieved or improving, week by week (0 to 100%).</p>');
    body.push(table(
      ['Person', 'Goal', ...weeks.map((w) => `${w.from.slice(8)}–${w.to.slice(8)}`), 'Trend', 'Chart'],
      report.goals.map((g) => [h(g.person), h(g.goal), ...g.weeks.map((w) => h(weekCell(w))), h(g.direction), sparkline(`Goal ${g.goal} of ${g.person}`, g.weeks.map((w) => w.percent))]),
      [false, false, ...weeks.map(() => true), false, false],
    ));
  } else {
    body.push('<p>No goals with entries this month.</p>');
  }
  body.push('</section>');

  body.push(`<section class="audit-section" id="findings"><h2>What careplan check finds</h2><p>${h(findingsSummary(report))}</p>`);
  const previous = report.findings.previousMonth;
  if (report.findings.byRule.length) {
    body.push(table(
      ['Rule', 'Severity', 'Count', ...(previous ? [h(previous), 'Change'] : [])],
      report.findings.byRule.map((r) => [`<code>${h(r.rule)}</code>`, `<span class="${r.severity}">${r.severity}</span>`, String(r.count), ...(previous ? [String(r.previous), h(signed(r.change))] : [])]),
      [false, false, true, true, true],
    ));
  }
  for (const group of report.findings.byPerson) {
    body.push(`<h3>${h(group.person ?? 'Home-wide')}</h3><ul>${group.findings.map((f) => `<li><span class="${f.severity}">${f.severity}</span> <code>${h(f.rule)}</code>: ${h(f.message)}</li>`).join('')}</ul>`);
  }
  body.push('</section>');
  body.push(`<footer>Made by careplan audit from the records as they stood at ${h(report.asOf.replace('T', ' '))} (${h(report.timezone)}). People are named by their record ids only.</footer>`);

  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
