import type { Finding } from '../model/findings.js';
import { shortSha } from '../history/commits.js';
import { SIGNATURE_WORDS, type VerifyReport } from '../history/verify.js';
import { plural } from '../model/words.js';
import { formatFindingsByFile } from './findingsText.js';
import { PLAIN, type FormatOptions } from './registry.js';

/** `careplan verify` as text: findings by file, what is known of sign-off signatures, one summary line. */
export function formatVerifyText(report: VerifyReport, { paint }: FormatOptions = PLAIN): string {
  const out: string[] = [];
  if (report.shallow) {
    out.push(
      paint.yellow(
        'This is a shallow clone: only the history it holds was checked. Fetch the whole ' +
          'history (git fetch --unshallow, or fetch-depth: 0 in CI) to verify all of it.',
      ),
      '',
    );
  }
  const signed = report.signoffs.filter((s) => s.signature !== 'N');
  if (report.signoffs.length) {
    const line = `Sign-offs added: ${report.signoffs.length}; in cryptographically signed commits: ${signed.length}.`;
    out.push(line);
    for (const s of signed) {
      const whose = s.signedBy ? `, by ${s.signedBy}'s listed key` : '';
      const words = SIGNATURE_WORDS[s.signature] ?? s.signature;
      out.push(`  ${s.person} version ${s.version} by ${s.by}, commit ${shortSha(s.commit)}: ${words}${whose}`);
    }
    if (report.signaturesRequired) {
      const own = report.signoffs.filter((s) => s.signedBy === s.by).length;
      out.push(`Each must be signed with the signer's own key (policy.require_signed_signoffs): ${own} of ${report.signoffs.length} are.`);
    } else {
      // Said plainly: without signatures, who signed off is what each commit says of itself.
      out.push(
        paint.dim(
          'Who signed off is taken from commit authors and Careplan-By trailers, which anyone who can commit can write. ' +
            "To prove it, set policy.require_signed_signoffs: true and list each signer's signing_key.",
        ),
      );
    }
    out.push('');
  }
  const scope = report.since ? `since ${shortSha(report.since)}` : 'whole history';
  const checked =
    `${plural(report.commits, 'commit')} ` +
    `(${scope}), ${plural(report.listVersions, 'list version')}, ${plural(report.signoffs.length, 'sign-off')} checked`;
  return `${out.join('\n')}${out.length ? '\n' : ''}${formatFindingsByFile(report.findings as Finding[], checked, paint)}`;
}
