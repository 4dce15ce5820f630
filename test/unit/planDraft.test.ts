import { describe, expect, it } from 'vitest';
import { draftPlan, nextVersion, sameContent, updatePlan } from '../../src/model/planDraft.js';
import { describeSummary, summariseOutcomes } from '../../src/model/outcomeSummary.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import type { Assessment, Plan } from '../../src/model/records.generated.js';
import { patternsOf } from '../../src/model/variation.js';
import { parseTimestamp } from '../../src/model/time.js';

const assessment: Assessment = {
  type: 'initial',
  at: '2026-10-28T14:00',
  by: 's-ben',
  with_person: true,
  needs: [
    { id: 'mobility', domain: 'mobility', description: 'Unsteady', preferences: ['Walks to lunch'] },
    { id: 'nutrition', domain: 'nutrition-hydration', description: 'Drinks' },
  ],
};

const draft = (): Plan =>
  draftPlan(
    assessment,
    '2026-10-28-initial',
    {
      about_me: 'ignored: meta wins',
      needs: [
        {
          need: 'mobility',
          actions: [{ id: 'mob-walk', description: 'Walk beside her' }],
          goals: [{ id: 'mob-indep', description: 'Walks alone', target: 5 }],
        },
      ],
    },
    { author: 's-ben', updated: '2026-10-29T10:00', about_me: 'Retired teacher' },
  );

describe('draftPlan', () => {
  it('takes every need of the assessment, its preferences, and the actions and goals given (active)', () => {
    expect(draft()).toEqual({
      version: 1,
      assessment: '2026-10-28-initial',
      author: 's-ben',
      updated: '2026-10-29T10:00',
      about_me: 'Retired teacher',
      needs: [
        {
          need: 'mobility',
          preferences: ['Walks to lunch'],
          actions: [{ id: 'mob-walk', description: 'Walk beside her', status: 'active' }],
          goals: [{ id: 'mob-indep', description: 'Walks alone', target: 5, status: 'active' }],
        },
        { need: 'nutrition', actions: [], goals: [] },
      ],
    });
  });
});

describe('updatePlan', () => {
  const changed: Assessment = {
    ...assessment,
    type: 'change-in-needs',
    needs: [...assessment.needs, { id: 'night', domain: 'safety', description: 'Up at night', preferences: ['Light on'] }],
  };

  it('adds new needs, keeps every action and goal, and changes only status', () => {
    const { plan, added, dropped, unknownIds } = updatePlan(
      draft(),
      changed,
      '2026-11-11-change-in-needs',
      {
        needs: [
          { need: 'night', actions: [{ id: 'ns-mat', description: 'Sensor mat' }] },
          { need: 'mobility', actions: [{ id: 'mob-walk', description: 'Walk beside her, on the left' }] },
        ],
      },
      { stop: ['mob-walk'], achieve: ['mob-indep'], discontinue: ['nope'] },
      { author: 's-ben', updated: '2026-11-11T15:00' },
    );
    expect(added).toEqual(['night']);
    expect(dropped).toEqual([]);
    expect(unknownIds).toEqual(['nope']);
    expect(plan.assessment).toBe('2026-11-11-change-in-needs');
    expect(plan.needs[0].actions).toEqual([{ id: 'mob-walk', description: 'Walk beside her, on the left', status: 'stopped' }]);
    expect(plan.needs[0].goals[0].status).toBe('achieved');
    expect(plan.needs[2]).toEqual({
      need: 'night',
      preferences: ['Light on'],
      actions: [{ id: 'ns-mat', description: 'Sensor mat', status: 'active' }],
      goals: [],
    });
  });

  it('reports needs the new assessment no longer lists rather than drop their actions and goals', () => {
    const fewer: Assessment = { ...assessment, needs: [assessment.needs[1]] };
    expect(updatePlan(draft(), fewer, 'x', {}, {}, { author: 's-ben', updated: '2026-11-11T15:00' }).dropped).toEqual(['mobility']);
  });

  it('sees through who and when when comparing content', () => {
    expect(sameContent(draft(), { ...draft(), version: 3, updated: '2027-01-01T00:00', author: 's-x' })).toBe(true);
    expect(sameContent(draft(), { ...draft(), about_me: 'Other' })).toBe(false);
  });
});

describe('nextVersion', () => {
  const plan = { ...draft(), version: 2 };
  it("keeps an unsigned draft's number and moves past a signed one", () => {
    expect(nextVersion(plan, [])).toBe(2);
    expect(nextVersion(plan, [{ version: 1, plan: 'sha256:a', by: 's', at: 'x' }])).toBe(2);
    expect(nextVersion(plan, [{ version: 2, plan: 'sha256:b', by: 's', at: 'x' }])).toBe(3);
    expect(
      nextVersion(plan, [
        { version: 2, plan: 'sha256:b', by: 's', at: 'x' },
        { version: 4, plan: 'sha256:c', by: 's', at: 'x' },
      ]),
    ).toBe(5);
  });
});

describe('patternsOf', () => {
  const v = (at: string, variation?: string) => ({ at, variation });
  const variationPatterns = (entries: { at: string; variation?: string }[], policy: typeof DEFAULT_POLICY, zone: string) =>
    patternsOf(
      entries.filter((e) => e.variation !== undefined).map((item) => ({ item, at: parseTimestamp(item.at, zone)! })),
      policy,
      zone,
    );
  it('counts variation_pattern.count variations within the days, and a counted entry starts no other', () => {
    const entries = [
      v('2026-11-01T10:00', 'a'),
      v('2026-11-02T10:00'),
      v('2026-11-03T10:00', 'b'),
      v('2026-11-05T10:00', 'c'),
      v('2026-11-06T10:00', 'd'),
      v('2026-11-07T10:00', 'e'),
      v('2026-11-20T10:00', 'f'),
    ];
    const patterns = variationPatterns(entries, DEFAULT_POLICY, 'Europe/London');
    expect(patterns.map((p) => p.map((e) => e.item.variation))).toEqual([['a', 'b', 'c']]);
    expect(
      variationPatterns(
        [v('2026-11-01T10:00', 'a'), v('2026-11-05T10:00', 'b'), v('2026-11-09T10:00', 'c')],
        DEFAULT_POLICY,
        'Europe/London',
      ),
    ).toEqual([]);
  });
});

describe('summariseOutcomes', () => {
  it("counts each goal's results and variations within the period and suggests a trend", () => {
    const plan = draft();
    const summaries = summariseOutcomes(
      plan,
      [
        { at: '2026-11-01T10:00', by: 's-carl', goal: 'mob-indep', result: 'improving' },
        { at: '2026-11-02T10:00', by: 's-carl', goal: 'mob-indep', result: 'improving', variation: 'Wheelchair' },
        { at: '2026-11-03T10:00', by: 's-carl', goal: 'mob-indep', result: 'worsening' },
        { at: '2026-11-09T10:00', by: 's-carl', goal: 'mob-indep', result: 'worsening' },
      ],
      { from: '2026-11-01', to: '2026-11-07' },
      'Europe/London',
    );
    expect(summaries).toEqual([
      {
        goal: 'mob-indep',
        description: 'Walks alone',
        status: 'active',
        entries: 3,
        byResult: { improving: 2, worsening: 1 },
        variations: [{ at: '2026-11-02T10:00', by: 's-carl', text: 'Wheelchair' }],
        suggested: 'improving',
      },
    ]);
    expect(describeSummary(summaries[0])).toBe('3 entries: improving 2, worsening 1; 1 variation');
  });
});
