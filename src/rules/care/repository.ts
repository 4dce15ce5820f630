import type { Finding } from '../../model/findings.js';

/** What git says about the records folder, gathered by the command (rules never run git). */
export type Versioning = { kind: 'git'; changed: string[] } | { kind: 'none' };

/** uncommitted / not-versioned: the change trail is complete only when every record is committed. */
export function versioningChecks(versioning: Versioning | undefined): Finding[] {
  if (!versioning) return [];
  if (versioning.kind === 'none') {
    return [{
      rule: 'not-versioned', severity: 'warning',
      message: 'the records are not in a git repository, so there is no change trail of who changed what and when',
      fix: 'run `git init && git add -A && git commit -m "Care records"` in the records folder',
    }];
  }
  if (versioning.changed.length === 0) return [];
  const shown = versioning.changed.slice(0, 5).join(', ');
  const more = versioning.changed.length > 5 ? ` and ${versioning.changed.length - 5} more` : '';
  return [{
    rule: 'uncommitted', severity: 'warning', file: versioning.changed[0],
    message: `${versioning.changed.length} record file${versioning.changed.length === 1 ? ' has' : 's have'} uncommitted changes (${shown}${more}), so the change trail is incomplete`,
    fix: 'commit them with a message saying what changed and why (`git add … && git commit`), or undo them (`git restore …`)',
  }];
}
