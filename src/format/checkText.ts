import { countBySeverity, type Finding } from '../model/findings.js';
import { plural } from '../model/words.js';
import type { CheckReport } from './checkReport.js';
import { PLAIN, type FormatOptions } from './registry.js';
import { compareText } from '../model/textOrder.js';

const HOME = '(home-wide)';

function urgency(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return (
    compareText(a.due ?? a.since ?? '9999', b.due ?? b.since ?? '9999') ||
    compareText(a.rule, b.rule) ||
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

/** The last line of `check`'s text and GitHub outputs: counts, and who was checked as of when. */
export function checkSummaryLine(report: CheckReport): string {
  const { errors, warnings } = countBySeverity(report.findings);
  const scope = `${plural(report.people.length, 'person', 'people')} checked as of ${report.asOfLocal}`;
  if (errors + warnings === 0) return `No problems found: ${scope}.`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}: ${scope}.`;
}

/**
 * `check`'s text report: findings grouped by person, the most urgent group first (errors, then
 * the earliest due date), each finding with where it is and the command that fixes it.
 */
export function formatCheckText(report: CheckReport, { paint }: FormatOptions = PLAIN): string {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = f.person ?? HOME;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const list of groups.values()) list.sort(urgency);
  const ordered = [...groups.entries()].sort(([ka, a], [kb, b]) => urgency(a[0], b[0]) || compareText(ka, kb));
  const out: string[] = [];
  for (const [key, list] of ordered) {
    const { errors, warnings } = countBySeverity(list);
    const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
    out.push(`${paint.bold(key)}  ${paint.dim(`(${counts})`)}`);
    for (const f of list) {
      const label = f.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
      out.push(`  ${label}  ${f.rule.padEnd(26)} ${f.message}`);
      if (f.file) out.push(`           ${' '.repeat(26)} ${paint.dim(f.line ? `${f.file}:${f.line}` : f.file)}`);
      if (f.fix) out.push(`           ${' '.repeat(26)} ${paint.dim('fix:')} ${f.fix}`);
    }
    out.push('');
  }
  out.push(checkSummaryLine(report));
  return `${out.join('\n')}\n`;
}
