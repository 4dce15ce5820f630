import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, removeDir, type RunResult } from '../helpers/repo.js';
import { commitCount, seedRepo, workingTreeChanges } from '../helpers/records.js';

const NOW = { now: () => Date.parse('2026-11-26T12:00:00Z') };

/** Every write about a person, as staff would run it for p-edith. */
const WRITES: string[][] = [
  ['assess', 'p-edith', '--as', 's-ben', '--type', 'review', '--from-latest', '--with-person'],
  ['plan', 'update', 'p-edith', '--as', 's-ben', '--about-me', 'Loves crosswords'],
  ['signoff', 'p-edith', '--as', 's-amina'],
  ['ack', 'p-edith', '--as', 's-ben'],
  ['agree', 'p-edith', '--as', 's-ben', '--by', 'person', '--method', 'verbal'],
  ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'improving'],
  [
    'review',
    'p-edith',
    '--as',
    's-ben',
    '--kind',
    'plan',
    '--trigger',
    'scheduled',
    '--with-person',
    '--findings',
    'Fine',
    '--result',
    'no-change',
  ],
  ['escalate', 'p-edith', '--as', 's-carl', '--reason', 'Refused lunch'],
  ['escalate', 'respond', 'p-edith', '--as', 's-amina', '--response', 'GP informed'],
  ['spotcheck', '--as', 's-dana', '--people', 'p-edith'],
  ['person', 'update', 'p-edith', '--as', 's-amina', '--preferred-name', 'Edie'],
];

describe("a discharged person's records are closed", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
    const discharged = await careplan(['person', 'discharge', 'p-edith', '--on', '2026-11-20', '--as', 's-amina'], { cwd: dir, ...NOW });
    expect(discharged.exitCode, discharged.stderr).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it.each(
    WRITES.map((args) => [
      args.slice(0, args[1] === 'p-edith' || args[0] === 'spotcheck' || args[0] === 'feedback' ? 1 : 2).join(' '),
      args,
    ]),
  )('%s refuses them until they are readmitted', async (_name, args) => {
    const before = await commitCount(dir);
    const result: RunResult = await careplan(args as string[], { cwd: dir, ...NOW });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'p-edith was discharged on 2026-11-20; readmit with `careplan person readmit p-edith --on 2026-11-26` first.',
    );
    expect(await commitCount(dir)).toBe(before);
    expect(await workingTreeChanges(dir)).toBe('');
  });

  it('still takes feedback about them, which families give afterwards', async () => {
    const args = ['feedback', '--as', 's-amina', '--from', 'family', '--person', 'p-edith', '--sentiment', 'positive', '--text', 'Thanks'];
    const result = await careplan(args, { cwd: dir, ...NOW });
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('still says a second discharge is done already', async () => {
    const again = await careplan(['person', 'discharge', 'p-edith', '--as', 's-amina'], { cwd: dir, ...NOW });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('p-edith was already discharged on 2026-11-20');
  });
});
