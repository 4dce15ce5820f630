import type { CheckReport } from './checkReport.js';
import { checkSummaryLine } from './checkText.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` annotation per finding, on the file
 * and line (paths relative to the git work tree, hence the work tree prefix when the records live in a subfolder).
 */
export function formatGithub(report: CheckReport): string {
  const prefix = report.workTreePrefix;
  const lines = report.findings.map((f) => {
    const props = [`title=${escapeProperty(`${f.rule}${f.person ? ` (${f.person})` : ''}`)}`];
    if (f.file) props.unshift(`file=${escapeProperty(prefix + f.file)}`, ...(f.line ? [`line=${f.line}`] : []));
    const text = f.fix ? `${f.message}. Fix: ${f.fix}` : f.message;
    return `::${f.severity} ${props.join(',')}::${escapeData(text)}`;
  });
  lines.push(checkSummaryLine(report));
  return `${lines.join('\n')}\n`;
}
