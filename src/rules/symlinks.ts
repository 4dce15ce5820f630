import { findingOf, type Rule, type RuleMetas } from './rule.js';

const meta = {
  symlink: { severity: 'error', docs: 'symlink' },
} as const satisfies RuleMetas;

/** How the loader reports a link in the records folder, or one that careplan.yaml names. */
export const symlinkFinding = findingOf(meta);

/**
 * symlink: found while listing the records (careplan never follows a link, so what it leads to is
 * not read), and kept with the workspace like the loader's other findings.
 */
export default {
  name: 'symlinks',
  scope: 'record',
  meta,
  check: (ctx) => ctx.ws.loadFindings.filter((f) => f.rule in meta),
} satisfies Rule;
