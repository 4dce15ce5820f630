import { describe, expect, it } from 'vitest';
import { buildHandover } from '../../src/history/handover.js';
import { planHash } from '../../src/model/planHash.js';
import type { Plan } from '../../src/model/records.generated.js';
import { home, KEY_WORKER, load, needEntry, type Home } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

const SINCE = asOf('2026-11-12T07:00');
const AS_OF = asOf('2026-11-12T19:00');

describe('buildHandover: risks in view', () => {
  const skin = (level: string, score: number) =>
    '  - { id: skin, domain: skin-integrity, description: Red patch on the sacrum, ' +
    `risks: [{ description: Pressure ulcer, tool: waterlow, score: ${score}, level: ${level} }] }\n`;
  const assessment = (at: string, type: string, needs: string) =>
    `type: ${type}\nat: ${at}\nby: ${KEY_WORKER}\nwith_person: true\nneeds:\n${needs}`;
  const MOBILITY = '  - { id: mobility, domain: mobility, description: Walks with a frame }\n';

  /** p-a: assessed on the 1st, plan v1 signed on the 2nd; a change in needs on the 12th at 08:00 found a pressure ulcer risk. */
  function changeInNeeds(): Home {
    return home()
      .file('people/p-a/assessments/2026-11-01-initial.yaml', assessment('2026-11-01T10:00', 'initial', MOBILITY + skin('medium', 12)))
      .plan({ assessment: '2026-11-01-initial', updated: '2026-11-01T16:00', needs: [needEntry('mobility'), needEntry('skin')] })
      .signoff('2026-11-02T09:00')
      .file(
        'people/p-a/assessments/2026-11-12-change-in-needs.yaml',
        assessment('2026-11-12T08:00', 'change-in-needs', MOBILITY + skin('high', 18)),
      );
  }

  it('a change in needs the plan does not reflect yet: the new high risk is handed over at once', () => {
    const report = buildHandover({
      ws: load(changeInNeeds()),
      since: SINCE,
      asOf: AS_OF,
      windowCommits: [],
      contentByHash: new Map(),
      fromGit: true,
    });
    expect(report.plans).toEqual([]);
    expect(report.assessments).toEqual([
      {
        person: 'p-a',
        name: 'Person p-a',
        id: '2026-11-12-change-in-needs',
        at: '2026-11-12T08:00',
        by: KEY_WORKER,
        planAssessment: '2026-11-01-initial',
        changes: [
          {
            what: 'risk',
            change: 'changed',
            need: 'skin',
            text: 'Pressure ulcer: high (waterlow 18)',
            before: 'Pressure ulcer: medium (waterlow 12)',
            level: 'high',
          },
        ],
      },
    ]);
  });

  it("once the plan reflects it and is signed, the plan's changes carry the risk, and the assessment is not listed twice", () => {
    const h = changeInNeeds();
    const v1 = structuredClone(h.planSpec()) as unknown as Plan;
    h.plan({ version: 2, assessment: '2026-11-12-change-in-needs', updated: '2026-11-12T10:00' }).signoff('2026-11-12T11:00');
    const report = buildHandover({
      ws: load(h),
      since: SINCE,
      asOf: AS_OF,
      windowCommits: [],
      contentByHash: new Map([[`p-a ${planHash(v1)}`, v1]]),
      fromGit: true,
    });
    expect(report.assessments).toEqual([]);
    expect(report.plans[0].changes).toEqual([
      { what: 'assessment', change: 'changed', text: '2026-11-12-change-in-needs', before: '2026-11-01-initial' },
      {
        what: 'risk',
        change: 'changed',
        need: 'skin',
        text: 'Pressure ulcer: high (waterlow 18)',
        before: 'Pressure ulcer: medium (waterlow 12)',
        level: 'high',
      },
    ]);
  });

  it('a first plan in the window lists every risk of its assessment', () => {
    const h = home()
      .file('people/p-a/assessments/2026-11-12-initial.yaml', assessment('2026-11-12T08:00', 'initial', skin('high', 18)))
      .plan({ assessment: '2026-11-12-initial', updated: '2026-11-12T10:00', needs: [needEntry('skin')] });
    const [plan] = buildHandover({
      ws: load(h),
      since: SINCE,
      asOf: AS_OF,
      windowCommits: [],
      contentByHash: new Map(),
      fromGit: true,
    }).plans;
    expect(plan.changes!.filter((c) => c.what !== 'action' && c.what !== 'goal')).toEqual([
      { what: 'need', change: 'added', need: 'skin', id: 'skin', text: 'Red patch on the sacrum' },
      { what: 'risk', change: 'added', need: 'skin', text: 'Pressure ulcer: high (waterlow 18)', level: 'high' },
    ]);
  });

  it('a person assessed in the window with no plan yet: every need and risk is new; earlier, later or discharged: nothing', () => {
    const h = home()
      .file('people/p-a/assessments/2026-11-12-initial.yaml', assessment('2026-11-12T08:00', 'initial', skin('high', 18)))
      .person('p-b')
      .file('people/p-b/assessments/2026-11-11-initial.yaml', assessment('2026-11-11T08:00', 'initial', MOBILITY))
      .person('p-c')
      .file('people/p-c/assessments/2026-11-12-initial.yaml', assessment('2026-11-12T20:00', 'initial', MOBILITY))
      .person('p-d', { status: 'discharged', discharged: '2026-11-12' })
      .file('people/p-d/assessments/2026-11-12-initial.yaml', assessment('2026-11-12T09:00', 'initial', MOBILITY));
    const report = buildHandover({ ws: load(h), since: SINCE, asOf: AS_OF, windowCommits: [], contentByHash: new Map(), fromGit: true });
    expect(report.assessments.map((a) => [a.person, a.planAssessment, a.changes.map((c) => `${c.what} ${c.change} ${c.need}`)])).toEqual([
      ['p-a', undefined, ['need added skin', 'risk added skin']],
    ]);
  });
});
