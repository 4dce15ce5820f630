import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { GitError, InternalError, type GitProblem } from '../errors.js';
import { childEnvironment } from './childEnvironment.js';

/**
 * The one place careplan starts git: every git process, buffered or streaming, gets the same
 * options before its command and the same environment (the running command's, childEnvironment.ts).
 * Options that harden git against a hostile repository (hooks, fsmonitor) belong in GIT_OPTIONS.
 */
const GIT_OPTIONS: readonly string[] = [];

/** Never ask for credentials on a terminal; never take optional locks, so reading never blocks a writer. */
const GIT_ENVIRONMENT = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

const PROBLEMS: Record<GitProblem, (where: string) => { message: string; hint: string }> = {
  'not-installed': () => ({
    message: 'git is not installed here (there is no `git` on the PATH), and careplan keeps the change trail in git.',
    hint: 'Install git (for example `sudo apt install git`, or from https://git-scm.com/downloads), then run the command again.',
  }),
  'not-a-repository': (where) => ({
    message: `${where} is not in a git repository, so there is no change trail to read.`,
    hint: 'Keep the records in git (`git init`, then commit them): git history is the change trail.',
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

/** Starts `git ARGS` in `cwd`. */
export function startGit(cwd: string, args: readonly string[], options: { stdin?: 'pipe' | 'ignore' } = {}): GitProcess {
  const child = spawn('git', [...GIT_OPTIONS, ...args], {
    cwd, env: childEnvironment(GIT_ENVIRONMENT), stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'],
  });
  const err: Buffer[] = [];
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  // git may exit (or never start) before reading all its input: that is reported by its exit, not here.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      // spawn says ENOENT both when git is missing and when the folder is: tell the two apart.
      if (error.code === 'ENOENT' && existsSync(cwd)) reject(gitProblem('not-installed', cwd));
      else reject(new InternalError(`cannot run git in ${cwd}: ${error.message}`));
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
  return { stdin: child.stdin, stdout: child.stdout!, stderr: () => Buffer.concat(err).toString('utf8'), exited, kill: () => child.kill() };
}

/** Runs `git ARGS` in `cwd` to the end, with `input` on stdin; stdout as bytes (histories are large: no string limit). */
export async function runGit(
  cwd: string, args: readonly string[], input?: string,
): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  const git = startGit(cwd, args);
  const out: Buffer[] = [];
  git.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  git.stdin!.end(input ?? '');
  const exitCode = await git.exited;
  return { stdout: Buffer.concat(out), stderr: git.stderr(), exitCode };
}
