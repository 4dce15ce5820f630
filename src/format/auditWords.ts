import type { Change, Measure, Metric } from '../audit/metric.js';
import type { AuditReport } from '../audit/report.js';
import { plural } from '../model/words.js';

/** Words and numbers the audit formatters share, so every format says the same thing the same way. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Numbers arrive rounded (percentages and medians to one place, rates to two). */
export function num(n: number): string {
  return String(n);
}

export function pct(p: number | null): string {
  return p === null ? '–' : `${num(p)}%`;
}

/** A measure as a reader checks it: "6 of 7 (85.7%)", "575", "15.8 hours (of 8)". */
export function measureText(metric: Pick<Metric, 'kind' | 'unit'>, m: Measure): string {
  switch (metric.kind) {
    case 'ratio':
      return `${m.numerator} of ${m.denominator} (${pct(m.percent)})`;
    case 'count':
      return m.denominator === null ? String(m.value) : `${m.value} of ${m.denominator} (${pct(m.percent)})`;
    case 'median':
      return m.value === null ? '– (none)' : `${num(m.value as number)} ${metric.unit ?? ''} (of ${m.denominator})`.replace('  ', ' ');
    case 'rate':
      return m.value === null ? '–' : `${num(m.value as number)} ${metric.unit ?? ''} (${m.numerator} in ${m.denominator} days)`;
    case 'status':
      return String(m.value);
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

/** "85.7%" for ratios, the value otherwise. */
export function comparableText(metric: Pick<Metric, 'kind' | 'unit'>, value: number | null): string {
  if (value === null) return '–';
  return metric.kind === 'ratio' || metric.kind === 'status' ? pct(value) : num(value);
}

/** "up 0.9 (worse)", "no change", "–". */
export function changeText(metric: Pick<Metric, 'kind'>, change: Change | undefined): string {
  if (!change || change.change === null || change.direction === null) return '–';
  if (change.direction === 'same') return 'no change';
  const unit = metric.kind === 'ratio' || metric.kind === 'status' ? ' pts' : '';
  return `${change.direction} ${num(Math.abs(change.change))}${unit}${change.verdict && change.verdict !== 'same' ? ` (${change.verdict})` : ''}`;
}

/** The metrics of a section that have per-person figures. */
export function personMetrics(metrics: readonly Metric[]): Metric[] {
  return metrics.filter((m) => m.people !== undefined);
}

/** The short column name of a metric: its id without the section. */
export function shortId(metric: Pick<Metric, 'id'>): string {
  return metric.id.slice(metric.id.indexOf('.') + 1);
}

export function periodText(report: AuditReport): string {
  return report.period.complete
    ? `${report.period.from} to ${report.period.to}, as the records stood at ${report.asOf.replace('T', ' ')} (${report.timezone})`
    : `${report.period.from} to ${report.period.to} so far: the month is not over; as the records stand at ${report.asOf.replace('T', ' ')} (${report.timezone})`;
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
  return p ? `Compared with the audit saved for ${p.month} (saved ${p.saved_at.replace('T', ' ')} by ${p.saved_by}).` : 'No earlier saved audit to compare with.';
}

/** "Effective: Assessing needs; Consent to care and treatment. Responsive: Person-centred care." */
export function cqcText(section: AuditReport['sections'][number]): string {
  return section.cqc.key_questions
    .map((kq) => `${kq}: ${section.cqc.quality_statements.filter((q) => q.key_question === kq).map((q) => q.statement).join('; ')}`)
    .join('. ');
}

export function findingsSummary(report: AuditReport): string {
  const { errors, warnings } = report.findings;
  if (errors + warnings === 0) return `careplan check found nothing as of ${report.asOf.replace('T', ' ')}.`;
  return `careplan check as of ${report.asOf.replace('T', ' ')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}

export function signed(n: number | null): string {
  if (n === null) return '–';
  return n > 0 ? `+${n}` : String(n);
}

/** "3/5" progress of entries for a goal's week; "" without entries. */
export function weekCell(w: { entries: number; progress: number }): string {
  return w.entries ? `${w.progress}/${w.entries}` : '';
}
