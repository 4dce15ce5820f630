import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli.js';
import type { Io } from '../../src/io.js';

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(PROJECT, 'bin', 'careplan.js');
export const EXAMPLE = path.join(PROJECT, 'examples', 'sunrise-house');

/** Git identity for test repositories, so tests never depend on the machine's git config. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@test.example',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@test.example',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Where it runs (default: the project folder). */
  cwd?: string;
  /** Added to the environment: NO_COLOR=1 and the tests' git identity are always there. */
  env?: Record<string, string>;
  /** What stdin holds; never a terminal. */
  input?: string;
  /** The clock, for commands that default --as-of or --at to now (default: the real one). */
  now?: () => number;
}

/** Like execa's output: one final newline removed, so tests read `stdout` as the lines printed. */
const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

/**
 * Runs careplan in this process, through `run(argv, io)` (src/cli.ts) with in-memory streams, as a
 * user would run it without a terminal: no colour, no prompts. Git runs as a child process with
 * this run's environment (the tests' identity), so each test's repository is a real one.
 */
export async function careplan(args: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: options.cwd ?? PROJECT,
    env: { ...process.env, NO_COLOR: '1', ...GIT_ENV, ...options.env },
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: Readable.from([options.input ?? '']),
    now: options.now ?? (() => Date.now()),
  };
  const exitCode = await run(args, io);
  return { exitCode, stdout: withoutFinalNewline(stdout), stderr: withoutFinalNewline(stderr) };
}

/** careplanBin's options: a process has the real clock, and can be stopped after a time. */
export interface BinOptions extends Omit<RunOptions, 'now'> {
  /** Milliseconds before it is stopped (a test of something that must not hang). */
  timeout?: number;
}

/** Runs the built `careplan` (bin/careplan.js) in a child process: the thin tier that tests the real process. */
export async function careplanBin(args: string[], options: BinOptions = {}): Promise<RunResult> {
  const result = await execa('node', [BIN, ...args], {
    cwd: options.cwd ?? PROJECT,
    reject: false,
    input: options.input ?? '',
    env: { NO_COLOR: '1', ...GIT_ENV, ...options.env },
    extendEnv: true,
    timeout: options.timeout,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function tempDir(prefix = 'careplan-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Every folder tempDir made in this test process and not yet removed. */
const made = new Set<string>();

/**
 * Removes every folder tempDir made (test/setup/environment.ts, after each test file): a test that
 * fails half way, or forgets, leaves nothing behind in the system's temporary folder.
 */
export function removeTempDirs(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: a folder a failed test left immutable is named by that test's own failure.
    }
  }
  made.clear();
}

/** Writes files (path → content) under root, creating folders. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export async function gitIn(cwd: string, args: string[]): Promise<string> {
  const result = await execa('git', args, { cwd, env: GIT_ENV, reject: false });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return String(result.stdout);
}

/** A new git repository holding `files`, committed. */
export async function gitRepo(files: Record<string, string>): Promise<string> {
  const dir = tempDir();
  await gitIn(dir, ['init', '--quiet', '--initial-branch=main']);
  writeFiles(dir, files);
  await gitIn(dir, ['add', '-A']);
  await gitIn(dir, ['commit', '--quiet', '-m', 'records']);
  return dir;
}

/**
 * A copy of a repository, .git and all, for one test to change: build a fixture's history once per
 * file (beforeAll) and copy it per test, rather than committing the same history again.
 */
export function copyRepo(dir: string, prefix = 'careplan-copy-'): string {
  packOnce(dir);
  const copy = tempDir(prefix);
  // cp(1), not fs.cpSync: half the time for a few hundred files, and links are copied as they are.
  execFileSync('cp', ['-a', `${dir}/.`, copy]);
  return copy;
}

/** Repositories whose objects are packed already (in this test process). */
const packed = new Set<string>();

/**
 * Packs a fixture's git objects into one file and drops git's sample hooks, once, before it is
 * first copied: a fixture built by dozens of commits holds hundreds of loose objects in up to 256
 * folders, and copying and removing those for every test cost more than the tests. The history
 * and the working tree are unchanged (git reads packed objects as it reads loose ones).
 */
function packOnce(dir: string): void {
  if (packed.has(dir)) return;
  packed.add(dir);
  const gitDir = path.join(dir, '.git');
  if (!existsSync(path.join(gitDir, 'objects'))) return;
  execFileSync('git', ['repack', '-a', '-d', '-q'], { cwd: dir, env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
  const hooks = path.join(gitDir, 'hooks');
  if (existsSync(hooks)) for (const name of readdirSync(hooks)) if (name.endsWith('.sample')) rmSync(path.join(hooks, name));
}

export interface FixtureRepo {
  /** The committed repository: read it, never change it. */
  dir: string;
  /** A fresh copy to change, removed with the fixture. */
  copy(): string;
  remove(): void;
}

/** A repository holding `files`, committed once (call it in beforeAll), with copies for each test to change. */
export async function fixtureRepo(files: Record<string, string>): Promise<FixtureRepo> {
  const dir = await gitRepo(files);
  const copies: string[] = [];
  return {
    dir,
    copy: () => {
      const copy = copyRepo(dir);
      copies.push(copy);
      return copy;
    },
    remove: () => [dir, ...copies.splice(0)].forEach(removeDir),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}
