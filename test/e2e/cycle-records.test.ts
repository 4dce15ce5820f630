import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, read, removeDir, tempDir, writeFiles, type RunResult } from '../helpers/repo.js';
import { commitCount, lastCommit, recordErrors, seedRepo, workingTreeChanges } from '../helpers/records.js';

/** The cycle ends in December: the clock the commands see (the real one is earlier). */
const DECEMBER = () => Date.parse('2026-12-31T12:00:00Z');

/**
 * The second edition's new records, as a home lives them (SPEC sections 5.3 to 5.5): a measured goal
 * added to the plan, weights recorded, the weekly review reading them, a supervision, the monthly
 * audit with an action, and the action closed. Every step one commit with the right trailers.
 */
describe('the new records, end to end', () => {
  let dir: string;
  let inputs: string;
  beforeAll(async () => {
    dir = await seedRepo();
    inputs = tempDir('careplan-cycle-records-');
    writeFiles(inputs, {
      'weight.yaml': `needs:
  - need: nutrition
    goals:
      - { id: nut-weight, description: Keeps her weight, measure: weight before breakfast, target: 60, unit: kg, direction: maintain }
`,
    });
  });
  afterAll(() => {
    removeDir(dir);
    removeDir(inputs);
  });

  /** One command: exit 0, exactly one commit with these trailers and files, records still valid, nothing left uncommitted. */
  async function step(args: string[], expected: { action: string; by: string; person?: string[]; files: string[] }): Promise<RunResult> {
    const before = await commitCount(dir);
    const result = await careplan(args, { cwd: dir, now: DECEMBER });
    expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    expect(await commitCount(dir)).toBe(before + 1);
    const commit = await lastCommit(dir);
    expect(commit.trailers).toEqual({
      'Careplan-Action': [expected.action],
      ...(expected.person?.length ? { 'Careplan-Person': expected.person } : {}),
      'Careplan-By': [expected.by],
    });
    expect(commit.files).toEqual([...expected.files].sort());
    // Judged as of the cycle's end: the audit is saved in December.
    expect(recordErrors(dir, Date.parse('2026-12-31T00:00:00Z'))).toEqual([]);
    expect(await workingTreeChanges(dir)).toBe('');
    return result;
  }

  it('adds a measured goal to the plan and signs it off', async () => {
    const updated = await step(
      ['plan', 'update', 'p-edith', '--as', 's-ben', '--from', path.join(inputs, 'weight.yaml'), '--at', '2026-10-31T10:00'],
      { action: 'plan-update', by: 's-ben', person: ['p-edith'], files: ['people/p-edith/plan.yaml'] },
    );
    expect(updated.stdout).toContain('  nutrition: goal nut-weight added: "Keeps her weight"');
    expect(read(dir, 'people/p-edith/plan.yaml')).toContain(
      '      - { id: nut-weight, description: Keeps her weight, measure: weight before breakfast, ' +
        'target: 60, unit: kg, direction: maintain, status: active }\n',
    );
    await step(['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-10-31T12:00'], {
      action: 'signoff',
      by: 's-amina',
      person: ['p-edith'],
      files: ['people/p-edith/signoffs.yaml'],
    });
    await step(['ack', 'p-edith', '--as', 's-carl', '--at', '2026-10-31T14:00'], {
      action: 'ack',
      by: 's-carl',
      person: ['p-edith'],
      files: ['people/p-edith/acknowledgements.yaml'],
    });
  });

  it('records weights as outcomes with values, and the weekly review shows them against the target', async () => {
    const file = 'people/p-edith/outcomes/2026-11.yaml';
    for (const [at, value] of [
      ['2026-11-02T08:00', '56.5'],
      ['2026-11-05T08:00', '57'],
      ['2026-11-08T08:00', '57.4'],
    ]) {
      await step(
        [
          'outcome',
          'p-edith',
          '--as',
          's-carl',
          '--goal',
          'nut-weight',
          '--result',
          'improving',
          '--value',
          value,
          '--at',
          at,
          '--as-of',
          at,
        ],
        { action: 'outcome', by: 's-carl', person: ['p-edith'], files: [file] },
      );
    }
    const review = await step(
      [
        'review',
        'p-edith',
        '--kind',
        'outcomes',
        '--as',
        's-ben',
        '--trend',
        'nut-weight=improving',
        '--trend',
        'mob-indep=no-data',
        '--trend',
        'nut-fluids=no-data',
        '--comment',
        'nut-weight=Back within 5% of her usual weight',
        '--no-plan-update-needed',
        '--at',
        '2026-11-08T15:00',
        '--as-of',
        '2026-11-08T15:00',
      ],
      { action: 'review', by: 's-ben', person: ['p-edith'], files: ['people/p-edith/reviews/2026-11-08-outcomes.yaml'] },
    );
    expect(review.stdout).toContain(
      [
        '  nut-weight (Keeps her weight): 3 entries: improving 3',
        '      values: first 56.5 kg on 2026-11-02, latest 57.4 kg on 2026-11-08, best 57.4 kg; target about 60 kg (within 5%): met',
      ].join('\n'),
    );
    expect(read(dir, 'people/p-edith/reviews/2026-11-08-outcomes.yaml')).toContain(
      '{ goal: nut-weight, trend: improving, comment: Back within 5% of her usual weight }',
    );
  });

  it('a shift lead supervises a carer', async () => {
    const r = await step(
      [
        'supervise',
        's-carl',
        '--as',
        's-dana',
        '--topic',
        'recording',
        '--findings',
        'Weights recorded before breakfast as planned',
        '--action',
        'Record the scale used;2026-11-30',
        '--people',
        'p-edith',
        '--at',
        '2026-11-18T14:00',
      ],
      { action: 'supervise', by: 's-dana', person: ['p-edith'], files: ['supervisions/2026-11-18-s-carl.yaml'] },
    );
    expect(r.stdout).toMatch(/^Recorded s-dana's supervision of s-carl \(1 action, 1 person discussed\)/);
  });

  it('saves the audit with an action, then closes the action', async () => {
    await step(
      [
        'audit',
        '--month',
        '2026-11',
        '--save',
        '--as',
        's-amina',
        '--action',
        'Weigh everyone on the same scale;s-dana;2026-12-15',
        '--as-of',
        '2026-12-02T09:00',
      ],
      { action: 'audit', by: 's-amina', files: ['audits/2026-11.yaml'] },
    );
    const closed = await step(
      [
        'audit',
        'action',
        '2026-11',
        '1',
        '--done',
        '--note',
        'One scale, checked monthly',
        '--as',
        's-dana',
        '--at',
        '2026-12-05T10:00',
        '--as-of',
        '2026-12-05T10:00',
      ],
      { action: 'audit-action', by: 's-dana', files: ['audits/actions.yaml'] },
    );
    expect(closed.stdout).toMatch(
      /^Closed action 1 of the audit of 2026-11 as done: Weigh everyone on the same scale \(owner s-dana, due 2026-12-15\)\./,
    );
    expect(read(dir, 'audits/actions.yaml')).toBe(
      '- audit: 2026-11\n  action: 1\n  status: done\n  at: 2026-12-05T10:00\n  by: s-dana\n  note: One scale, checked monthly\n',
    );
  });

  it('history and plan show tell the same story of the measured goal', async () => {
    const expected =
      '  nut-weight: first 56.5 kg on 2026-11-02, latest 57.4 kg on 2026-11-08, best 57.4 kg; target about 60 kg (within 5%): met';
    const history = await careplan(['history', 'p-edith', '--as-of', '2026-12-05'], { cwd: dir, now: DECEMBER });
    expect(history.stdout.split('\n').slice(-2)).toEqual(['Measured goals, from the outcome log:', expected]);
    const show = await careplan(['plan', 'show', 'p-edith', '--as-of', '2026-12-05'], { cwd: dir, now: DECEMBER });
    expect(show.stdout).toContain(
      `    nut-weight: Keeps her weight (weight before breakfast, target 60 kg, maintain)\n` +
        `      measured:${expected.slice('  nut-weight:'.length)}`,
    );
  });
});
