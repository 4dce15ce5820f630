import { describe, expect, it } from 'vitest';
import { settledBefore } from '../../src/model/settledMonth.js';
import type { OutcomeEntry } from '../../src/model/workspace.js';
import { parseYaml } from '../../src/model/yamlText.js';
import { loadWorkspace, memoryReader, type SettleOptions } from '../../src/repo/loader.js';
import { judgePerson } from '../../src/rules/check.js';
import { recordRules } from '../../src/rules/record.js';
import { sixMonths } from '../helpers/care.js';

/**
 * A write's loads (`careplan outcome`) read a person's old outcome months as facts, as `check` does
 * (loadWorkspace's `settle`): what the write then says, the person's findings and the record rules,
 * must be what the full load gives, whatever the old months hold.
 */

const NOW = Date.parse('2026-11-20T10:00:00Z');
const PEOPLE = ['p-a', 'p-b', 'p-c'];
const settle: SettleOptions = { now: NOW, before: (zone, policy) => settledBefore(NOW, zone, policy) };

/** Outcome entries as careplan writes them (block mappings of plain values). */
function careplanText(entries: OutcomeEntry[]): string {
  const value = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  return entries
    .map((e) =>
      Object.entries(e)
        .map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}: ${value(v)}\n`)
        .join(''),
    )
    .join('');
}

/** The home of test/e2e/cache.test.ts, its outcome months in careplan's own layout. */
function sixMonthsAsWritten(): Record<string, string> {
  const files = sixMonths(NOW).files();
  for (const [file, text] of Object.entries(files)) {
    if (!/\/outcomes\/\d{4}-\d{2}\.yaml$/.test(file)) continue;
    const parsed = parseYaml(text);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    files[file] = careplanText(parsed.value as OutcomeEntry[]);
  }
  return files;
}

type Edit = [name: string, change: (files: Record<string, string>) => void];
const add = (file: string, text: string) => (files: Record<string, string>) => {
  files[file] += text;
};
const EDITS: Edit[] = [
  ['nothing', () => undefined],
  [
    'an entry dated in another month (misfiled)',
    add('people/p-b/outcomes/2026-07.yaml', '- at: 2026-08-03T10:00\n  by: s-ben\n  goal: meals-goal\n  result: improving\n'),
  ],
  [
    'an entry naming a goal the plan lacks',
    add('people/p-c/outcomes/2026-06.yaml', '- at: 2026-06-30T20:00\n  by: s-ben\n  goal: swimming-goal\n  result: improving\n'),
  ],
  [
    'an entry naming an action the plan lacks',
    add('people/p-a/outcomes/2026-08.yaml', '- at: 2026-08-30T21:00\n  by: s-ben\n  actions: [swim-act]\n  result: improving\n'),
  ],
  [
    'an entry by someone not on the roster',
    add('people/p-b/outcomes/2026-09.yaml', '- at: 2026-09-30T21:00\n  by: s-zed\n  goal: meals-goal\n  result: improving\n'),
  ],
  [
    'an entry dated after now',
    add('people/p-a/outcomes/2026-09.yaml', '- at: 2026-11-25T21:00\n  by: s-ben\n  goal: meals-goal\n  result: improving\n'),
  ],
  [
    'three variations in a week',
    add(
      'people/p-a/outcomes/2026-07.yaml',
      ['10', '11', '12']
        .map((d) => `- at: 2026-07-${d}T20:00\n  by: s-ben\n  goal: meals-goal\n  result: no-change\n  variation: Different today\n`)
        .join(''),
    ),
  ],
  [
    'a measurement in an old month',
    add('people/p-c/outcomes/2026-07.yaml', '- at: 2026-07-30T20:00\n  by: s-ben\n  goal: meals-goal\n  result: improving\n  value: 3\n'),
  ],
  [
    'a comment above an old month',
    (files) => {
      files['people/p-a/outcomes/2026-06.yaml'] = `# June\n${files['people/p-a/outcomes/2026-06.yaml']}`;
    },
  ],
  ['broken YAML in an old month', add('people/p-b/outcomes/2026-06.yaml', '- at: [unclosed\n')],
  [
    'an entry the schema refuses',
    add('people/p-c/outcomes/2026-08.yaml', '- at: 2026-08-30T21:00\n  by: s-ben\n  goal: meals-goal\n  result: great\n'),
  ],
  [
    'a staff member who left before entries they recorded',
    (files) => {
      files['staff/s-carl.yaml'] = files['staff/s-carl.yaml'].replace('active: true', 'active: true\nleft: "2026-08-01"');
    },
  ],
  [
    'a person discharged in the summer',
    (files) => {
      files['people/p-b/person.yaml'] = files['people/p-b/person.yaml'].replace(
        'status: "active"',
        'status: "discharged"\ndischarged: "2026-09-01"',
      );
    },
  ],
  [
    'every entry of a goal in old months only',
    (files) => {
      for (const month of ['2026-10', '2026-11']) {
        const file = `people/p-c/outcomes/${month}.yaml`;
        files[file] = files[file]
          .split(/(?=^- )/m)
          .filter((entry) => !entry.includes('goal: meals-goal'))
          .join('');
      }
    },
  ],
];

describe("a write's loads, with old outcome months as facts", () => {
  it.each(EDITS)('judge each person and the record rules as the full load does: %s', (_name, change) => {
    const files = sixMonthsAsWritten();
    change(files);
    let settledMonths = 0;
    for (const id of PEOPLE) {
      const load = (options: { settle?: SettleOptions }) =>
        loadWorkspace('/memory', { onlyPeople: new Set([id]), ...options }, memoryReader(files));
      const full = load({});
      const settled = load({ settle });
      // Months are settled (most of them read from their text), unless one could make a finding of its own.
      settledMonths += settled.people.get(id)?.settledOutcomes?.length ?? 0;
      expect(JSON.stringify(judgePerson(settled, id, NOW))).toBe(JSON.stringify(judgePerson(full, id, NOW)));
      expect(JSON.stringify(recordRules(settled, NOW))).toBe(JSON.stringify(recordRules(full, NOW)));
      expect(JSON.stringify(settled.loadFindings)).toBe(JSON.stringify(full.loadFindings));
    }
    expect(settledMonths).toBeGreaterThan(4);
  });
});
