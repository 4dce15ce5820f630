import type { ActionFollowUp } from '../audit/actions.js';
import type { AuditReport } from '../audit/report.js';
import { csvField } from './auditEscape.js';
import { actionRef } from './auditWords.js';

const HEADER = [
  'scope',
  'person',
  'section',
  'metric',
  'label',
  'kind',
  'value',
  'numerator',
  'denominator',
  'percent',
  'unit',
  'target',
  'target_status',
  'previous_month',
  'previous',
  'previous_numerator',
  'previous_denominator',
  'change',
  'interim',
  'key_question',
  'quality_statements',
  'evidence_category',
  'rule',
  'severity',
  'due',
  'owner',
  'status',
];

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

/**
 * The audit as CSV (RFC 4180), one table for spreadsheets: a row a metric for the home (`scope`
 * home), then one a metric for each person (person); each finding that needs action
 * (needs-action: `label` says what is wrong); earlier audits' actions (earlier-action) and this
 * audit's (agreed-action), with owner, due date and status. Blank where a column does not apply.
 */
export function formatAuditCsv(report: AuditReport): string {
  const rows: Row[] = [];
  const metrics = report.sections.flatMap((s) => s.metrics);
  const interim = report.period.complete ? 'no' : 'yes';
  for (const m of metrics) {
    const c = m.compared;
    rows.push({
      scope: 'home',
      section: m.section,
      metric: m.id,
      label: m.label,
      kind: m.kind,
      value: m.value,
      numerator: m.numerator,
      denominator: m.denominator,
      percent: m.percent,
      unit: m.unit,
      target: m.target?.target,
      target_status: m.target?.status,
      previous_month: c?.previousMonth,
      previous: c?.notComparable ? 'not comparable' : c?.previous,
      previous_numerator: c?.before?.numerator,
      previous_denominator: c?.before?.denominator,
      change: c?.change,
      interim,
      key_question: m.cqc?.key_question,
      quality_statements: m.cqc?.quality_statements.join('; '),
      evidence_category: m.cqc?.evidence_category,
    });
  }
  for (const id of report.people.inCare) {
    for (const m of metrics) {
      const p = m.people?.[id];
      if (!p) continue;
      rows.push({
        scope: 'person',
        person: id,
        section: m.section,
        metric: m.id,
        label: m.column ?? m.label,
        kind: m.kind,
        value: p.value,
        numerator: p.numerator,
        denominator: p.denominator,
        percent: p.percent,
        unit: m.unit,
        interim,
        key_question: m.cqc?.key_question,
        quality_statements: m.cqc?.quality_statements.join('; '),
        evidence_category: m.cqc?.evidence_category,
      });
    }
  }
  for (const n of report.needsAction)
    rows.push({ scope: 'needs-action', person: n.person, label: n.message, rule: n.rule, severity: n.severity, due: n.due });
  const action =
    (scope: string) =>
    (a: ActionFollowUp): Row => ({
      scope,
      metric: actionRef(a),
      label: a.description,
      due: a.due,
      owner: a.owner,
      status: a.status,
    });
  rows.push(...report.actions.earlier.map(action('earlier-action')), ...(report.actions.agreed ?? []).map(action('agreed-action')));
  return `${[HEADER.join(','), ...rows.map((r) => HEADER.map((h) => csvField(r[h])).join(','))].join('\r\n')}\r\n`;
}
