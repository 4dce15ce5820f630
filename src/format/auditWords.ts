import type { ActionFollowUp } from '../audit/actions.js';
import type { GoalTrend, GoalWeek } from '../audit/goalTrends.js';
import type { Change, Measure, Metric, TargetCheck } from '../audit/metric.js';
import type { AuditReport } from '../audit/report.js';
import type { RunChart } from '../audit/runCharts.js';
import { isShare } from '../audit/targets.js';
import { plural } from '../model/words.js';

/** Words and numbers the audit formatters share, so every format says the same thing the same way. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Numbers arrive rounded (percentages and medians to one place). */
export function num(n: number): string {
  return String(n);
}

export function pct(p: number | null): string {
  return p === null ? '–' : `${num(p)}%`;
}

/** A measure as a reader checks it: "6 of 7 (85.7%)", "575", "7 days", "8.6 hours (median of 10)". */
export function measureText(metric: Pick<Metric, 'kind' | 'unit'>, m: Measure): string {
  switch (metric.kind) {
    case 'ratio':
      return `${m.numerator} of ${m.denominator} (${pct(m.percent)})`;
    case 'count':
      if (m.value === null) return '–';
      if (m.denominator !== null) return `${m.value} of ${m.denominator} (${pct(m.percent)})`;
      return metric.unit ? `${m.value} ${metric.unit}` : String(m.value);
    case 'median':
      return m.value === null
        ? '– (none)'
        : `${num(m.value as number)}${metric.unit ? ` ${metric.unit}` : ''} (median of ${m.denominator})`;
    default:
      return String(m.value);
  }
}

/** A per-person cell: compact. */
export function cellText(metric: Pick<Metric, 'kind'>, m: Measure | undefined): string {
  if (!m) return '';
  switch (metric.kind) {
    case 'ratio':
      return m.denominator ? `${m.numerator}/${m.denominator}` : '–';
    case 'median':
      return m.value === null ? '–' : num(m.value as number);
    default:
      return m.value === null ? '–' : String(m.value);
  }
}

/** The heading of a measure's per-person column. */
export function columnName(metric: Pick<Metric, 'column' | 'label'>): string {
  return metric.column ?? metric.label;
}

/** "at least 100%", "at most 7 days". */
export function targetText(metric: Metric, target: TargetCheck): string {
  const amount = isShare(metric) ? `${num(target.target)}%` : `${num(target.target)}${metric.unit ? ` ${metric.unit}` : ''}`;
  return `${target.bound} ${amount}`;
}

/** met, below target (above it, where lower is better), not applicable. */
export function statusWord(target: TargetCheck): string {
  if (target.status === 'not met') return target.bound === 'at least' ? 'below target' : 'above target';
  return target.status;
}

/** "at least 100%: below target"; "–" without a target. */
export function targetCell(metric: Metric): string {
  return metric.target ? `${targetText(metric, metric.target)}: ${statusWord(metric.target)}` : '–';
}

/** The previous audit's figure in this month's unit: "6 of 6 (100%)"; "not comparable" when it was counted another way. */
export function previousCell(metric: Metric, change: Change | undefined): string {
  if (!change) return '–';
  if (change.notComparable) return 'not comparable';
  return change.before ? measureText(metric, change.before) : '–';
}

/** Beside every comparison while the month is not over. */
export const INTERIM = 'interim';

/** "down 2.6 pts (worse)", "no change", "not comparable: 2026-10 counted spot checks per week"; ", interim" while the month runs. */
export function changeText(metric: Pick<Metric, 'kind'>, change: Change | undefined): string {
  if (!change) return '–';
  if (change.notComparable) return `not comparable: ${change.notComparable}`;
  if (change.change === null || change.direction === null) return '–';
  const unit = metric.kind === 'ratio' || metric.kind === 'status' ? ' pts' : '';
  const text =
    change.direction === 'same'
      ? 'no change'
      : `${change.direction} ${num(Math.abs(change.change))}${unit}` +
        (change.verdict && change.verdict !== 'same' ? ` (${change.verdict})` : '');
  return change.interim ? `${text}, ${INTERIM}` : text;
}

/** The heading of a column of changes that are not per measure (findings by rule): "interim" while the month runs. */
export function changeHeading(report: Pick<AuditReport, 'period'>): string {
  return report.period.complete ? 'Change' : `Change (${INTERIM})`;
}

/** The metrics of a section that have per-person figures. */
export function personMetrics(metrics: readonly Metric[]): Metric[] {
  return metrics.filter((m) => m.people !== undefined);
}

/** The measures with a target, for page 1's tiles, in report order. */
export function headlineMetrics(report: AuditReport): Metric[] {
  return report.sections.flatMap((s) => s.metrics).filter((m) => m.target !== undefined);
}

export function periodText(report: AuditReport): string {
  return report.period.complete
    ? `${report.period.from} to ${report.period.to}, as the records stood at ${report.asOf.replace('T', ' ')} (${report.timezone})`
    : `${report.period.from} to ${report.period.to} so far: the month is not over; ` +
        `as the records stand at ${report.asOf.replace('T', ' ')} (${report.timezone})`;
}

/** The running header's words for a month not over. */
export function interimText(report: AuditReport): string {
  return `interim: the month is not over (${report.period.days} of ${daysInMonth(report.month)} days)`;
}

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function peopleText(report: AuditReport): string {
  const { inCare, admitted, discharged } = report.people;
  const parts = [`${inCare.length} ${inCare.length === 1 ? 'person' : 'people'} supported`];
  if (admitted.length) parts.push(`admitted: ${admitted.join(', ')}`);
  if (discharged.length) parts.push(`discharged: ${discharged.join(', ')}`);
  return `${parts.join('; ')}.`;
}

export function previousText(report: AuditReport): string {
  const p = report.previousAudit;
  return p
    ? `Compared with the audit saved for ${p.month} (saved ${p.saved_at.replace('T', ' ')} by ${p.saved_by}).`
    : 'No earlier saved audit to compare with.';
}

/** "Effective: Assessing needs; Consent to care and treatment. Responsive: Person-centred care." */
export function cqcText(section: AuditReport['sections'][number]): string {
  return section.cqc.key_questions
    .map(
      (kq) =>
        `${kq}: ${section.cqc.quality_statements
          .filter((q) => q.key_question === kq)
          .map((q) => q.statement)
          .join('; ')}`,
    )
    .join('. ');
}

export function findingsSummary(report: AuditReport): string {
  const { errors, warnings } = report.findings;
  if (errors + warnings === 0) return `careplan check found nothing as of ${report.asOf.replace('T', ' ')}.`;
  return `careplan check as of ${report.asOf.replace('T', ' ')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}

export function needsActionIntro(report: AuditReport): string {
  const n = report.needsAction.length;
  return n === 0
    ? `Nothing needs action: careplan check found nothing as of ${report.asOf.replace('T', ' ')}.`
    : `${plural(n, 'finding')} of careplan check as of ${report.asOf.replace('T', ' ')}, errors first.`;
}

export function signed(n: number | null): string {
  if (n === null) return '–';
  return n > 0 ? `+${n}` : String(n);
}

/** Marks a week that does not decide the trend (shorter than seven days, or still running). */
export const HOLLOW = '*';

/** "3/5" progress of entries for a goal's week, "3/5*" in a week that is not full; "" without entries. */
export function weekCell(w: Pick<GoalWeek, 'entries' | 'progress' | 'full'>): string {
  return w.entries ? `${w.progress}/${w.entries}${w.full ? '' : HOLLOW}` : '';
}

/** A week column's heading: "01-07", "29-30*". */
export function weekHeading(w: Pick<GoalWeek, 'from' | 'to' | 'full'>, dash = '-'): string {
  return `${w.from.slice(8)}${dash}${w.to.slice(8)}${w.full ? '' : HOLLOW}`;
}

export const HOLLOW_NOTE = `${HOLLOW} a week shorter than seven days or not over yet: shown, not used for the trend.`;

/** "improving (3/6 to 6/6)" */
export function trendText(g: GoalTrend): string {
  const h = g.halves;
  return h && g.direction !== 'too few entries'
    ? `${g.direction} (${h.earlier.progress}/${h.earlier.entries} to ${h.later.progress}/${h.later.entries})`
    : g.direction;
}

/** The goal's status in the plan as it stood at the end. */
export function goalStatus(g: GoalTrend): string {
  return g.status ?? 'not in plan';
}

const amount = (value: number, unit: string | undefined) => (unit ? `${value} ${unit}` : String(value));

/** An action's status in words: "done 2026-11-20 by s-amina", "overdue (due 2026-11-24)", "open". */
export function actionStatusText(a: ActionFollowUp): string {
  if (a.closed) return `${a.status} ${a.closed.at.slice(0, 10)} by ${a.closed.by}`;
  return a.status;
}

/** "2026-10 #2" */
export function actionRef(a: Pick<ActionFollowUp, 'audit' | 'number'>): string {
  return `${a.audit} #${a.number}`;
}

export function earlierActionsIntro(report: AuditReport): string {
  if (!report.previousAudit) return 'No earlier saved audit, so no earlier actions.';
  if (!report.actions.earlier.length)
    return `The audit saved for ${report.previousAudit.month} agreed no actions, and none is open from earlier.`;
  const at = report.asOf.replace('T', ' ');
  return `Actions agreed at earlier audits and their status at ${at} (close one with \`careplan audit action MONTH N --done\`).`;
}

export function agreedActionsIntro(report: AuditReport): string {
  if (report.actions.agreed === null) {
    return report.period.complete
      ? 'Not saved yet: the actions are agreed when the audit is saved (`careplan audit --save --action "what;owner;due"`).'
      : 'Agreed when the month is over and its audit is saved.';
  }
  return report.actions.agreed.length ? 'Agreed when this audit was saved.' : 'The audit was saved with no actions agreed.';
}

/** "2026-09 75%, 2026-10 100%, 2026-11 83.3% (this month); median 87.5%" */
export function runChartText(chart: RunChart): string {
  const share = chart.kind === 'ratio' || chart.kind === 'status';
  const value = (v: number | null) => (v === null ? '–' : share ? pct(v) : amount(v, chart.unit));
  const points = chart.points.map((p) => `${p.month} ${value(p.value)}${p.saved ? '' : ' (this month)'}`).join(', ');
  return `${points}; median of the saved months ${chart.median === null ? '–' : value(chart.median)}`;
}

export const RUN_CHART_NOTE =
  'Run charts (NHS "Making Data Count" style): each saved audit month, up to 12, then this month; ' +
  'the centre line is the median of the saved months. Six or more months in a row on one side of it would be a shift worth looking into; ' +
  'with fewer than 12 saved months the median is provisional.';

/** The sign-off block's roles, with what each signs for. */
export const SIGN_OFF_ROLES = ['Registered Manager', 'Nominated individual'] as const;
