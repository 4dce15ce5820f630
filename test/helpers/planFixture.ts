import type { Plan } from '../../src/model/records.generated.js';

/** A plan for plan-diff tests: mobility (two actions, two goals) and cognition (one action); `over` replaces fields. */
export function plan(over: Partial<Plan> = {}): Plan {
  return {
    version: 1,
    assessment: '2026-11-01-initial',
    author: 's-ben',
    updated: '2026-11-01T16:00',
    about_me: 'Likes crosswords.',
    strengths: ['Knows her routine'],
    needs: [
      {
        need: 'mobility',
        preferences: ['Walks to lunch'],
        actions: [
          { id: 'mob-walk', description: 'Walk beside Edie to lunch', frequency: 'daily at 12:30', status: 'active' },
          { id: 'mob-pain', description: 'Ask about her hip', status: 'active' },
        ],
        goals: [
          { id: 'mob-indep', description: 'Walks to lunch without help', measure: 'unaided walks a week', target: 5, status: 'active' },
          { id: 'mob-old', description: 'Uses the frame', status: 'achieved' },
        ],
      },
      { need: 'cognition', actions: [{ id: 'cog-board', description: 'Update the whiteboard', status: 'active' }], goals: [] },
    ],
    ...over,
  } as Plan;
}
