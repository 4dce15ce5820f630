import { byFileAndLine, countBySeverity } from '../model/findings.js';
import { SIGNATURE_WORDS, type VerifyReport } from '../history/verify.js';

/** `careplan verify --format json`: ids, dates, commit ids and field names only; no record text. */
export function formatVerifyJson(report: VerifyReport): string {
  const json = {
    since: report.since ?? null,
    shallow: report.shallow,
    // Without required signatures, a sign-off's signer is what its commit says of itself.
    signoffIdentity: report.signaturesRequired ? 'signed' : 'self-asserted',
    summary: {
      ...countBySeverity(report.findings),
      commits: report.commits,
      listVersions: report.listVersions,
      signoffs: report.signoffs.length,
      signedCommits: report.signoffs.filter((s) => s.signature !== 'N').length,
    },
    findings: [...report.findings]
      .sort(byFileAndLine)
      .map((f) => ({ rule: f.rule, severity: f.severity, person: f.person, file: f.file, line: f.line, message: f.message, fix: f.fix })),
    signoffs: report.signoffs.map((s) => ({ ...s, signatureMeaning: SIGNATURE_WORDS[s.signature] ?? s.signature })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
