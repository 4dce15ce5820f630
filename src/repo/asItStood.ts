import { filesGitHolds, workspaceAt, type CommittedVersion, type CommittedVersions, type Snapshot } from '../model/asItStood.js';
import { kindSpec } from '../model/recordKinds.js';
import { placementOf, SCHEMA_OF } from '../model/layout.js';
import type { Workspace } from '../model/workspace.js';
import { parseYaml } from '../model/yamlText.js';
import { workTreeRoot } from './git.js';
import { openGitRepository, readCommits, walkChanges } from './gitHistory.js';
import { validatorFor } from './schemas.js';

/** Past this many files of one kind, git is given the kind's glob rather than every path. */
const PATHS_PER_KIND = 16;

/** Pathspecs for `files`: the paths themselves, or their kind's glob when there are many. */
function pathspecs(files: readonly string[]): string[] {
  const byGlob = new Map<string, string[]>();
  for (const file of files) {
    const placement = placementOf(file);
    const glob = placement.kind === 'unexpected' || placement.kind === 'bad-name' ? file : kindSpec(placement.kind).editorGlob;
    byGlob.set(glob, [...(byGlob.get(glob) ?? []), file]);
  }
  return [...byGlob].flatMap(([glob, paths]) => (paths.length > PATHS_PER_KIND ? [`:(glob)${glob}`] : paths));
}

/**
 * Every version git committed of `files` that parses and passes its schema, oldest first, with
 * its commit time: the change trail's reader, two git processes for all of them together. Empty
 * outside git or before the first commit.
 */
export async function committedVersions(root: string, files: readonly string[]): Promise<CommittedVersions> {
  const found = new Map<string, CommittedVersion[]>();
  if (files.length === 0 || !(await workTreeRoot(root))) return found;
  const repo = await openGitRepository(root);
  const wanted = new Set(files);
  const commits = await readCommits(repo, { paths: pathspecs(files) });
  await walkChanges(
    repo,
    commits,
    (_, change) => wanted.has(change.path),
    (v) => {
      if (!v.after) return;
      const placement = placementOf(v.path);
      if (placement.kind === 'unexpected' || placement.kind === 'bad-name') return;
      const text = v.after.toString('utf8');
      const parsed = parseYaml(text);
      if (!parsed.ok || !validatorFor(SCHEMA_OF[placement.kind])(parsed.value)) return;
      found.set(v.path, [...(found.get(v.path) ?? []), { at: v.commit.at, text, data: parsed.value }]);
    },
  );
  return found;
}

/**
 * The records as they stood at `at` (SPEC 5.1), for `check`, `due`, `handover`, `plan show` and
 * the audit: git is asked for the earlier versions of the files whose changes carry no date.
 */
export async function workspaceAsItStood(root: string, ws: Workspace, at: number): Promise<Snapshot> {
  return workspaceAt(ws, at, await committedVersions(root, filesGitHolds(ws, at)));
}
