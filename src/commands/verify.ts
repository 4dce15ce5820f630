import { formatOptionsFor, type Io } from '../io.js';
import { exitCodeFor } from '../model/findings.js';
import { placementCached, TrailVerifier } from '../history/verify.js';
import { APPEND_ONLY_KINDS } from '../model/layout.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { VERIFY_FORMATS } from '../format/verifyFormats.js';
import { openGitRepository, readCommits, resolveRevision, signatureStatus, streamChanges, walkChanges } from '../repo/gitHistory.js';
import { gitProblem } from '../repo/gitRunner.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { FAIL_ON, oneOf, type GlobalOptions } from './options.js';

export interface VerifyOptions extends GlobalOptions {
  since?: string;
  format?: string;
  failOn?: string;
}

const PLANS = ':(glob)people/*/plan.yaml';

/** `careplan verify`: tamper evidence from git history (SPEC section 3). */
export async function verify(options: VerifyOptions, io: Io): Promise<number> {
  const format = oneOf('--format', options.format, FORMAT_NAMES.verify, 'text');
  const failOn = oneOf('--fail-on', options.failOn, FAIL_ON, 'error');
  const root = findRepositoryRoot(io.cwd, options.repo);
  // Staff and configuration only: the people's records are read from git, version by version.
  const ws = loadWorkspace(root, { onlyPeople: new Set() });
  const repo = await openGitRepository(root);
  // "No problems found" would say nothing when there is no history: say that instead.
  if (!repo.hasCommits) throw gitProblem('no-commits', root);
  const since = options.since === undefined ? undefined : await resolveRevision(repo, options.since);

  const verifier = new TrailVerifier({
    staffEmails: new Map([...ws.staff].map(([id, doc]) => [id, doc.data.email])),
    zone: ws.timezone,
    shallowBoundary: repo.shallowBoundary,
  });
  if (since) {
    // Sign-offs in the range may approve content committed before it: read every plan version.
    const planCommits = await readCommits(repo, { paths: [PLANS] });
    await walkChanges(repo, planCommits, (_, change) => placementCached(change.path).kind === 'plan', (v) => verifier.notePlan(v));
  }
  const commits = await streamChanges(
    repo, { paths: [], range: since ? `${since}..HEAD` : 'HEAD' },
    (_, change) => {
      const kind = placementCached(change.path).kind;
      return APPEND_ONLY_KINDS.has(kind) || (!since && kind === 'plan');
    },
    (v) => (placementCached(v.path).kind === 'plan' ? verifier.notePlan(v) : verifier.visit(v)),
  );
  verifier.setCommits(commits);
  const signatures = await signatureStatus(repo, verifier.signoffCommits());
  const report = verifier.finish(signatures, { since, shallow: repo.shallow });
  io.stdout.write(VERIFY_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return exitCodeFor(report.findings, failOn);
}
