import type { Workspace } from '../model/workspace.js';
import { localTimestamp, parseTimestamp } from '../model/time.js';
import { accuracyMetrics } from './accuracy.js';
import { actionsOf, earlierActions, needsAction, type ActionFollowUp, type NeedsAction } from './actions.js';
import { changeSince, previousAudit } from './compare.js';
import { auditContext } from './context.js';
import { sectionCqc, type CqcMapping, type SectionCqc } from './cqcMapping.js';
import { auditFindings, type AuditFindings } from './findings.js';
import { followedMetrics } from './followed.js';
import { GOAL_TREND_RULE, goalTrends, type GoalTrend } from './goalTrends.js';
import { governanceMetrics } from './governance.js';
import { TREND_MEASURES } from './measures.js';
import { SECTIONS, type Change, type Metric, type SectionId } from './metric.js';
import { outcomeMetrics } from './outcomes.js';
import type { AuditPeriod } from './period.js';
import { reviewMetrics } from './reviews.js';
import { runChart, type RunChart } from './runCharts.js';
import { workspaceAt, type CommittedVersions } from '../model/asItStood.js';
import { checkTarget } from './targets.js';

export interface AuditSection {
  id: SectionId;
  title: string;
  cqc: SectionCqc;
  metrics: Metric[];
}

export interface Trend extends Change {
  id: string;
  label: string;
}

/** The monthly audit (SPEC section 4): pure data, formatted by src/format/audit*.ts. */
export interface AuditReport {
  provider: { name: string; location_id?: string };
  month: string;
  period: { from: string; to: string; complete: boolean; days: number };
  /** The moment the records were judged as of, local time. */
  asOf: string;
  timezone: string;
  people: {
    /** Supported at some time in the month. */
    inCare: string[];
    activeAtEnd: string[];
    admitted: string[];
    discharged: string[];
  };
  framework: string;
  previousAudit: { month: string; saved_at: string; saved_by: string } | null;
  sections: AuditSection[];
  /** Variation rate, acknowledgement coverage and review timeliness against the previous audit. */
  trends: Trend[];
  /** The same measures over the saved audits (up to 12) and this month. */
  runCharts: RunChart[];
  /** Page 1: each finding at the end, as a line to act on. */
  needsAction: NeedsAction[];
  actions: {
    /** Earlier audits' actions and their status at the end: all of the previous audit's, and older ones still open then. */
    earlier: ActionFollowUp[];
    /** The actions agreed at this month's audit, with their status at as-of; null while it is not saved. */
    agreed: ActionFollowUp[] | null;
  };
  /** How a goal's trend is decided, in words. */
  goalTrendRule: string;
  goals: GoalTrend[];
  findings: AuditFindings;
  /** Where the records could not be put back as they stood at the end. */
  caveats: string[];
}

/**
 * Builds the audit of `period` from the whole workspace, judged as it stood at the period's end
 * (`committed`: what git held then, see filesGitHolds). Pure: no files, git, clock or terminal.
 * `asOf` (default: the period's end) is when this month's own saved audit and its actions are looked for.
 */
export function buildAuditReport(
  ws: Workspace,
  period: AuditPeriod,
  mapping: CqcMapping,
  committed?: CommittedVersions,
  asOf = period.end,
): AuditReport {
  const snapshot = workspaceAt(ws, period.end, committed);
  const ctx = auditContext(snapshot.ws, period);
  const previous = previousAudit(snapshot.ws, period.month);
  const bySection: Record<SectionId, Metric[]> = {
    accuracy: accuracyMetrics(ctx),
    followed: followedMetrics(ctx),
    outcomes: outcomeMetrics(ctx),
    reviews: reviewMetrics(ctx),
    governance: governanceMetrics(ctx),
  };
  for (const metrics of Object.values(bySection)) {
    for (const metric of metrics) {
      const link = mapping.measures[metric.id];
      if (link)
        metric.cqc = {
          key_question: link.key_question,
          quality_statements: [...link.quality_statements],
          evidence_category: link.evidence_category,
        };
      if (previous) metric.compared = changeSince(metric, previous.data, !period.complete);
      const target = ws.policy.targets[metric.id];
      if (target !== undefined) metric.target = checkTarget(metric, target);
    }
  }
  const sections = SECTIONS.map((s) => ({ id: s.id, title: s.title, cqc: sectionCqc(mapping, s.id), metrics: bySection[s.id] }));
  const all = sections.flatMap((s) => s.metrics);
  const trends = previous
    ? TREND_MEASURES.map((id) => all.find((m) => m.id === id)!).map((m) => ({ id: m.id, label: m.label, ...m.compared! }))
    : [];
  const savedThisMonth = ws.audits.find(
    (a) => a.month === period.month && (parseTimestamp(a.data.saved_at, ws.timezone) ?? Infinity) <= asOf,
  );
  const findings = auditFindings(snapshot, period.end, previous?.data);
  const inMonth = (date: string | undefined) => date !== undefined && date >= period.first && date <= period.endDate;
  const config = ws.config?.data.provider;
  return {
    provider: {
      name: config?.name ?? '(provider not named in careplan.yaml)',
      ...(config?.location_id ? { location_id: config.location_id } : {}),
    },
    month: period.month,
    period: { from: period.first, to: period.endDate, complete: period.complete, days: period.days },
    asOf: localTimestamp(period.end, ws.timezone),
    timezone: ws.timezone,
    people: {
      inCare: ctx.inCare.map((f) => f.id),
      activeAtEnd: ctx.activeAtEnd.map((f) => f.id),
      admitted: ctx.inCare.filter((f) => inMonth(f.person!.data.admitted)).map((f) => f.id),
      discharged: ctx.inCare.filter((f) => inMonth(f.person!.data.discharged)).map((f) => f.id),
    },
    framework: mapping.framework,
    previousAudit: previous ? { month: previous.month, saved_at: previous.data.saved_at, saved_by: previous.data.saved_by } : null,
    sections,
    trends,
    runCharts: TREND_MEASURES.map((id) => runChart(snapshot.ws, period.month, all.find((m) => m.id === id)!)),
    needsAction: needsAction(findings.all),
    actions: {
      earlier: earlierActions(snapshot.ws, period.month, previous?.month, period.start, period.end),
      agreed: savedThisMonth ? actionsOf(ws, (m) => m === period.month, asOf) : null,
    },
    goalTrendRule: GOAL_TREND_RULE,
    goals: goalTrends(ctx),
    findings,
    caveats: snapshot.caveats,
  };
}
