import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workTreeStatus } from '../../src/repo/git.js';
import { withEnvironment } from '../../src/repo/childEnvironment.js';
import { careplan, copyRepo, gitIn, gitRepo } from '../helpers/repo.js';

/**
 * A copy of a repository (`cp -a`, a restore from backup, a new laptop) keeps git's index with the
 * old files' stat data: until something writes the index, git reads every file again to compare it,
 * on every `check`. check's git status may take git's optional lock, as a person's does, so the
 * first check after a copy leaves the index refreshed; it never writes when another git command
 * holds the lock, and keeps to GIT_OPTIONAL_LOCKS=0 when the environment sets it.
 */

const FILES: Record<string, string> = {
  'careplan.yaml': 'provider:\n  name: Stale House\ntimezone: Europe/London\n',
  'people/p-ann/person.yaml': 'id: p-ann\nname: Ann\n',
  'people/p-bob/person.yaml': 'id: p-bob\nname: Bob\n',
  'notes.txt': 'not a record\n',
};

/** Files whose stat data differs from git's index (git compares nothing else: `diff-files` never refreshes). */
const statDirty = async (dir: string) => (await gitIn(dir, ['diff-files', '--name-only'])).split('\n').filter(Boolean).sort();

/** A copy of a repository whose index was written before the copy: every file's stat data is the old one. */
async function copied(): Promise<string> {
  const original = await gitRepo(FILES);
  const copy = copyRepo(original);
  expect(await statDirty(copy)).toEqual(Object.keys(FILES).sort());
  return copy;
}

describe('a copied repository: check leaves git’s index refreshed', () => {
  it('the first check after a copy refreshes the index, and says nothing is uncommitted', async () => {
    const dir = await copied();
    const result = await careplan(['check', '--repo', dir, '--format', 'json', '--no-cache']);
    expect(result.stderr).toBe('');
    const rules = (JSON.parse(result.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules).not.toContain('uncommitted');
    expect(await statDirty(dir)).toEqual([]);
  });

  it('a file really changed stays changed: git refreshes only what it compared equal', async () => {
    const dir = await copied();
    writeFileSync(path.join(dir, 'people/p-bob/person.yaml'), 'id: p-bob\nname: Robert\n');
    const status = await workTreeStatus(dir);
    expect(status?.uncommitted).toEqual(['people/p-bob/person.yaml']);
    expect(await statDirty(dir)).toEqual(['people/p-bob/person.yaml']);
  });

  it('while another git command holds the index lock, status answers and writes nothing', async () => {
    const dir = await copied();
    const lock = path.join(dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    const status = await workTreeStatus(dir);
    expect(status?.uncommitted).toEqual([]);
    expect(existsSync(lock)).toBe(true);
    expect(await statDirty(dir)).toEqual(Object.keys(FILES).sort());
  });

  it('with GIT_OPTIONAL_LOCKS=0 in the environment, git takes no lock and writes nothing', async () => {
    const dir = await copied();
    const status = await withEnvironment({ ...process.env, GIT_OPTIONAL_LOCKS: '0' }, () => workTreeStatus(dir));
    expect(status?.uncommitted).toEqual([]);
    expect(await statDirty(dir)).toEqual(Object.keys(FILES).sort());
  });
});
