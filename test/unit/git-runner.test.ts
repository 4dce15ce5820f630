import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { GitError, InternalError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { gitWhere, workTreeRoot } from '../../src/repo/git.js';
import { withEnvironment } from '../../src/repo/childEnvironment.js';
import { openGitRepository } from '../../src/repo/gitHistory.js';
import { runGit, startGit } from '../../src/repo/gitRunner.js';
import { configOverrides } from '../../src/repo/gitSafety.js';
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { GIT_ENV, gitIn, gitRepo, removeDir, tempDir, writeFiles } from '../helpers/repo.js';

const RECORDS = {
  'careplan.yaml': 'provider: { name: Test House }\ntimezone: Europe/London\n',
  'staff/s-amina.yaml': 'id: s-amina\nname: Amina Okafor\nroles: [registered-manager]\nemail: amina@test.example\nactive: true\n',
};

/** A command's streams and environment; git runs with that environment (the tests' identity, and `env`). */
function capture(cwd: string, env: Record<string, string> = {}): { io: Io; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const io: Io = {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...GIT_ENV, ...env },
    stdin: process.stdin,
    now: () => Date.parse('2026-11-26T12:00:00Z'),
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
  };
  return { io, stdout: () => out, stderr: () => err };
}

let committed: string;
let uncommitted: string;
let outside: string;
beforeAll(async () => {
  committed = await gitRepo(RECORDS);
  uncommitted = tempDir();
  await gitIn(uncommitted, ['init', '--quiet', '--initial-branch=main']);
  writeFiles(uncommitted, RECORDS);
  outside = tempDir();
  writeFiles(outside, RECORDS);
});
afterAll(() => [committed, uncommitted, outside].forEach(removeDir));

describe('the git runner', () => {
  it('runs git to the end: stdout as bytes, stderr as text, the exit code', async () => {
    const ok = await runGit(committed, ['rev-parse', '--is-inside-work-tree']);
    expect(ok).toEqual({ stdout: Buffer.from('true\n'), stderr: '', exitCode: 0 });
    const bad = await runGit(committed, ['rev-parse', '--verify', '--quiet', 'no-such-branch']);
    expect(bad.exitCode).not.toBe(0);
  });

  it('feeds stdin and streams stdout through the same spawn', async () => {
    const git = startGit(committed, ['cat-file', '--batch-check']);
    let out = '';
    git.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    git.stdin!.end('HEAD:careplan.yaml\n');
    expect(await git.exited).toBe(0);
    expect(out).toMatch(/^[0-9a-f]{40} blob \d+\n$/);
  });

  it('streams only commands that leave the work tree alone: status, add and commit go through runGit', () => {
    expect(() => startGit(committed, ['status'])).toThrow(InternalError);
    expect(() => startGit(committed, ['-c', 'x.y=z', 'commit', '-m', 'x'])).toThrow(InternalError);
  });

  it(
    "puts back the user's own filters and signing programs over " + "the repository's, and git's defaults where the user set none",
    async () => {
      const repo = await gitRepo(RECORDS);
      const global = path.join(repo, '..', `${path.basename(repo)}.gitconfig`);
      writeFileSync(global, '[gpg "ssh"]\n\tprogram = /opt/signer\n[filter "lfs"]\n\tclean = git-lfs clean -- %f\n');
      for (const [key, value] of [
        ['filter.hostile.clean', '/tmp/evil'],
        ['filter.lfs.clean', '/tmp/evil'],
        ['gpg.program', '/tmp/evil'],
      ]) {
        await gitIn(repo, ['config', key, value]);
      }
      const raw = async (cwd: string, args: readonly string[]) => {
        const r = await execa('git', args, { cwd, reject: false, encoding: 'buffer', env: { ...GIT_ENV, GIT_CONFIG_GLOBAL: global } });
        return { stdout: Buffer.from(r.stdout), exitCode: r.exitCode ?? 1 };
      };
      const options = await configOverrides(raw, repo);
      const settings = options.filter((o) => o !== '-c');
      expect(settings).toEqual(
        expect.arrayContaining([
          'filter.hostile.clean=',
          'filter.lfs.clean=git-lfs clean -- %f',
          'gpg.program=gpg',
          'gpg.ssh.program=/opt/signer',
        ]),
      );
      expect(settings.join('\n')).not.toContain('/tmp/evil');
      removeDir(repo);
      removeDir(global);
    },
  );

  it('a folder that does not exist is not "git is not installed"', async () => {
    await expect(runGit(path.join(outside, 'no-such-folder'), ['status'])).rejects.toBeInstanceOf(InternalError);
  });
});

// The PATH that counts is the command's own (io.env), which git is started with; runGit on its own
// takes this process's.
describe('without git on the PATH', () => {
  const saved = process.env.PATH;
  afterEach(() => {
    process.env.PATH = saved;
  });

  it('every git call fails with one typed error: git is not installed', async () => {
    process.env.PATH = outside;
    const error = await runGit(committed, ['status']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).problem).toBe('not-installed');
    await expect(workTreeRoot(committed)).rejects.toMatchObject({ problem: 'not-installed' });
  });

  it('check says git is missing and how to install it, not "run git init": exit 2', async () => {
    const { io, stdout, stderr } = capture(committed, { PATH: outside });
    expect(await run(['check', '--as-of', '2026-11-26'], io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toBe(
      [
        'careplan: error: git is not installed here (there is no `git` on the PATH), and careplan keeps the change trail in git.',
        'Install git (for example `sudo apt install git`, or from https://git-scm.com/downloads), then run the command again.',
        '',
      ].join('\n'),
    );
  });

  it('a write is refused before anything is written, with --no-commit as the way round', async () => {
    const { io, stderr } = capture(committed, { PATH: outside });
    const code = await run(['staff', 'add', 's-ben', '--name', 'Ben Hollis', '--role', 'key-worker', '--as', 's-amina', '--no-input'], io);
    expect(code).toBe(2);
    expect(stderr()).toContain('git is not installed');
    expect(await gitIn(committed, ['status', '--porcelain'])).toBe('');
  });
});

describe('records without git history', () => {
  it('outside git: history and verify name the folder and say to keep the records in git', async () => {
    await expect(openGitRepository(outside)).rejects.toMatchObject({ problem: 'not-a-repository' });
    const { io, stderr } = capture(outside);
    expect(await run(['verify'], io)).toBe(2);
    expect(stderr()).toContain(`careplan: error: ${outside} is not in a git repository, so there is no change trail to read.`);
  });

  it('in git with nothing committed: verify and history say so rather than "no problems found"', async () => {
    for (const argv of [['verify'], ['history', 'p-edith']]) {
      const { io, stdout, stderr } = capture(uncommitted);
      expect(await run(argv, io)).toBe(2);
      expect(stdout()).toBe('');
      expect(stderr()).toContain(`nothing has been committed in ${uncommitted} yet, so there is no change trail to read.`);
      expect(stderr()).toContain('git add -A && git commit');
    }
  });
});

describe("a command asks git each question once (the command's memo of git's answers)", () => {
  /** A `git` first on the PATH that logs each command it is given, then runs the real one. */
  function loggingGit(): { env: Record<string, string>; asked: () => string[] } {
    const dir = tempDir('careplan-git-log-');
    const log = path.join(dir, 'log');
    writeFileSync(log, '');
    writeFileSync(
      path.join(dir, 'git'),
      `#!/bin/sh\nfor a in "$@"; do case "$a" in -*|*=*) ;; *) echo "$a" >> "${log}"; break;; esac; done\nexec /usr/bin/git "$@"\n`,
      {
        mode: 0o755,
      },
    );
    const env = { ...(process.env as Record<string, string>), ...GIT_ENV, PATH: `${dir}:${process.env.PATH}` };
    return { env, asked: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  it('asks where the work tree is once, however often; a change to the repository makes it ask again', async () => {
    const { env, asked } = loggingGit();
    const dir = await gitRepo(RECORDS);
    await withEnvironment(env, async () => {
      const [a, b] = await Promise.all([gitWhere(dir), gitWhere(dir)]);
      expect(a).toEqual({ top: dir, gitDir: path.join(dir, '.git'), prefix: '' });
      expect(b).toEqual(a);
      expect(await workTreeRoot(dir)).toBe(dir);
      await runGit(dir, ['ls-files']);
      expect(await workTreeRoot(dir)).toBe(dir);
      expect(asked()).toEqual(['rev-parse', 'ls-files']);
      writeFiles(dir, { 'staff/s-ben.yaml': 'id: s-ben\n' });
      // git add writes only the index (and objects): where the work tree is stays remembered.
      await runGit(dir, ['add', '--', 'staff/s-ben.yaml']);
      await workTreeRoot(dir);
      expect(asked().filter((c) => c === 'rev-parse')).toHaveLength(1);
      await runGit(dir, ['commit', '-q', '-m', 'Ben']);
      await workTreeRoot(dir);
      expect(asked().filter((c) => c === 'rev-parse')).toHaveLength(2);
      // The index's entries: asked once until git changes the index.
      const staged = async () => (await runGit(dir, ['ls-files', '-s', '--', 'staff/s-ben.yaml'])).stdout.toString();
      expect(await staged()).toBe(await staged());
      writeFiles(dir, { 'staff/s-ben.yaml': 'id: s-ben\nname: Ben\n' });
      await runGit(dir, ['add', '--', 'staff/s-ben.yaml']);
      const after = await staged();
      expect(asked().filter((c) => c === 'ls-files')).toHaveLength(3);
      expect(after).not.toBe('');
    });
    // Outside a command nothing is remembered.
    const before = asked().length;
    process.env.PATH = env.PATH;
    try {
      await workTreeRoot(dir);
      await workTreeRoot(dir);
    } finally {
      process.env.PATH = env.PATH.split(':').slice(1).join(':');
    }
    expect(asked().length - before).toBe(2);
    removeDir(dir);
  });

  it('a write of the index (update-index) makes it ask the index entries again, and nothing else', async () => {
    const { env, asked } = loggingGit();
    const dir = await gitRepo(RECORDS);
    await withEnvironment(env, async () => {
      const staged = async () => (await runGit(dir, ['ls-files', '-s', '--', 'staff/s-ben.yaml'])).stdout.toString();
      const head = async () => (await runGit(dir, ['rev-parse', 'HEAD'])).stdout.toString();
      const [before, headBefore] = [await staged(), await head()];
      expect(before).toBe('');
      writeFiles(dir, { 'staff/s-ben.yaml': 'id: s-ben\n' });
      await runGit(dir, ['update-index', '--add', '--', 'staff/s-ben.yaml']);
      expect(await staged()).toMatch(/^100644 [0-9a-f]{40} 0\tstaff\/s-ben\.yaml/);
      expect(await head()).toBe(headBefore);
      // rev-parse HEAD was asked once; ls-files before and after the write.
      expect(asked().filter((c) => c === 'rev-parse')).toHaveLength(1);
      expect(asked().filter((c) => c === 'ls-files')).toHaveLength(2);
    });
    removeDir(dir);
  });

  it('each command asks afresh: a commit between two commands is seen', async () => {
    const dir = await gitRepo(RECORDS);
    const head = () =>
      withEnvironment({ ...process.env, ...GIT_ENV }, async () => (await runGit(dir, ['rev-parse', 'HEAD'])).stdout.toString());
    const first = await head();
    await gitIn(dir, ['commit', '--allow-empty', '-qm', 'next']);
    expect(await head()).not.toBe(first);
    removeDir(dir);
  });
});
