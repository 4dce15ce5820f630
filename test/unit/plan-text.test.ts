import { describe, expect, it } from 'vitest';
import { planText, signoffScreen } from '../../src/format/planText.js';
import type { Assessment, Plan } from '../../src/model/records.generated.js';

const PLAN: Plan = {
  version: 2,
  assessment: '2026-11-11-change-in-needs',
  author: 's-ben',
  updated: '2026-11-11T12:00',
  about_me: 'Retired teacher.',
  strengths: ['Knows her routine'],
  needs: [
    {
      need: 'skin',
      preferences: ['Turns to her left first'],
      actions: [
        { id: 'skin-turn', description: 'Help her change position', frequency: 'every 2 hours', status: 'active' },
        { id: 'skin-cream', description: 'Barrier cream', status: 'stopped' },
      ],
      goals: [
        {
          id: 'skin-wt',
          description: 'Keeps her weight',
          measure: 'weight',
          target: 60,
          unit: 'kg',
          direction: 'maintain',
          status: 'active',
        },
        { id: 'skin-heal', description: 'The patch fades', by: '2026-12-15', status: 'achieved' },
      ],
    },
    { need: 'social', actions: [], goals: [] },
  ],
};

const ASSESSMENT: Assessment = {
  type: 'change-in-needs',
  at: '2026-11-11T10:00',
  by: 's-ben',
  with_person: true,
  needs: [
    {
      id: 'skin',
      domain: 'skin-integrity',
      description: 'Red patch on the sacrum.',
      risks: [
        { description: 'Pressure ulcer', tool: 'waterlow', score: 18, level: 'high' },
        { description: 'Skin tears', level: 'low' },
      ],
    },
    { id: 'social', domain: 'social', description: 'Lonely in the afternoons.' },
  ],
};

const MEASURED = {
  goal: 'skin-wt',
  unit: 'kg',
  direction: 'maintain' as const,
  target: 60,
  count: 2,
  met: false,
  first: { at: '2026-11-02T08:00', date: '2026-11-02', value: 55 },
  latest: { at: '2026-11-09T08:00', date: '2026-11-09', value: 56 },
  best: { at: '2026-11-09T08:00', date: '2026-11-09', value: 56 },
};

const BODY = [
  'About me: Retired teacher.',
  'Strengths: Knows her routine',
  '',
  'skin: Red patch on the sacrum.',
  '  Risks:',
  '    - Pressure ulcer: high (waterlow 18)',
  '    - Skin tears: low',
  '  Preferences:',
  '    - Turns to her left first',
  '  Actions:',
  '    skin-turn: Help her change position (every 2 hours)',
  '    skin-cream: Barrier cream [stopped]',
  '  Goals:',
  '    skin-wt: Keeps her weight (weight, target 60 kg, maintain)',
  '      measured: first 55 kg on 2026-11-02, latest 56 kg on 2026-11-09, best 56 kg; target about 60 kg (within 5%): not met',
  '    skin-heal: The patch fades (by 2026-12-15) [achieved]',
  '',
  'social: Lonely in the afternoons.',
  '',
].join('\n');

describe('planText', () => {
  it('each need with its description and risks, then preferences, actions, goals and their values', () => {
    expect(planText(PLAN, { assessment: ASSESSMENT, measures: [MEASURED] })).toBe(BODY);
  });

  it('without the assessment, needs are named by id and no risks are guessed', () => {
    const text = planText(PLAN);
    expect(text).toContain('\nskin\n  Preferences:\n');
    expect(text).not.toContain('Risks:');
    expect(text).not.toContain('measured:');
  });
});

describe('signoffScreen', () => {
  const head = "p-edith's plan, version 2 (assessment 2026-11-11-change-in-needs, by s-ben, updated 2026-11-11T12:00):";
  const context = { assessment: ASSESSMENT, measures: [MEASURED] };

  it('what changed since the version last signed, then the whole plan', () => {
    const signed = {
      version: 1,
      by: 's-amina',
      at: '2026-10-29T16:20',
      changes: [
        {
          what: 'risk' as const,
          change: 'added' as const,
          need: 'skin',
          text: 'Pressure ulcer: high (waterlow 18)',
          level: 'high' as const,
        },
      ],
    };
    expect(signoffScreen('p-edith', PLAN, { ...context, signed })).toBe(
      `${head}\nWhat changed since version 1, signed off by s-amina at 2026-10-29T16:20:\n` +
        `  - skin: risk added: Pressure ulcer: high (waterlow 18)\n\n${BODY}`,
    );
    expect(signoffScreen('p-edith', PLAN, { ...context, signed: { ...signed, changes: [] } })).toContain(':\n  (no change in content)\n\n');
  });

  it('a plan never signed, or a signed version git no longer holds, says so', () => {
    expect(signoffScreen('p-edith', PLAN, context)).toBe(`${head}\nNever signed off: the whole plan is new.\n\n${BODY}`);
    expect(
      signoffScreen('p-edith', PLAN, { ...context, signed: { version: 1, by: 's-amina', at: '2026-10-29T16:20' } }).split('\n')[1],
    ).toBe('Version 1 was signed off by s-amina at 2026-10-29T16:20; git no longer holds it, so what changed cannot be shown.');
  });
});
