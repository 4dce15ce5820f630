import { findingOf, type Rule, type RuleMetas } from './rule.js';

const meta = {
  'yaml-syntax': { severity: 'error', docs: 'yaml-syntax' },
  schema: { severity: 'error', docs: 'schema' },
  // A file outside the layout belongs to nobody, so the finding never names a person.
  'unexpected-file': { severity: 'warning', docs: 'unexpected-file', about: 'home' },
} as const satisfies RuleMetas;

/** How the loader (and a write's schema check) makes these findings: a record that fails them never reaches the other rules. */
export const loadFinding = findingOf(meta);

/**
 * yaml-syntax, schema, unexpected-file: found while loading, and kept with the workspace. (The
 * loader's id-mismatch findings, for paths that are no valid id, are the identity rule's.)
 */
export default { name: 'loading', scope: 'record', meta, check: (ctx) => ctx.ws.loadFindings.filter((f) => f.rule in meta) } satisfies Rule;
