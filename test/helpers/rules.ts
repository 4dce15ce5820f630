import { expect } from 'vitest';
import type { Finding } from '../../src/model/findings.js';
import type { Workspace } from '../../src/model/workspace.js';
import type { Versioning } from '../../src/rules/context.js';
import { judge } from '../../src/rules/check.js';
import { REGISTRY } from '../../src/rules/registry.js';
import type { Scope } from '../../src/rules/rule.js';

/**
 * Runs each registered rule on its own and asserts that every finding it makes carries an id its
 * own meta declares, with that id's severity, and no person when the id is about the home.
 * Returns every finding, as `careplan check` would make them, so a fixture can be judged and
 * vetted at once.
 */
export function judgeVetted(ws: Workspace, asOf: number, options: { versioning?: Versioning; scopes?: Scope[] } = {}): Finding[] {
  const all = judge(ws, asOf, options);
  let count = 0;
  for (const rule of REGISTRY) {
    if (options.scopes && !options.scopes.includes(rule.scope)) continue;
    for (const f of judge(ws, asOf, { ...options, rules: [rule] })) {
      count++;
      const meta = rule.meta[f.rule];
      expect(meta, `rule ${rule.name} reported ${f.rule}, which its meta does not declare`).toBeDefined();
      expect(f.severity, `${f.rule}'s severity`).toBe(meta.severity);
      const about = meta.about ?? (rule.scope === 'home' ? 'home' : 'person');
      if (about === 'home') expect(f.person, `${f.rule} is about the home`).toBeUndefined();
    }
  }
  expect(count, 'each rule on its own finds what all rules together find').toBe(all.length);
  return all;
}
