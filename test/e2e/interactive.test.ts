import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read, removeDir } from '../helpers/repo.js';
import { converse, HAS_SCRIPT, KEYS } from '../helpers/pty.js';
import { lastCommit, seedRepo } from '../helpers/records.js';

describe.skipIf(!HAS_SCRIPT)('prompts on a terminal', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  it('asks a carer for each part of an outcome and records the answers', async () => {
    const { exitCode, screen } = await converse(
      dir,
      ['outcome', 'p-edith', '--as', 's-carl', '--at', '2026-11-05T12:40'],
      [
        [/Which goal is this about\?/, KEYS.enter], // the first goal: mob-indep
        [/Which actions did you carry out\?/, KEYS.space + KEYS.enter], // mob-walk
        [/Result:/, KEYS.down + KEYS.enter], // improving
        [/Note \(optional\):/, `Walked to lunch with her frame${KEYS.enter}`],
        [/Did the care differ from the plan\?/, `y${KEYS.enter}`],
        [/How did it differ, and why\?/, `Went the long way round; lift out of order${KEYS.enter}`],
      ],
    );
    expect(exitCode, screen).toBe(0);
    // The choices come from the plan: its active goals and actions.
    expect(screen).toContain('mob-indep: Walks to lunch without help');
    expect(screen).toContain('nut-fluids: Drinks at least 1500 ml a day');
    expect(screen).toContain('(none: record actions only)');
    expect(screen).toContain('mob-walk: Walk beside Edie to the dining room');
    expect(screen).toContain('Recorded improving for p-edith (goal mob-indep), with a variation from the plan');

    const entries = jsYaml.load(read(dir, 'people/p-edith/outcomes/2026-11.yaml'));
    expect(entries).toEqual([
      {
        at: '2026-11-05T12:40',
        by: 's-carl',
        goal: 'mob-indep',
        actions: ['mob-walk'],
        result: 'improving',
        note: 'Walked to lunch with her frame',
        variation: 'Went the long way round; lift out of order',
      },
    ]);
    const commit = await lastCommit(dir);
    expect(commit.trailers['Careplan-Action']).toEqual(['outcome']);
    expect(commit.files).toEqual(['people/p-edith/outcomes/2026-11.yaml']);
  });

  it('does not prompt with --no-input, naming the flag instead', async () => {
    const { exitCode, screen } = await converse(dir, ['outcome', 'p-edith', '--as', 's-carl', '--no-input', '--goal', 'mob-indep'], []);
    expect(exitCode).toBe(2);
    expect(screen).toContain('Pass --result improving (there is no terminal to ask on, or --no-input was given)');
  });
});
