import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, EXAMPLE, gitIn, read, removeDir, tempDir } from '../helpers/repo.js';

/**
 * A records repository handed over with a `core.worktree` naming another folder (or left by a
 * tool that set one): git would then stage and commit the files in that folder, not the records.
 * Before careplan checked, `outcome` wrote the entry here and committed the month file's deletion
 * (it is missing there) while saying it had recorded it.
 */

const NOW = () => Date.parse('2026-11-26T12:00:00Z');
const MONTH = 'people/p-edith/outcomes/2026-11.yaml';
let dir: string;
let elsewhere: string;

beforeAll(async () => {
  dir = tempDir('careplan-worktree-');
  cpSync(EXAMPLE, dir, { recursive: true });
  await gitIn(dir, ['init', '--quiet', '--initial-branch=main']);
  await gitIn(dir, ['add', '-A']);
  await gitIn(dir, ['commit', '--quiet', '-m', 'records']);
  elsewhere = tempDir('careplan-elsewhere-');
  await gitIn(dir, ['config', 'core.worktree', elsewhere]);
});
afterAll(() => [dir, elsewhere].forEach(removeDir));

describe('records outside the work tree their repository names (core.worktree)', () => {
  it('a write refuses before writing, naming the setting and its fix; nothing is written or committed', async () => {
    const before = read(dir, MONTH);
    const head = await gitIn(dir, ['rev-parse', 'HEAD']);
    const outcome = ['outcome', 'p-edith', '--goal', 'mob-supported', '--result', 'improving', '--note', 'Walked', '--as', 's-ben'];
    const r = await careplan([...outcome, '--at', '2026-11-26T10:00'], { cwd: dir, now: NOW });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`git's work tree for ${dir} is ${elsewhere} (core.worktree`);
    expect(r.stderr).toContain('Nothing was written.');
    expect(r.stderr).toContain('git config --unset core.worktree');
    expect(read(dir, MONTH)).toBe(before);
    expect(await gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(existsSync(path.join(dir, '.careplan', 'journal.json'))).toBe(false);
    // --no-commit still writes, as it does outside git.
    const loose = await careplan([...outcome, '--at', '2026-11-26T10:05', '--no-commit'], { cwd: dir, now: NOW });
    expect(loose.exitCode).toBe(0);
    expect(read(dir, MONTH)).not.toBe(before);
  });

  it('check reports not-versioned with the cause and the fix, not "run git init"', async () => {
    const r = await careplan(['check', '--format', 'json', '--fail-on', 'never'], { cwd: dir, now: NOW });
    const findings = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'not-versioned');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('outside the work tree');
    expect(findings[0].fix).toContain('git config --unset core.worktree');
  });

  it('a core.worktree that names the records folder itself (or a folder above it) changes nothing: writes commit', async () => {
    const own = tempDir('careplan-worktree-own-');
    cpSync(EXAMPLE, own, { recursive: true });
    await gitIn(own, ['init', '--quiet', '--initial-branch=main']);
    await gitIn(own, ['add', '-A']);
    await gitIn(own, ['commit', '--quiet', '-m', 'records']);
    await gitIn(own, ['config', 'core.worktree', own]);
    const outcome = ['outcome', 'p-edith', '--goal', 'mob-supported', '--result', 'improving', '--note', 'Walked', '--as', 's-ben'];
    const r = await careplan([...outcome, '--at', '2026-11-26T10:00'], { cwd: own, now: NOW });
    expect(r.exitCode).toBe(0);
    expect(await gitIn(own, ['show', '--name-status', '--format=', 'HEAD'])).toBe(`M\t${MONTH}`);
    expect(await gitIn(own, ['status', '--porcelain'])).toBe('');
    removeDir(own);
  });

  it('history and verify refuse with the cause and the fix rather than reading another folder', async () => {
    for (const command of [['history', 'p-edith'], ['verify']]) {
      const r = await careplan(command, { cwd: dir, now: NOW });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('is not inside the work tree');
      expect(r.stderr).toContain('git config --unset core.worktree');
    }
  });

  it('doctor names the setting and its fix, not "run git init"', async () => {
    const r = await careplan(['doctor'], { cwd: dir, now: NOW });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`is outside the work tree its git repository's configuration names (${elsewhere}, core.worktree)`);
    expect(r.stdout).toContain('git config --unset core.worktree');
    expect(r.stdout).not.toContain('git init');
  });
});
