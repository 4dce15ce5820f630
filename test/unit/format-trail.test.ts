import { describe, expect, it } from 'vitest';
import { DUE_FORMATS } from '../../src/format/dueFormats.js';
import { formatDueTable, type DueReport } from '../../src/format/dueTable.js';
import { HANDOVER_FORMATS } from '../../src/format/handoverFormats.js';
import { formatHandoverText } from '../../src/format/handoverText.js';
import { HISTORY_FORMATS } from '../../src/format/historyFormats.js';
import { formatHistoryText, type HistoryReport } from '../../src/format/historyText.js';
import { PLAIN } from '../../src/format/registry.js';
import type { HandoverReport } from '../../src/history/handover.js';
import type { TrailCommit, TrailEntry } from '../../src/history/timeline.js';
import { expectGolden, TAGS } from '../helpers/golden.js';

const SHA = (c: string) => c.repeat(40);
const AMINA = { name: 'Amina Okafor', email: 'amina@test.example' };
const BEN = { name: 'Ben Hollis', email: 'ben@test.example' };
const JO = { name: 'Jo Bloggs', email: 'jo@elsewhere.example' };

function commit(
  sha: string,
  at: string,
  by: string | undefined,
  author = by === 's-amina' ? AMINA : BEN,
  handEdit = false,
  file = 'people/p-edith/plan.yaml',
): TrailCommit {
  return { commit: SHA(sha), at, by, author, handEdit, file };
}

/** Edie's trail by hand: every kind of entry the history shows, each once. */
function entries(): TrailEntry[] {
  const none = { signoffs: [], acknowledgements: [], agreements: [] };
  return [
    {
      ...commit('1', '2026-10-28T14:05', 's-ben', BEN, false, 'people/p-edith/assessments/2026-10-28-initial.yaml'),
      type: 'assessment',
      id: '2026-10-28-initial',
      assessmentType: 'initial',
      change: 'added',
      recordedAt: '2026-10-28T14:00',
    },
    { ...commit('1', '2026-10-28T14:05', 's-ben', BEN, false, 'people/p-edith/person.yaml'), type: 'person', change: 'added' },
    {
      ...commit('2', '2026-10-29T10:00', 's-ben'),
      type: 'plan',
      version: 1,
      hash: 'sha256:1',
      first: true,
      versionUnchanged: false,
      changes: [
        { what: 'need', change: 'added', need: 'mobility', id: 'mobility' },
        { what: 'action', change: 'added', need: 'mobility', id: 'mob-walk', text: 'Walk beside Edie to lunch' },
        { what: 'goal', change: 'added', need: 'mobility', id: 'mob-indep', text: 'Walks to lunch without help' },
        { what: 'need', change: 'added', need: 'cognition', id: 'cognition' },
        { what: 'action', change: 'added', need: 'cognition', id: 'cog-board', text: 'Update the whiteboard' },
      ],
      signoffs: [{ by: 's-amina', at: '2026-10-29T15:00', commit: SHA('3') }],
      acknowledgements: [
        { staff: 's-ben', at: '2026-10-30T08:00', commit: SHA('4') },
        { staff: 's-ben', at: '2026-10-30T08:01', commit: SHA('4') },
      ],
      agreements: [{ by: 'person', method: 'in-person', at: '2026-10-30T11:00', commit: SHA('5') }],
    },
    {
      ...commit('3', '2026-10-29T15:00', 's-amina', AMINA, false, 'people/p-edith/signoffs.yaml'),
      type: 'signoff',
      version: 1,
      plan: 'sha256:1',
      signer: 's-amina',
      recordedAt: '2026-10-29T15:00',
    },
    {
      ...commit('4', '2026-10-30T08:00', 's-amina', AMINA, true, 'people/p-edith/acknowledgements.yaml'),
      type: 'acknowledgement',
      version: 1,
      plan: 'sha256:1',
      staff: 's-ben',
      recordedAt: '2026-10-30T08:00',
    },
    {
      ...commit('5', '2026-10-30T11:00', 's-ben', BEN, false, 'people/p-edith/agreements.yaml'),
      type: 'agreement',
      version: 1,
      plan: 'sha256:1',
      agreedBy: 'person',
      method: 'in-person',
      recordedAt: '2026-10-30T11:00',
    },
    { ...commit('6', '2026-11-02T09:00', 's-ben'), type: 'plan-layout', version: 1 },
    {
      ...commit('7', '2026-11-12T10:00', 's-ben'),
      type: 'plan',
      version: 2,
      previousVersion: 1,
      hash: 'sha256:2',
      first: false,
      versionUnchanged: false,
      changes: [
        {
          what: 'action',
          change: 'reworded',
          need: 'mobility',
          id: 'mob-walk',
          before: 'Walk beside Edie to lunch',
          text: 'Walk beside Edie with her walker',
        },
        { what: 'goal', change: 'changed', need: 'mobility', id: 'mob-indep', field: 'target', before: '5', text: '7' },
        { what: 'action', change: 'stopped', need: 'cognition', id: 'cog-board', text: 'Update the whiteboard' },
      ],
      ...none,
    },
    {
      ...commit('8', '2026-11-13T09:00', 's-ben'),
      type: 'plan',
      version: 2,
      previousVersion: 2,
      hash: 'sha256:3',
      first: false,
      versionUnchanged: true,
      changes: [],
      ...none,
    },
    {
      ...commit('9', '2026-11-14T12:00', 's-ben', BEN, false, 'people/p-edith/escalations.yaml'),
      type: 'escalation',
      raisedBy: 's-ben',
      to: 's-amina',
      recordedAt: '2026-11-14T11:50',
      responded: true,
    },
    {
      ...commit('a', '2026-11-15T09:00', 's-amina', AMINA, false, 'people/p-edith/escalations.yaml'),
      type: 'escalation-response',
      raisedBy: 's-ben',
      recordedAt: '2026-11-14T11:50',
    },
    {
      ...commit('b', '2026-11-16T10:00', 's-ben', BEN, false, 'people/p-edith/reviews/2026-11-16-plan.yaml'),
      type: 'review',
      kind: 'plan',
      change: 'added',
      result: 'no-change',
      recordedAt: '2026-11-16T10:00',
    },
    {
      ...commit('c', '2026-11-17T10:00', undefined, JO, true, 'people/p-edith/acknowledgements.yaml'),
      type: 'rewritten',
      list: 'acknowledgements',
      changed: [{ entry: 1, fields: ['at'] }],
      removed: [2, 3],
      reordered: 4,
    },
    {
      ...commit('d', '2026-11-18T10:00', undefined, JO, true, 'people/p-edith/assessments/2026-10-28-initial.yaml'),
      type: 'assessment',
      id: '2026-10-28-initial',
      assessmentType: 'initial',
      change: 'edited',
      fields: ['needs'],
    },
    { ...commit('e', '2026-11-19T10:00', undefined, JO, true, 'people/p-edith/agreements.yaml'), type: 'removed' },
    { ...commit('f', '2026-11-20T10:00', undefined, JO, true, 'people/p-edith/signoffs.yaml'), type: 'unreadable' },
  ];
}

/** Two measured goals: one with values against a target to maintain, one not measured yet. */
const MEASURES: HistoryReport['measures'] = [
  {
    goal: 'nut-weight',
    unit: 'kg',
    direction: 'maintain',
    target: 60,
    count: 3,
    met: true,
    first: { at: '2026-11-02T08:00', date: '2026-11-02', value: 55.5 },
    latest: { at: '2026-11-16T08:00', date: '2026-11-16', value: 58 },
    best: { at: '2026-11-16T08:00', date: '2026-11-16', value: 58 },
  },
  { goal: 'nut-fluids', unit: 'ml', direction: 'increase', target: 1500, count: 0 },
];

const history = (over: Partial<HistoryReport> = {}): HistoryReport => ({
  person: 'p-edith',
  planOnly: false,
  entries: entries(),
  measures: MEASURES,
  ...over,
});

describe('history formats', () => {
  it('the registry offers exactly the formats the CLI lists', () => {
    expect(Object.keys(HISTORY_FORMATS)).toEqual(['text', 'json']);
  });

  it('text: one headline a change, plan changes beneath, hand edits and rewrites said plainly', () => {
    expectGolden('history/trail.txt', HISTORY_FORMATS.text(history(), PLAIN));
  });

  it('text: rewrites and deletions in red, plan versions in bold', () => {
    expectGolden('history/trail-colour.txt', formatHistoryText(history(), { paint: TAGS, colour: true }));
  });

  it('text --plan --since: plan versions only, each with its approvals', () => {
    expectGolden('history/plan.txt', formatHistoryText(history({ planOnly: true, since: '2026-10-01T00:00' })));
  });

  it('json: the person, since (null when not given) and the entries as built', () => {
    const json = JSON.parse(HISTORY_FORMATS.json(history(), PLAIN));
    expect(Object.keys(json)).toEqual(['person', 'since', 'entries', 'measures']);
    expect(json.measures).toEqual(MEASURES);
    expect(json.since).toBeNull();
    expect(json.entries).toEqual(JSON.parse(JSON.stringify(entries())));
    expect(JSON.parse(HISTORY_FORMATS.json(history({ since: '2026-11-01T00:00' }), PLAIN)).since).toBe('2026-11-01T00:00');
  });
});

/** A handover by hand: one plan of each state, an escalation with and one without a response, two variations. */
function handover(): HandoverReport {
  return {
    since: '2026-11-12T07:00',
    asOf: '2026-11-12T19:00',
    fromGit: true,
    plans: [
      {
        person: 'p-arthur',
        name: 'Arthur Bennett',
        version: 1,
        state: 'approved',
        approved: [],
        changed: false,
        from: { version: 1 },
        changes: [],
        inForce: { version: 1, by: 's-amina', at: '2026-10-27T11:00' },
        notAcknowledged: [],
      },
      {
        person: 'p-edith',
        name: 'Edie',
        version: 2,
        state: 'approved',
        changed: true,
        from: { version: 1 },
        approved: [{ version: 2, by: 's-amina', at: '2026-11-12T10:30' }],
        changes: [
          { what: 'about_me', change: 'reworded', text: 'Retired teacher', before: 'Teacher' },
          { what: 'need', change: 'added', need: 'night-safety', id: 'night-safety' },
          { what: 'action', change: 'added', need: 'night-safety', id: 'night-mat', text: 'Sensor mat by the bed' },
          { what: 'description', change: 'reworded', need: 'skin', text: 'Fragile skin on both heels', before: 'Dry skin' },
          {
            what: 'risk',
            change: 'changed',
            need: 'skin',
            level: 'high',
            text: 'Pressure ulcer: high (waterlow 18)',
            before: 'Pressure ulcer: medium (waterlow 12)',
          },
          { what: 'risk', change: 'removed', need: 'skin', text: 'Skin tears: high', level: 'high' },
        ],
        inForce: { version: 2, by: 's-amina', at: '2026-11-12T10:30' },
        notAcknowledged: [
          { staff: 's-kwame', name: 'Kwame Mensah' },
          { staff: 's-leah', name: 'Leah Price' },
        ],
      },
      {
        person: 'p-margaret',
        name: 'Peggy',
        version: 1,
        state: 'changed-since-signoff',
        approved: [],
        changed: true,
        from: { version: 1 },
        changes: [{ what: 'preferences', change: 'changed', need: 'nutrition', text: 'Small portions', before: 'Large portions' }],
        inForce: { version: 1, by: 's-amina', at: '2026-09-16T15:20' },
        notAcknowledged: [],
      },
      {
        person: 'p-olive',
        version: 1,
        state: 'unsigned',
        approved: [],
        changed: true,
        changes: [
          { what: 'need', change: 'added', need: 'mobility', id: 'mobility', text: 'Walks with a frame' },
          { what: 'risk', change: 'added', need: 'mobility', text: 'Falls: high (frat 14)', level: 'high' },
          { what: 'risk', change: 'added', need: 'mobility', text: 'Trips on rugs: low', level: 'low' },
          { what: 'goal', change: 'added', need: 'mobility', id: 'mob-g', text: 'Walks' },
        ],
        notAcknowledged: [],
      },
      {
        person: 'p-walter',
        name: 'Walter',
        version: 3,
        state: 'changed-since-signoff',
        approved: [],
        changed: true,
        from: { version: 2 },
        inForce: { version: 2, by: 's-amina', at: '2026-10-01T09:00' },
        notAcknowledged: [],
      },
    ],
    assessments: [
      {
        person: 'p-george',
        name: 'George',
        id: '2026-11-12-change-in-needs',
        at: '2026-11-12T09:30',
        by: 's-ben',
        planAssessment: '2026-10-02-initial',
        changes: [
          { what: 'need', change: 'added', need: 'skin', id: 'skin', text: 'Red patch on the sacrum' },
          { what: 'risk', change: 'added', need: 'skin', text: 'Pressure ulcer: high (waterlow 18)', level: 'high' },
        ],
      },
      {
        person: 'p-ivy',
        id: '2026-11-12-initial',
        at: '2026-11-12T15:00',
        by: 's-dana',
        changes: [{ what: 'need', change: 'added', need: 'sleep', id: 'sleep', text: 'Wakes at night and wanders' }],
      },
    ],
    escalations: [
      {
        person: 'p-george',
        at: '2026-11-12T08:15',
        by: 's-ben',
        to: 's-amina',
        reason: 'three variations in the week',
        response: 'GP visit booked',
      },
      { person: 'p-nora', at: '2026-11-12T12:40', by: 's-dana', to: 's-amina', reason: 'refused lunch twice' },
    ],
    variations: [
      { person: 'p-george', at: '2026-11-12T12:45', by: 's-carl', goal: 'nut-fluids', variation: 'declined' },
      { person: 'p-nora', at: '2026-11-12T13:00', by: 's-carl', variation: 'not-attempted' },
    ],
  };
}

describe('handover formats', () => {
  it('the registry offers exactly the formats the CLI lists', () => {
    expect(Object.keys(HANDOVER_FORMATS)).toEqual(['text', 'json']);
  });

  it('text: each plan with its state and what changed, who has not read it; escalations; variations', () => {
    expectGolden('handover/handover.txt', HANDOVER_FORMATS.text(handover(), PLAIN));
  });

  it('text: what to keep to and what is not yet read in yellow', () => {
    expectGolden('handover/handover-colour.txt', formatHandoverText(handover(), { paint: TAGS, colour: true }));
  });

  it('text: a quiet shift outside git says both', () => {
    const quiet = { ...handover(), fromGit: false, plans: [], assessments: [], escalations: [], variations: [] };
    expect(formatHandoverText(quiet)).toBe(
      [
        'Handover: since 2026-11-12 07:00 (as of 2026-11-12 19:00)',
        'The records are not in git, so what changed in each plan cannot be shown.',
        '',
        'No plan changed or was approved, and there were no escalations or variations.',
        '',
      ].join('\n'),
    );
  });

  it('text: an empty section says none', () => {
    const text = formatHandoverText({ ...handover(), escalations: [], variations: [] });
    expect(text.endsWith('Escalations (0)\n  none\n\nVariations from the plan (0)\n  none\n')).toBe(true);
  });

  it('json: the report as built', () => {
    expect(JSON.parse(HANDOVER_FORMATS.json(handover(), PLAIN))).toEqual(handover());
  });
});

function due(): DueReport {
  return {
    asOf: '2026-11-26T23:59:00.000Z',
    within: 14,
    horizon: '2026-12-10',
    items: [
      {
        due: '2026-11-15T10:30',
        what: 'staff acknowledgement',
        person: 'p-edith',
        subject: 's-kwame',
        overdue: true,
        rule: 'ack-missing',
        fix: 'run `careplan ack p-edith`',
      },
      { due: '2026-11-30', what: 'monthly audit', overdue: false, rule: 'audit-missing' },
      { due: '2026-12-08', what: 'plan review', person: 'p-arthur', overdue: false, rule: 'review-due' },
    ],
  };
}

describe('due formats', () => {
  it('the registry offers exactly the formats the CLI lists', () => {
    expect(Object.keys(DUE_FORMATS)).toEqual(['text', 'json']);
  });

  it("text: a table soonest first, the home's items as (home), overdue marked; a count line", () => {
    expectGolden('due/due.txt', DUE_FORMATS.text(due(), PLAIN));
  });

  it('text: OVERDUE in red when coloured', () => {
    expect(formatDueTable(due(), { paint: TAGS, colour: false })).toContain('<red>OVERDUE</red>');
  });

  it('text: nothing due, and one item in the singular', () => {
    expect(formatDueTable({ ...due(), items: [] })).toBe('Nothing falls due by 2026-12-10.\n');
    expect(
      formatDueTable({ ...due(), items: due().items.slice(1, 2) })
        .split('\n')
        .at(-2),
    ).toBe('1 item due by 2026-12-10.');
  });

  it('json: as-of, within and the items; the horizon stays out, as before', () => {
    expectGolden('due/due.json', DUE_FORMATS.json(due(), PLAIN));
  });
});
