import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, copyRepo, gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { lastCommit, workingTreeChanges } from '../helpers/records.js';
import { canMount, careplanMounted, changedFiles, headOf, readOnlyFolder, snapshot, twoPeopleRepo, WRITES } from '../helpers/hostile.js';

/**
 * Issue 13, "What broke" 5 and 9: a write that cannot reach the change trail said success; a
 * multi-person write was half done; I/O errors were "a bug in careplan". Now: the trail or nothing.
 */

let base: string;
beforeAll(async () => {
  base = await twoPeopleRepo();
});
afterAll(() => removeDir(base));

/** A refused write: exit 2, the cause and the fix, not a file changed, no commit. */
async function expectRefused(dir: string, args: string[], says: string[], options: { env?: Record<string, string> } = {}): Promise<string> {
  const head = await headOf(dir).catch(() => 'none');
  const before = snapshot(dir);
  const result = await careplan(args, { cwd: dir, env: options.env });
  expect(result.exitCode, result.stderr).toBe(2);
  for (const words of says) expect(result.stderr).toContain(words);
  expect(result.stderr).not.toMatch(/internal error|a bug in careplan/);
  expect(changedFiles(before, snapshot(dir))).toEqual([]);
  expect(await headOf(dir).catch(() => 'none')).toBe(head);
  return result.stderr;
}

/** A side branch that changes careplan.yaml one way and main another: merging or rebasing them conflicts. */
async function conflicting(dir: string): Promise<void> {
  await gitIn(dir, ['checkout', '-q', '-b', 'side']);
  writeFiles(dir, { 'careplan.yaml': `${read(dir, 'careplan.yaml')}# side\n` });
  await gitIn(dir, ['commit', '-qam', 'side']);
  await gitIn(dir, ['checkout', '-q', 'main']);
  writeFiles(dir, { 'careplan.yaml': `${read(dir, 'careplan.yaml')}# main\n` });
  await gitIn(dir, ['commit', '-qam', 'main']);
}

async function gitMayFail(dir: string, args: string[]): Promise<void> {
  await gitIn(dir, args).catch(() => undefined);
}

describe('a write that cannot commit refuses before writing, with the cause and the fix', () => {
  it('detached HEAD', async () => {
    const dir = copyRepo(base);
    await gitIn(dir, ['checkout', '-q', '--detach']);
    for (const name of ['outcome', 'review', 'audit --save']) {
      await expectRefused(dir, WRITES[name], ["git's HEAD is detached", 'git switch main']);
    }
    removeDir(dir);
  });

  it('a merge in progress', async () => {
    const dir = copyRepo(base);
    await conflicting(dir);
    await gitMayFail(dir, ['merge', 'side']);
    expect(existsSync(path.join(dir, '.git', 'MERGE_HEAD'))).toBe(true);
    await expectRefused(dir, WRITES.outcome, ['a merge is in progress', 'git merge --abort']);
    removeDir(dir);
  });

  it('a rebase in progress (which also detaches HEAD): the rebase is named, with its own fix', async () => {
    const dir = copyRepo(base);
    await conflicting(dir);
    await gitIn(dir, ['checkout', '-q', 'side']);
    await gitMayFail(dir, ['rebase', 'main']);
    await expectRefused(dir, WRITES.ack, ['a rebase is in progress', 'git rebase --abort']);
    removeDir(dir);
  });

  it('a cherry-pick in progress', async () => {
    const dir = copyRepo(base);
    await conflicting(dir);
    await gitMayFail(dir, ['cherry-pick', 'side']);
    await expectRefused(dir, WRITES.feedback, ['a cherry-pick is in progress', 'git cherry-pick --abort']);
    removeDir(dir);
  });

  it("git's index lock left behind: waits a moment for it, then refuses naming it", async () => {
    const dir = copyRepo(base);
    const lock = path.join(dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    // A short wait here (CAREPLAN_INDEX_LOCK_WAIT, seconds; 3 by default): the refusal is the same.
    const env = { CAREPLAN_INDEX_LOCK_WAIT: '0.3' };
    await expectRefused(dir, WRITES.outcome, [`git's index is locked (${lock} exists)`, `rm ${lock}`], { env });
    // Let go of while the write waits (an editor's git panel, say): the write goes ahead.
    setTimeout(() => removeDir(lock), 300);
    const result = await careplan(WRITES.outcome, { cwd: dir, env: { CAREPLAN_INDEX_LOCK_WAIT: '2' } });
    expect(result.exitCode, result.stderr).toBe(0);
    removeDir(dir);
  });

  it('no git identity, and git missing from PATH: refused; --no-commit is the one way to write without a trail', async () => {
    const dir = copyRepo(base);
    const anonymous = { GIT_AUTHOR_NAME: '', GIT_AUTHOR_EMAIL: '', GIT_COMMITTER_NAME: '', GIT_COMMITTER_EMAIL: '', HOME: dir, EMAIL: '' };
    await expectRefused(dir, WRITES.review, ['git does not know who you are', 'git config --global user.email'], { env: anonymous });
    const noGit = { PATH: '/nonexistent' };
    await expectRefused(dir, WRITES.outcome, ['git is not installed here', 'or pass --no-commit'], { env: noGit });
    await expectRefused(dir, WRITES['audit --save'], ['git is not installed here'], { env: noGit });
    const written = await careplan([...WRITES.outcome, '--no-commit'], { cwd: dir, env: noGit });
    expect(written.exitCode, written.stderr).toBe(0);
    expect(read(dir, 'people/p-edith/outcomes/2026-11.yaml')).toContain('note: Walked to lunch');
    removeDir(dir);
  });
});

describe('all or nothing', () => {
  it('a multi-person ack with one folder read-only: neither file changes, nothing is committed, the cause is named', async () => {
    const dir = copyRepo(base);
    const folder = path.join(dir, 'people', 'p-frank');
    const readOnly = readOnlyFolder(folder);
    if (!readOnly) return;
    try {
      const stderr = await expectRefused(dir, WRITES.ack, ['careplan could not finish writing people/p-frank/acknowledgements.yaml']);
      expect(stderr).toMatch(/permission was refused \(EACCES\)|the operation is not permitted \(EPERM\)/);
      expect(stderr).toContain('Nothing was written: what had been written was put back as it was.');
    } finally {
      readOnly.undo();
    }
    expect(await workingTreeChanges(dir)).toBe('');
    removeDir(dir);
  });

  it('a commit refused by a hook: the files and the index are put back, earlier staged work stays staged', async () => {
    const dir = copyRepo(base);
    writeFiles(dir, { 'staff/s-ben.yaml': `${read(dir, 'staff/s-ben.yaml')}# staged by hand\n` });
    await gitIn(dir, ['add', 'staff/s-ben.yaml']);
    mkdirSync(path.join(dir, '.git', 'hooks'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho "policy: no commits today" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const status = await gitIn(dir, ['status', '--porcelain']);
    // careplan runs the repository's pre-commit hook only when the user opts in (docs/decisions.md).
    const refusal = [
      'git could not commit people/p-edith/acknowledgements.yaml, people/p-frank/acknowledgements.yaml',
      'policy: no commits today',
    ];
    const stderr = await expectRefused(dir, WRITES.ack, refusal, { env: { CAREPLAN_PRE_COMMIT: '1' } });
    expect(stderr).toContain('Nothing was written: what had been written was put back as it was.');
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe(status);
    removeDir(dir);
  });

  it.skipIf(!canMount)('a read-only file system: EROFS named, exit 2, nothing written', async () => {
    const dir = copyRepo(base);
    const before = snapshot(dir);
    const result = await careplanMounted(
      `mount --bind "${dir}/people" "${dir}/people" && mount -o remount,ro,bind "${dir}/people"`,
      dir,
      WRITES.outcome,
    );
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('the file system is read-only (EROFS)');
    expect(result.stderr).not.toMatch(/internal error|a bug in careplan/);
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
    removeDir(dir);
  });

  it.skipIf(!canMount)('a full disk: ENOSPC named, exit 2, earlier entries untouched', async () => {
    const dir = copyRepo(base);
    const outcomes = 'people/p-edith/outcomes/2026-11.yaml';
    writeFiles(dir, { [outcomes]: '- { at: 2026-11-02T10:00, by: s-carl, goal: mob-indep, result: improving }\n' });
    await gitIn(dir, ['add', '-A']);
    await gitIn(dir, ['commit', '-qm', 'outcomes']);
    const before = snapshot(dir);
    // The people/ folder on a tmpfs of 64 KiB holding a copy of it and a file that fills the rest.
    const setup = [
      `cp -a "${dir}/people" /tmp/people-copy-$$`,
      `mount -t tmpfs -o size=64k tmpfs "${dir}/people"`,
      `cp -a /tmp/people-copy-$$/. "${dir}/people"`,
      `rm -rf /tmp/people-copy-$$`,
      `(dd if=/dev/zero of="${dir}/people/.filler" bs=1k 2>/dev/null || true)`,
    ].join(' && ');
    const result = await careplanMounted(setup, dir, WRITES.outcome);
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('the disk is full (ENOSPC)');
    expect(result.stderr).not.toMatch(/internal error|a bug in careplan/);
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
    removeDir(dir);
  });
});

describe('what a write says', () => {
  it('no "had changes not yet committed" warning when the write creates a file, whatever else is changed', async () => {
    const dir = copyRepo(base);
    writeFiles(dir, { 'staff/s-ben.yaml': `${read(dir, 'staff/s-ben.yaml')}# edited\n`, 'people/p-edith/outcomes/2026-10.yaml': '' });
    const result = await careplan(WRITES.review, { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('had changes not yet committed');
    expect((await lastCommit(dir)).files).toEqual(['people/p-edith/reviews/2026-11-28-plan.yaml']);
    removeDir(dir);
  });

  it('every write kind commits exactly what it wrote, with its trailers, and leaves nothing uncommitted', async () => {
    const dir = copyRepo(base);
    for (const [name, args] of Object.entries(WRITES)) {
      const result = await careplan(args, { cwd: dir });
      expect(result.exitCode, `${name}: ${result.stderr}`).toBe(0);
      expect((await lastCommit(dir)).trailers['Careplan-Action']?.[0], name).toBeDefined();
      expect(await workingTreeChanges(dir), name).toBe('');
    }
    expect(existsSync(path.join(dir, '.careplan', 'journal.json'))).toBe(false);
    removeDir(dir);
  });
});
