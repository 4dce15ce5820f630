import { describe, expect, it } from 'vitest';
import { placementOf } from '../../src/model/layout.js';

describe('placementOf: where a path belongs in the records layout (SPEC section 1)', () => {
  const table: [string, Record<string, unknown>][] = [
    ['careplan.yaml', { kind: 'config' }],
    ['staff/s-amina.yaml', { kind: 'staff', staffId: 's-amina' }],
    ['people/p-edith/person.yaml', { kind: 'person', personId: 'p-edith' }],
    [
      'people/p-edith/assessments/2026-10-28-initial.yaml',
      { kind: 'assessment', personId: 'p-edith', date: '2026-10-28', type: 'initial', stem: '2026-10-28-initial' },
    ],
    ['people/p-edith/assessments/2026-11-11-change-in-needs.yaml', { kind: 'assessment', type: 'change-in-needs' }],
    ['people/p-edith/plan.yaml', { kind: 'plan', personId: 'p-edith' }],
    ['people/p-edith/signoffs.yaml', { kind: 'signoffs' }],
    ['people/p-edith/acknowledgements.yaml', { kind: 'acknowledgements' }],
    ['people/p-edith/agreements.yaml', { kind: 'agreements' }],
    ['people/p-edith/escalations.yaml', { kind: 'escalations' }],
    ['people/p-edith/outcomes/2026-11.yaml', { kind: 'outcomes', personId: 'p-edith', month: '2026-11' }],
    ['people/p-edith/reviews/2026-11-25-plan.yaml', { kind: 'review', date: '2026-11-25', reviewKind: 'plan' }],
    ['people/p-edith/reviews/2026-11-09-outcomes.yaml', { kind: 'review', reviewKind: 'outcomes' }],
    ['spotchecks/2026-11-10-s-dana.yaml', { kind: 'spotcheck', date: '2026-11-10', staffId: 's-dana' }],
    ['feedback/2026-11-14-walks-with-mum.yaml', { kind: 'feedback', date: '2026-11-14', slug: 'walks-with-mum' }],
    ['audits/2026-10.yaml', { kind: 'audit', month: '2026-10' }],
  ];
  for (const [file, expected] of table) {
    it(`${file} → ${String(expected.kind)}`, () => expect(placementOf(file)).toMatchObject(expected));
  }

  it('names that break identity are bad names, saying what is wrong', () => {
    for (const file of [
      'staff/S-Amina.yaml',
      'people/P-Edith/person.yaml',
      'people/p_edith/plan.yaml',
      'spotchecks/2026-11-10-Dana.yaml',
      'feedback/2026-11-14-Walks.yaml',
    ]) {
      expect(placementOf(file), file).toMatchObject({ kind: 'bad-name', problem: expect.stringMatching(/not a valid id/) });
    }
    for (const file of [
      'people/p-edith/assessments/2026-02-30-initial.yaml',
      'people/p-edith/reviews/2026-13-01-plan.yaml',
      'spotchecks/2026-04-31-s-dana.yaml',
    ]) {
      expect(placementOf(file), file).toMatchObject({ kind: 'bad-name', problem: expect.stringMatching(/not a real calendar date/) });
    }
  });

  it('anything else is unexpected, with the expected form where one is near', () => {
    expect(placementOf('notes.yaml')).toEqual({ kind: 'unexpected' });
    expect(placementOf('careplan.yml')).toEqual({ kind: 'unexpected', expected: 'records use the .yaml extension' });
    expect(placementOf('staff/s-amina.yml')).toMatchObject({ kind: 'unexpected', expected: expect.stringMatching(/\.yaml/) });
    expect(placementOf('staff/team/s-amina.yaml')).toMatchObject({ kind: 'unexpected' });
    expect(placementOf('people/p-edith/outcomes/november.yaml')).toMatchObject({ kind: 'unexpected', expected: 'outcomes/<YYYY-MM>.yaml' });
    expect(placementOf('people/p-edith/outcomes/2026-13.yaml')).toMatchObject({ kind: 'unexpected' });
    expect(placementOf('people/p-edith/assessments/2026-10-28-first.yaml')).toMatchObject({
      kind: 'unexpected',
      expected: expect.stringMatching(/initial\|review\|change-in-needs/),
    });
    expect(placementOf('people/p-edith/reviews/2026-11-25-monthly.yaml')).toMatchObject({
      kind: 'unexpected',
      expected: expect.stringMatching(/plan\|outcomes/),
    });
    expect(placementOf('people/p-edith/care.yaml')).toEqual({ kind: 'unexpected' });
    expect(placementOf('people/person.yaml')).toEqual({ kind: 'unexpected' });
    expect(placementOf('audits/october.yaml')).toMatchObject({ kind: 'unexpected', expected: 'audits/<YYYY-MM>.yaml' });
    expect(placementOf('spotchecks/s-dana.yaml')).toMatchObject({ kind: 'unexpected', expected: expect.stringMatching(/spotchecks\//) });
  });
});
