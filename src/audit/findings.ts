import { byFileAndLine, type Finding, type Severity } from '../model/findings.js';
import type { SavedAudit } from '../model/records.generated.js';
import { checkRules } from '../rules/check.js';
import { severityOf } from '../rules/registry.js';
import type { Snapshot } from '../model/asItStood.js';
import { compareText } from '../model/textOrder.js';

export interface RuleCount {
  rule: string;
  severity: Severity;
  count: number;
  /** The previous saved audit's count; null without a previous audit. */
  previous: number | null;
  change: number | null;
}

export interface PersonFindings {
  /** null for findings about the home as a whole. */
  person: string | null;
  findings: Pick<Finding, 'rule' | 'severity' | 'message' | 'file' | 'line'>[];
}

/** What `careplan check` finds as of the period's end, for the audit (SPEC section 4, governance). */
export interface AuditFindings {
  errors: number;
  warnings: number;
  byRule: RuleCount[];
  byPerson: PersonFindings[];
  previousMonth: string | null;
  /** Every finding, for the saved audit. */
  all: Finding[];
}

/**
 * The rules as of the end over the records as they stood. Git's state now says nothing about
 * the month, so `uncommitted` is not judged; a plan judged on its current content is not reported
 * as dated after the end.
 */
export function auditFindings(snapshot: Snapshot, end: number, previous: SavedAudit | undefined): AuditFindings {
  const all = checkRules(snapshot.ws, end)
    .filter((f) => !(f.rule === 'future-date' && f.file !== undefined && snapshot.plansJudgedNow.has(f.file)))
    .sort(byFileAndLine);
  const counts = new Map<string, number>();
  for (const f of all) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const before = previous?.findings.by_rule ?? {};
  const rules = [...new Set([...counts.keys(), ...Object.keys(before)])].sort();
  const byRule = rules.map((rule): RuleCount => {
    const count = counts.get(rule) ?? 0;
    const prior = previous ? (before[rule] ?? 0) : null;
    return { rule, severity: severityOf(rule) ?? 'warning', count, previous: prior, change: prior === null ? null : count - prior };
  });
  const groups = new Map<string | null, PersonFindings['findings']>();
  for (const f of all) {
    const key = f.person ?? null;
    const list = groups.get(key) ?? [];
    list.push({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line });
    groups.set(key, list);
  }
  const byPerson = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareText(a, b)))
    .map(([person, findings]) => ({ person, findings }));
  return {
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    byRule,
    byPerson,
    previousMonth: previous?.month ?? null,
    all,
  };
}
