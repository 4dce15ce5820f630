import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { home, KEY_WORKER, load, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

const personal = <T extends { person?: string }>(items: T[]) => items.filter((i) => i.person);

describe('dueItems', () => {
  it('what falls due within the horizon and nothing after it: the plan review 28 days on only with a long enough look ahead', () => {
    const ws = load(signedHome());
    const week = dueItems(ws, asOf('2026-11-05'), 7);
    expect(personal(week).map((i) => [i.due, i.what, i.subject])).toEqual([
      ['2026-11-09', 'record outcomes', 'mobility-goal'],
      ['2026-11-09', 'weekly outcome review', undefined],
    ]);
    // The home's own items have no person.
    expect(week.filter((i) => !i.person).map((i) => [i.due, i.what])).toEqual([['2026-11-09', 'shift-lead spot check']]);
    const month = dueItems(ws, asOf('2026-11-05'), 28);
    expect(personal(month).map((i) => i.what)).toEqual(['record outcomes', 'weekly outcome review', 'plan review']);
    expect(month.at(-1)).toMatchObject({
      due: '2026-11-30',
      person: 'p-a',
      overdue: false,
      fix: expect.stringContaining('`careplan review p-a --kind plan`'),
    });
  });

  it('a due time is overdue once it has passed, and listed ahead of time when the horizon reaches it', () => {
    const h = home().assess('2026-11-01T10:00').plan({ updated: '2026-11-01T16:00' }).signoff('2026-11-02T09:00');
    const late = dueItems(load(h), asOf('2026-11-05T12:00'), 0);
    expect(late.map((i) => [i.what, i.due, i.subject, i.overdue])).toEqual([
      ["person's agreement", '2026-11-05T09:00', undefined, true],
      ['staff acknowledgement', '2026-11-05T09:00', KEY_WORKER, true],
    ]);
    expect(dueItems(load(h), asOf('2026-11-05T08:00'), 0)).toEqual([]);
    const ahead = dueItems(load(h), asOf('2026-11-05T08:00'), 1);
    expect(ahead.find((i) => i.what === 'staff acknowledgement')).toMatchObject({ due: '2026-11-05T09:00', overdue: false });
  });

  it('one item for one thing, though rules report it both before and after it falls due', () => {
    // As of the 25th the review is due on the 30th (a warning now) and overdue by the horizon (an error then).
    const items = dueItems(load(signedHome()), asOf('2026-11-25'), 7);
    expect(items.filter((i) => i.what === 'plan review')).toEqual([expect.objectContaining({ due: '2026-11-30', person: 'p-a' })]);
  });

  it('soonest first, then by person', () => {
    const h = home().assess('2026-11-02T10:00').person('p-b').assess('2026-11-01T10:00');
    const items = dueItems(load(h), asOf('2026-11-02T12:00'), 7);
    const keys = items.map((i) => `${i.due} ${i.person ?? ''}`);
    expect(keys).toEqual([...keys].sort());
    expect(personal(items).map((i) => i.person)).toEqual(['p-b', 'p-b', 'p-a', 'p-a']);
  });
});
