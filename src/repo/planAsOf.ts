import type { PlansAtEnd, PlanVersion } from '../audit/snapshot.js';
import type { Plan } from '../model/records.generated.js';
import { parseTimestamp } from '../model/time.js';
import { git, workTreeRoot } from './git.js';
import { validatorFor } from './schemas.js';
import { parseYaml } from './yamlText.js';

/** How many committed versions of one plan to look through. */
const MAX_VERSIONS = 200;

/**
 * plan.yaml as it stood at `end`, from git (plan.yaml holds only the current version; SPEC section
 * 1: earlier versions live in git): the newest committed version whose own `updated` is at or
 * before `end`, so commit dates do not matter. null when every committed version is later and the
 * oldest is version 1 (the plan was first written after the end); undefined outside git, or when
 * the history does not reach back far enough to tell (a repository copied without it).
 */
export async function planAsOf(root: string, person: string, end: number, zone: string): Promise<PlanVersion | null | undefined> {
  const file = `people/${person}/plan.yaml`;
  const log = await git(root, ['log', `--max-count=${MAX_VERSIONS}`, '--format=%H', '--', file]);
  if (log.exitCode !== 0) return undefined;
  const commits = log.stdout.split('\n').filter(Boolean);
  let oldest: Plan | undefined;
  for (const commit of commits) {
    const shown = await git(root, ['show', `${commit}:./${file}`]);
    if (shown.exitCode !== 0) continue;
    const parsed = parseYaml(shown.stdout);
    if (!parsed.ok || !validatorFor('plan.schema.json')(parsed.value)) continue;
    const data = parsed.value as Plan;
    oldest = data;
    const updated = parseTimestamp(data.updated, zone);
    if (updated !== undefined && updated <= end) return { text: shown.stdout, data };
  }
  // Every committed version is later: there was no plan at the end only if the history begins at version 1.
  return oldest?.version === 1 && commits.length < MAX_VERSIONS ? null : undefined;
}

/** The plans of `people` as they stood at `end`, for those git can tell (see workspaceAt). */
export async function plansAsOf(root: string, people: readonly string[], end: number, zone: string): Promise<PlansAtEnd> {
  const found = new Map<string, PlanVersion | null>();
  if (people.length === 0 || !(await workTreeRoot(root))) return found;
  for (const person of people) {
    const version = await planAsOf(root, person, end, zone);
    if (version !== undefined) found.set(person, version);
  }
  return found;
}
