import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEnvironment } from '../../src/repo/childEnvironment.js';
import { commitFiles, commitMessage } from '../../src/repo/git.js';
import { GIT_ENV, gitIn, gitRepo, removeDir, writeFiles } from '../helpers/repo.js';

// commitFiles runs git as careplan does inside a command: with that command's environment, here
// the tests' fixed identity.
const asTests = <T>(work: () => Promise<T>) => withEnvironment({ ...process.env, ...GIT_ENV }, work);

let dir: string;
beforeAll(async () => {
  dir = await gitRepo({ 'careplan.yaml': 'provider: { name: Test House }\n' });
});
afterAll(() => removeDir(dir));

describe('commitMessage', () => {
  it('puts the trailers after a blank line', () => {
    expect(commitMessage('Sign off p-edith plan v2', { action: 'signoff', person: 'p-edith', by: 's-amina' })).toBe(
      'Sign off p-edith plan v2\n\nCareplan-Action: signoff\nCareplan-Person: p-edith\nCareplan-By: s-amina\n',
    );
  });
  it('keeps the subject to one line, so a name cannot forge a trailer', () => {
    const message = commitMessage('Start care records for Oak\n\nCareplan-Action: signoff', { action: 'init' });
    expect(message.split('\n\n')).toHaveLength(2);
    expect(message.match(/^Careplan-Action: .*$/gm)).toEqual(['Careplan-Action: init']);
  });
});

describe('commitFiles', () => {
  it('commits exactly the files named, leaving other staged work staged', async () => {
    writeFiles(dir, { 'staff/s-ben.yaml': 'id: s-ben\n', 'staff/s-amina.yaml': 'id: s-amina\n', 'notes.txt': 'mine\n' });
    await gitIn(dir, ['add', 'notes.txt']);
    const result = await asTests(() => commitFiles(dir, ['staff/s-ben.yaml'], 'Add s-ben', { action: 'staff-add', by: 's-amina' }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.sha).toBe((await gitIn(dir, ['rev-parse', 'HEAD'])).trim());
    expect((await gitIn(dir, ['show', '--name-only', '--format=', 'HEAD'])).trim()).toBe('staff/s-ben.yaml');
    expect((await gitIn(dir, ['log', '-1', '--format=%(trailers:key=Careplan-Action,valueonly)'])).trim()).toBe('staff-add');
    const status = await gitIn(dir, ['status', '--porcelain']);
    expect(status).toContain('A  notes.txt');
    expect(status).toContain('?? staff/s-amina.yaml');
  });

  it('takes a file name literally, never as a glob', async () => {
    writeFiles(dir, { 'feedback/2026-11-14-a.yaml': 'a: 1\n', 'feedback/2026-11-14-b.yaml': 'b: 1\n' });
    const result = await asTests(() => commitFiles(dir, ['feedback/*.yaml'], 'Glob', { action: 'feedback' }));
    expect(result.ok).toBe(false);
    expect((await gitIn(dir, ['status', '--porcelain'])).split('\n').filter((l) => l.includes('feedback/'))).toEqual(['?? feedback/']);
  });

  it('refuses an empty list rather than committing everything staged', async () => {
    const head = await gitIn(dir, ['rev-parse', 'HEAD']);
    const result = await asTests(() => commitFiles(dir, [], 'Nothing', { action: 'none' }));
    expect(result).toEqual({ ok: false, message: 'no files to commit' });
    expect(await gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await gitIn(dir, ['status', '--porcelain'])).toContain('A  notes.txt');
  });
});
