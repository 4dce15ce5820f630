import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { commitCount, lastCommit, recordErrors, seedRepo, workingTreeChanges } from '../helpers/records.js';

const AUDIT = `month: 2026-10
saved_at: 2026-11-05T10:00
saved_by: s-amina
metrics: {}
findings: { by_rule: {} }
actions:
  - { description: Review Edie's mobility goal, owner: s-ben, due: 2026-11-20 }
  - { description: Refresh moving and handling training, owner: s-amina, due: 2026-11-30 }
`;

/** `careplan audit action` in process, on a seed repository with October's audit saved (two actions). */
describe('careplan audit action', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
    writeFiles(dir, { 'audits/2026-10.yaml': AUDIT });
    await gitIn(dir, ['add', '-A']);
    await gitIn(dir, ['commit', '-qm', 'October audit']);
  });
  afterAll(() => removeDir(dir));

  async function refused(args: string[]): Promise<string> {
    const before = await commitCount(dir);
    const result = await careplan(['audit', 'action', ...args], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(await commitCount(dir)).toBe(before);
    expect(await workingTreeChanges(dir)).toBe('');
    return result.stderr;
  }

  it('closes an action as done, appending to audits/actions.yaml, as one commit', async () => {
    const result = await careplan(
      ['audit', 'action', '2026-10', '1', '--done', '--note', 'Goal reworded with Edie', '--as', 's-ben', '--at', '2026-11-19T10:00'],
      { cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Closed action 1 of the audit of 2026-10 as done: Review Edie's mobility goal \(owner s-ben, due 2026-11-20\)\. \(commit \w{7}\)$/,
    );
    expect(read(dir, 'audits/actions.yaml')).toBe(
      '- audit: 2026-10\n  action: 1\n  status: done\n  at: 2026-11-19T10:00\n  by: s-ben\n  note: Goal reworded with Edie\n',
    );
    const commit = await lastCommit(dir);
    expect(commit).toMatchObject({ subject: 'Audit 2026-10 action 1 done', files: ['audits/actions.yaml'] });
    expect(commit.trailers).toEqual({ 'Careplan-Action': ['audit-action'], 'Careplan-By': ['s-ben'] });
    expect(recordErrors(dir)).toEqual([]);
  });

  it('drops another, appended after the first without touching it; --no-commit writes only', async () => {
    const before = read(dir, 'audits/actions.yaml');
    const result = await careplan(
      ['audit', 'action', '2026-10', '2', '--dropped', '--as', 's-amina', '--at', '2026-11-20T09:00', '--no-commit'],
      { cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(read(dir, 'audits/actions.yaml')).toBe(
      `${before}- audit: 2026-10\n  action: 2\n  status: dropped\n  at: 2026-11-20T09:00\n  by: s-amina\n`,
    );
    expect(await workingTreeChanges(dir)).toBe('M audits/actions.yaml');
    await gitIn(dir, ['checkout', '--', 'audits/actions.yaml']);
  });

  it('refuses an action already closed, an audit not saved, a number outside its actions', async () => {
    expect(await refused(['2026-10', '1', '--dropped', '--as', 's-amina'])).toContain(
      'Action 1 of the audit of 2026-10 was already closed as done by s-ben at 2026-11-19T10:00.',
    );
    const unsaved = await refused(['2026-09', '1', '--done', '--as', 's-amina']);
    expect(unsaved).toContain('No audit is saved for 2026-09 (no audits/2026-09.yaml).');
    expect(unsaved).toContain('Saved audits: 2026-10.');
    const outside = await refused(['2026-10', '3', '--done', '--as', 's-amina']);
    expect(outside).toContain('The audit of 2026-10 agreed 2 actions, so there is no action 3.');
    expect(outside).toContain('  2. Refresh moving and handling training (s-amina, due 2026-11-30)');
  });

  it('refuses both or neither of --done and --dropped, a month or number that is none, a time before the audit was saved', async () => {
    expect(await refused(['2026-10', '2', '--done', '--dropped', '--as', 's-amina'])).toContain(
      'Give one of --done and --dropped, not both.',
    );
    expect(await refused(['2026-10', '2', '--as', 's-amina'])).toContain('Say what became of the action: --done or --dropped.');
    expect(await refused(['October', '2', '--done', '--as', 's-amina'])).toContain('"October" is not a month.');
    for (const n of ['0', '-1', 'two', '1.5'])
      expect(await refused(['2026-10', n, '--done', '--as', 's-amina'])).toMatch(/is not an action number|unknown option/);
    expect(await refused(['2026-10', '2', '--done', '--as', 's-amina', '--at', '2026-11-01T09:00'])).toContain(
      '--at 2026-11-01T09:00 is before the audit of 2026-10 was saved (2026-11-05T10:00)',
    );
  });

  it('leaves `careplan audit --month` the report it was', async () => {
    const report = await careplan(['audit', '--month', '2026-10', '--as-of', '2026-11-26'], { cwd: dir });
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/^Monthly audit: Sunrise House, October 2026/);
    const help = await careplan(['audit', '--help'], { cwd: dir });
    expect(help.stdout).toContain('action [options] <month> <n>');
  });
});
