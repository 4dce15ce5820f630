import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIn, read, removeDir } from '../helpers/repo.js';
import { converse, HAS_SCRIPT, KEYS } from '../helpers/pty.js';
import { seedRepo } from '../helpers/records.js';

const load = (text: string) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Record<string, unknown>;

/** Prompts that crashed, skipped a question or contradicted themselves, each asked as a person would answer. */
describe.skipIf(!HAS_SCRIPT)('prompts put right', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  it('spotcheck offers the people supported rather than crash with no choices', async () => {
    const { exitCode, screen } = await converse(
      dir,
      ['spotcheck', '--as', 's-dana', '--at', '2026-11-10T15:00'],
      [
        [/Whose care and records did you check\?/, KEYS.space + KEYS.enter],
        [/Finding 1 \(blank when done\):/, KEYS.enter],
      ],
    );
    expect(exitCode, screen).toBe(0);
    expect(screen).not.toContain('No selectable choices');
    expect(load(read(dir, 'spotchecks/2026-11-10-s-dana.yaml'))).toMatchObject({ by: 's-dana', people: ['p-edith'], findings: [] });
  });

  it('a reassessment on a terminal goes through each need: keep, change (risks and preferences) or remove', async () => {
    const { exitCode, screen } = await converse(
      dir,
      ['assess', 'p-edith', '--as', 's-ben', '--type', 'review', '--from-latest', '--with-person', '--at', '2026-11-12T10:00'],
      [
        [/Need mobility \(mobility\): Unsteady walking, uses a frame\./, KEYS.down + KEYS.enter], // change it
        [/What is the need now\?/, KEYS.enter],
        [/Which risks still apply\?/, KEYS.space + KEYS.enter], // Falls no longer
        [/A risk \(blank when done\):/, `Falls at night${KEYS.enter}`],
        [/Risk level:/, KEYS.down + KEYS.down + KEYS.enter],
        [/Assessment tool/, `frat${KEYS.enter}`],
        [/Score \(blank if none\):/, `16${KEYS.enter}`],
        [/A risk \(blank when done\):/, KEYS.enter],
        [/Which preferences still hold\?/, KEYS.enter],
        [/New preferences/, KEYS.enter],
        [/Need nutrition \(nutrition-hydration\)/, KEYS.enter], // keep it
        [/Add another need\?/, `n${KEYS.enter}`],
      ],
    );
    expect(exitCode, screen).toBe(0);
    // Both needs are addressed by the plan, so neither was offered for removal.
    expect(screen).not.toContain('remove it');
    const needs = load(read(dir, 'people/p-edith/assessments/2026-11-12-review.yaml')).needs as Record<string, unknown>[];
    expect(needs[0]).toEqual({
      id: 'mobility',
      domain: 'mobility',
      description: 'Unsteady walking, uses a frame.',
      risks: [{ description: 'Falls at night', tool: 'frat', score: 16, level: 'high' }],
      preferences: ['Likes to walk to the dining room for lunch'],
    });
    expect(needs[1]).toEqual({
      id: 'nutrition',
      domain: 'nutrition-hydration',
      description: 'Needs drinks offering through the day.',
      preferences: ['Milky tea, no sugar'],
    });
  });

  it('person add asks the admission date and the representatives', async () => {
    const { exitCode, screen } = await converse(
      dir,
      ['person', 'add', 'p-frank', '--as', 's-amina'],
      [
        [/Full name:/, `Frank Hughes${KEYS.enter}`],
        [/Date admitted \(YYYY-MM-DD\):/, `2026-11-02${KEYS.enter}`],
        [/Key worker:/, KEYS.enter],
        [/A representative who may act for them \(blank when done\):/, `Ann Hughes${KEYS.enter}`],
        [/relationship to them/, `wife${KEYS.enter}`],
        [/Their authority:/, KEYS.down + KEYS.down + KEYS.enter],
        [/Another representative \(blank when done\):/, KEYS.enter],
      ],
    );
    expect(exitCode, screen).toBe(0);
    expect(load(read(dir, 'people/p-frank/person.yaml'))).toMatchObject({
      admitted: '2026-11-02',
      key_worker: 's-ben',
      representatives: [{ name: 'Ann Hughes', relationship: 'wife', authority: 'other' }],
    });
  });

  it("asks a risk's tool and score, and a blank action ends the list as the prompt says", async () => {
    const assessed = await converse(
      dir,
      ['assess', 'p-frank', '--as', 's-ben', '--type', 'initial', '--with-person', '--at', '2026-11-02T14:00'],
      [
        [/Add a need\?/, `y${KEYS.enter}`],
        [/Domain:/, KEYS.enter], // personal-care
        [/Need id/, KEYS.enter],
        [/What is the need\?/, `Help to wash and dress${KEYS.enter}`],
        [/How do they like it done\?/, KEYS.enter],
        [/A risk \(blank when done\):/, `Skin breakdown${KEYS.enter}`],
        [/Risk level:/, KEYS.down + KEYS.down + KEYS.enter], // high
        [/Assessment tool/, `waterlow${KEYS.enter}`],
        [/Score \(blank if none\):/, `18${KEYS.enter}`],
        [/A risk \(blank when done\):/, KEYS.enter],
        [/Add another need\?/, `n${KEYS.enter}`],
      ],
    );
    expect(assessed.exitCode, assessed.screen).toBe(0);
    const needs = load(read(dir, 'people/p-frank/assessments/2026-11-02-initial.yaml')).needs as { risks: unknown[] }[];
    expect(needs[0].risks).toEqual([{ description: 'Skin breakdown', tool: 'waterlow', score: 18, level: 'high' }]);

    const planned = await converse(
      dir,
      ['plan', 'create', 'p-frank', '--as', 's-ben', '--about-me', 'Retired miner; loves brass bands', '--at', '2026-11-03T10:00'],
      [
        [/Action for personal-care: what staff do \(blank when done\):/, KEYS.enter],
        [/Goal for personal-care: what it works towards \(blank when done\):/, KEYS.enter],
      ],
    );
    expect(planned.exitCode, planned.screen).toBe(0);
    expect(planned.screen).not.toContain('Please enter a value');
    expect(planned.screen).toContain('must fix before sign-off');
    expect(await gitIn(dir, ['log', '-1', '--format=%s'])).toContain("Draft p-frank's plan version 1");
  });
});
