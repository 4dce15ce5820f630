import { compareText } from './textOrder.js';

export type Severity = 'error' | 'warning';

/** One thing a rule found. Rule ids and severities are a public interface (SPEC section 2). */
export interface Finding {
  rule: string;
  severity: Severity;
  /** The person the finding is about, where one applies. */
  person?: string;
  /** Repository-relative path, forward slashes. */
  file?: string;
  line?: number;
  /** What is wrong, in the care domain's words. */
  message: string;
  /** The command or edit that puts it right. */
  fix?: string;
  /** When something falls or fell due (date or timestamp), for rules about time. */
  due?: string;
  /** Since when it has been so. */
  since?: string;
  /** Who or what within the person's records it concerns (a staff id, a goal id), for `due`. */
  subject?: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1 };

export type FailOn = 'error' | 'warning' | 'never';

/** Exit code as a pure function of the findings and --fail-on (conftest's CheckResults.ExitCode). */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) f.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}

/** Stable order: by file, line, rule, so output and tests never depend on load order. */
export function byFileAndLine(a: Finding, b: Finding): number {
  return (
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}
