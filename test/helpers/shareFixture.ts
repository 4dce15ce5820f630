import jsYaml from 'js-yaml';
import { personShare, type PersonShare } from '../../src/model/personShare.js';
import { planHash } from '../../src/model/planHash.js';
import type { Workspace } from '../../src/model/workspace.js';
import { HASH, PLAN, validRepository } from '../fixtures/records.js';

/**
 * The fixture repository (test/fixtures/records.ts) made ready to share: Edie's plan signed off,
 * acknowledged and agreed for real (its true hash), with a measured goal (weight, kg, maintain) and
 * one value recorded for it. `change` edits the files before they are loaded.
 */
export function shareFiles(change: (f: Record<string, string>) => void = () => {}): Record<string, string> {
  const f = validRepository();
  const plan = jsYaml.load(PLAN, { schema: jsYaml.CORE_SCHEMA }) as { needs: { goals: object[] }[] };
  plan.needs[0].goals.push({
    id: 'mob-weight',
    description: 'Keeps her weight',
    measure: 'weight',
    target: 60,
    unit: 'kg',
    direction: 'maintain',
    status: 'active',
  });
  f['people/p-edith/plan.yaml'] = jsYaml.dump(plan);
  for (const list of ['signoffs', 'acknowledgements', 'agreements'])
    f[`people/p-edith/${list}.yaml`] = f[`people/p-edith/${list}.yaml`].replace(HASH, planHash(plan));
  f['people/p-edith/outcomes/2026-11.yaml'] +=
    '- { at: 2026-11-20T09:00, by: s-ben, goal: mob-weight, result: no-change, value: 58.9, note: Weighed after breakfast }\n';
  change(f);
  return f;
}

/** Edie's records to share, from a loaded workspace. */
export function edieShare(ws: Workspace): PersonShare {
  const folder = ws.people.get('p-edith')!;
  return personShare(ws, { ...folder, person: folder.person! });
}
