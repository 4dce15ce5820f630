import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse, HAS_SCRIPT, KEYS } from '../helpers/pty.js';
import { gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { lastCommit, SEED_PLAN, seedRepo } from '../helpers/records.js';

/** The new records' prompts on a terminal: supervision, a measurement, a measured goal in a plan. */
describe.skipIf(!HAS_SCRIPT)('prompts on a terminal for the new records', () => {
  let dir: string;
  beforeAll(async () => {
    const plan = structuredClone(SEED_PLAN) as typeof SEED_PLAN & { needs: { goals: Record<string, unknown>[] }[] };
    plan.needs[1].goals.push({
      id: 'nut-weight',
      description: 'Keeps her weight',
      target: 60,
      unit: 'kg',
      direction: 'maintain',
      status: 'active',
    });
    dir = await seedRepo({ plan });
  });
  afterAll(() => removeDir(dir));

  it('supervise asks the kind, topics, findings, each action with its due date, and whose care was discussed', async () => {
    const { exitCode, screen } = await converse(
      dir,
      ['supervise', 's-carl', '--as', 's-dana', '--at', '2026-11-20T10:00'],
      [
        [/Which kind\?/, KEYS.enter], // supervision, the default
        [/Topics discussed/, `recording, care-plan-adherence${KEYS.enter}`],
        [/Findings:/, `Two variations not explained${KEYS.enter}`],
        [/Action 1 agreed \(blank when done\):/, `Explain every variation${KEYS.enter}`],
        [/Due by/, `2026-11-01${KEYS.enter}`],
        [/on or after the supervision[\s\S]*Due by/, `2026-11-27${KEYS.enter}`],
        [/Action 2 agreed \(blank when done\):/, KEYS.enter],
        [/Whose care was discussed/, KEYS.space + KEYS.enter],
      ],
    );
    expect(exitCode, screen).toBe(0);
    expect(screen).not.toContain('Please enter a value');
    expect(jsYaml.load(read(dir, 'supervisions/2026-11-20-s-carl.yaml'), { schema: jsYaml.CORE_SCHEMA })).toEqual({
      at: '2026-11-20T10:00',
      by: 's-dana',
      staff: 's-carl',
      kind: 'supervision',
      topics: ['recording', 'care-plan-adherence'],
      findings: 'Two variations not explained',
      actions: [{ description: 'Explain every variation', due: '2026-11-27' }],
      people: ['p-edith'],
    });
    expect((await lastCommit(dir)).trailers['Careplan-Action']).toEqual(['supervise']);
  });

  it('outcome asks for a measurement of a measured goal, until it is a number', async () => {
    const { exitCode, screen } = await converse(
      dir,
      ['outcome', 'p-edith', '--as', 's-carl', '--at', '2026-11-20T08:00'],
      [
        [/Which goal is this about\?/, KEYS.down + KEYS.down + KEYS.enter], // nut-weight
        [/Which actions did you carry out\?/, KEYS.enter],
        [/Result:/, KEYS.down + KEYS.enter], // improving
        [/Note \(optional\):/, KEYS.enter],
        [/Measurement \(kg\), if one was taken \(optional\):/, `57 kg${KEYS.enter}`],
        [/That is not a number[\s\S]*Measurement \(kg\)/, `57.2${KEYS.enter}`],
        [/Did the care differ from the plan\?/, KEYS.enter],
      ],
    );
    expect(exitCode, screen).toBe(0);
    expect(screen).toContain('nut-weight: one value: 57.2 kg on 2026-11-20; target about 60 kg (within 5%): met');
    expect(read(dir, 'people/p-edith/outcomes/2026-11.yaml')).toBe(
      '- at: 2026-11-20T08:00\n  by: s-carl\n  goal: nut-weight\n  result: improving\n  value: 57.2\n',
    );
  });

  it("plan update asks a numeric target's unit and which way it should go", async () => {
    writeFiles(dir, {
      'people/p-edith/assessments/2026-11-21-change-in-needs.yaml': `type: change-in-needs
at: 2026-11-21T10:00
by: s-ben
with_person: true
needs:
  - { id: mobility, domain: mobility, description: Unsteady walking }
  - { id: nutrition, domain: nutrition-hydration, description: Needs drinks offering }
  - { id: fluids, domain: nutrition-hydration, description: Drinks too little in the heat }
`,
    });
    await gitIn(dir, ['add', '-A']);
    await gitIn(dir, ['commit', '-qm', 'change in needs']);
    const { exitCode, screen } = await converse(
      dir,
      ['plan', 'update', 'p-edith', '--as', 's-ben', '--at', '2026-11-21T12:00'],
      [
        [/Action for fluids: what staff do \(blank when done\):/, `Offer a jug at each meal${KEYS.enter}`],
        [/Action id:/, KEYS.enter],
        [/How often \(optional\):/, KEYS.enter],
        [/Action for fluids: what staff do \(blank when done\):/, KEYS.enter],
        [/Goal for fluids: what it works towards \(blank when done\):/, `Drinks enough${KEYS.enter}`],
        [/Goal id:/, KEYS.enter],
        [/Measure, e\.g\./, `fluid a day${KEYS.enter}`],
        [/Target \(optional\):/, `1500${KEYS.enter}`],
        [/Unit the target is counted in/, `ml${KEYS.enter}`],
        [/Which way should it go\?/, KEYS.enter], // increase, the default
        [/By \(YYYY-MM-DD, optional\):/, KEYS.enter],
        [/Goal for fluids: what it works towards \(blank when done\):/, KEYS.enter],
      ],
    );
    expect(exitCode, screen).toBe(0);
    expect(read(dir, 'people/p-edith/plan.yaml')).toContain(
      '      - { id: fluids-g1, description: Drinks enough, measure: fluid a day, target: 1500, unit: ml, status: active }\n',
    );
  });
});
