import { byFileAndLine, countBySeverity, type Finding } from '../model/findings.js';
import { plural } from '../model/words.js';
import { plain, type Paint } from './paint.js';

export function summaryLine(findings: readonly Finding[], checked: string): string {
  const { errors, warnings } = countBySeverity(findings);
  if (errors === 0 && warnings === 0) return `No problems found (${checked}).`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${checked}).`;
}

function severityLabel(f: Finding, paint: Paint): string {
  return f.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
}

/** One finding as hledger-style lines: where, severity, rule, what is wrong, and what to do. */
export function findingLines(f: Finding, paint: Paint, indent = '  '): string[] {
  const where = f.line ? `line ${f.line}` : 'file';
  const lines = [`${indent}${paint.dim(where.padEnd(9))} ${severityLabel(f, paint)}  ${f.message}  ${paint.dim(`[${f.rule}]`)}`];
  if (f.fix) lines.push(`${indent}${' '.repeat(9)}   ${paint.dim('fix:')} ${f.fix}`);
  return lines;
}

/** `validate`'s text report: findings grouped by file, then one summary line. */
export function formatFindingsByFile(findings: readonly Finding[], checked: string, paint: Paint = plain): string {
  const out: string[] = [];
  const sorted = [...findings].sort(byFileAndLine);
  let file: string | undefined;
  for (const f of sorted) {
    const name = f.file ?? '(repository)';
    if (name !== file) {
      if (file !== undefined) out.push('');
      out.push(paint.bold(name));
      file = name;
    }
    out.push(...findingLines(f, paint));
  }
  if (out.length) out.push('');
  out.push(summaryLine(findings, checked));
  return `${out.join('\n')}\n`;
}
