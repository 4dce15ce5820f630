import { GitError, UsageError } from '../errors.js';
import { formatOptionsFor, type Io } from '../io.js';
import { planHash } from '../model/planHash.js';
import type { Plan } from '../model/records.generated.js';
import { currentHash } from '../model/planState.js';
import { buildHandover, type PlanCommit } from '../history/handover.js';
import { isRecord, parseContent } from '../history/content.js';
import { HANDOVER_FORMATS } from '../format/handoverFormats.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { openGitRepository, readCommits, walkChanges, type GitRepository } from '../repo/gitHistory.js';
import { placementOf } from '../model/layout.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import type { FileVersion } from '../history/commits.js';
import { chosenFormat, resolveAsOf, type GlobalOptions } from './options.js';
import { resolveSince } from './trailOptions.js';
import { recordsAsOf } from './lookingBack.js';

export interface HandoverOptions extends GlobalOptions {
  since?: string;
  format?: string;
  json?: boolean;
}

const PLANS = ':(glob)people/*/plan.yaml';

function planOf(content: Buffer | undefined): Plan | undefined {
  const value = parseContent(content);
  return isRecord(value) ? (value as unknown as Plan) : undefined;
}

/** Every plan content of `versions` into `byHash` (keyed `<person> <hash>`). */
function remember(versions: readonly FileVersion[], byHash: Map<string, Plan>): void {
  for (const v of versions) {
    const placement = placementOf(v.path);
    if (placement.kind !== 'plan') continue;
    for (const content of [...v.before, v.after]) {
      const plan = planOf(content);
      if (plan) byHash.set(`${placement.personId} ${planHash(plan)}`, plan);
    }
  }
}

async function planVersions(
  repo: GitRepository,
  options: Parameters<typeof readCommits>[1],
  keep: (at: number) => boolean,
): Promise<FileVersion[]> {
  const commits = (await readCommits(repo, options)).filter((c) => keep(c.at));
  const versions: FileVersion[] = [];
  await walkChanges(
    repo,
    commits,
    (_, change) => placementOf(change.path).kind === 'plan',
    (v) => versions.push(v),
  );
  return versions;
}

/** `careplan handover [--since TIME]`: what the next shift needs to know (SPEC section 3). */
export async function handover(options: HandoverOptions, io: Io): Promise<number> {
  const format = chosenFormat(FORMAT_NAMES.handover, options, 'text');
  const root = findRepositoryRoot(io.cwd, options.repo);
  const loaded = loadWorkspace(root);
  const now = io.now();
  const asOf = resolveAsOf(options.asOf, now, loaded.timezone);
  const since = resolveSince(options.since ?? '12h', asOf, loaded.timezone)!;
  if (since >= asOf)
    throw new UsageError('--since is not before as-of, so there is nothing to hand over.', 'Give an earlier time, e.g. --since 12h.');
  // A handover as of a past moment compares with the plans as they stood then, not as they are now.
  const { ws } = await recordsAsOf(io, loaded, asOf, now);

  let repo: GitRepository | undefined;
  try {
    repo = await openGitRepository(root);
  } catch (error) {
    // Records outside git still have a handover (without what changed); git not installed is an error.
    if (!(error instanceof GitError && error.problem === 'not-a-repository')) throw error;
  }
  const windowCommits: PlanCommit[] = [];
  const byHash = new Map<string, Plan>();
  for (const folder of ws.people.values()) if (folder.plan) byHash.set(`${folder.id} ${currentHash(folder.plan)}`, folder.plan.data);
  if (repo) {
    // The window's plan commits; git stops walking at the first commit older than the window.
    const versions = await planVersions(repo, { paths: [PLANS], after: since }, (at) => at > since && at <= asOf);
    remember(versions, byHash);
    for (const v of versions) {
      const plan = planOf(v.after);
      const placement = placementOf(v.path);
      if (plan && placement.kind === 'plan')
        windowCommits.push({ person: placement.personId, at: v.commit.at, hash: planHash(plan), plan });
    }
  }
  let report = buildHandover({ ws, since, asOf, windowCommits, contentByHash: byHash, fromGit: repo !== undefined });
  const unknown = report.plans.filter((p) => p.changes === undefined).map((p) => p.person);
  if (repo && unknown.length) {
    // The version in force at the window's start is older than the window: read those plans' whole history.
    remember(await planVersions(repo, { paths: unknown.map((p) => `people/${p}/plan.yaml`) }, () => true), byHash);
    report = buildHandover({ ws, since, asOf, windowCommits, contentByHash: byHash, fromGit: true });
  }
  io.stdout.write(HANDOVER_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return 0;
}
