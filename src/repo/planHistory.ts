import type { Plan } from '../model/records.generated.js';
import { collectPlanHistory } from '../history/planVersions.js';
import { versionsOf } from './gitHistory.js';
import { workTreeRoot } from './git.js';

/**
 * The plan content whose hash is `hash`, from the git history of `file` (repository-relative to
 * `root`), newest first; undefined outside git or when no committed version has that hash. Read
 * with the change trail's reader: two git processes however long the history.
 */
export async function planAtHash(root: string, file: string, hash: string): Promise<Plan | undefined> {
  if (!(await workTreeRoot(root))) return undefined;
  try {
    const found = collectPlanHistory(await versionsOf(root, [file]))
      .contents.filter((c) => c.hash === hash)
      .pop();
    return found?.plan as Plan | undefined;
  } catch {
    return undefined;
  }
}
