import { createHash } from 'node:crypto';
import { gitWhere } from './git.js';
import { runGit } from './gitRunner.js';

/** What git knows of the records folder's content without careplan reading a file. */
export interface GitContent {
  /** The repository's git folder, absolute (where the cache lives). */
  gitDir: string;
  /** Repository-relative record file → the blob id git vouches the file on disk holds. */
  blobs: Map<string, string>;
}

/**
 * Each tracked file's blob id from git's index, for the files whose content on disk git vouches
 * is that blob: in the index at stage 0 as a plain file, not marked assume-unchanged or
 * skip-worktree (git would not look at them), and not reported by `git diff-files`, which compares
 * every file with the index by its stat data and by content when the stat data cannot tell (racily
 * clean files). Anything else (changed, untracked, conflicted) is read from disk as always.
 * Undefined outside git, or when git cannot say.
 */
export async function gitContent(root: string): Promise<GitContent | undefined> {
  try {
    const [where, listed, changed] = await Promise.all([
      gitWhere(root),
      runGit(root, ['ls-files', '--stage', '-v', '-z']),
      runGit(root, ['diff-files', '--name-only', '-z', '--', '.']),
    ]);
    if (!where || listed.exitCode !== 0 || changed.exitCode !== 0) return undefined;
    const { gitDir, prefix } = where;
    const dirty = new Set(changed.stdout.toString('utf8').split('\0').filter(Boolean));
    const blobs = new Map<string, string>();
    const text = listed.stdout.toString('utf8');
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf('\0', start);
      const line = text.slice(start, end < 0 ? text.length : end);
      start = end < 0 ? text.length : end + 1;
      // "H 100644 <blob> 0\t<path>": tag, mode, blob, stage, path relative to the records folder.
      const tab = line.indexOf('\t');
      const [tag, mode, blob, stage] = line.slice(0, tab).split(' ');
      const file = line.slice(tab + 1);
      if (tag !== 'H' || stage !== '0' || (mode !== '100644' && mode !== '100755')) continue;
      if (dirty.has(prefix + file)) continue;
      blobs.set(file, blob);
    }
    return { gitDir, blobs };
  } catch {
    // git is not installed: the records are read as they are.
    return undefined;
  }
}

/** The id git gives a blob of these bytes (SHA-1 object format), for files git does not vouch for. */
export function blobIdOf(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
