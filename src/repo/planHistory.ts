import { planHash } from '../model/planHash.js';
import type { Plan } from '../model/records.generated.js';
import { git } from './git.js';
import { parseYaml } from './yamlText.js';

/** How many earlier versions of a plan file to look through for a hash. */
const MAX_VERSIONS = 200;

/**
 * The plan content whose hash is `hash`, from the git history of `file` (repository-relative to
 * `root`), newest first; undefined outside git or when no committed version has that hash.
 */
export async function planAtHash(root: string, file: string, hash: string): Promise<Plan | undefined> {
  const log = await git(root, ['log', `--max-count=${MAX_VERSIONS}`, '--format=%H', '--', file]);
  if (log.exitCode !== 0) return undefined;
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const shown = await git(root, ['show', `${commit}:./${file}`]);
    if (shown.exitCode !== 0) continue;
    const parsed = parseYaml(shown.stdout);
    if (parsed.ok && parsed.value && typeof parsed.value === 'object' && planHash(parsed.value) === hash) return parsed.value as Plan;
  }
  return undefined;
}
