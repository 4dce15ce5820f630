import { childEnvironment } from './childEnvironment.js';
import { crashPoint } from './crashPoints.js';
import { runGit, workTreeSettings, type RunGitOptions } from './gitRunner.js';
import { preCommitOptedIn } from './gitSafety.js';
import { commitBase, indexEntryCount, planCommit, plumbingFrom } from './plumbingCommit.js';
import { placementOf } from '../model/layout.js';

/** git's output as text, without its final newline: for commands whose output is a line or two. */
export async function git(
  cwd: string,
  args: string[],
  input?: string,
  options?: RunGitOptions,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const result = await runGit(cwd, args, input, options);
  const text = (s: string) => s.replace(/\r?\n$/, '');
  return { stdout: text(result.stdout.toString('utf8')), stderr: text(result.stderr), exitCode: result.exitCode };
}

/** Where a folder is in git: the work tree's top, the git folder (absolute), and the folder's path from the top. */
export interface GitWhere {
  top: string;
  gitDir: string;
  /** `people/` style, with its final slash; empty at the top. */
  prefix: string;
}

/** git's one answer about `dir`: whether it is inside the work tree, and where that and the git folder are. */
async function whereAnswer(dir: string): Promise<{ inside: boolean; top: string; gitDir: string; prefix: string } | undefined> {
  const result = await git(dir, ['rev-parse', '--is-inside-work-tree', '--show-toplevel', '--absolute-git-dir', '--show-prefix']);
  if (result.exitCode !== 0) return undefined;
  const [inside, top = '', gitDir = '', prefix = ''] = result.stdout.split('\n');
  return { inside: inside === 'true', top, gitDir, prefix: prefix.trim() };
}

/**
 * Where `dir` is in git, or undefined outside a work tree. One question for all three, which
 * gitRunner asks once per command however many parts of it want to know. Throws GitError when
 * git is not installed. A folder outside the work tree its repository's configuration names
 * (`core.worktree` set to another folder) is outside: git would read and commit the files there,
 * not these (`workTreeElsewhere` says where).
 */
export async function gitWhere(dir: string): Promise<GitWhere | undefined> {
  const answer = await whereAnswer(dir);
  return answer?.inside && answer.top && answer.gitDir ? { top: answer.top, gitDir: answer.gitDir, prefix: answer.prefix } : undefined;
}

/**
 * The work tree git would use for `dir` when `dir` is not inside it (a repository whose
 * `core.worktree` names another folder); undefined otherwise.
 */
export async function workTreeElsewhere(dir: string): Promise<string | undefined> {
  const answer = await whereAnswer(dir);
  return answer && !answer.inside && answer.top ? answer.top : undefined;
}

/** The top of the git work tree holding `dir`, or undefined outside git. */
export async function workTreeRoot(dir: string): Promise<string | undefined> {
  return (await gitWhere(dir))?.top;
}

export interface Trailers {
  action: string;
  /** One person, or several (one trailer each) when a command records for more than one. */
  person?: string | readonly string[];
  by?: string;
  /** Sign the commit (`git commit -S`, with the user's own signing key): policy.require_signed_signoffs. */
  signed?: boolean;
}

export function commitMessage(subject: string, trailers: Trailers): string {
  // One line: a newline in a name must not start the body or forge a trailer.
  subject = subject.replace(/[\r\n]+/g, ' ').trim();
  const lines = [`Careplan-Action: ${trailers.action}`];
  const people = trailers.person === undefined ? [] : typeof trailers.person === 'string' ? [trailers.person] : trailers.person;
  for (const person of people) lines.push(`Careplan-Person: ${person}`);
  if (trailers.by) lines.push(`Careplan-By: ${trailers.by}`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}

/** The index entries of `files` (`git ls-files -s --full-name`): what a failed commit puts back. */
export async function indexEntries(cwd: string, files: readonly string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const listed = await git(cwd, ['--literal-pathspecs', 'ls-files', '-s', '-z', '--full-name', '--', ...files]);
  return listed.exitCode === 0 ? listed.stdout.split('\0').filter(Boolean) : [];
}

/**
 * Puts the index entries of `files` back as `entries` held them (an entry for a file not listed
 * is removed): after a failed commit, what careplan staged is unstaged and what was staged before
 * stays staged. Paths of `git update-index --index-info` are from the top of the work tree.
 */
export async function restoreIndex(cwd: string, files: readonly string[], entries: readonly string[]): Promise<boolean> {
  const prefix = (await gitWhere(cwd))?.prefix ?? '';
  const kept = new Set(entries.map((e) => e.slice(e.indexOf('\t') + 1)));
  const format = (await git(cwd, ['rev-parse', '--show-object-format'])).stdout.trim();
  const none = '0'.repeat(format === 'sha256' ? 64 : 40);
  const removed = files
    .map((f) => `${prefix}${f}`)
    .filter((f) => !kept.has(f))
    .map((f) => `0 ${none}\t${f}`);
  const input = [...entries, ...removed].map((line) => `${line}\0`).join('');
  if (input === '') return true;
  return (await git(cwd, ['update-index', '-z', '--index-info'], input)).exitCode === 0;
}

/**
 * Commits exactly `files` (repository-relative to `cwd`), whatever else is staged or changed, as
 * `git add -- files && git commit --only -- files` would: only those paths are committed, and the
 * rest of the index stays as it was. In a large home (an index of CAREPLAN_PLUMBING_FROM entries,
 * 5,000 by default) made by plumbing (plumbingCommit.ts), in a time that does not grow with the
 * index; `git commit` itself in a smaller one, when the commit is signed, the user's pre-commit
 * hook is to run, or git must judge a case (no commit yet, a file that is not a regular file). When
 * git refuses (a hook, a full disk, a commit made by someone else meanwhile), the index entries
 * of `files` are put back as they were.
 */
export async function commitFiles(
  cwd: string,
  files: string[],
  subject: string,
  trailers: Trailers,
): Promise<{ ok: true; sha: string } | { ok: false; message: string }> {
  // `git commit --` with no paths would commit everything staged, someone else's work included.
  if (files.length === 0) return { ok: false, message: 'no files to commit' };
  const before = await indexEntries(cwd, files);
  const undo = async (message: string) => {
    const restored = await restoreIndex(cwd, files, before);
    const unrestored = `${message} (and git's index could not be put back: run \`git reset -- ${files.join(' ')}\`)`;
    return { ok: false as const, message: restored ? message : unrestored };
  };
  const message = commitMessage(subject, trailers);
  const env = childEnvironment();
  const where = await gitWhere(cwd);
  const large = where !== undefined && indexEntryCount(where.gitDir) >= plumbingFrom(env);
  if (large && !trailers.signed && !preCommitOptedIn(env)) {
    // The index as `git add` leaves it (stat data included, so `git status` need not read the files
    // again), written while git is asked what the commit starts from and the trees are built: at
    // 1,000 people git takes 35 ms to rewrite its index, the longest step of the commit.
    const staging = git(cwd, ['update-index', '--add', '--replace', '--', ...files]);
    // Starting a git process holds the main thread a millisecond or two: update-index, which waits
    // only for the filter settings (asked before the write: trailRefusal), is started first.
    await workTreeSettings(cwd);
    const base = await commitBase(cwd, files, before, where.prefix);
    if (base.kind === 'base') {
      const [plan, staged] = await Promise.all([planCommit(cwd, files, message, base), staging]);
      if (staged.exitCode !== 0) return undo(staged.stderr.trim());
      if (plan.kind === 'failed') return undo(plan.message);
      if (plan.kind === 'commit') {
        crashPoint('staged');
        // Only from the parent the commit was built on: a commit someone made meanwhile fails this rather than being lost.
        const moved = await git(cwd, ['update-ref', '-m', `commit: ${plan.subject}`, 'HEAD', plan.commit, plan.parent]);
        if (moved.exitCode !== 0) {
          const meanwhile = /but expected/.test(moved.stderr) ? 'someone else committed while careplan was committing, and ' : '';
          return undo(`${meanwhile}${moved.stderr.trim() || 'git could not move HEAD to the new commit'}`);
        }
        crashPoint('committed');
        // As `git commit` does: keeps years of small commits packed (it goes to the background when it has work).
        await git(cwd, ['maintenance', 'run', '--auto', '--quiet']);
        return { ok: true, sha: plan.commit };
      }
    } else await staging;
    // A case git must judge (see commitBase; or in HEAD a file or submodule where a folder should be,
    // a name in another case): `git add` and `git commit` below, from the index as it was.
    if (!(await restoreIndex(cwd, files, before))) return undo("git's index could not be put back before committing");
  }
  // Literal pathspecs: a file name is a name, never a glob that could take in other files.
  const add = await git(cwd, ['--literal-pathspecs', 'add', '--', ...files]);
  if (add.exitCode !== 0) return undo(add.stderr.trim());
  crashPoint('staged');
  const sign = trailers.signed ? ['-S'] : [];
  const commit = await git(cwd, ['--literal-pathspecs', 'commit', '--quiet', ...sign, '-F', '-', '--', ...files], message);
  if (commit.exitCode !== 0) return undo((commit.stderr || commit.stdout).trim());
  crashPoint('committed');
  const head = await git(cwd, ['rev-parse', 'HEAD']);
  return { ok: true, sha: head.stdout.trim() };
}

/** Where the records folder sits in its git work tree, and which of its records are not committed. */
export interface WorkTreeStatus {
  /** Record files with uncommitted changes (modified, staged, or untracked), relative to the records folder. */
  uncommitted: string[];
  /** The records folder's path inside the work tree ('' at the top), for CI annotations. */
  prefix: string;
  /**
   * Files (relative to the work tree, as `git diff-files` names them) whose content on disk is not
   * what the index holds, or that the index does not hold: status's second column is not blank.
   * Git compared their content where the stat data could not tell, so the rest hold their index blob.
   */
  differFromIndex: ReadonlySet<string>;
}

/**
 * Resolves once the `git status` workTreeStatus started has been spawned (or could not be): it
 * waits for two short answers first (where the folder is, which filters are set), and a promise's
 * answer is read only when the event loop is free, so a long synchronous task started before them
 * (check's walk of the folder) would hold git status back by its whole length.
 */
export async function statusUnderway(root: string): Promise<void> {
  await Promise.all([gitWhere(root), workTreeSettings(root)]).catch(() => undefined);
  // One turn of the event loop: workTreeStatus's own continuations (which spawn git status) run first.
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The records folder's git status; undefined when `root` is not in a git work tree.
 *
 * Unlike careplan's other git runs, this one may take git's optional lock, as `git status` run by
 * a person does, so that git writes back the index it refreshed. That matters after a copy of the
 * repository (`cp -a`, a restore from backup, a new laptop): git's index still holds the old
 * files' stat data, so git reads every file again to compare it, on every check, until something
 * writes the index; careplan's own commits by plumbing never refresh it. At 200 people a kept
 * check took 0.41 s rather than 0.16 s, at every run. git writes the index only when the refresh
 * changed it, and skips writing when another git command holds the lock (a `git commit` running
 * careplan in its pre-commit hook, for one); it never fails for it.
 */
export async function workTreeStatus(root: string): Promise<WorkTreeStatus | undefined> {
  const where = await gitWhere(root);
  if (!where) return undefined;
  const result = await git(
    root,
    ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules=all', '--', '.'],
    undefined,
    { optionalLocks: true },
  );
  if (result.exitCode !== 0) return undefined;
  const { prefix } = where;
  const lines = result.stdout.split('\0').filter((line) => line.length > 3);
  const differFromIndex = new Set(lines.filter((line) => line[1] !== ' ').map((line) => line.slice(3)));
  const uncommitted = lines
    .map((line) => line.slice(3))
    .map((file) => (file.startsWith(prefix) ? file.slice(prefix.length) : file))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .filter((file) => placementOf(file).kind !== 'unexpected')
    .sort();
  return { uncommitted, prefix, differFromIndex };
}
