import type { AuditReport } from '../audit/report.js';
import { csvCell } from './safeText.js';

const HEADER = ['scope', 'person', 'section', 'metric', 'label', 'kind', 'value', 'numerator', 'denominator', 'percent', 'unit', 'previous', 'change', 'key_question', 'quality_statements', 'evidence_category'];

/**
 * The audit as CSV (RFC 4180): one row a metric for the home, then one row a metric for each
 * person; blank where a figure does not apply. For spreadsheets and the provider's own charts.
 */
export function formatAuditCsv(report: AuditReport): string {
  const rows: unknown[][] = [HEADER];
  const metrics = report.sections.flatMap((s) => s.metrics);
  for (const m of metrics) {
    rows.push(['home', '', m.section, m.id, m.label, m.kind, m.value, m.numerator, m.denominator, m.percent, m.unit, m.compared?.previous, m.compared?.change,
      m.cqc?.key_question, m.cqc?.quality_statements.join('; '), m.cqc?.evidence_category]);
  }
  for (const id of report.people.inCare) {
    for (const m of metrics) {
      const p = m.people?.[id];
      if (!p) continue;
      rows.push(['person', id, m.section, m.id, m.label, m.kind, p.value, p.numerator, p.denominator, p.percent, m.unit, '', '',
        m.cqc?.key_question, m.cqc?.quality_statements.join('; '), m.cqc?.evidence_category]);
    }
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
