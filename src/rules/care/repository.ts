import type { Finding } from '../../model/findings.js';
import type { RuleContext, Versioning } from '../context.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

export type { Versioning } from '../context.js';

const meta = {
  uncommitted: { severity: 'warning', docs: 'uncommitted--not-versioned' },
  'not-versioned': { severity: 'warning', docs: 'uncommitted--not-versioned' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/** uncommitted / not-versioned: the change trail is complete only when every record is committed. */
export function versioningChecks(versioning: Versioning | undefined): Finding[] {
  if (!versioning) return [];
  if (versioning.kind === 'none' && versioning.outsideWorkTree) {
    return [
      finding('not-versioned', {
        message:
          "the records folder is outside the work tree its git repository's configuration names (core.worktree), so git " +
          'tracks the files there, not these, and careplan cannot commit what it records',
        fix:
          'if the records folder is meant to be the work tree, run `git config --unset core.worktree` ' +
          '(after checking who set it and why)',
      }),
    ];
  }
  if (versioning.kind === 'none') {
    return [
      finding('not-versioned', {
        message: 'the records are not in a git repository, so there is no change trail of who changed what and when',
        fix: 'run `git init && git add -A && git commit -m "Care records"` in the records folder',
      }),
    ];
  }
  if (versioning.changed.length === 0) return [];
  const shown = versioning.changed.slice(0, 5).join(', ');
  const more = versioning.changed.length > 5 ? ` and ${versioning.changed.length - 5} more` : '';
  return [
    finding('uncommitted', {
      file: versioning.changed[0],
      message:
        `${versioning.changed.length} record file${versioning.changed.length === 1 ? ' has' : 's have'} ` +
        `uncommitted changes (${shown}${more}), so the change trail is incomplete`,
      fix: 'commit them with a message saying what changed and why (`git add … && git commit`), or undo them (`git restore …`)',
    }),
  ];
}

/** Judged only when the command asked git (`careplan check`); nothing otherwise. */
export default { name: 'versioning', scope: 'home', meta, check: (ctx: RuleContext) => versioningChecks(ctx.versioning) } satisfies Rule;
