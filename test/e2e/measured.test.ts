import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, read, removeDir } from '../helpers/repo.js';
import { commitCount, lastCommit, SEED_PLAN, seedRepo, workingTreeChanges } from '../helpers/records.js';

/** p-edith's seed plan with a measured goal: her weight, kept at about 60 kg. */
function measuredPlan() {
  const plan = structuredClone(SEED_PLAN) as typeof SEED_PLAN & { needs: { goals: Record<string, unknown>[] }[] };
  plan.needs[1].goals.push({
    id: 'nut-weight',
    description: 'Keeps her weight',
    measure: 'weight',
    target: 60,
    unit: 'kg',
    direction: 'maintain',
    status: 'active',
  });
  return plan;
}

/** Measured outcomes (SPEC section 5.3) from the CLI, in process, on a signed seed repository. */
describe('measured outcomes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo({ plan: measuredPlan() });
  });
  afterAll(() => removeDir(dir));

  const outcome = (...args: string[]) => careplan(['outcome', 'p-edith', '--as', 's-carl', ...args], { cwd: dir });

  it('outcome --value records the measurement and says where the goal stands', async () => {
    const first = await outcome(
      '--goal',
      'nut-weight',
      '--result',
      'no-change',
      '--value',
      '55.5',
      '--at',
      '2026-11-02T08:00',
      '--as-of',
      '2026-11-02T08:00',
    );
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Recorded no-change for p-edith \(goal nut-weight, 55\.5 kg\) in people\/p-edith\/outcomes\/2026-11\.yaml\. \(commit \w{7}\)\n/,
    );
    expect(first.stdout.split('\n')[1]).toBe('  nut-weight: one value: 55.5 kg on 2026-11-02; target about 60 kg (within 5%): not met');
    expect(read(dir, 'people/p-edith/outcomes/2026-11.yaml')).toBe(
      '- at: 2026-11-02T08:00\n  by: s-carl\n  goal: nut-weight\n  result: no-change\n  value: 55.5\n',
    );
    const commit = await lastCommit(dir);
    expect(commit.subject).toBe('Outcome for p-edith: nut-weight no-change (55.5 kg)');
    expect(commit.trailers).toEqual({ 'Careplan-Action': ['outcome'], 'Careplan-Person': ['p-edith'], 'Careplan-By': ['s-carl'] });

    const second = await outcome(
      '--goal',
      'nut-weight',
      '--result',
      'improving',
      '--value',
      '57',
      '--at',
      '2026-11-09T08:00',
      '--as-of',
      '2026-11-09T08:00',
    );
    expect(second.stdout.split('\n')[1]).toBe(
      '  nut-weight: first 55.5 kg on 2026-11-02, latest 57 kg on 2026-11-09, best 57 kg; target about 60 kg (within 5%): met',
    );
  });

  it('refuses a value that is not a number, or one with no goal, writing nothing', async () => {
    const before = await commitCount(dir);
    for (const [value, says] of [
      ['57kg', '--value must be a number, not "57kg".'],
      ['', '--value must be a number'],
      ['1e3', '--value must be a number'],
    ]) {
      const r = await outcome('--goal', 'nut-weight', '--result', 'improving', '--value', value, '--at', '2026-11-10T08:00');
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).toContain("Give the measurement alone, in the goal's unit (kg): for example --value 57.5.");
    }
    const goalless = await outcome('--actions', 'nut-drinks', '--result', 'improving', '--value', '57', '--at', '2026-11-10T08:00');
    expect(goalless.exitCode).toBe(2);
    expect(goalless.stderr).toContain('--value is a measurement for a goal, and no --goal was given.');
    expect(goalless.stderr).toContain('--goal nut-weight --value 57');
    expect(await commitCount(dir)).toBe(before);
    expect(await workingTreeChanges(dir)).toBe('');
  });

  it('a value for a goal with no numeric target is kept, with a note that it cannot be measured against one', async () => {
    const r = await outcome(
      '--goal',
      'nut-fluids',
      '--result',
      'improving',
      '--value',
      '1400',
      '--at',
      '2026-11-10T18:00',
      '--as-of',
      '2026-11-10T18:00',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('  nut-fluids: one value: 1400 on 2026-11-10');
    expect(r.stderr).toBe(
      'careplan: note: goal nut-fluids has no numeric target, so the value is kept but not measured against one ' +
        '(give it `target` and `unit` with `careplan plan update p-edith`).',
    );
  });

  it("plan show: each need with its assessment's description and risks, goals with their values against the target", async () => {
    const r = await careplan(['plan', 'show', 'p-edith', '--as-of', '2026-11-12'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.slice(r.stdout.indexOf('About me:'))).toBe(
      [
        'About me: Retired teacher; loves crosswords and her cat Moss.',
        '',
        'mobility: Unsteady walking, uses a frame.',
        '  Risks:',
        '    - Falls: high (frat 14)',
        '  Preferences:',
        '    - Walks to lunch with staff beside her',
        '  Actions:',
        '    mob-walk: Walk beside Edie to the dining room (daily at 12:30)',
        '  Goals:',
        '    mob-indep: Walks to lunch without help (unaided walks a week, target 5, by 2027-01-31)',
        '',
        'nutrition: Needs drinks offering through the day.',
        '  Preferences:',
        '    - Milky tea, no sugar',
        '  Actions:',
        '    nut-drinks: Offer a drink every hour',
        '  Goals:',
        '    nut-fluids: Drinks at least 1500 ml a day',
        '      measured: one value: 1400 on 2026-11-10',
        '    nut-weight: Keeps her weight (weight, target 60 kg, maintain)',
        '      measured: first 55.5 kg on 2026-11-02, latest 57 kg on 2026-11-09, best 57 kg; target about 60 kg (within 5%): met',
      ].join('\n'),
    );
    // As of the 5th, only the first value had been taken.
    const earlier = await careplan(['plan', 'show', 'p-edith', '--as-of', '2026-11-05', '--json'], { cwd: dir });
    expect(JSON.parse(earlier.stdout).measures).toEqual([
      {
        goal: 'nut-weight',
        unit: 'kg',
        direction: 'maintain',
        target: 60,
        count: 1,
        met: false,
        first: { at: '2026-11-02T08:00', date: '2026-11-02', value: 55.5 },
        latest: { at: '2026-11-02T08:00', date: '2026-11-02', value: 55.5 },
        best: { at: '2026-11-02T08:00', date: '2026-11-02', value: 55.5 },
      },
    ]);
  });

  it("history ends with the measured goals' values", async () => {
    const r = await careplan(['history', 'p-edith', '--as-of', '2026-11-12'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(-3)).toEqual([
      'Measured goals, from the outcome log:',
      '  nut-fluids: one value: 1400 on 2026-11-10',
      '  nut-weight: first 55.5 kg on 2026-11-02, latest 57 kg on 2026-11-09, best 57 kg; target about 60 kg (within 5%): met',
    ]);
  });

  it("the weekly outcome review shows the period's values beside the results", async () => {
    const r = await careplan(
      [
        'review',
        'p-edith',
        '--kind',
        'outcomes',
        '--as',
        's-ben',
        '--since',
        '2026-11-09',
        '--until',
        '2026-11-15',
        '--trend',
        'nut-weight=improving',
        '--trend',
        'mob-indep=no-data',
        '--trend',
        'nut-fluids=stable',
        '--no-plan-update-needed',
        '--at',
        '2026-11-15T15:00',
        '--as-of',
        '2026-11-15T15:00',
      ],
      { cwd: dir },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 7)).toEqual([
      'Outcomes for p-edith from 2026-11-09 to 2026-11-15:',
      '  mob-indep (Walks to lunch without help): no entries',
      '  nut-fluids (Drinks at least 1500 ml a day): 1 entry: improving 1',
      '      values: one value: 1400 on 2026-11-10',
      '  nut-weight (Keeps her weight): 1 entry: improving 1',
      '      values: one value: 57 kg on 2026-11-09; target about 60 kg (within 5%): met',
      expect.stringMatching(/^Recorded the weekly outcome review of p-edith/),
    ]);
  });
});
