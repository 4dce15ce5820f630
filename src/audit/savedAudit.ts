import type { SavedAudit } from '../model/records.generated.js';
import type { AuditReport } from './report.js';

export type AgreedAction = SavedAudit['actions'][number];

/**
 * The saved audit record (audits/YYYY-MM.yaml, SPEC section 1): the month, who saved it and when,
 * every metric of the report (home-wide; per-person figures stay in the report), the findings it
 * counted by rule, and the actions agreed.
 */
export function toSavedAudit(report: AuditReport, savedBy: string, savedAt: string, actions: readonly AgreedAction[]): SavedAudit {
  const metrics: SavedAudit['metrics'] = {};
  for (const m of report.sections.flatMap((s) => s.metrics)) {
    metrics[m.id] = {
      label: m.label,
      ...(m.kind === 'ratio' ? {} : { value: m.value }),
      ...(m.numerator === null ? {} : { numerator: m.numerator }),
      ...(m.denominator === null ? {} : { denominator: m.denominator }),
      ...(m.kind === 'ratio' || m.percent !== null ? { percent: m.percent } : {}),
      ...(m.unit ? { unit: m.unit } : {}),
    };
  }
  const byRule: Record<string, number> = {};
  for (const r of report.findings.byRule) if (r.count > 0) byRule[r.rule] = r.count;
  return {
    month: report.month,
    saved_at: savedAt,
    saved_by: savedBy,
    metrics,
    findings: {
      by_rule: byRule,
      items: report.findings.all.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        ...(f.person ? { person: f.person } : {}),
        ...(f.file ? { file: f.file } : {}),
        message: f.message,
      })),
    },
    actions: actions.map((a) => ({ description: a.description, owner: a.owner, due: a.due })),
  };
}
