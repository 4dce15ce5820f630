import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan } from '../helpers/repo.js';
import { by, edieHistory, History, planFile, planVersions, staffAuthor } from '../helpers/trail.js';

describe('careplan handover', () => {
  let h: History;
  beforeAll(async () => {
    h = await History.create();
    await edieHistory(h);
    // Frank: admitted, first plan written and signed within the evening window; nobody has read it yet.
    const frankPlan = planVersions()[0];
    const text = planFile(frankPlan).text.replace("# Edie's care plan", '# Frank');
    const { planHash } = await import('../../src/model/planHash.js');
    const jsYaml = (await import('js-yaml')).default;
    const hash = planHash(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
    await h.commit(
      'Frank',
      {
        'people/p-frank/person.yaml':
          'id: p-frank\nname: Frank Moss\nadmitted: 2026-11-18\nkey_worker: s-ben\nteam: [s-ben, s-carl]\nstatus: active\n',
        'people/p-frank/assessments/2026-10-28-initial.yaml':
          'type: initial\nat: 2026-10-28T14:00\nby: s-ben\nwith_person: true\nneeds:\n  - { id: mobility, domain: ' +
          'mobility, description: Walks slowly }\n  - { id: cognition, domain: cognition, description: Forgetful }\n',
        'people/p-frank/plan.yaml': text,
      },
      { author: staffAuthor('s-ben'), date: '2026-11-20T10:00:00+00:00', trailers: by('plan', 's-ben', 'p-frank') },
    );
    await h.commit(
      'Sign Frank',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-20T16:00:00+00:00', trailers: by('signoff', 's-amina', 'p-frank') },
      { 'people/p-frank/signoffs.yaml': `- { version: 1, plan: "${hash}", by: s-amina, at: 2026-11-20T16:00 }\n` },
    );
    await h.commit(
      'Frank escalation',
      {},
      { author: staffAuthor('s-carl'), date: '2026-11-20T17:00:00+00:00', trailers: by('escalate', 's-carl', 'p-frank') },
      { 'people/p-frank/escalations.yaml': '- { at: 2026-11-20T17:00, by: s-carl, to: s-amina, reason: Two falls today }\n' },
    );
  });
  afterAll(() => h.remove());

  it('lists plans changed or approved since the time, what changed, who has not acknowledged, escalations and variations', async () => {
    const r = await careplan(['handover', '--as-of', '2026-11-21T13:00', '--since', '2026-11-20T07:00'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Handover: since 2026-11-20 07:00 (as of 2026-11-21 13:00)',
        '',
        'Plans changed or approved (2)',
        '  p-edith (Edie): version 3 approved by s-amina at 2026-11-20 15:00',
        '    What changed since version 2:',
        '      mobility: goal mob-indep achieved: "Walks to lunch without help"',
        '      cognition: action cog-board stopped: "Update the whiteboard each morning"',
        '      nutrition: goal nut-fluids target changed: 6 → 7',
        '    Not yet acknowledged version 3: s-ben (Ben Hollis), s-dana (Dana Morgan)',
        '  p-frank (Frank Moss): version 1 approved by s-amina at 2026-11-20 16:00',
        '    new plan: 2 needs (mobility, cognition), 2 actions, 2 goals',
        '    Not yet acknowledged version 1: s-ben (Ben Hollis), s-carl (Carl Jenkins)',
        '',
        'Escalations (1)',
        '  2026-11-20 17:00  p-frank: s-carl to s-amina: Two falls today (no response yet)',
        '',
        'Variations from the plan (1)',
        '  2026-11-21 12:40  p-edith: s-carl, goal nut-fluids: Drank from a beaker not her cup',
      ].join('\n'),
    );
  });

  it('defaults to the last 12 hours and says when nothing happened', async () => {
    const quiet = await careplan(['handover', '--as-of', '2026-11-19T12:00'], { cwd: h.dir });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).toBe(
      'Handover: since 2026-11-19 00:00 (as of 2026-11-19 12:00)\n\n' +
        'No plan changed or was approved, and there were no escalations or variations.',
    );
  });

  it('measures changes from the version in force when the window opened, even when that is older than the window', async () => {
    const r = await careplan(['handover', '--as-of', '2026-11-21T13:00', '--since', '2026-11-12T12:00', '--json'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    const edie = report.plans.find((p: { person: string }) => p.person === 'p-edith');
    expect(edie).toMatchObject({
      version: 3,
      state: 'approved',
      changed: true,
      from: { version: 1 },
      approved: [
        { version: 2, by: 's-amina', at: '2026-11-12T16:00' },
        { version: 3, by: 's-amina', at: '2026-11-20T15:00' },
      ],
      inForce: { version: 3, by: 's-amina', at: '2026-11-20T15:00' },
      notAcknowledged: [
        { staff: 's-ben', name: 'Ben Hollis' },
        { staff: 's-dana', name: 'Dana Morgan' },
      ],
    });
    expect(edie.changes.map((c: { what: string; change: string; id?: string }) => `${c.what} ${c.change} ${c.id ?? ''}`)).toEqual([
      'action reworded mob-walk',
      'goal achieved mob-indep',
      'action stopped cog-board',
      'need added nutrition',
      'action added nut-drinks',
      'goal added nut-fluids',
    ]);
    expect(report.escalations.map((e: { person: string; at: string }) => [e.person, e.at])).toEqual([
      ['p-edith', '2026-11-15T18:00'],
      ['p-frank', '2026-11-20T17:00'],
    ]);
    expect(report.fromGit).toBe(true);
  });

  it('refuses a --since that is not a time', async () => {
    const r = await careplan(['handover', '--since', 'yesterday'], { cwd: h.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--since "yesterday" is not a date, timestamp or span.');
  });
});
