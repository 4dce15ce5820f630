import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { lastCommit, recordErrors, seedRepo } from '../helpers/records.js';

describe('the roster and the people supported', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  it('lists staff and people with their plan state', async () => {
    const staff = await careplan(['staff', 'list'], { cwd: dir });
    expect(staff.stdout.split('\n')[0]).toMatch(/^id\s+name\s+roles\s+email$/);
    expect(staff.stdout).toMatch(/s-amina\s+Amina Okafor\s+registered-manager\s+amina@sunrise.example/);
    const people = JSON.parse((await careplan(['person', 'list', '--json'], { cwd: dir })).stdout) as {
      id: string;
      plan: string;
      version: number;
    }[];
    expect(people).toEqual([expect.objectContaining({ id: 'p-edith', plan: 'approved', version: 1, key_worker: 's-ben' })]);
  });

  it('discharges a person, keeping the comments in person.yaml, and refuses to do it twice', async () => {
    writeFiles(dir, { 'people/p-edith/person.yaml': `# Admitted from St Luke's ward 7.\n${read(dir, 'people/p-edith/person.yaml')}` });
    await gitIn(dir, ['commit', '-qam', 'note']);
    const before = read(dir, 'people/p-edith/person.yaml');
    const result = await careplan(['person', 'discharge', 'p-edith', '--on', '2026-11-20', '--as', 's-amina'], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const after = read(dir, 'people/p-edith/person.yaml');
    expect(after).toBe(`${before.replace('status: active', 'status: discharged')}discharged: 2026-11-20\n`);
    const commit = await lastCommit(dir);
    expect(commit.trailers).toMatchObject({
      'Careplan-Action': ['person-discharge'],
      'Careplan-Person': ['p-edith'],
      'Careplan-By': ['s-amina'],
    });
    expect(recordErrors(dir)).toEqual([]);
    const again = await careplan(['person', 'discharge', 'p-edith', '--as', 's-amina'], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('p-edith was already discharged on 2026-11-20');
    expect((await careplan(['person', 'list'], { cwd: dir })).stdout).toBe(
      'No one is supported at present (1 discharged: careplan person list --all).',
    );
    expect((await careplan(['person', 'list', '--all'], { cwd: dir })).stdout).toMatch(
      /p-edith\s+Edith Clarke\s+s-ben\s+v1 approved\s+discharged 2026-11-20/,
    );
  });
});
