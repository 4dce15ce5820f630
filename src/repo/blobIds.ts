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
 * `differing` gives those files from a `git status` the caller runs anyway (check), whose
 * second column says the same after comparing content: one git process fewer walking the folder.
 * Undefined outside git, or when git cannot say.
 */
export async function gitContent(root: string, differing?: Promise<ReadonlySet<string> | undefined>): Promise<GitContent | undefined> {
  const differ = differing ?? changedFiles(root);
  // Its failure is this function's answer (undefined), never an unhandled rejection.
  differ.catch(() => undefined);
  try {
    const [where, listed] = await Promise.all([gitWhere(root), runGit(root, ['ls-files', '--stage', '-v', '-z'])]);
    if (!where || listed.exitCode !== 0) return undefined;
    const { gitDir, prefix } = where;
    // The index is read while git status (check's) is still walking the folder; the files that
    // differ from it are taken out once it answers, as vouchedBlobs would leave them out.
    const blobs = vouchedBlobs(listed.stdout.toString('utf8'), new Set(), prefix);
    const dirty = await differ;
    if (!dirty) return undefined;
    for (const file of dirty) if (file.startsWith(prefix)) blobs.delete(file.slice(prefix.length));
    return { gitDir, blobs };
  } catch {
    // git is not installed: the records are read as they are.
    return undefined;
  }
}

/** Files whose stat data or content differs from the index (`git diff-files`), relative to the work tree. */
async function changedFiles(root: string): Promise<Set<string> | undefined> {
  const changed = await runGit(root, ['diff-files', '--name-only', '-z', '--', '.']);
  return changed.exitCode === 0 ? new Set(changed.stdout.toString('utf8').split('\0').filter(Boolean)) : undefined;
}

/**
 * The blob ids of `git ls-files --stage -v -z` output: "H 100644 <blob> 0<TAB><path>" (tag, mode,
 * blob, stage, path relative to the records folder), for plain files at stage 0 that git does not
 * skip (tag H) and `dirty` does not hold. Read by position, not split: a large home's index lists
 * close to 100,000 files, and this runs before every warm `check`.
 */
export function vouchedBlobs(text: string, dirty: ReadonlySet<string>, prefix: string): Map<string, string> {
  const blobs = new Map<string, string>();
  const H = 72;
  const SPACE = 32;
  const ZERO = 48;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\0', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    // "H 10064x " is 9 characters; the blob id ends 2 before the tab (" 0").
    if (
      tab > start + 11 &&
      tab < end &&
      text.charCodeAt(start) === H &&
      text.charCodeAt(start + 1) === SPACE &&
      (text.startsWith('100644 ', start + 2) || text.startsWith('100755 ', start + 2)) &&
      text.charCodeAt(tab - 2) === SPACE &&
      text.charCodeAt(tab - 1) === ZERO
    ) {
      const file = text.slice(tab + 1, end);
      if (dirty.size === 0 || !dirty.has(prefix + file)) blobs.set(file, text.slice(start + 9, tab - 2));
    }
    start = end + 1;
  }
  return blobs;
}

/** The id git gives a blob of these bytes (SHA-1 object format), for files git does not vouch for. */
export function blobIdOf(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
