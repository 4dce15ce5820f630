import type { Finding } from '../model/findings.js';
import { checkSummaryLine, type CheckSummary } from './checkText.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` annotation per finding, on the file
 * and line (paths relative to the git work tree, hence `prefix` when the records live in a subfolder).
 */
export function formatGithub(findings: readonly Finding[], summary: CheckSummary, prefix = ''): string {
  const lines = findings.map((f) => {
    const props = [`title=${escapeProperty(`${f.rule}${f.person ? ` (${f.person})` : ''}`)}`];
    if (f.file) props.unshift(`file=${escapeProperty(prefix + f.file)}`, ...(f.line ? [`line=${f.line}`] : []));
    const text = f.fix ? `${f.message}. Fix: ${f.fix}` : f.message;
    return `::${f.severity} ${props.join(',')}::${escapeData(text)}`;
  });
  lines.push(checkSummaryLine(findings, summary));
  return `${lines.join('\n')}\n`;
}
