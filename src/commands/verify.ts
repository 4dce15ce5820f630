import { formatOptionsFor, type Io } from '../io.js';
import { exitCodeFor } from '../model/findings.js';
import { placementCached, TrailVerifier } from '../history/verify.js';
import { APPEND_ONLY_KINDS } from '../model/layout.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { VERIFY_FORMATS } from '../format/verifyFormats.js';
import { allowedSigners, signingKeys } from '../history/signingKeys.js';
import { UsageError } from '../errors.js';
import {
  openGitRepository,
  readBlobs,
  readCommits,
  resolveRevision,
  signatureStatus,
  streamChanges,
  walkChanges,
} from '../repo/gitHistory.js';
import { gitProblem } from '../repo/gitRunner.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { FAIL_ON, oneOf, type GlobalOptions } from './options.js';

export interface VerifyOptions extends GlobalOptions {
  since?: string;
  format?: string;
  failOn?: string;
  allowShallow?: boolean;
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
  if (repo.shallow && !options.allowShallow) {
    throw new UsageError(
      `${root} is a shallow clone: it holds only the latest commits, so the change trail before them cannot be verified.`,
      'Fetch the whole history (`git fetch --unshallow`; in CI, fetch-depth: 0 on GitHub Actions or GIT_DEPTH: 0 on GitLab), ' +
        'or pass --allow-shallow to check only the commits it holds.',
    );
  }
  const since = options.since === undefined ? undefined : await resolveRevision(repo, options.since);

  const keys = signingKeys([...ws.staff].map(([id, doc]) => [id, doc.data.signing_key]));
  const verifier = new TrailVerifier({
    staffEmails: new Map([...ws.staff].map(([id, doc]) => [id, doc.data.email])),
    zone: ws.timezone,
    shallowBoundary: repo.shallowBoundary,
    signingKeys: keys,
    requireSigned: ws.policy.require_signed_signoffs,
  });
  if (since) {
    // Sign-offs in the range may approve content committed before it: read every plan version.
    const planCommits = await readCommits(repo, { paths: [PLANS] });
    await walkChanges(
      repo,
      planCommits,
      (_, change) => placementCached(change.path).kind === 'plan',
      (v) => verifier.notePlan(v),
    );
  }
  const commits = await streamChanges(
    repo,
    { paths: [], range: since ? `${since}..HEAD` : 'HEAD' },
    (_, change) => {
      const kind = placementCached(change.path).kind;
      return APPEND_ONLY_KINDS.has(kind) || (!since && kind === 'plan');
    },
    (v) => (placementCached(v.path).kind === 'plan' ? verifier.notePlan(v) : verifier.visit(v)),
  );
  verifier.setCommits(commits);
  // A list whose versions in the range were compared up to a version that is not valid YAML: its
  // last comparison is with the list as it stood where the range starts (nothing, for the whole history).
  const open = verifier.openGaps();
  const starts = since
    ? await readBlobs(
        repo,
        open.map((file) => `${since}:./${file}`),
      )
    : [];
  open.forEach((file, i) => verifier.closeGapWith(file, starts[i]));
  const signatures = await signatureStatus(repo, verifier.signoffCommits(), allowedSigners(keys));
  const report = verifier.finish(signatures, { since, shallow: repo.shallow });
  io.stdout.write(VERIFY_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return exitCodeFor(report.findings, failOn);
}
