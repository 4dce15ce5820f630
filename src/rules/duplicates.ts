import type { Finding } from '../model/findings.js';
import type { FieldPath } from '../model/positions.js';
import type { Workspace } from '../model/workspace.js';
import { where } from './locate.js';
import { findingOf, type Rule, type RuleMetas } from './rule.js';

/** duplicate-id: need, action and goal ids are unique within a plan (and need ids within an assessment). */
export function duplicateIds(ws: Workspace): Finding[] {
  const findings: Finding[] = [];
  for (const f of ws.people.values()) {
    const plan = f.plan;
    if (plan) {
      const seen = new Map<string, Map<string, FieldPath>>([
        ['need', new Map()],
        ['action', new Map()],
        ['goal', new Map()],
      ]);
      const check = (what: string, id: string, path: FieldPath) => {
        const first = seen.get(what)!.get(id);
        if (first) {
          findings.push(
            finding('duplicate-id', {
              person: f.id,
              ...where(plan, path),
              message: `${what} id ${id} is used twice in the plan (first at line ${where(plan, first).line ?? '?'})`,
              fix: `give one of them another id: outcomes and reviews must say unambiguously which ${what} they mean`,
            }),
          );
        } else {
          seen.get(what)!.set(id, path);
        }
      };
      plan.data.needs.forEach((entry, i) => {
        check('need', entry.need, ['needs', i, 'need']);
        entry.actions.forEach((a, j) => check('action', a.id, ['needs', i, 'actions', j, 'id']));
        entry.goals.forEach((g, j) => check('goal', g.id, ['needs', i, 'goals', j, 'id']));
      });
    }
    for (const a of f.assessments) {
      const seen = new Set<string>();
      a.data.needs.forEach((need, i) => {
        if (seen.has(need.id)) {
          findings.push(
            finding('duplicate-id', {
              person: f.id,
              ...where(a, ['needs', i, 'id']),
              message: `need id ${need.id} is used twice in the assessment`,
              fix: 'give each need its own id',
            }),
          );
        }
        seen.add(need.id);
      });
    }
  }
  return findings;
}

const meta = { 'duplicate-id': { severity: 'error', docs: 'duplicate-id' } } as const satisfies RuleMetas;
const finding = findingOf(meta);

export default { name: 'duplicates', scope: 'record', meta, check: (ctx) => duplicateIds(ctx.ws) } satisfies Rule;
