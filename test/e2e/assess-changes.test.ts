import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, read, removeDir } from '../helpers/repo.js';
import { commitCount, lastCommit, recordErrors, seedRepo } from '../helpers/records.js';

interface Need {
  id: string;
  description: string;
  risks?: { description: string; tool?: string; score?: number; level: string }[];
  preferences?: string[];
}

const needsIn = (dir: string, file: string) => (jsYaml.load(read(dir, file)) as { needs: Need[] }).needs;

describe('assess --from-latest: a reassessment changes and removes needs, risks and preferences', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  const assess = (args: string[]) =>
    careplan(['assess', 'p-edith', '--as', 's-ben', '--from-latest', '--with-person', ...args], { cwd: dir });

  it('keeps every repeated --preference and --risk, with the risk tool and score', async () => {
    const result = await assess([
      '--type',
      'review',
      '--at',
      '2026-11-10T10:00',
      '--preference',
      'nutrition=Small portions',
      '--preference',
      'nutrition=Tea with two sugars',
      '--risk',
      'mobility=medium,frat,12:Falls when tired',
      '--risk',
      'nutrition=low:Dehydration in hot weather',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const needs = needsIn(dir, 'people/p-edith/assessments/2026-11-10-review.yaml');
    expect(needs.find((n) => n.id === 'nutrition')?.preferences).toEqual(['Milky tea, no sugar', 'Small portions', 'Tea with two sugars']);
    expect(needs.find((n) => n.id === 'mobility')?.risks).toEqual([
      { description: 'Falls', tool: 'frat', score: 14, level: 'high' },
      { description: 'Falls when tired', tool: 'frat', score: 12, level: 'medium' },
    ]);
    expect(needs.find((n) => n.id === 'nutrition')?.risks).toEqual([{ description: 'Dehydration in hot weather', level: 'low' }]);
    expect((await lastCommit(dir)).trailers['Careplan-Action']).toEqual(['assess']);
    expect(recordErrors(dir)).toEqual([]);
  });

  it('replaces a risk rather than holding the old and the new one', async () => {
    const result = await assess([
      '--type',
      'change-in-needs',
      '--at',
      '2026-11-12T10:00',
      '--remove-risk',
      'mobility=Falls when',
      '--remove-risk',
      'mobility=1',
      '--risk',
      'mobility=high,frat,16:Falls',
      '--remove-preference',
      'nutrition=small',
      '--remove-preference',
      'nutrition=Milky tea, no sugar',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const needs = needsIn(dir, 'people/p-edith/assessments/2026-11-12-change-in-needs.yaml');
    expect(needs.find((n) => n.id === 'mobility')?.risks).toEqual([{ description: 'Falls', tool: 'frat', score: 16, level: 'high' }]);
    expect(needs.find((n) => n.id === 'nutrition')?.preferences).toEqual(['Tea with two sugars']);
  });

  it('removes a need the plan does not address, and refuses one it does', async () => {
    const added = await assess(['--type', 'review', '--at', '2026-11-13T10:00', '--need', 'sleep:sleep:Wakes early']);
    expect(added.exitCode, added.stderr).toBe(0);
    const removed = await assess(['--type', 'review', '--at', '2026-11-14T10:00', '--remove-need', 'sleep']);
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(needsIn(dir, 'people/p-edith/assessments/2026-11-14-review.yaml').map((n) => n.id)).toEqual(['mobility', 'nutrition']);

    const before = await commitCount(dir);
    const refused = await assess(['--type', 'review', '--at', '2026-11-15T10:00', '--remove-need', 'mobility']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--remove-need mobility: the plan addresses mobility');
    expect(refused.stderr).toContain('--need "mobility:mobility:Resolved: …"');
    expect(await commitCount(dir)).toBe(before);
  });

  it('refuses what it cannot find or read, naming positions rather than quoting the record', async () => {
    const missing = await assess(['--type', 'review', '--at', '2026-11-16T10:00', '--remove-risk', 'mobility=Pressure']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--remove-risk: need mobility has no such item (it has: 1: high frat 16)');
    expect(missing.stderr).not.toContain('Falls');
    const badRisk = await assess(['--type', 'review', '--at', '2026-11-16T10:00', '--risk', 'mobility=severe:Falls']);
    expect(badRisk.exitCode).toBe(2);
    expect(badRisk.stderr).toContain('is not NEED=LEVEL[,TOOL[,SCORE]]:DESCRIPTION');
    const badScore = await assess(['--type', 'review', '--at', '2026-11-16T10:00', '--risk', 'mobility=high,frat,lots:Falls']);
    expect(badScore.exitCode).toBe(2);
  });
});

describe('repeated key=value flags', () => {
  it('refuses a goal given two trends rather than keep the last', async () => {
    const dir = await seedRepo();
    try {
      const result = await careplan(
        [
          'review',
          'p-edith',
          '--as',
          's-ben',
          '--kind',
          'outcomes',
          '--at',
          '2026-11-05T10:00',
          '--trend',
          'mob-indep=improving',
          '--trend',
          'mob-indep=worsening',
          '--trend',
          'nut-fluids=stable',
          '--no-plan-update-needed',
        ],
        { cwd: dir },
      );
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('--trend gives mob-indep twice ("improving" and "worsening")');
    } finally {
      removeDir(dir);
    }
  });
});
