import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse, HAS_SCRIPT } from '../helpers/pty.js';
import { careplan, copyRepo, removeDir, tempDir, writeFiles } from '../helpers/repo.js';
import { lastCommit, seedRepo } from '../helpers/records.js';

/** Edie's needs after a change: her falls risk rescored, a new need with a high pressure ulcer risk. */
const CHANGED_NEEDS = `needs:
  - id: mobility
    domain: mobility
    description: Unsteady walking, uses a frame; needs one carer beside her.
    risks:
      - { description: Falls, tool: frat, score: 18, level: high }
  - id: nutrition
    domain: nutrition-hydration
    description: Needs drinks offering through the day.
    preferences: ["Milky tea, no sugar"]
  - id: skin
    domain: skin-integrity
    description: Red patch on the sacrum after two days in bed.
    risks:
      - { description: Pressure ulcer, tool: waterlow, score: 18, level: high }
`;

const SKIN_PLAN = `needs:
  - need: skin
    preferences: [Turns to her left side first]
    actions:
      - { id: skin-turn, description: Help Edie change position, frequency: every 2 hours }
    goals:
      - { id: skin-heal, description: The red patch fades, measure: patch size, by: 2026-12-15 }
`;

/**
 * Risks in view: after a change in needs, the new high pressure ulcer risk reaches the handover
 * (before and after the plan catches up), the plan update, the sign-off screen and each carer's
 * confirmation. In process, in a real git repository.
 */
describe('risks in view after a change in needs', () => {
  let dir: string;
  let inputs: string;
  beforeAll(async () => {
    dir = await seedRepo();
    inputs = tempDir('careplan-risks-');
    writeFiles(inputs, { 'needs.yaml': CHANGED_NEEDS, 'skin.yaml': SKIN_PLAN });
  });
  afterAll(() => {
    removeDir(dir);
    removeDir(inputs);
  });

  const run = async (args: string[]) => {
    const r = await careplan(args, { cwd: dir });
    expect(r.exitCode, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  const handover = () => run(['handover', '--since', '2026-11-11T07:00', '--as-of', '2026-11-11T19:00']);

  it('the handover names the new risk as soon as it is assessed, before the plan reflects it', async () => {
    await run([
      'assess',
      'p-edith',
      '--as',
      's-ben',
      '--type',
      'change-in-needs',
      '--from',
      path.join(inputs, 'needs.yaml'),
      '--with-person',
      '--at',
      '2026-11-11T10:00',
    ]);
    expect((await handover()).stdout).toBe(
      [
        'Handover: since 2026-11-11 07:00 (as of 2026-11-11 19:00)',
        '',
        'Plans changed or approved (0)',
        '  none',
        '',
        'New assessments not yet in a plan (1)',
        '  p-edith (Edie): 2026-11-11-change-in-needs by s-ben at 2026-11-11 10:00; the plan still reflects 2026-10-28-initial',
        '    mobility: need reworded: "Unsteady walking, uses a frame." → "Unsteady walking, uses a frame; needs one carer beside her."',
        '    mobility: risk changed: Falls: high (frat 14) → Falls: high (frat 18)',
        '    need skin added: "Red patch on the sacrum after two days in bed."',
        '    skin: risk added: Pressure ulcer: high (waterlow 18)',
        '',
        'Escalations (0)',
        '  none',
        '',
        'Variations from the plan (0)',
        '  none',
      ].join('\n'),
    );
  });

  it('the plan update lists the risks that changed beside its own changes', async () => {
    const r = await run([
      'plan',
      'update',
      'p-edith',
      '--as',
      's-ben',
      '--from',
      path.join(inputs, 'skin.yaml'),
      '--at',
      '2026-11-11T12:00',
    ]);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      '  now reflects assessment 2026-11-11-change-in-needs (was 2026-10-28-initial)',
      '  mobility: need reworded: "Unsteady walking, uses a frame." → "Unsteady walking, uses a frame; needs one carer beside her."',
      '  mobility: risk changed: Falls: high (frat 14) → Falls: high (frat 18)',
      '  need skin added: "Red patch on the sacrum after two days in bed."',
      '  skin: risk added: Pressure ulcer: high (waterlow 18)',
      '  skin: action skin-turn added: "Help Edie change position"',
      '  skin: goal skin-heal added: "The red patch fades"',
    ]);
  });

  it.skipIf(!HAS_SCRIPT)(
    'the sign-off screen shows what changed since the version last signed, risks included, then the plan beside its assessment',
    async () => {
      const copy = copyRepo(dir);
      try {
        const { exitCode, screen } = await converse(
          copy,
          ['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-11T13:00'],
          [[/Sign off version 2 of p-edith's plan as s-amina\?/, 'y\r']],
        );
        expect(exitCode, screen).toBe(0);
        expect(screen).toContain(
          [
            "p-edith's plan, version 2 (assessment 2026-11-11-change-in-needs, by s-ben, updated 2026-11-11T12:00):",
            'What changed since version 1, signed off by s-amina at 2026-10-29T16:20:',
            '  - now reflects assessment 2026-11-11-change-in-needs (was 2026-10-28-initial)',
          ].join('\n'),
        );
        expect(screen).toContain('  - skin: risk added: Pressure ulcer: high (waterlow 18)\n');
        expect(screen).toContain(
          'skin: Red patch on the sacrum after two days in bed.\n  Risks:\n    - Pressure ulcer: high (waterlow 18)\n' +
            '  Preferences:\n    - Turns to her left side first\n',
        );
        expect(screen).toContain('Signed off version 2 of p-edith');
      } finally {
        removeDir(copy);
      }
    },
  );

  it("once signed, the handover carries the risk in the plan's changes and no longer lists the assessment apart", async () => {
    await run(['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-11T13:00']);
    const lines = (await handover()).stdout.split('\n');
    expect(lines.slice(2, 13)).toEqual([
      'Plans changed or approved (1)',
      '  p-edith (Edie): version 2 approved by s-amina at 2026-11-11 13:00',
      '    What changed since version 1:',
      '      now reflects assessment 2026-11-11-change-in-needs (was 2026-10-28-initial)',
      '      mobility: need reworded: "Unsteady walking, uses a frame." → "Unsteady walking, uses a frame; needs one carer beside her."',
      '      mobility: risk changed: Falls: high (frat 14) → Falls: high (frat 18)',
      '      need skin added: "Red patch on the sacrum after two days in bed."',
      '      skin: risk added: Pressure ulcer: high (waterlow 18)',
      '      skin: action skin-turn added: "Help Edie change position"',
      '      skin: goal skin-heal added: "The red patch fades"',
      '    Not yet acknowledged version 2: s-ben (Ben Hollis), s-carl (Carl Jenkins)',
    ]);
    expect(lines).not.toContain('New assessments not yet in a plan (1)');
  });

  it('a carer re-confirming sees what changed since the version they confirmed, risks included, and every risk now', async () => {
    const r = await run(['ack', 'p-edith', '--as', 's-carl', '--at', '2026-11-11T18:00']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, -1)).toEqual([
      '== Edith Clarke, p-edith: plan version 2, signed off by s-amina at 2026-11-11T13:00',
      'What changed since version 1, which you confirmed at 2026-10-30T07:55:',
      '  - now reflects assessment 2026-11-11-change-in-needs (was 2026-10-28-initial)',
      '  - mobility: need reworded: "Unsteady walking, uses a frame." → "Unsteady walking, uses a frame; needs one carer beside her."',
      '  - mobility: risk changed: Falls: high (frat 14) → Falls: high (frat 18)',
      '  - need skin added: "Red patch on the sacrum after two days in bed."',
      '  - skin: risk added: Pressure ulcer: high (waterlow 18)',
      '  - skin: action skin-turn added: "Help Edie change position"',
      '  - skin: goal skin-heal added: "The red patch fades"',
      'Risks now (assessment 2026-11-11-change-in-needs):',
      '  - mobility: Falls: high (frat 18)',
      '  - skin: Pressure ulcer: high (waterlow 18)',
      '',
    ]);
    expect(lines[lines.length - 1]).toMatch(/^Recorded that s-carl has read and understood: p-edith v2\. \(commit [0-9a-f]{7}\)$/);
    expect((await lastCommit(dir)).trailers['Careplan-Action']).toEqual(['ack']);
  });

  it("a first confirmation shows the whole plan with each need's description and risks", async () => {
    const r = await run(['ack', 'p-edith', '--as', 's-ben', '--at', '2026-11-11T18:30']);
    expect(r.stdout).toContain(
      [
        'First confirmation: the whole plan:',
        '',
        'About me: Retired teacher; loves crosswords and her cat Moss.',
        '',
        'mobility: Unsteady walking, uses a frame; needs one carer beside her.',
        '  Risks:',
        '    - Falls: high (frat 18)',
        '  Preferences:',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      'skin: Red patch on the sacrum after two days in bed.\n  Risks:\n    - Pressure ulcer: high (waterlow 18)\n',
    );
  });
});
