import type { PlansAtEnd, PlanVersion } from '../audit/snapshot.js';
import type { FileVersion } from '../history/commits.js';
import type { Plan } from '../model/records.generated.js';
import { parseTimestamp } from '../model/time.js';
import { workTreeRoot } from './git.js';
import { versionsOf } from './gitHistory.js';
import { validatorFor } from './schemas.js';
import { parseYaml } from '../model/yamlText.js';

/**
 * plan.yaml as it stood at `end` for each person, from git (plan.yaml holds only the current
 * version; SPEC section 1: earlier versions live in git): the newest committed version whose own
 * `updated` is at or before `end`, so commit dates do not matter. null when every committed
 * version is later and the oldest is version 1 (the plan was first written after the end); left
 * out when git cannot tell (outside git, or a history that does not reach back to version 1).
 * Two git processes for everyone together, through the change trail's reader.
 */
export async function plansAsOf(root: string, people: readonly string[], end: number, zone: string): Promise<PlansAtEnd> {
  const found = new Map<string, PlanVersion | null>();
  if (people.length === 0 || !(await workTreeRoot(root))) return found;
  const files = new Map(people.map((person) => [`people/${person}/plan.yaml`, person]));
  const byPerson = new Map<string, FileVersion[]>();
  for (const v of await versionsOf(root, [...files.keys()])) {
    const person = files.get(v.path)!;
    byPerson.set(person, [...(byPerson.get(person) ?? []), v]);
  }
  const validate = validatorFor('plan.schema.json');
  for (const [person, versions] of byPerson) {
    let oldest: Plan | undefined;
    let stood: PlanVersion | undefined;
    for (const v of [...versions].sort((a, b) => b.commit.at - a.commit.at)) {
      if (!v.after) continue;
      const text = v.after.toString('utf8');
      const parsed = parseYaml(text);
      if (!parsed.ok || !validate(parsed.value)) continue;
      const data = parsed.value as Plan;
      oldest = data;
      const updated = parseTimestamp(data.updated, zone);
      if (updated !== undefined && updated <= end) {
        stood = { text, data };
        break;
      }
    }
    if (stood) found.set(person, stood);
    else if (oldest?.version === 1) found.set(person, null);
  }
  return found;
}
