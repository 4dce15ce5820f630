import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/model/yamlText.js';
import { AppendError, appendEntryText, editRecordText, recordYaml } from '../../src/repo/yamlEdit.js';

const parse = (text: string): unknown => {
  const result = parseYaml(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('appendEntryText', () => {
  it('keeps a hand-written comment and every earlier byte through fifty appends', () => {
    const original =
      "# Edie's outcomes for November.\n# Jo asked us to note every walk. Keep this comment!\n" +
      '- at: 2026-11-01T12:40   # first walk after the fall\n  by: s-carl\n  goal: mob-indep\n  result: improving\n';
    let text = original;
    for (let i = 0; i < 50; i++) {
      const before = text;
      text = appendEntryText(text, {
        at: `2026-11-02T${String(10 + (i % 10)).padStart(2, '0')}:${String(i).padStart(2, '0')}`,
        by: 's-carl',
        goal: 'mob-indep',
        result: 'no-change',
        note: `walk ${i}: she said "fine, thanks" # not a comment`,
      });
      expect(text.startsWith(before)).toBe(true);
    }
    expect(text.startsWith(original)).toBe(true);
    const entries = parse(text) as { note?: string }[];
    expect(entries).toHaveLength(51);
    expect(entries[50].note).toBe('walk 49: she said "fine, thanks" # not a comment');
  });

  it('adds the missing final newline and matches an indented list', () => {
    expect(appendEntryText('- { staff: s-carl, version: 1 }', { staff: 's-dana', version: 1 })).toBe(
      '- { staff: s-carl, version: 1 }\n- staff: s-dana\n  version: 1\n',
    );
    expect(appendEntryText('  - a: 1\n', { a: 2 })).toBe('  - a: 1\n  - a: 2\n');
    expect(appendEntryText('', { a: 1 })).toBe('- a: 1\n');
    expect(appendEntryText('# only a comment\n', { a: 1 })).toBe('# only a comment\n- a: 1\n');
  });

  it('refuses a flow list rather than rewrite it', () => {
    expect(() => appendEntryText('[]\n', { a: 1 })).toThrow(AppendError);
    expect(() => appendEntryText('[{ a: 1 }]\n', { a: 2 })).toThrow(AppendError);
    expect(() => appendEntryText('a: 1\n', { a: 2 })).toThrow(/does not hold a list/);
  });

  it('writes dates and timestamps as plain strings that read back as strings', () => {
    const text = appendEntryText('', { at: '2026-11-02T12:40', on: '2026-11-02', n: '1', yes: 'yes' });
    expect(parse(text)).toEqual([{ at: '2026-11-02T12:40', on: '2026-11-02', n: '1', yes: 'yes' }]);
    expect(text).toContain('at: 2026-11-02T12:40\n');
  });
});

describe('editRecordText', () => {
  // A plan as a key worker writes it by hand: comments, a folded paragraph, flow maps.
  const planText =
    `# Edie's care plan. Written with Edie and Jo on 3 September.
version: 1
assessment: 2026-09-02-initial
author: s-ben
updated: 2026-09-03T10:15
about_me: >-
  I was a teacher at St Luke's Primary for thirty-one years and I still like things done
  properly. I like my tea milky and a good crossword.
strengths:
  - Knows her own morning routine and likes to do it herself
needs:
  - need: mobility
    preferences:
      - Walks to the dining room for lunch with a carer beside her, not holding her arm
    actions:
      - { id: mob-walk, description: Walk beside Edie to the dining room for lunch with her walker, frequency: daily at 12:30, ` +
    `status: active }
      - { id: mob-footwear, description: Check she has her shoes on, frequency: each morning, status: active }   # after the fall
    goals:
      - { id: mob-indep, description: Walks to lunch without help, measure: unaided walks a week, target: 5, by: 2026-12-31, ` +
    `status: active }
  - need: nutrition
    preferences: [Milky tea, no sugar]
    actions:
      - { id: nut-drinks, description: Put a drink in her hand every hour, frequency: hourly 08:00-20:00, status: active }
    goals:
      - { id: nut-fluids, description: Drinks at least 1500 ml a day, status: active }
`;

  it('changes only the values that changed, keeping comments and flow maps', () => {
    const plan = parse(planText) as { version: number; needs: { need: string; actions: { status: string }[] }[] };
    plan.version = 2;
    plan.needs[0].actions[0].status = 'stopped';
    const { text, kept } = editRecordText(planText, plan);
    expect(kept).toBe(true);
    const changed = text.split('\n').filter((line, i) => line !== planText.split('\n')[i]);
    expect(changed).toEqual([
      'version: 2',
      '      - { id: mob-walk, description: Walk beside Edie to the dining room ' +
        'for lunch with her walker, frequency: daily at 12:30, status: stopped }',
    ]);
    expect(parse(text)).toEqual(plan);
  });

  it('adds a need at the end of the list and a key to a map', () => {
    const plan = parse(planText) as Record<string, unknown> & { needs: unknown[] };
    plan.needs.push({
      need: 'night-safety',
      preferences: ['Landing light on'],
      actions: [{ id: 'ns-mat', description: 'Sensor mat, checked at bedtime', status: 'active' }],
      goals: [],
    });
    plan.notes = 'Reviewed with Jo, 12/11';
    const { text, kept } = editRecordText(planText, plan);
    expect(kept).toBe(true);
    expect(text.startsWith(planText.replace(/\n$/, ''))).toBe(true);
    expect(text).toContain('  - need: night-safety\n    preferences:\n      - Landing light on\n');
    expect(editRecordText(planText, plan, { flowItemsUnder: ['actions', 'goals'] }).text).toContain(
      '    actions:\n      - { id: ns-mat, description: "Sensor mat, checked at bedtime", status: active }\n    goals: []\nnotes: Reviewed',
    );
    expect(parse(text)).toEqual(plan);
  });

  it('keeps the opening comment when it has to write the record afresh', () => {
    const { text, kept } = editRecordText('# keep me\nx: { a: 1, b: 2 }\n', { x: { a: 1 } });
    expect(kept).toBe(false);
    expect(text).toBe('# keep me\nx:\n  a: 1\n');
  });

  // A person's file as a manager keeps it: comments beside values, flow and block lists.
  const personText = `# Admitted from St Luke's ward 7.
id: p-edith
name: Edith Clarke
team: [ s-ben, s-carl, s-dana ]   # who confirms the plan
representatives:
  - { name: Jo Clarke, relationship: daughter, authority: lpa-health-welfare }   # LPA seen 2026-10-28
  - name: Sam Clarke
    relationship: son
    authority: other
status: discharged   # to hospital
discharged: 2026-11-20   # ambulance at 10:00
notes: Likes the window seat
`;

  it('leaves out keys and list items with their lines, keeping every other byte', () => {
    const person = parse(personText) as Record<string, unknown> & { team: string[]; representatives: unknown[] };
    person.status = 'active';
    delete person.discharged;
    person.team = ['s-ben', 's-dana'];
    person.representatives = [person.representatives[1]];
    const { text, kept } = editRecordText(personText, person);
    expect(kept).toBe(true);
    expect(text).toBe(`# Admitted from St Luke's ward 7.
id: p-edith
name: Edith Clarke
team: [ s-ben, s-dana ]   # who confirms the plan
representatives:
  - name: Sam Clarke
    relationship: son
    authority: other
status: active   # to hospital
notes: Likes the window seat
`);
    expect(parse(text)).toEqual(person);
  });

  it('leaves out the last items of a flow list and the last key of a map', () => {
    const before = 'roles: [key-worker, shift-lead, care-staff]\nleft: 2026-12-31\n# end\n';
    const { text, kept } = editRecordText(before, { roles: ['key-worker'] });
    expect(kept).toBe(true);
    expect(text).toBe('roles: [key-worker]\n# end\n');
  });

  it('writes afresh when a list would be emptied or items are both left out and changed', () => {
    expect(editRecordText('a: [x]\nb: 1\n', { a: [], b: 1 }).kept).toBe(false);
    const both = editRecordText('a:\n  - x\n  - y\n  - z\n', { a: ['x', 'q'] });
    expect(parse(both.text)).toEqual({ a: ['x', 'q'] });
  });

  it('quotes values that would not read back plain inside a flow map', () => {
    const { text } = editRecordText('x: { a: b, c: d }\n', { x: { a: 'one, two', c: 'd' } });
    expect(parse(text)).toEqual({ x: { a: 'one, two', c: 'd' } });
  });
});

describe('recordYaml', () => {
  it('writes actions and goals as one-line flow maps when asked', () => {
    const text = recordYaml(
      { needs: [{ need: 'x', actions: [{ id: 'a', description: 'Walk, slowly', status: 'active' }] }] },
      { header: 'A plan', flowItemsUnder: ['actions'] },
    );
    expect(text).toBe('# A plan\nneeds:\n  - need: x\n    actions:\n      - { id: a, description: "Walk, slowly", status: active }\n');
  });
});
