import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordWithLock } from '../../src/commands/recording.js';
import type { Io } from '../../src/io.js';
import { afterWrite, newRecord, writeWithLock, type PlannedWrite } from '../../src/repo/recordWriter.js';
import type { Workspace } from '../../src/model/workspace.js';
import { GIT_ENV, gitIn, gitRepo, removeDir, tempDir, writeFiles } from '../helpers/repo.js';

// git runs in this process here: give it the tests' fixed identity.
Object.assign(process.env, GIT_ENV);

const RECORDS = { 'careplan.yaml': 'provider: { name: Test House }\ntimezone: Europe/London\n' };
const AS_OF = Date.parse('2026-11-26T12:00:00Z');

function addStaff(id: string, name: string): (ws: Workspace) => PlannedWrite {
  return (ws) => ({
    changes: [newRecord(ws.root, `staff/${id}.yaml`, { id, name, roles: ['care-staff'], active: true }, { flowLists: ['roles'] })],
    people: [],
    subject: `Add staff member ${id}`,
    trailers: { action: 'staff-add' },
    done: `Added ${id}\nsecond line`,
    next: 'Next: tell them.',
  });
}

let inGit: string;
let outside: string;
beforeAll(async () => {
  inGit = await gitRepo(RECORDS);
  outside = tempDir();
  writeFiles(outside, RECORDS);
});
afterAll(() => [inGit, outside].forEach(removeDir));

describe('writeWithLock: repo/ writes and commits, and returns what happened instead of printing', () => {
  it('in git: the commit made, no warnings', async () => {
    const result = await writeWithLock(inGit, { people: [], commit: true, asOf: AS_OF, command: 'test' }, addStaff('s-ben', 'Ben Hollis'));
    expect(result.files).toEqual(['staff/s-ben.yaml']);
    expect(result.sha).toBe((await gitIn(inGit, ['rev-parse', 'HEAD'])).trim());
    expect(result.warnings).toEqual([]);
    expect(result.planned.done).toBe('Added s-ben\nsecond line');
  });

  it('a file with changes not yet committed: committed with the record, and a warning says so', async () => {
    writeFiles(inGit, { 'careplan.yaml': `${RECORDS['careplan.yaml']}# edited\n` });
    const result = await writeWithLock(inGit, { people: [], commit: true, asOf: AS_OF, command: 'test' }, (ws) => ({
      ...addStaff('s-carl', 'Carl Jenkins')(ws),
      changes: [
        ...addStaff('s-carl', 'Carl Jenkins')(ws).changes,
        { file: 'careplan.yaml', text: readFileSync(path.join(inGit, 'careplan.yaml'), 'utf8'), created: false },
      ],
    }));
    expect(result.sha).toBeDefined();
    expect(result.warnings).toEqual(['careplan.yaml had changes not yet committed; they are committed together with this record.']);
  });

  it('as git status would say: a change only staged and a file git does not track are uncommitted; a clean file is not', async () => {
    const staff = (id: string, name: string) => `id: ${id}\nname: ${name}\nroles: [care-staff]\nactive: true\n`;
    writeFiles(inGit, { 'careplan.yaml': `${RECORDS['careplan.yaml']}# staged\n`, 'staff/s-zed.yaml': staff('s-zed', 'Zed Ames') });
    await gitIn(inGit, ['add', 'careplan.yaml']);
    const rewrite = (file: string) => ({ file, text: readFileSync(path.join(inGit, file), 'utf8'), created: false });
    const result = await writeWithLock(inGit, { people: [], commit: true, asOf: AS_OF, command: 'test' }, (ws) => ({
      ...addStaff('s-dan', 'Dan Ives')(ws),
      changes: [rewrite('careplan.yaml'), rewrite('staff/s-ben.yaml'), rewrite('staff/s-zed.yaml')],
    }));
    expect(result.warnings).toEqual([
      'careplan.yaml, staff/s-zed.yaml had changes not yet committed; they are committed together with this record.',
    ]);
    expect(await gitIn(inGit, ['status', '--porcelain'])).toBe('');
  });

  it('outside git: refused before anything is written, naming --no-commit as the way to write without a trail', async () => {
    const refused = writeWithLock(outside, { people: [], commit: true, asOf: AS_OF, command: 'test' }, addStaff('s-ben', 'Ben Hollis'));
    await expect(refused).rejects.toThrow(
      `${outside} is not in a git repository, so this change would have no change trail (who changed what, and when). Nothing was written.`,
    );
    await expect(refused).rejects.toMatchObject({ hint: expect.stringContaining('or pass --no-commit to write without committing') });
    expect(existsSync(path.join(outside, 'staff/s-ben.yaml'))).toBe(false);
  });

  it('--no-commit: written, no commit, nothing to warn about', async () => {
    const result = await writeWithLock(
      outside,
      { people: [], commit: false, asOf: AS_OF, command: 'test' },
      addStaff('s-dana', 'Dana Morgan'),
    );
    expect(result.files).toEqual(['staff/s-dana.yaml']);
    expect(result.sha).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });
});

describe('recordWithLock: the command says what the write did', () => {
  it('warnings and the next step on stderr, what was recorded with its commit on stdout', async () => {
    let out = '';
    let err = '';
    const io: Io = {
      cwd: outside,
      env: {},
      stdin: process.stdin,
      now: () => AS_OF,
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
    };
    await recordWithLock(io, outside, { people: [], commit: false, asOf: AS_OF, command: 'test' }, addStaff('s-eve', 'Eve Shaw'));
    expect(out).toBe('Added s-eve\nsecond line\n');
    expect(err).toBe('Next: tell them.\n');

    out = '';
    err = '';
    const result = await recordWithLock(
      { ...io, cwd: inGit },
      inGit,
      { people: [], commit: true, asOf: AS_OF, command: 'test' },
      addStaff('s-fay', 'Fay Holt'),
    );
    expect(out).toBe(`Added s-fay (commit ${result.sha!.slice(0, 7)})\nsecond line\n`);
    expect(err).toBe('Next: tell them.\n');
  });
});

describe('afterWrite: the repository as a write would leave it, loaded once for its changes', () => {
  it('the same changes give the same workspace; other text, other people or a copied list load afresh', () => {
    const changes = [newRecord(outside, 'staff/s-dee.yaml', { id: 's-dee', name: 'Dee Lane', roles: ['care-staff'], active: true })];
    const after = afterWrite(outside, changes, new Set());
    expect(after.staff.get('s-dee')?.data.name).toBe('Dee Lane');
    expect(afterWrite(outside, changes, new Set())).toBe(after);
    expect(afterWrite(outside, [...changes], new Set())).not.toBe(after);
    expect(afterWrite(outside, changes, new Set(['p-x']))).not.toBe(after);
    changes[0] = { ...changes[0], text: changes[0].text.replace('Dee Lane', 'Dee Lane-Smith') };
    expect(afterWrite(outside, changes, new Set()).staff.get('s-dee')?.data.name).toBe('Dee Lane-Smith');
    // Nothing was written: only loaded as it would be.
    expect(existsSync(path.join(outside, 'staff', 's-dee.yaml'))).toBe(false);
  });
});
