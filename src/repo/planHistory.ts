import type { Plan } from '../model/records.generated.js';
import { collectPlanHistory } from '../history/planVersions.js';
import type { FileVersion } from '../history/commits.js';
import { openGitRepository, readCommits, walkChanges } from './gitHistory.js';
import { workTreeRoot } from './git.js';

/**
 * The plan content whose hash is `hash`, from the git history of `file` (repository-relative to
 * `root`), newest first; undefined outside git or when no committed version has that hash. Read
 * with the change trail's reader: two git processes however long the history.
 */
export async function planAtHash(root: string, file: string, hash: string): Promise<Plan | undefined> {
  if (!(await workTreeRoot(root))) return undefined;
  try {
    const repo = await openGitRepository(root);
    const commits = await readCommits(repo, { paths: [file] });
    const versions: FileVersion[] = [];
    await walkChanges(repo, commits, () => true, (v) => versions.push(v));
    const found = collectPlanHistory(versions).contents.filter((c) => c.hash === hash).pop();
    return found?.plan as Plan | undefined;
  } catch {
    return undefined;
  }
}
