import { execa } from 'execa';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectLock, LOCK_FILE, STALE_AFTER_MS, staleReason, withLock, type LockFile } from '../../src/repo/lock.js';
import { GIT_ENV, gitIn, gitRepo, removeDir, tempDir, writeFiles } from '../helpers/repo.js';

/** Issue 13, "What broke" 6: the lock could block every write for ever. src/repo/lock.ts */

Object.assign(process.env, GIT_ENV);

let dir: string;
beforeAll(() => {
  dir = tempDir('careplan-lock-');
});
afterAll(() => removeDir(dir));

const lockPath = () => path.join(dir, LOCK_FILE);
const ago = (ms: number) => new Date(Date.now() - ms);

function leaveLock(content: string, age = 0): void {
  writeFiles(dir, { [LOCK_FILE]: content });
  if (age) utimesSync(lockPath(), ago(age), ago(age));
}

async function goneProcess(): Promise<number> {
  const child = execa('node', ['-e', '']);
  const pid = child.pid!;
  await child;
  return pid;
}

/** Takes the lock with a one-second wait; what it noticed, or the error it gave. */
async function take(): Promise<{ ok: boolean; notices: string[]; error?: Error }> {
  const notices: string[] = [];
  try {
    await withLock(dir, async () => undefined, { waitMs: 1000, notices, command: 'test' });
    return { ok: true, notices };
  } catch (error) {
    return { ok: false, notices, error: error as Error };
  }
}

describe('a stale lock is broken with a notice, never honoured for ever', () => {
  it('left empty (a full disk: created, never written), once it is a moment old', async () => {
    leaveLock('', 5000);
    const result = await take();
    expect(result.ok).toBe(true);
    expect(result.notices).toEqual([
      'the records were locked by another careplan, but it names no process (it is empty or unreadable, as a full disk or a crash ' +
        'leaves it); careplan removed that lock.',
    ]);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('left by a process of this computer that is no longer running', async () => {
    const pid = await goneProcess();
    leaveLock(JSON.stringify({ pid, host: hostname(), since: '2026-11-02T10:00:00.000Z', command: 'careplan outcome' }));
    const result = await take();
    expect(result.notices).toEqual([
      `the records were locked by \`careplan outcome\` (process ${pid} on ${hostname()}, since 2026-11-02T10:00:00.000Z), but process ` +
        `${pid} is no longer running; careplan removed that lock.`,
    ]);
  });

  it.skipIf(!existsSync('/proc/self/stat'))('whose process id now belongs to another program (the id was reused)', async () => {
    leaveLock(JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-02T10:00:00.000Z', started: '1' }));
    const result = await take();
    expect(result.notices[0]).toContain(`but process ${process.pid} is now another program; careplan removed that lock.`);
  });

  it('from another computer, once not renewed for the bound; until then, busy with a hint', async () => {
    const foreign = JSON.stringify({ pid: 4242, host: 'laptop-upstairs', since: '2026-11-02T10:00:00.000Z', command: 'careplan signoff' });
    leaveLock(foreign, 1000);
    const busy = await take();
    expect(busy.ok).toBe(false);
    expect(busy.error!.message).toContain('The records are busy: `careplan signoff` (process 4242 on laptop-upstairs');
    expect((busy.error as Error & { hint: string }).hint).toContain(
      `If nothing runs careplan on laptop-upstairs, its lock is removed once it has not been renewed for ${STALE_AFTER_MS / 1000} s`,
    );
    expect(existsSync(lockPath())).toBe(true);
    utimesSync(lockPath(), ago(STALE_AFTER_MS + 5000), ago(STALE_AFTER_MS + 5000));
    const broken = await take();
    expect(broken.ok).toBe(true);
    expect(broken.notices[0]).toMatch(
      /but it has not been renewed for \d+ s \(a running careplan renews it every 5 s\); careplan removed that lock\.$/,
    );
  });

  it('committed to git (a clone starts with it): broken at once, whoever it names', async () => {
    const repo = await gitRepo({
      'careplan.yaml': 'provider: { name: Test }\n',
      [LOCK_FILE]: JSON.stringify({ pid: 4242, host: 'laptop-upstairs', since: '2026-11-02T10:00:00.000Z' }),
    });
    const notices: string[] = [];
    await withLock(repo, async () => undefined, { waitMs: 1000, notices });
    expect(notices[0]).toContain(
      'but it was committed to git, so it came with the files rather than from a running careplan; careplan removed that lock.',
    );
    expect((await inspectLock(repo)).state).toBe('free');
    removeDir(repo);
  });

  it('a live holder on this computer is waited for, not broken (known by its start time, even when it is slow to renew)', async () => {
    const stat = existsSync('/proc/self/stat') ? readFileSync('/proc/self/stat', 'utf8') : undefined;
    const started = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    leaveLock(
      JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), started }),
      started ? STALE_AFTER_MS * 2 : 0,
    );
    const result = await take();
    expect(result.ok).toBe(false);
    expect(result.error!.message).toContain('The records are busy');
    removeDir(lockPath());
  });
});

describe('the holder', () => {
  it('records its pid, host, start and start time, renews the lock while it writes, and removes it after', async () => {
    let held: Record<string, unknown> = {};
    let renewed = false;
    await withLock(
      dir,
      async () => {
        held = JSON.parse(readFileSync(lockPath(), 'utf8'));
        utimesSync(lockPath(), ago(60_000), ago(60_000));
        await new Promise((resolve) => setTimeout(resolve, 200));
        renewed = Date.now() - statSync(lockPath()).mtimeMs < 10_000;
      },
      { command: 'careplan outcome', heartbeatMs: 50 },
    );
    expect(held).toMatchObject({ pid: process.pid, host: hostname(), command: 'careplan outcome', since: expect.any(String) });
    if (existsSync('/proc/self/stat')) expect(held.started).toMatch(/^\d+$/);
    expect(renewed).toBe(true);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('finds out, before writing, that its lock was taken from it', async () => {
    const attempt = withLock(dir, async (lease) => {
      writeFileSync(lockPath(), JSON.stringify({ pid: 1, host: 'elsewhere', since: 'x' }));
      lease.check();
    });
    await expect(attempt).rejects.toThrow('careplan lost its write lock while this command ran');
    removeDir(lockPath());
  });

  it('staleReason judges a lock by what it says and how old it is', () => {
    const lock = (holder: unknown, age: number): LockFile => ({
      holder: holder as LockFile['holder'],
      link: false,
      ino: 1,
      mtimeMs: Date.now() - age,
      raw: '',
    });
    expect(staleReason(lock(undefined, 100), Date.now(), false)).toBeUndefined();
    expect(staleReason({ ...lock(undefined, 0), link: true }, Date.now(), false)).toBe('it is a symbolic link, not a lock careplan wrote');
    expect(staleReason(lock({ pid: 1, host: 'elsewhere', since: 'x' }, 1000), Date.now(), false)).toBeUndefined();
    expect(staleReason(lock({ pid: 1, host: 'elsewhere', since: 'x' }, 1000), Date.now(), true)).toContain('committed to git');
  });
});

describe('careplan init and the example ignore the lock', () => {
  it('in the example, git ignores .careplan/lock and the journal', async () => {
    const example = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples', 'sunrise-house');
    const repo = await gitRepo({ 'x.txt': 'x\n' });
    writeFileSync(path.join(repo, '.gitignore'), readFileSync(path.join(example, '.gitignore')));
    writeFiles(repo, { [LOCK_FILE]: '{}', '.careplan/journal.json': '{}', '.careplan/journal-1.json': '{}', '.careplan/lock.break': '' });
    expect(await gitIn(repo, ['status', '--porcelain', '--untracked-files=all'])).toBe('?? .gitignore');
    removeDir(repo);
  });
});
