import { describe, expect, it } from 'vitest';
import { checkRules, findingsAdded, judgePerson } from '../../src/rules/check.js';
import { RULES } from '../../src/rules/registry.js';
import { home, KEY_WORKER, listFindings, load, rulesOf, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/**
 * src/rules/check.ts: judgePerson runs the registry's person rules for one person, and
 * findingsAdded says what a write changes; `careplan outcome` shows the one after the other.
 */

// p-a: plan never signed off, care given by it; p-b: no assessment five days after admission;
// p-c: discharged, with an assessment dated in the future; the home: October's audit not saved.
const troubled = () =>
  home()
    .assess('2026-11-01T10:00')
    .plan()
    .outcome('2026-11-03T12:00')
    .person('p-b', { admitted: '2026-11-15' })
    .person('p-c', { admitted: '2026-10-01', status: 'discharged', discharged: '2026-11-10' })
    .assess('2026-12-01T10:00');
const WHEN = '2026-11-20';

describe('judgePerson', () => {
  it('is what `careplan check` finds for that person by the person rules, and nothing else', () => {
    const ws = load(troubled());
    const when = asOf(WHEN);
    const expected = checkRules(ws, when).filter((f) => f.person === 'p-a' && RULES.get(f.rule)?.scope === 'person');
    const found = judgePerson(ws, 'p-a', when);
    expect(found, listFindings(found)).toEqual(expected);
    expect(rulesOf(found)).toEqual(['care-before-signoff', 'plan-unsigned']);
  });
  it('leaves out other people, the home rules and the record rules', () => {
    const ws = load(troubled());
    const all = rulesOf(checkRules(ws, asOf(WHEN)));
    // p-b's assessment-missing, the home's audit-missing, p-c's future-date (a record rule) are there for check.
    expect(all).toEqual(expect.arrayContaining(['assessment-missing', 'audit-missing', 'future-date']));
    const found = judgePerson(ws, 'p-a', asOf(WHEN));
    expect(found.every((f) => f.person === 'p-a')).toBe(true);
    expect(rulesOf(judgePerson(ws, 'p-b', asOf(WHEN)))).toEqual(['assessment-missing']);
  });
  it('without lines: the same findings, none placed on a line', () => {
    const ws = load(troubled());
    const placed = judgePerson(ws, 'p-a', asOf(WHEN));
    expect(placed.some((f) => f.line !== undefined)).toBe(true);
    const unplaced = judgePerson(load(troubled()), 'p-a', asOf(WHEN), { lines: false });
    expect(unplaced).toEqual(placed.map(({ line, ...f }) => f));
    // Lines come back after: the switch holds only while that judge runs.
    expect(judgePerson(load(troubled()), 'p-a', asOf(WHEN))).toEqual(placed);
  });
  it('nothing for a discharged person, or one with no folder', () => {
    const ws = load(troubled());
    expect(judgePerson(ws, 'p-c', asOf(WHEN))).toEqual([]);
    expect(judgePerson(ws, 'p-nobody', asOf(WHEN))).toEqual([]);
  });
});

describe('findingsAdded: what an outcome entry changes', () => {
  const when = asOf('2026-11-05T18:00');
  const signedPa = () => signedHome().person('p-a');
  const added = (change: (h: ReturnType<typeof signedHome>) => unknown) => {
    const h = signedPa();
    const judgedBefore = judgePerson(load(h), 'p-a', when);
    change(h);
    return findingsAdded(judgedBefore, judgePerson(load(h), 'p-a', when));
  };

  it('an entry by someone who confirmed the plan changes nothing', () => {
    expect(added((h) => h.outcome('2026-11-05T12:00', { by: KEY_WORKER }))).toEqual([]);
  });
  it('care by someone who has not confirmed the plan: care-without-ack', () => {
    const found = added((h) => h.outcome('2026-11-05T12:00', { by: 's-carl' }));
    expect(found.map((f) => [f.rule, f.message])).toEqual([
      ['care-without-ack', 's-carl recorded 1 outcome entry from 2026-11-05T12:00 without having confirmed version 1 of the plan'],
    ]);
  });
  it('a second such entry is shown again: the finding counts it', () => {
    const found = added((h) => h.outcome('2026-11-05T12:00', { by: 's-carl' }).outcome('2026-11-05T13:00', { by: 's-carl' }));
    expect(found.map((f) => f.message)).toEqual([
      's-carl recorded 2 outcome entries from 2026-11-05T12:00 without having confirmed version 1 of the plan',
    ]);
    const h = signedPa().outcome('2026-11-05T12:00', { by: 's-carl' });
    const first = judgePerson(load(h), 'p-a', when);
    h.outcome('2026-11-05T13:00', { by: 's-carl' });
    expect(findingsAdded(first, judgePerson(load(h), 'p-a', when)).map((f) => f.rule)).toEqual(['care-without-ack']);
  });
  it('the variation that completes a pattern: escalation-due (and no-progress); the ones before it: nothing', () => {
    const h = signedPa().variation('2026-11-04T10:00').variation('2026-11-05T10:00');
    const two = judgePerson(load(h), 'p-a', when);
    expect(rulesOf(two)).toEqual([]);
    h.variation('2026-11-05T17:00');
    const found = findingsAdded(two, judgePerson(load(h), 'p-a', when));
    // Three entries, none improving, make no-progress too: whatever the rules say the entry changes is shown.
    expect(found.map((f) => [f.rule, f.severity, f.due])).toEqual([
      ['no-progress', 'warning', undefined],
      ['escalation-due', 'warning', '2026-11-06T17:00'],
    ]);
  });
  it('counts findings alike but for their line: a second one is added', () => {
    const f = {
      rule: 'care-without-ack',
      severity: 'warning',
      person: 'p-a',
      file: 'people/p-a/outcomes/2026-11.yaml',
      message: 'm',
    } as const;
    expect(findingsAdded([f], [f, { ...f }])).toEqual([f]);
    expect(findingsAdded([f, f], [f, f])).toEqual([]);
    expect(findingsAdded([], [f, f])).toEqual([f, f]);
  });
  it('findings that were there already, and ones the entry puts right, are not listed', () => {
    // Judged a week on, the goal has had no outcome for 7+ days (outcomes-missing); an entry puts that right.
    const later = asOf('2026-11-12');
    const h = signedPa();
    const judgedBefore = judgePerson(load(h), 'p-a', later);
    expect(rulesOf(judgedBefore)).toContain('outcomes-missing');
    h.outcome('2026-11-12T09:00');
    expect(findingsAdded(judgedBefore, judgePerson(load(h), 'p-a', later))).toEqual([]);
  });
});
