import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { lastDayOf, settledBefore, settledMonthOf } from '../../src/model/settledMonth.js';
import type { OutcomeEntry } from '../../src/model/workspace.js';
import { earliestRecordDate } from '../../src/rules/care/governance.js';
import { ruleContext } from '../../src/rules/context.js';
import { quietMonth } from '../../src/rules/settled.js';
import { load, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/** src/model/settledMonth.ts and src/rules/settled.ts: an old month of outcomes as facts, and when facts are enough. */

const entry = (at: string, change: Partial<OutcomeEntry> = {}): OutcomeEntry => ({
  at,
  by: 's-ben',
  goal: 'mobility-goal',
  result: 'improving',
  ...change,
});
const ZONE = 'Europe/London';

describe('settledMonthOf', () => {
  it("keeps each goal's and each recorder's latest date, the earliest date, the actions and the variations in full", () => {
    const varied = entry('2026-07-09T23:30', { variation: 'Different', by: 's-carl' });
    const month = settledMonthOf(
      'people/p-a/outcomes/2026-07.yaml',
      '2026-07',
      [
        entry('2026-07-03T10:00', { actions: ['mobility-act'] }),
        entry('2026-07-20T10:00', { goal: 'meals-goal' }),
        varied,
        entry('2026-07-02T08:00'),
      ],
      ZONE,
    );
    expect(month).toMatchObject({
      entries: 4,
      inItsMonth: true,
      first: '2026-07-02',
      last: '2026-07-20',
      goals: { 'mobility-goal': '2026-07-09', 'meals-goal': '2026-07-20' },
      by: { 's-ben': '2026-07-20', 's-carl': '2026-07-09' },
      actions: ['mobility-act'],
      varied: [{ index: 2, data: varied }],
    });
  });
  it('knows an entry that happened in another month, by local time', () => {
    // 23:30 UTC on 31 July with an offset is 1 August in London.
    expect(settledMonthOf('f', '2026-07', [entry('2026-07-31T23:30Z')], ZONE).inItsMonth).toBe(false);
    expect(settledMonthOf('f', '2026-07', [entry('2026-07-31T23:30')], ZONE).inItsMonth).toBe(true);
  });
  it('finds the last day of a month', () => {
    expect(['2026-02', '2024-02', '2026-12', '2026-11'].map(lastDayOf)).toEqual(['2026-02-28', '2024-02-29', '2026-12-31', '2026-11-30']);
  });
});

describe('settledBefore and quietMonth', () => {
  it('puts the line at the longer of lookback_days and no_progress_days before as-of', () => {
    expect(settledBefore(asOf('2026-11-26'), ZONE, DEFAULT_POLICY)).toBe('2026-10-29');
    expect(settledBefore(asOf('2026-11-26'), ZONE, { ...DEFAULT_POLICY, no_progress_days: 60 })).toBe('2026-09-27');
  });
  it('is quiet only when no rule could find anything in the month itself', () => {
    const ws = load(signedHome().outcome('2026-11-03T10:00'));
    const folder = ws.people.get('p-a')!;
    const month = (entries: OutcomeEntry[]) => settledMonthOf('people/p-a/outcomes/2026-11.yaml', '2026-11', entries, ZONE);
    const now = asOf('2026-12-31');
    expect(quietMonth(month([entry('2026-11-03T10:00')]), folder, ws, '2026-12-01', now)).toBe(true);
    expect(quietMonth(month([entry('2026-11-03T10:00', { goal: 'other-goal' })]), folder, ws, '2026-12-01', now)).toBe(false);
    expect(quietMonth(month([entry('2026-11-03T10:00', { by: 's-nobody' })]), folder, ws, '2026-12-01', now)).toBe(false);
    expect(quietMonth(month([entry('2026-12-03T10:00')]), folder, ws, '2026-12-31', now)).toBe(false);
    expect(quietMonth(month([entry('2026-11-30T10:00')]), folder, ws, '2026-11-30', now)).toBe(false);
    expect(quietMonth(month([entry('2026-11-03T10:00')]), folder, ws, '2026-12-01', asOf('2026-11-02'))).toBe(false);
  });
  it('leaves the earliest record of the home to the facts of settled months (audit-missing)', () => {
    const ws = load(signedHome());
    const ctx = ruleContext(ws, asOf('2026-11-20'));
    expect(earliestRecordDate(ctx)).toBe('2026-11-01');
    ws.people.get('p-a')!.settledOutcomes = [
      settledMonthOf('people/p-a/outcomes/2026-09.yaml', '2026-09', [entry('2026-09-12T10:00')], ZONE),
    ];
    expect(earliestRecordDate(ctx)).toBe('2026-09-12');
  });
});
