import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/model/yamlText.js';
import { stringify } from 'yaml';
import { CORE_YAML_OPTIONS, CORE_YAML_TO_STRING } from '../../src/model/coreSchema.js';
import { AppendError, appendEntryText, editRecordText, plainEntryText, recordYaml } from '../../src/repo/yamlEdit.js';

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

describe('plainEntryText: an entry written without `yaml`, as `yaml` writes it', () => {
  const yamlText = (entry: unknown) => stringify([entry], { ...CORE_YAML_OPTIONS, ...CORE_YAML_TO_STRING });
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Characters around the edges of what is written plain: indicators, quotes, spaces, digits, non-ASCII.
  const CHARS = [...'abcXYZ019 .,;\'()/_-:#"!&*%@`|>?[]{}~+=\t', 'é', '\u00a0'];
  const PLAIN_CHARS = [..."abcdefXYZ0129  .,;'()/_-"];
  const WORDS = ['true', 'False', 'NULL', 'null', 'yes', 'No', '~', '.inf', '0x1F', '1e3', '12', '-1', '+1', '0b1', '1_000', '2026-11-30'];
  const text = () => {
    const roll = random();
    if (roll < 0.15) return pick(WORDS);
    if (roll < 0.25) {
      const [month, day, hour, minute] = [pick(['01', '11']), pick(['05', '30']), pick(['07', '23']), pick(['00', '59'])];
      return `2026-${month}-${day}T${hour}:${minute}${pick(['', ':30', 'Z', '+01:00'])}`;
    }
    // Mostly the characters written plain, so that most entries are written here; else any.
    const chars = roll < 0.75 ? PLAIN_CHARS : CHARS;
    return Array.from({ length: Math.floor(random() * 12) }, () => pick(chars)).join('');
  };
  const scalar = () => {
    const roll = random();
    if (roll < 0.6) return text();
    if (roll < 0.75) return pick([0, 3, -7, 57.4, 0.5, 1e21, 2 ** 60, -0.25, 12.0]);
    if (roll < 0.85) return pick([true, false, null]);
    return Array.from({ length: Math.floor(random() * 3) }, text);
  };
  const KEYS = ['at', 'by', 'goal', 'actions', 'result', 'value', 'note', 'variation', 'null', 'True', 'Key', 'a-b', '_x'];

  /** How many of `entries` plainEntryText writes, and those it writes otherwise than `yaml`. */
  const compare = (entries: unknown[]) => {
    const written = entries.filter((entry) => plainEntryText(entry) !== undefined);
    return {
      written: written.length,
      differ: written.filter((entry) => plainEntryText(entry) !== yamlText(entry)).map((e) => JSON.stringify(e)),
    };
  };

  it('gives the text `yaml` gives wherever it writes one: 20,000 random entries, 20,000 random values', () => {
    const entries = compare(
      Array.from({ length: 20_000 }, () =>
        Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 5) }, () => [pick(KEYS), scalar()])),
      ),
    );
    expect(entries.differ.slice(0, 5)).toEqual([]);
    const values = compare(Array.from({ length: 20_000 }, () => ({ note: scalar() })));
    expect(values.differ.slice(0, 5)).toEqual([]);
    // Enough of each are written here for the comparison to mean something.
    expect(entries.written).toBeGreaterThan(1000);
    expect(values.written).toBeGreaterThan(6000);
  });

  it("writes a carer's usual entries itself, and leaves the rest to `yaml`", () => {
    const usual = {
      at: '2026-11-30T17:27',
      by: 's-0001',
      goal: 'mob-indep',
      actions: ['mob-walk', 'mob-frame'],
      result: 'improving',
      value: 57.4,
      note: "Walked to the garden with her frame; didn't need a rest (about 40 m).",
      variation: 'Used wheelchair; frame away for repair',
    };
    expect(plainEntryText(usual)).toBe(yamlText(usual));
    expect(plainEntryText({ ...usual, actions: [] })).toBe(yamlText({ ...usual, actions: [] }));
    for (const note of ['Said: "no thanks"', 'Ate 50%', ' leading space', 'Café', 'two\nlines', 'true', '#1 choice'])
      expect(plainEntryText({ ...usual, note }), note).toBeUndefined();
    expect(plainEntryText({})).toBeUndefined();
    expect(plainEntryText({ at: '2026-11-30T17:27', nested: { a: 1 } })).toBeUndefined();
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
