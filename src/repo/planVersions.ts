import { collectPlanHistory, pickPlanVersion, versionNumbers, type PastPlanVersion } from '../history/planVersions.js';
import { versionsOf } from './gitHistory.js';

/**
 * A person's plan as it was at version `n`, read from git (for `careplan plan show PERSON
 * --version N` and `careplan history PERSON --version N`): two git processes whatever the history.
 * `found: false` lists the versions git does hold. With `until` (--as-of), only what had been
 * committed by then counts: the version as it was known at that moment, its later sign-offs unseen.
 */
export async function readPastPlanVersion(
  root: string,
  personId: string,
  n: number,
  until?: number,
): Promise<{ found: true; version: PastPlanVersion } | { found: false; versions: number[] }> {
  const versions = await versionsOf(root, [`people/${personId}/plan.yaml`, `people/${personId}/signoffs.yaml`]);
  const history = collectPlanHistory(until === undefined ? versions : versions.filter((v) => v.commit.at <= until));
  const version = pickPlanVersion(history, n);
  return version ? { found: true, version } : { found: false, versions: versionNumbers(history.contents) };
}
