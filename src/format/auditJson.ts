import type { AuditReport } from '../audit/report.js';

/**
 * The audit as JSON: page 1's summary (needs action, actions and their status), every metric with
 * its numerator, denominator and percentage (null where they do not apply), its target and the
 * previous audit's figures, per person as well as home-wide; keys in a fixed order so saved
 * reports diff well.
 */
export function formatAuditJson(report: AuditReport): string {
  const { all: _all, ...findings } = report.findings;
  const out = {
    month: report.month,
    period: report.period,
    asOf: report.asOf,
    timezone: report.timezone,
    provider: report.provider,
    framework: report.framework,
    people: report.people,
    previousAudit: report.previousAudit,
    needsAction: report.needsAction,
    actions: report.actions,
    sections: report.sections.map((s) => ({
      id: s.id,
      title: s.title,
      cqc: s.cqc,
      metrics: s.metrics.map((m) => ({
        id: m.id,
        label: m.label,
        column: m.column ?? null,
        kind: m.kind,
        unit: m.unit ?? null,
        better: m.better ?? null,
        value: m.value,
        numerator: m.numerator,
        denominator: m.denominator,
        percent: m.percent,
        target: m.target ?? null,
        definition: m.definition,
        cqc: m.cqc ?? null,
        compared: m.compared ?? null,
        people: m.people ?? null,
      })),
    })),
    trends: report.trends,
    runCharts: report.runCharts,
    goalTrendRule: report.goalTrendRule,
    goals: report.goals,
    findings,
    caveats: report.caveats,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
