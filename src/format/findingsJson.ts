import { byFileAndLine, countBySeverity, type Finding } from '../model/findings.js';

export interface FindingsReport {
  asOf: string;
  summary: { errors: number; warnings: number } & Record<string, number>;
  findings: Finding[];
}

/** Findings as JSON, keys in a fixed order so diffs of saved reports stay readable. */
export function formatFindingsJson(findings: readonly Finding[], asOf: string, counts: Record<string, number> = {}): string {
  const report: FindingsReport = {
    asOf,
    summary: { ...countBySeverity(findings), ...counts },
    findings: [...findings].sort(byFileAndLine).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      person: f.person,
      file: f.file,
      line: f.line,
      message: f.message,
      fix: f.fix,
      due: f.due,
      since: f.since,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
