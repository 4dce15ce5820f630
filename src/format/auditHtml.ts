import { describeMeasures } from '../model/goalMeasures.js';
import type { Metric } from '../audit/metric.js';
import type { AuditReport, AuditSection } from '../audit/report.js';
import { isShare } from '../audit/targets.js';
import { barChart, runChartSvg, sparkline, type Bar, type BarTarget } from './auditCharts.js';
import { escapeHtml as h } from './auditEscape.js';
import { pageHead } from './htmlText.js';
import { AUDIT_STYLE, printPageRules } from './auditHtmlStyle.js';
import {
  actionRef,
  actionStatusText,
  agreedActionsIntro,
  cellText,
  changeHeading,
  changeText,
  columnName,
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
  signed,
  SIGN_OFF_ROLES,
  statusWord,
  targetText,
  trendText,
  weekCell,
  weekHeading,
  pct,
} from './auditWords.js';

interface Column {
  head: string;
  /** Share of the table's width, so every table fits the page whatever its text. */
  width: number;
  /** A figure: right-aligned. */
  num?: boolean;
}

/**
 * A table with fixed column widths, so it fits the page whatever its text; the first cell of each
 * row is its header. Each cell carries its column's name, shown above it where a phone's narrow
 * screen stacks the row. Cells are HTML already escaped.
 */
function table(columns: readonly Column[], rows: readonly string[][], className = ''): string {
  const cols = columns.map((c) => `<col style="width:${c.width}%">`).join('');
  const head = columns.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${c.head}</th>`).join('');
  const label = (i: number) => columns[i].head.replace(/<[^>]*>/g, '');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((cell, i) =>
            i === 0 ? `<th scope="row">${cell}</th>` : `<td${columns[i].num ? ' class="num"' : ''} data-label="${label(i)}">${cell}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const classes = ['stack', className].filter(Boolean).join(' ');
  return `<table class="${classes}"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Escaped text with `code` spans, for definitions written with backticks. */
const withCode = (text: string) => h(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/**
 * A figure with its parts kept whole on a line ("6 of 7", "(85.7%)", "8.6 hours", "(median of 10)"),
 * so a narrow column wraps between them and never inside one.
 */
function figure(text: string): string {
  const m = /^([\d.]+ (?:of [\d]+|[a-z]+))( \(.*\))?$/.exec(text);
  return m ? `<span class="nw">${h(m[1])}</span>${m[2] ? ` <span class="nw">${h(m[2].trim())}</span>` : ''}` : h(text);
}

function changeCell(m: Metric, change: Metric['compared']): string {
  const text = h(changeText(m, change));
  return change?.verdict === 'better' || change?.verdict === 'worse' ? `<span class="${change.verdict}">${text}</span>` : text;
}

function targetHtml(m: Metric): string {
  if (!m.target) return '–';
  const word = statusWord(m.target);
  return `${h(targetText(m, m.target))}: <span class="status ${m.target.status.replace(' ', '-')}">${h(word)}</span>`;
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

const barTarget = (m: Metric | undefined): BarTarget | undefined =>
  m?.target && isShare(m) ? { percent: m.target.target, bound: m.target.bound } : undefined;

function tiles(report: AuditReport): string {
  const items = headlineMetrics(report).map((m) => {
    const t = m.target!;
    const status = t.status.replace(' ', '-');
    const mark = t.status === 'met' ? '✓' : t.status === 'not met' ? '✗' : '–';
    const value =
      m.kind === 'ratio'
        ? `<span class="nw">${m.numerator} of ${m.denominator}</span> <span class="pct">${pct(m.percent)}</span>`
        : figure(measureText(m, m));
    return (
      `<li class="tile ${status}"><span class="tile-label">${h(m.label)}</span><span class="tile-value">${value}</span>` +
      `<span class="tile-target"><span class="status ${status}"><span aria-hidden="true">${mark} </span>${h(statusWord(t))}</span>` +
      ` (target ${h(targetText(m, t))})</span></li>`
    );
  });
  return `<ul class="tiles">${items.join('')}</ul>`;
}

function summaryHtml(report: AuditReport): string {
  const parts: string[] = ['<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'];
  parts.push(`<h3>Headline measures against the policy's targets${report.period.complete ? '' : ' (interim)'}</h3>`, tiles(report));
  parts.push('<div class="keep"><h3>Needs action</h3>', `<p>${h(needsActionIntro(report))}</p>`);
  if (report.needsAction.length) {
    parts.push(
      table(
        [
          { head: 'Person', width: 12 },
          { head: 'Rule', width: 24 },
          { head: 'What is wrong', width: 53 },
          { head: 'Due', width: 11 },
        ],
        report.needsAction.map((n) => [
          h(n.person ?? 'home'),
          `<code>${h(n.rule)}</code> <span class="${n.severity}">${n.severity}</span>`,
          h(n.message),
          `<span class="nw">${h(n.due ?? '–')}</span>`,
        ]),
        'compact',
      ),
    );
  }
  parts.push('</div>');
  const actionTable = (list: NonNullable<AuditReport['actions']['agreed']>) =>
    table(
      [
        { head: 'Action', width: 11 },
        { head: 'What', width: 50 },
        { head: 'Owner', width: 10 },
        { head: 'Due', width: 11 },
        { head: 'Status', width: 18 },
      ],
      list.map((a) => [
        h(actionRef(a)),
        h(a.description),
        h(a.owner),
        `<span class="nw">${h(a.due)}</span>`,
        `<span class="status action-${a.status}">${h(actionStatusText(a))}</span>`,
      ]),
      'compact',
    );
  parts.push(
    `<div class="keep"><h3>Actions from earlier audits${report.previousAudit ? ` (last saved: ${h(report.previousAudit.month)})` : ''}` +
      '</h3>',
  );
  parts.push(`<p>${withCode(earlierActionsIntro(report))}</p>`);
  if (report.actions.earlier.length) parts.push(actionTable(report.actions.earlier));
  parts.push('</div>');
  parts.push(
    `<div class="keep"><h3>Actions agreed at this audit (${h(monthName(report.month))})</h3><p>${withCode(agreedActionsIntro(report))}</p>`,
  );
  if (report.actions.agreed?.length) parts.push(actionTable(report.actions.agreed));
  parts.push('</div>');
  // Each box names what goes in it, so the block needs no header row.
  const field = (name: string) => `<td><span class="field">${name}</span></td>`;
  const rows = SIGN_OFF_ROLES.map(
    (role) => `<tr><th scope="row">${h(role)}</th>${field('Name')}${field('Signature')}${field('Date')}</tr>`,
  );
  const cols = [24, 30, 30, 16].map((w) => `<col style="width:${w}%">`).join('');
  parts.push(
    '<div class="keep whole"><h3>Sign-off</h3>',
    `<table class="signoff"><colgroup>${cols}</colgroup><tbody>${rows.join('')}</tbody></table></div>`,
    '</section>',
  );
  return parts.join('\n');
}

function sectionHtml(report: AuditReport, section: AuditSection, index: number): string {
  const parts: string[] = [];
  const hid = `${section.id}-h`;
  parts.push(
    `<section class="audit-section" id="${section.id}" aria-labelledby="${hid}"><h2 id="${hid}">${index + 1}. ${h(section.title)}</h2>`,
  );
  const statements = section.cqc.key_questions
    .map(
      (kq) =>
        `<strong>${h(kq)}</strong>: ${section.cqc.quality_statements
          .filter((q) => q.key_question === kq)
          .map((q) => h(q.statement))
          .join('; ')}`,
    )
    .join('. ');
  parts.push(
    `<p class="cqc">CQC key questions and quality statements: ${statements}. ` +
      `Evidence category: ${section.cqc.evidence_categories.map(h).join(', ')}.</p>`,
  );
  const previous = report.previousAudit ? `Previous (${h(report.previousAudit.month)})` : 'Previous';
  parts.push(
    table(
      [
        { head: 'Measure', width: 31 },
        { head: 'This month', width: 14, num: true },
        { head: 'Target', width: 14 },
        { head: previous, width: 14, num: true },
        { head: 'Change', width: 12 },
        { head: 'Quality statement', width: 15 },
      ],
      section.metrics.map((m) => [
        `${h(m.label)}<small class="definition">${withCode(m.definition)}</small>`,
        figure(measureText(m, m)),
        targetHtml(m),
        m.compared?.notComparable ? h(previousCell(m, m.compared)) : figure(previousCell(m, m.compared)),
        changeCell(m, m.compared),
        m.cqc
          ? `${h(m.cqc.key_question)}: ${m.cqc.quality_statements.map(h).join('; ')} <small>(${h(m.cqc.evidence_category)})</small>`
          : '',
      ]),
      'measures',
    ),
  );
  const all = section.metrics;
  if (section.id === 'followed') {
    const m = all.find((x) => x.id === 'followed.ack-coverage');
    parts.push(
      '<div class="keep"><h3>Acknowledgement coverage of the versions in force</h3>',
      barChart(
        'chart-ack',
        'Acknowledgement coverage of the versions in force, by person',
        barsFor(m, report.people.activeAtEnd, 'Home'),
        barTarget(m),
      ),
      '</div>',
    );
  }
  if (section.id === 'reviews') {
    const m = all.find((x) => x.id === 'reviews.on-time');
    parts.push(
      '<div class="keep"><h3>Plan reviews held on time</h3>',
      barChart('chart-reviews', 'Plan reviews held on time, by person', barsFor(m, report.people.inCare, 'Home'), barTarget(m)),
      '</div>',
    );
  }
  const columns = personMetrics(all);
  if (columns.length && report.people.inCare.length) {
    const each = Math.floor((86 / columns.length) * 10) / 10;
    parts.push(
      `<div class="keep"><h3>${h(section.title)}: by person</h3>`,
      table(
        [{ head: 'Person', width: 14 }, ...columns.map((m) => ({ head: h(columnName(m)), width: each, num: true }))],
        report.people.inCare.map((id) => [h(id), ...columns.map((m) => h(cellText(m, m.people![id])))]),
        'people',
      ),
      '</div>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function trendsHtml(report: AuditReport): string {
  const metrics = report.sections.flatMap((s) => s.metrics);
  const parts = ['<section class="audit-section" id="trends" aria-labelledby="trends-h">'];
  parts.push(`<h2 id="trends-h">${report.trends.length ? `Trends since ${h(report.trends[0].previousMonth)}` : 'Trends'}</h2>`);
  if (report.trends.length) {
    const previous = report.trends[0].previousMonth;
    parts.push(
      table(
        [
          { head: 'Measure', width: 40 },
          { head: h(previous), width: 20, num: true },
          { head: h(report.month), width: 20, num: true },
          { head: 'Change', width: 20 },
        ],
        report.trends.map((t) => {
          const m = metrics.find((x) => x.id === t.id)!;
          return [h(t.label), figure(previousCell(m, t)), figure(measureText(m, m)), changeCell(m, t)];
        }),
      ),
    );
  } else {
    parts.push('<p>No earlier saved audit to compare with.</p>');
  }
  parts.push(`<p>${h(RUN_CHART_NOTE)}</p><div class="runs">`);
  for (const chart of report.runCharts) {
    const share = chart.kind === 'ratio' || chart.kind === 'status';
    const text = (v: number | null) => (v === null ? '–' : share ? pct(v) : `${v}${chart.unit ? ` ${chart.unit}` : ''}`);
    const points = chart.points.map((p) => ({ month: p.month, value: p.value, text: text(p.value), current: !p.saved }));
    const median = chart.median === null ? null : { value: chart.median, text: text(chart.median) };
    parts.push(
      `<figure class="run"><figcaption>${h(chart.label)}</figcaption>` +
        `${runChartSvg(`Run chart: ${chart.label}`, points, median, share)}</figure>`,
    );
  }
  parts.push('</div></section>');
  return parts.join('\n');
}

function goalsHtml(report: AuditReport): string {
  const parts = ['<section class="audit-section" id="goals" aria-labelledby="goals-h"><h2 id="goals-h">Goals week by week</h2>'];
  if (!report.goals.length) {
    parts.push('<p>No goals with entries this month.</p></section>');
    return parts.join('\n');
  }
  const weeks = report.goals[0].weeks;
  const monthDays = lastDay(report.month);
  parts.push('<p>Each week: entries achieved or improving / entries. The line shows that share week by week (0 to 100%).</p>');
  parts.push(`<p class="rule"><strong>How the trend is decided.</strong> ${h(report.goalTrendRule)}</p><p>${h(HOLLOW_NOTE)}</p>`);
  const weekWidth = Math.floor((35 / weeks.length) * 10) / 10;
  parts.push(
    table(
      [
        { head: 'Person', width: 11 },
        { head: 'Goal', width: 15 },
        { head: 'Status', width: 11 },
        ...weeks.map((w) => ({ head: h(weekHeading(w, '–')), width: weekWidth, num: true })),
        { head: 'Trend', width: 14 },
        { head: 'Chart', width: 14 },
      ],
      report.goals.map((g) => [
        h(g.person),
        `${h(g.goal)}${g.measured ? `<small class="definition">${h(describeMeasures(g.measured))}</small>` : ''}`,
        h(goalStatus(g)),
        ...g.weeks.map((w) => (w.full ? h(weekCell(w)) : `<span class="hollow">${h(weekCell(w))}</span>`)),
        h(trendText(g)),
        sparkline(
          `Goal ${g.goal} of ${g.person}, share achieved or improving by week`,
          g.weeks.map((w) => ({
            fromDay: Number(w.from.slice(8)),
            toDay: Number(w.to.slice(8)),
            percent: w.percent,
            full: w.full,
          })),
          monthDays,
        ),
      ]),
      'goals',
    ),
  );
  parts.push('</section>');
  return parts.join('\n');
}

function lastDay(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function findingsHtml(report: AuditReport): string {
  const parts = [
    '<section class="audit-section" id="findings" aria-labelledby="findings-h"><h2 id="findings-h">What careplan check finds</h2>' +
      `<p>${h(findingsSummary(report))}</p>`,
  ];
  const previous = report.findings.previousMonth;
  if (report.findings.byRule.length) {
    parts.push(
      table(
        [
          { head: 'Rule', width: previous ? 40 : 60 },
          { head: 'Severity', width: 20 },
          { head: 'Count', width: previous ? 14 : 20, num: true },
          ...(previous
            ? [
                { head: h(previous), width: 13, num: true },
                { head: h(changeHeading(report)), width: 13, num: true },
              ]
            : []),
        ],
        report.findings.byRule.map((r) => [
          `<code>${h(r.rule)}</code>`,
          `<span class="${r.severity}">${r.severity}</span>`,
          String(r.count),
          ...(previous ? [String(r.previous), h(signed(r.change))] : []),
        ]),
      ),
    );
  }
  if (report.needsAction.length)
    parts.push('<p>Each finding is listed, with its person and due date, under <a href="#summary">Needs action</a> in the summary.</p>');
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * The audit as one self-contained HTML page: styles inline, charts as inline SVG, no scripts, and a
 * Content-Security-Policy that forbids fetching anything, so it opens offline and sends nothing.
 * Page 1 is the summary; printed on A4 portrait every table and chart fits the page, with a
 * running header and footer (home, month, interim while the month runs, page numbers).
 */
export function formatAuditHtml(report: AuditReport): string {
  const title = `Monthly audit: ${report.provider.name}, ${monthName(report.month)}`;
  const interim = report.period.complete ? undefined : interimText(report);
  const body: string[] = [];
  body.push(`<header class="report-head"><h1>${h(title)}</h1>`);
  if (interim) body.push(`<p class="interim"><strong>${h(interim)}.</strong> Every comparison is of part of a month with a whole one.</p>`);
  const facts = [
    report.provider.location_id ? `CQC location ${report.provider.location_id}.` : '',
    `${periodText(report)}.`,
    peopleText(report),
    previousText(report),
    `CQC mapping: ${report.framework}.`,
  ];
  body.push(`<p class="facts">${facts.filter(Boolean).map(h).join(' ')}</p>`);
  for (const c of report.caveats) body.push(`<p class="note">Note: ${h(c)}.</p>`);
  body.push(
    '<nav aria-label="Contents"><ul>',
    '<li><a href="#summary">Summary</a></li>',
    ...report.sections.map((s, i) => `<li><a href="#${s.id}">${i + 1}. ${h(s.title)}</a></li>`),
    '<li><a href="#trends">Trends</a></li><li><a href="#goals">Goals</a></li><li><a href="#findings">Findings</a></li></ul></nav></header>',
  );
  body.push('<main>', summaryHtml(report));
  report.sections.forEach((s, i) => body.push(sectionHtml(report, s, i)));
  body.push(trendsHtml(report), goalsHtml(report), findingsHtml(report), '</main>');
  body.push(
    `<footer>Made by careplan audit from the records as they stood at ${h(report.asOf.replace('T', ' '))} (${h(report.timezone)}). ` +
      'People are named by their record ids only; the actions are quoted as agreed at each audit.</footer>',
  );

  const running = { home: report.provider.name, month: `Monthly audit, ${monthName(report.month)}`, interim };
  return `${pageHead(title, `${AUDIT_STYLE}${printPageRules(running)}`, { images: true })}
<body>
${body.join('\n')}
</body>
</html>
`;
}
