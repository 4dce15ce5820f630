import { describe, expect, it } from 'vitest';
import { describeChange, diffPlans } from '../../src/model/planDiff.js';
import { plan } from '../helpers/planFixture.js';

describe('diffPlans', () => {
  it('a first version is everything added', () => {
    expect(diffPlans(undefined, plan()).map(describeChange)).toEqual([
      'need mobility added',
      'mobility: action mob-walk added: "Walk beside Edie to lunch"',
      'mobility: action mob-pain added: "Ask about her hip"',
      'mobility: goal mob-indep added: "Walks to lunch without help"',
      'mobility: goal mob-old added: "Uses the frame"',
      'need cognition added',
      'cognition: action cog-board added: "Update the whiteboard"',
    ]);
  });

  it('the same content is no change', () => {
    expect(diffPlans(plan(), plan({ version: 2, updated: '2026-11-10T10:00', author: 's-amina' }))).toEqual([]);
  });

  it('every kind of change, in care words, in the order of the plan', () => {
    const before = plan();
    const after = plan({
      assessment: '2026-11-11-change-in-needs',
      about_me: 'Retired teacher.',
      strengths: ['Knows her routine', 'Sings'],
      needs: [
        {
          need: 'mobility',
          preferences: ['Walks to lunch', 'No slippers'],
          actions: [
            { id: 'mob-walk', description: 'Walk beside Edie with her walker', frequency: 'every time she walks', status: 'active' },
            { id: 'mob-pain', description: 'Ask about her hip', status: 'stopped' },
          ],
          goals: [
            {
              id: 'mob-indep',
              description: 'Walks to lunch without help',
              measure: 'unaided walks a week',
              target: 7,
              status: 'discontinued',
            },
            { id: 'mob-old', description: 'Uses the frame', status: 'active' },
            { id: 'mob-safe', description: 'No falls', status: 'active' },
          ],
        },
        { need: 'night-safety', actions: [], goals: [] },
      ],
    });
    expect(diffPlans(before, after).map(describeChange)).toEqual([
      'now reflects assessment 2026-11-11-change-in-needs (was 2026-11-01-initial)',
      '"About me" reworded: "Retired teacher."',
      'strengths changed: "Knows her routine; Sings"',
      'mobility: preferences changed: "Walks to lunch; No slippers"',
      'mobility: action mob-walk reworded: "Walk beside Edie to lunch" → "Walk beside Edie with her walker"',
      'mobility: action mob-walk frequency changed: daily at 12:30 → every time she walks',
      'mobility: action mob-pain stopped: "Ask about her hip"',
      'mobility: goal mob-indep target changed: 5 → 7',
      'mobility: goal mob-indep discontinued: "Walks to lunch without help"',
      'mobility: goal mob-old reactivated: "Uses the frame"',
      'mobility: goal mob-safe added: "No falls"',
      'need night-safety added',
      'need cognition removed',
    ]);
  });

  it('an action restarted, a goal achieved, a field first given or taken away', () => {
    const before = plan();
    const stopped = plan();
    stopped.needs[0].actions[1].status = 'stopped';
    delete stopped.needs[0].actions[0].frequency;
    const after = plan();
    after.needs[0].goals[0].status = 'achieved';
    expect(diffPlans(stopped, before).map(describeChange)).toEqual([
      'mobility: action mob-walk frequency changed: (none) → daily at 12:30',
      'mobility: action mob-pain restarted: "Ask about her hip"',
    ]);
    expect(diffPlans(before, stopped).map(describeChange)[0]).toBe('mobility: action mob-walk frequency changed: daily at 12:30 → (none)');
    expect(diffPlans(before, after).map(describeChange)).toEqual(['mobility: goal mob-indep achieved: "Walks to lunch without help"']);
  });

  it('keeps the structured change for JSON: what, change, need, id, field, before and after', () => {
    const after = plan();
    after.needs[0].goals[0].target = 6;
    expect(diffPlans(plan(), after)).toEqual([
      { what: 'goal', change: 'changed', need: 'mobility', id: 'mob-indep', field: 'target', text: '6', before: '5' },
    ]);
  });
});
