import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/repo/lock.js';
import { careplan, careplanBin, copyRepo, gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { lastCommit, workingTreeChanges } from '../helpers/records.js';
import { twoPeopleRepo, WRITES } from '../helpers/hostile.js';

/**
 * Issue 13, "What broke" 6: orphan temporary files and new records from killed writes stayed
 * uncommitted, and a retry was refused as "already exists" for ever. `careplan doctor`.
 */

let base: string;
beforeAll(async () => {
  base = await twoPeopleRepo();
});
afterAll(() => removeDir(base));

/** Runs the real bin with a crash point: it kills itself there (SIGKILL), as `kill -9` would. */
async function killedAt(dir: string, point: string, args: string[]): Promise<void> {
  const result = await careplanBin(args, { cwd: dir, env: { CAREPLAN_CRASH_AT: point } });
  expect(result.exitCode, result.stderr).not.toBe(0);
}

const REVIEW = 'people/p-edith/reviews/2026-11-28-plan.yaml';

describe('careplan doctor', () => {
  it('finishes a write killed before its commit: commits it with its own subject and trailers; --dry-run only reports', async () => {
    const dir = copyRepo(base);
    await killedAt(dir, 'file-written', WRITES.review);
    expect(existsSync(path.join(dir, REVIEW))).toBe(true);

    const report = await careplan(['doctor', '--dry-run'], { cwd: dir });
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toMatch(
      /needs you: the write lock is held by `careplan review` \(process \d+ on .*\), but process \d+ is no longer running/,
    );
    expect(report.stdout).toMatch(
      new RegExp(
        'needs you: `careplan review` by s-ben \\(process \\d+ on .*\\) was stopped before it committed ' +
          'people\\/p-edith\\/reviews\\/2026-11-28-plan\\.yaml',
      ),
    );
    // The interrupted write's own file is not listed again as a record nobody committed.
    expect(report.stdout).not.toContain('not in git yet');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);

    const repaired = await careplan(['doctor'], { cwd: dir });
    expect(repaired.exitCode, repaired.stdout).toBe(0);
    expect(repaired.stdout).toContain('repaired: removed a stale write lock');
    expect(repaired.stdout).toMatch(
      /repaired: .* finished it and committed it \([0-9a-f]{7}\) as "Plan review of p-edith", with its own trailers/,
    );
    const commit = await lastCommit(dir);
    expect(commit.files).toEqual([REVIEW]);
    expect(commit.trailers).toEqual({ 'Careplan-Action': ['review'], 'Careplan-Person': ['p-edith'], 'Careplan-By': ['s-ben'] });
    expect(await workingTreeChanges(dir)).toBe('');
    expect(readdirSync(path.join(dir, '.careplan'))).toEqual([]);
    expect((await careplan(['doctor'], { cwd: dir })).stdout).toContain('Nothing to put right');
    removeDir(dir);
  });

  it('without doctor, the retry of a killed write is not refused as "already exists": the next write undoes it first', async () => {
    const dir = copyRepo(base);
    await killedAt(dir, 'staged', WRITES.review);
    const retry = await careplan(WRITES.review, { cwd: dir });
    expect(retry.exitCode, retry.stderr).toBe(0);
    expect(retry.stderr).toMatch(
      new RegExp(
        'careplan: warning: `careplan review` by s-ben \\(process \\d+ on .*\\) was stopped before it could commit ' +
          'people\\/p-edith\\/reviews\\/2026-11-28-plan\\.yaml; careplan put it back as before',
      ),
    );
    expect((await lastCommit(dir)).files).toEqual([REVIEW]);
    expect(await workingTreeChanges(dir)).toBe('');

    // An outcome killed after it created the month's file: the retry makes that file with one entry,
    // without the false "had changes not yet committed" warning a leftover file used to bring.
    await killedAt(dir, 'file-written', WRITES.outcome);
    const again = await careplan(WRITES.outcome, { cwd: dir });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('had changes not yet committed');
    expect(read(dir, 'people/p-edith/outcomes/2026-11.yaml').match(/note: Walked to lunch/g)).toHaveLength(1);
    expect(await workingTreeChanges(dir)).toBe('');
    removeDir(dir);
  });

  it("removes temporary files left by killed writes, and git's index lock once it is old", async () => {
    const dir = copyRepo(base);
    await killedAt(dir, 'temp-written', WRITES.outcome);
    const temps = readdirSync(path.join(dir, 'people/p-edith/outcomes')).filter((f) => f.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    const indexLock = path.join(dir, '.git', 'index.lock');
    writeFileSync(indexLock, '');
    // Doctor's repairs wait for git's index as a write does (CAREPLAN_INDEX_LOCK_WAIT seconds; 3 by default).
    const young = await careplan(['doctor'], { cwd: dir, env: { CAREPLAN_INDEX_LOCK_WAIT: '0.3' } });
    expect(young.exitCode).toBe(1);
    expect(young.stdout).toContain("needs you: git's index is locked");
    expect(young.stdout).toContain('repaired: removed 1 temporary file left by stopped writes');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(indexLock, old, old);
    const repaired = await careplan(['doctor'], { cwd: dir });
    expect(repaired.exitCode, repaired.stdout).toBe(0);
    expect(repaired.stdout).toContain("repaired: removed git's index lock");
    expect(readdirSync(path.join(dir, 'people/p-edith/outcomes')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(indexLock)).toBe(false);
    removeDir(dir);
  });

  it('a lock committed to git: commits its removal and ignores it, keeping the rest of the index as it was', async () => {
    const dir = copyRepo(base);
    writeFiles(dir, {
      [LOCK_FILE]: JSON.stringify({ pid: 4242, host: 'laptop-upstairs', since: '2026-11-02T10:00:00.000Z' }),
      '.gitignore': '',
    });
    await gitIn(dir, ['add', '-f', LOCK_FILE, '.gitignore']);
    await gitIn(dir, ['commit', '-qm', 'oops: git add -A took the lock']);
    writeFiles(dir, { 'staff/s-ben.yaml': '# staged by hand, not to be committed by doctor\n' });
    await gitIn(dir, ['add', 'staff/s-ben.yaml']);
    const result = await careplan(['doctor'], { cwd: dir });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      `repaired: ${LOCK_FILE} was committed to git; committed its removal (the file stays on disk) and added it to .gitignore`,
    );
    expect(await gitIn(dir, ['ls-tree', '-r', '--name-only', 'HEAD', '.careplan'])).toBe('');
    expect((await lastCommit(dir)).files).toEqual(['.careplan/lock', '.gitignore']);
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe('M  staff/s-ben.yaml');
    removeDir(dir);
  });

  it('lists a new record nobody committed, with what to do; --json gives the same as data', async () => {
    const dir = copyRepo(base);
    writeFiles(dir, { 'feedback/2026-11-20-family.yaml': 'at: 2026-11-20T10:00\nfrom: family\nsentiment: positive\ntext: Lovely\n' });
    const result = await careplan(['doctor', '--json'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.items).toEqual([
      expect.objectContaining({ topic: 'new-records', state: 'attention', files: ['feedback/2026-11-20-family.yaml'] }),
    ]);
    removeDir(dir);
  });

  it('--help ends with real examples', async () => {
    const help = await careplan(['doctor', '--help']);
    expect(
      help.stdout
        .split('\nExamples:\n')[1]
        .trim()
        .split('\n')
        .every((line) => line.trim().startsWith('$ careplan doctor')),
    ).toBe(true);
  });
});
