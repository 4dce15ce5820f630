import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { GitError, InternalError, type GitProblem } from '../errors.js';
import { childEnvironment, commandAnswers } from './childEnvironment.js';
import { configOverrides, preCommitOnly, preCommitOptedIn, SIGNING_PROGRAMS } from './gitSafety.js';

/**
 * The one place careplan starts git: every git process, buffered or streaming, gets the same
 * options before its command and the same environment (the running command's, childEnvironment.ts).
 *
 * A repository's own configuration is untrusted: records arrive as a zip or on a shared drive,
 * `.git` included, and git runs programs that configuration names. So every git call runs without
 * hooks, fsmonitor, pager or signature display, and with git's own signing programs. Filters
 * (`filter.<name>.clean`, run by `status`, `add`, `commit`, and the
 * `hash-object` and `update-index` of a commit by plumbing) are switched off by name, since git
 * has no switch for all of them; signing programs the user chose in their own (global or system)
 * configuration are honoured. The one exception is the pre-commit hook of `git commit`, run only
 * when the user opts in with CAREPLAN_PRE_COMMIT=1 (gitSafety.ts).
 */
const GIT_OPTIONS: readonly string[] = [
  '--no-pager',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'log.showSignature=false',
  ...Object.entries(SIGNING_PROGRAMS).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
];

/** Commands that read or write the work tree's files, and so would run a repository's filters. */
const WORK_TREE_COMMANDS = new Set([
  'status',
  'add',
  'commit',
  'diff',
  'checkout',
  'restore',
  'reset',
  'stash',
  'rm',
  'mv',
  'hash-object',
  'update-index',
]);

/** Never ask for credentials on a terminal; never take optional locks, so reading never blocks a writer. */
const GIT_ENVIRONMENT = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
/** The same, but git may take its optional lock (RunGitOptions.optionalLocks). */
const GIT_ENVIRONMENT_LOCKING = { GIT_TERMINAL_PROMPT: '0' };

const PROBLEMS: Record<GitProblem, (where: string) => { message: string; hint: string }> = {
  'not-installed': () => ({
    message: 'git is not installed here (there is no `git` on the PATH), and careplan keeps the change trail in git.',
    hint: 'Install git (for example `sudo apt install git`, or from https://git-scm.com/downloads), then run the command again.',
  }),
  'not-a-repository': (where) => ({
    message: `${where} is not in a git repository, so there is no change trail to read.`,
    hint: 'Keep the records in git (`git init`, then commit them): git history is the change trail.',
  }),
  'outside-work-tree': (where) => ({
    message:
      `${where} is not inside the work tree its git repository's configuration names (core.worktree names another folder), ` +
      'so git would read the files there, not these.',
    hint:
      'If the records folder is meant to be the work tree, remove that setting (`git config --unset core.worktree`, after ' +
      'checking who set it and why).',
  }),
  'no-commits': (where) => ({
    message: `nothing has been committed in ${where} yet, so there is no change trail to read.`,
    hint: 'Commit the records first (`git add -A && git commit -m "Care records"`); careplan commits what it records itself.',
  }),
};

/** The typed error for git being missing, or the records having no git history to read. */
export function gitProblem(problem: GitProblem, where: string): GitError {
  const { message, hint } = PROBLEMS[problem](where);
  return new GitError(problem, message, hint);
}

/** A running git process: stdout to read, stdin to write (unless ignored), and how it ended. */
export interface GitProcess {
  stdin: Writable | null;
  stdout: Readable;
  /** What git wrote to stderr so far. */
  stderr(): string;
  /** git's exit code once it has exited and its output is closed; rejects with GitError when git is not installed. */
  exited: Promise<number>;
  kill(): void;
}

/** The git command in ARGS: the first argument that is not an option before it. */
function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}

function spawnGit(cwd: string, args: readonly string[], stdin: 'pipe' | 'ignore', onExit?: () => void, optionalLocks = false): GitProcess {
  const env = childEnvironment(optionalLocks ? GIT_ENVIRONMENT_LOCKING : GIT_ENVIRONMENT);
  const child = spawn('git', [...GIT_OPTIONS, ...args], { cwd, env, stdio: [stdin, 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  // git may exit (or never start) before reading all its input: that is reported by its exit, not here.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      onExit?.();
      // spawn says ENOENT both when git is missing and when the folder is: tell the two apart.
      if (error.code === 'ENOENT' && existsSync(cwd)) reject(gitProblem('not-installed', cwd));
      else reject(new InternalError(`cannot run git in ${cwd}: ${error.message}`));
    });
    child.on('close', (code) => {
      onExit?.();
      resolve(code ?? 1);
    });
  });
  return { stdin: child.stdin, stdout: child.stdout!, stderr: () => Buffer.concat(err).toString('utf8'), exited, kill: () => child.kill() };
}

/**
 * Starts `git ARGS` in `cwd`, streaming: for commands that only read git's objects (`log`,
 * `cat-file`). Commands that touch the work tree go through runGit, which first switches off the
 * repository's filters.
 */
export function startGit(cwd: string, args: readonly string[], options: { stdin?: 'pipe' | 'ignore' } = {}): GitProcess {
  const command = commandOf(args);
  if (command === undefined || WORK_TREE_COMMANDS.has(command)) throw new InternalError(`git ${command ?? ''} must run through runGit`);
  return spawnGit(cwd, args, options.stdin ?? 'pipe');
}

async function collect(git: GitProcess, input: string | Buffer | undefined): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  const out: Buffer[] = [];
  git.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  git.stdin?.end(input ?? '');
  const exitCode = await git.exited;
  return { stdout: Buffer.concat(out), stderr: git.stderr(), exitCode };
}

type GitResult = { stdout: Buffer; stderr: string; exitCode: number };

/** `ls-files` options that read the work tree, not only the index. */
const WORK_TREE_LISTING = /^(-[cdmokut]+|--(others|modified|deleted|killed|cached|unmerged|ignored|exclude.*|directory))$/;

/**
 * Questions whose answer cannot change while a command runs, unless git changes the repository:
 * where the work tree is, the configuration, the author, HEAD's branch, and the index's entries
 * (careplan's own file writes do not change what the index holds; its `git add` does).
 */
function isQuestion(args: readonly string[]): boolean {
  const command = commandOf(args);
  if (command === 'rev-parse' || command === 'var') return true;
  if (command === 'symbolic-ref') return args.includes('-q') && args[args.length - 1] === 'HEAD';
  if (command === 'ls-files') return (args.includes('-s') || args.includes('--stage')) && !args.some((a) => WORK_TREE_LISTING.test(a));
  return command === 'config' && args.some((a) => ['--get', '--get-all', '--get-regexp', '--list', '-l'].includes(a));
}

/** Commands that change nothing a question asks about (the repository's place, HEAD, its configuration). */
const READS = new Set([
  'ls-files',
  'diff-files',
  'diff-index',
  'diff',
  'status',
  'log',
  'cat-file',
  'rev-list',
  'show',
  'ls-tree',
  'check-ignore',
]);

/**
 * Commands that only add objects to git's store (a commit by plumbing, plumbingCommit.ts): HEAD,
 * the index and the configuration stay as they were, so the answers stay right.
 */
const OBJECT_WRITES = new Set(['hash-object', 'mktree', 'commit-tree']);

/**
 * Commands that write git's index (and objects), and nothing else a question asks about: only the
 * answers about the index's entries (`ls-files -s`) go. `add` runs no hook and changes no ref.
 */
const INDEX_WRITES = new Set(['update-index', 'add']);

/** Forgets the answers about the index's entries, which an index write changes. */
function forgetIndexAnswers(answers: Map<string, unknown>): void {
  for (const key of [...answers.keys()]) if (commandOf(key.split('\0').slice(1)) === 'ls-files') answers.delete(key);
}

/**
 * Asks git once per command (childEnvironment.ts keeps the answers): a write asks where the work
 * tree is, which filters are set and who the author is several times, and each git process costs
 * a few milliseconds. Any other command may change the answers, so it makes git forget them.
 */
async function remembered(cwd: string, args: readonly string[], ask: () => Promise<GitResult>, plain = true): Promise<GitResult> {
  const answers = commandAnswers();
  if (!answers) return ask();
  const question = isQuestion(args);
  // A question asked with careplan's own settings or input is one of its own: asked as it is.
  if (question && !plain) return ask();
  if (!question) {
    const command = commandOf(args);
    if (command !== undefined && (READS.has(command) || OBJECT_WRITES.has(command))) return ask();
    const forget = command !== undefined && INDEX_WRITES.has(command) ? () => forgetIndexAnswers(answers) : () => answers.clear();
    forget();
    try {
      return await ask();
    } finally {
      forget();
    }
  }
  const key = `${cwd}\0${args.join('\0')}`;
  let answer = answers.get(key) as Promise<GitResult> | undefined;
  if (!answer) {
    answer = ask();
    answers.set(key, answer);
    answer.catch(() => answers.delete(key));
  }
  return answer;
}

const rawGit = (cwd: string, args: readonly string[]) => remembered(cwd, args, () => collect(spawnGit(cwd, args, 'pipe'), undefined));

/**
 * Asks git now what every command that touches the work tree asks first (which filters and signing
 * programs its configuration sets: gitSafety.ts), so that such a command started earlier can spawn
 * as soon as the answer comes: the answer is remembered for the command (childEnvironment.ts).
 */
export async function workTreeSettings(cwd: string): Promise<void> {
  await configOverrides(rawGit, cwd);
}

export interface RunGitOptions {
  /** The command checks signatures (`%G?`): it runs signing programs, the user's own or git's. */
  readsSignatures?: boolean;
  /** careplan's own settings for this call (`key=value`), after every other. */
  config?: readonly string[];
  /**
   * git may take its optional lock, as when a person runs the command (GIT_OPTIONAL_LOCKS is left
   * as the environment has it): `git status` then writes back the index it refreshed when it can
   * lock it, and carries on without when it cannot. Only check's git status asks for it
   * (workTreeStatus).
   */
  optionalLocks?: boolean;
}

/**
 * Runs `git ARGS` in `cwd` to the end, with `input` on stdin; stdout as bytes (histories are large:
 * no string limit). A command that touches the work tree, commits or checks signatures first reads
 * which filters and signing programs the configuration sets (gitSafety.ts).
 */
export async function runGit(
  cwd: string,
  args: readonly string[],
  input?: string | Buffer,
  options: RunGitOptions = {},
): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  const command = commandOf(args);
  const before: string[] = [];
  const touchesFiles = command !== undefined && WORK_TREE_COMMANDS.has(command);
  if (touchesFiles || options.readsSignatures) before.push(...(await configOverrides(rawGit, cwd)));
  const hooks = command === 'commit' && preCommitOptedIn(childEnvironment()) ? await preCommitOnly(rawGit, cwd) : undefined;
  if (hooks) before.push('-c', `core.hooksPath=${hooks.dir}`);
  for (const setting of options.config ?? []) before.push('-c', setting);
  const ask = () => collect(spawnGit(cwd, [...before, ...args], 'pipe', hooks?.remove, options.optionalLocks), input);
  return remembered(cwd, args, ask, before.length === 0 && input === undefined);
}
