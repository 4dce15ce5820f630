import { describe, expect, it } from 'vitest';
import { assessedFor, describeChange, describeRisk, diffAssessments, diffPlans } from '../../src/model/planDiff.js';
import type { Assessment } from '../../src/model/records.generated.js';
import type { PersonFolder } from '../../src/model/workspace.js';
import { plan } from '../helpers/planFixture.js';

type Need = Assessment['needs'][number];
const assessment = (needs: Need[]): Assessment => ({ type: 'review', at: '2026-11-11T10:00', by: 's-ben', with_person: true, needs });
const mobility = (change: Partial<Need> = {}): Need => ({
  id: 'mobility',
  domain: 'mobility',
  description: 'Unsteady walking, uses a frame.',
  risks: [{ description: 'Falls', tool: 'frat', score: 14, level: 'high' }],
  ...change,
});
const cognition = (change: Partial<Need> = {}): Need => ({
  id: 'cognition',
  domain: 'cognition',
  description: 'Forgets the day.',
  ...change,
});

describe('diffPlans beside the assessments the versions reflect', () => {
  it("a change in needs: the description reworded and every risk added, rescored or removed, beside the plan's own changes", () => {
    const before = assessment([
      mobility(),
      cognition({
        risks: [
          { description: 'Pressure ulcer', tool: 'Waterlow', score: 12, level: 'medium' },
          { description: 'Wandering at night', level: 'low' },
        ],
      }),
    ]);
    const after = assessment([
      mobility({ description: 'Walks with a frame; needs one carer.' }),
      cognition({
        risks: [
          { description: 'Pressure ulcer (Waterlow 18)', tool: 'waterlow', score: 18, level: 'high' },
          { description: 'Choking', level: 'medium' },
        ],
      }),
    ]);
    const next = plan({ assessment: '2026-11-11-change-in-needs' });
    next.needs[1].actions[0].status = 'stopped';
    expect(diffPlans(plan(), next, { before, after }).map(describeChange)).toEqual([
      'now reflects assessment 2026-11-11-change-in-needs (was 2026-11-01-initial)',
      'mobility: need reworded: "Unsteady walking, uses a frame." → "Walks with a frame; needs one carer."',
      // Rescored with the same tool: one risk that changed, though its description changed too.
      'cognition: risk changed: Pressure ulcer: medium (Waterlow 12) → Pressure ulcer (Waterlow 18): high (waterlow 18)',
      'cognition: risk added: Choking: medium',
      'cognition: risk removed: Wandering at night: low',
      'cognition: action cog-board stopped: "Update the whiteboard"',
    ]);
    expect(
      diffPlans(plan(), next, { before, after })
        .filter((c) => c.what === 'risk')
        .map((c) => c.level),
    ).toEqual(['high', 'medium', 'low']);
  });

  it('a risk is the same risk by its description, whatever its case; only what it says changes it', () => {
    const before = assessment([
      mobility({
        risks: [
          { description: 'Falls', tool: 'frat', score: 14, level: 'high' },
          { description: 'Trips', level: 'low' },
        ],
      }),
    ]);
    const same = assessment([
      mobility({
        risks: [
          { description: 'trips', level: 'low' },
          { description: 'Falls', tool: 'frat', score: 14, level: 'high' },
        ],
      }),
    ]);
    expect(diffPlans(plan(), plan(), { before, after: same }).map(describeChange)).toEqual([
      'mobility: risk changed: Trips: low → trips: low',
    ]);
    const rescored = assessment([
      mobility({
        risks: [
          { description: 'Falls', tool: 'frat', score: 9, level: 'medium' },
          { description: 'Trips', level: 'low' },
        ],
      }),
    ]);
    expect(diffPlans(plan(), plan(), { before, after: rescored }).map(describeChange)).toEqual([
      'mobility: risk changed: Falls: high (frat 14) → Falls: medium (frat 9)',
    ]);
  });

  it('a need new to the plan comes with its description and all its risks; a first version likewise', () => {
    const after = assessment([mobility(), cognition({ risks: [{ description: 'Gets lost', level: 'medium' }] })]);
    const before = plan({ needs: [plan().needs[0]] });
    expect(diffPlans(before, plan(), { before: assessment([mobility()]), after }).map(describeChange)).toEqual([
      'need cognition added: "Forgets the day."',
      'cognition: risk added: Gets lost: medium',
      'cognition: action cog-board added: "Update the whiteboard"',
    ]);
    expect(diffPlans(undefined, plan(), { after }).map(describeChange).slice(0, 2)).toEqual([
      'need mobility added: "Unsteady walking, uses a frame."',
      'mobility: risk added: Falls: high (frat 14)',
    ]);
  });

  it('an assessment careplan cannot find says nothing about risks rather than guess', () => {
    const after = assessment([mobility({ risks: [] })]);
    expect(diffPlans(plan(), plan({ assessment: '2026-11-11-review' }), { after }).map(describeChange)).toEqual([
      'now reflects assessment 2026-11-11-review (was 2026-11-01-initial)',
    ]);
    expect(diffPlans(plan(), plan(), { before: assessment([mobility()]) })).toEqual([]);
  });

  it("assessedFor finds each version's assessment among the person's", () => {
    const a = assessment([mobility()]);
    const folder = { assessments: [{ id: '2026-11-01-initial', data: a }] } as unknown as Pick<PersonFolder, 'assessments'>;
    expect(assessedFor(folder, plan(), plan({ assessment: '2026-11-11-review' }))).toEqual({ before: a, after: undefined });
    expect(assessedFor(folder, undefined, plan())).toEqual({ before: undefined, after: a });
  });
});

describe('diffAssessments', () => {
  it('needs added (with their risks) and removed, descriptions and risks changed; nothing when they say the same', () => {
    const before = assessment([mobility(), cognition()]);
    const after = assessment([
      mobility({ risks: [] }),
      {
        id: 'skin',
        domain: 'skin-integrity',
        description: 'Red patch on the sacrum',
        risks: [{ description: 'Pressure ulcer', tool: 'waterlow', score: 18, level: 'high' }],
      },
    ]);
    expect(diffAssessments(before, after).map(describeChange)).toEqual([
      'mobility: risk removed: Falls: high (frat 14)',
      'need skin added: "Red patch on the sacrum"',
      'skin: risk added: Pressure ulcer: high (waterlow 18)',
      'need cognition removed',
    ]);
    expect(diffAssessments(undefined, assessment([cognition()])).map(describeChange)).toEqual(['need cognition added: "Forgets the day."']);
    expect(diffAssessments(before, before)).toEqual([]);
  });

  it('describeRisk: tool and score when there are any', () => {
    expect(describeRisk({ description: 'Falls', tool: 'frat', score: 14, level: 'high' })).toBe('Falls: high (frat 14)');
    expect(describeRisk({ description: 'Falls', score: 14, level: 'low' })).toBe('Falls: low (14)');
    expect(describeRisk({ description: 'Falls', level: 'medium' })).toBe('Falls: medium');
  });
});
