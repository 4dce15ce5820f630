import { describe, expect, it } from 'vitest';
import { home, judge, needEntry, none, one, ofRule } from '../helpers/care.js';

/**
 * src/rules/care/planContent.ts: each assessed need has an active action (need-unaddressed), an
 * active goal (goal-missing) and the person's preferences (preferences-missing). Judged on the plan
 * as it stands, signed or not.
 */

const PLAN = 'people/p-a/plan.yaml';
const AS_OF = '2026-11-02';
const assessed = () => home().assess('2026-11-01T10:00', { needs: ['mobility', 'nutrition'] });
const stopped = (id: string) => ({ id, description: 'Stopped support', status: 'stopped' as const });

describe('need-unaddressed', () => {
  it("a need of the plan's assessment with no plan entry: error at `needs`", () => {
    const f = one(judge(assessed().plan({ needs: [needEntry('mobility')] }), AS_OF), 'need-unaddressed');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: PLAN, line: 6 });
    expect(f.message).toContain('nutrition');
  });
  it('a need entry whose actions are all stopped: error at that entry', () => {
    const h = assessed().plan({ needs: [needEntry('mobility'), needEntry('nutrition', { actions: [stopped('nut-old')] })] });
    const f = one(judge(h, AS_OF), 'need-unaddressed');
    expect(f).toMatchObject({ severity: 'error', person: 'p-a', file: PLAN, line: 13 });
  });
  it('a need entry with no actions at all', () => {
    one(judge(assessed().plan({ needs: [needEntry('mobility'), needEntry('nutrition', { actions: [] })] }), AS_OF), 'need-unaddressed');
  });
  it('not when one action of several is active', () => {
    const h = assessed().plan({
      needs: [
        needEntry('mobility'),
        needEntry('nutrition', { actions: [stopped('nut-old'), { id: 'nut-new', description: 'Snacks', status: 'active' }] }),
      ],
    });
    none(judge(h, AS_OF), 'need-unaddressed');
  });
  it("judged against the plan's own assessment, not a newer one (plan-outdated covers that)", () => {
    const h = home()
      .assess('2026-11-01T10:00')
      .plan()
      .assess('2026-11-02T09:00', { type: 'change-in-needs', needs: ['mobility', 'nutrition'] });
    none(judge(h, '2026-11-02T10:00'), 'need-unaddressed');
  });
  it('not for a discharged person', () => {
    const h = assessed()
      .plan({ needs: [needEntry('mobility')] })
      .person('p-a', { status: 'discharged', discharged: '2026-11-02' });
    none(judge(h, AS_OF), 'need-unaddressed');
  });
});

describe('goal-missing', () => {
  it('a need entry with no active goal: warning at that entry', () => {
    const h = assessed().plan({
      needs: [needEntry('mobility', { goals: [{ id: 'walk', description: 'Walks', status: 'achieved' }] }), needEntry('nutrition')],
    });
    const f = one(judge(h, AS_OF), 'goal-missing');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: 7 });
  });
  it('no goals at all, or only discontinued ones', () => {
    const h = assessed().plan({
      needs: [
        needEntry('mobility', { goals: [] }),
        needEntry('nutrition', { goals: [{ id: 'eat', description: 'Eats', status: 'discontinued' }] }),
      ],
    });
    expect(ofRule(judge(h, AS_OF), 'goal-missing').map((f) => f.line)).toEqual([7, 12]);
  });
  it('not when one goal is active', () => {
    none(judge(assessed().plan(), AS_OF), 'goal-missing');
  });
});

describe('preferences-missing', () => {
  it('a need entry without preferences: warning at that entry', () => {
    const h = assessed().plan({ needs: [needEntry('mobility'), needEntry('nutrition', { preferences: undefined })] });
    const f = one(judge(h, AS_OF), 'preferences-missing');
    expect(f).toMatchObject({ severity: 'warning', person: 'p-a', file: PLAN, line: 13 });
  });
  it('an empty list counts as none', () => {
    one(
      judge(assessed().plan({ needs: [needEntry('mobility', { preferences: [] }), needEntry('nutrition')] }), AS_OF),
      'preferences-missing',
    );
  });
  it('not when preferences are recorded', () => {
    none(judge(assessed().plan(), AS_OF), 'preferences-missing');
  });
});
