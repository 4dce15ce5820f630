import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, careplanBin, gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { commitCount, recordErrors, seedRepo, workingTreeChanges } from '../helpers/records.js';

const OUTCOMES = 'people/p-edith/outcomes/2026-11.yaml';
const outcomesText = (dir: string) => (existsSync(path.join(dir, OUTCOMES)) ? read(dir, OUTCOMES) : '(none)');

describe('concurrent writers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  // More writers than cores, all at the lock at once (the fault suite adds kills; test:faults runs more).
  const WRITERS = 8;
  it('lands eight simultaneous outcomes for one person: every entry, valid YAML, one commit each', async () => {
    const before = await commitCount(dir);
    const runs = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        careplanBin(
          [
            'outcome',
            'p-edith',
            '--as',
            's-carl',
            '--goal',
            'mob-indep',
            '--result',
            'improving',
            '--note',
            `walk ${i}`,
            '--at',
            `2026-11-02T10:${String(i).padStart(2, '0')}`,
          ],
          // The machine running the tests is slower than a care home's laptop with several processes at once.
          { cwd: dir, env: { CAREPLAN_LOCK_WAIT: '120' } },
        ),
      ),
    );
    const landed = runs.filter((r) => r.exitCode === 0);
    for (const run of runs.filter((r) => r.exitCode !== 0)) {
      // The only acceptable failure is a clear retry message, with nothing written.
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('Run the same command again');
    }
    expect(landed.length).toBe(WRITERS);
    const entries = jsYaml.load(read(dir, OUTCOMES)) as { note: string }[];
    expect(entries.map((e) => e.note).sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `walk ${i}`).sort());
    expect(await commitCount(dir)).toBe(before + landed.length);
    const touched = (await gitIn(dir, ['log', `-${landed.length}`, '--format=', '--name-only'])).split('\n').filter(Boolean);
    expect(new Set(touched)).toEqual(new Set([OUTCOMES]));
    expect(recordErrors(dir)).toEqual([]);
    expect(await workingTreeChanges(dir)).toBe('');
    expect(existsSync(path.join(dir, '.careplan', 'lock'))).toBe(false);
  }, 180_000);

  it('breaks a lock left by a process that is no longer running, says so, and records', async () => {
    const child = execa('node', ['-e', '']);
    const gone = { pid: child.pid };
    await child;
    const lock = path.join(dir, '.careplan', 'lock');
    const stale = { pid: gone.pid, host: hostname(), since: '2026-11-02T10:00:00.000Z', command: 'careplan outcome' };
    writeFiles(dir, {
      '.careplan/lock': `${JSON.stringify(stale)}\n`,
    });
    const result = await careplan(
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'improving', '--at', '2026-11-03T10:00'],
      { cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `careplan: warning: the records were locked by \`careplan outcome\` (process ${gone.pid} on ${hostname()}, ` +
        `since 2026-11-02T10:00:00.000Z), but process ${gone.pid} is no longer running; careplan removed that lock.`,
    );
    expect(outcomesText(dir)).toContain('- at: 2026-11-03T10:00\n');
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a running writer, then gives up with a retry message', async () => {
    const held = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: 'careplan signoff' };
    writeFiles(dir, {
      '.careplan/lock': `${JSON.stringify(held)}\n`,
    });
    const before = outcomesText(dir);
    const result = await careplan(
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'improving', '--at', '2026-11-03T10:00'],
      { cwd: dir, env: { CAREPLAN_LOCK_WAIT: '1' } },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`The records are busy: \`careplan signoff\` (process ${process.pid}`);
    expect(result.stderr).toContain('Nothing was written. Run the same command again in a moment.');
    expect(outcomesText(dir)).toBe(before);
  });
});
