import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLines, scannedLine } from '../../src/model/lineScan.js';
import { lineInDocument, lineOf } from '../../src/model/positions.js';
import { readCoreYaml } from '../../src/model/coreSchema.js';
import { seededRandom } from '../helpers/yamlFuzz.js';

const source = (text: string) => ({ text: () => text });

/** Lines from the text alone, or undefined when the scan leaves the file to the yaml document. */
const quick = (text: string, at: (string | number)[]) => {
  const scan = scanLines(text);
  return scan && scannedLine(scan, at);
};

/** Every field's path in `value`, and (with `runOut`) one more after each that names no key. */
function fieldPaths(value: unknown, runOut: boolean, at: (string | number)[] = [], paths: (string | number)[][] = []) {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [step, item] of children) {
    paths.push([...at, step]);
    if (runOut) paths.push([...at, step, 'no_such_key']);
    fieldPaths(item, runOut, [...at, step], paths);
  }
  return paths;
}

const OUTCOMES = [
  '# Edith: outcomes for November',
  '- at: 2026-11-02T09:10',
  '  by: s-ben',
  '  goal: g-walk',
  '  result: improving',
  '',
  '- { at: 2026-11-03T09:00, by: s-amina, goal: g-walk, result: steady }',
  '- at: 2026-11-04T09:05',
  '  by: s-ben',
  '  actions: [a-1, a-2]',
  '',
].join('\n');

const PERSON = [
  'id: p-edith',
  'name: Edith Clarke',
  'team:',
  '  - s-ben',
  '  - s-amina',
  'representatives:',
  '  - { name: Jo Clarke, relationship: daughter }',
  'status: active',
  '',
].join('\n');

const PLAN = [
  'version: 2',
  'author: s-priya',
  'updated: 2026-09-09T11:30',
  'about_me: >-',
  '  I like to know how things work.',
  '  Maureen comes in most afternoons.',
  'needs:',
  '  - need: mobility',
  '    goals:',
  '      - { id: g-walk, description: Walks to the garden, by: 2026-12-31 }',
  '',
].join('\n');

describe('finding lines laid out from the text (lineScan.ts)', () => {
  it("finds an entry's keys in a list of entries, block or flow, and the entry where the key is missing", () => {
    expect(quick(OUTCOMES, [0, 'at'])).toBe(2);
    expect(quick(OUTCOMES, [0, 'result'])).toBe(5);
    expect(quick(OUTCOMES, [1, 'result'])).toBe(7);
    expect(quick(OUTCOMES, [2, 'actions', 1])).toBe(10);
    expect(quick(OUTCOMES, [2, 'variation'])).toBe(8);
    // No such entry: the list's own line, its first item (leading comments are not the list).
    expect(quick(OUTCOMES, [7, 'at'])).toBe(2);
    expect(quick(OUTCOMES, [])).toBe(2);
  });

  it("finds a record's keys, its list items, and a key's line where the item is missing", () => {
    expect(quick(PERSON, ['name'])).toBe(2);
    expect(quick(PERSON, ['team', 1])).toBe(5);
    expect(quick(PERSON, ['team', 5])).toBe(3);
    expect(quick(PERSON, ['representatives', 0, 'relationship'])).toBe(7);
    expect(quick(PERSON, ['key_worker'])).toBe(1);
  });

  it("finds a plan's top-level keys, and leaves what lies under them to the yaml document", () => {
    expect(quick(PLAN, ['updated'])).toBe(3);
    expect(quick(PLAN, ['needs'])).toBe(7);
    expect(quick(PLAN, ['reviewed'])).toBe(1);
    expect(quick(PLAN, ['needs', 0, 'goals', 0, 'by'])).toBeUndefined();
    expect(lineOf(source(PLAN), ['needs', 0, 'goals', 0, 'by'])).toBe(10);
  });

  it('lays out nothing whose lines do not say what they are, so the yaml document answers', () => {
    // A quoted note running onto a line that looks like a key: js-yaml reads one key there, not two.
    const quoted = 'note: "first\nsecond: x"\nother: 1\n';
    expect(readCoreYaml(quoted)).toEqual({ note: 'first second: x', other: 1 });
    expect(scanLines(quoted)).toBeUndefined();
    for (const text of ['---\nid: p-edith\n', '{ id: p-edith,\nname: Edith }\n', '"id": p-edith\n', '? id\n: p-edith\n', 'id: 1\nid: 2\n'])
      expect(scanLines(text), text).toBeUndefined();
    expect(scanLines('id: p-edith\rname: Edith\n'), 'a lone CR').toBeUndefined();
    // CRLF line ends count as one line each, as the yaml document counts them.
    expect(quick('id: p-edith\r\nname: Edith\r\n', ['name'])).toBe(2);
  });

  it('follows the tokens of a JSON document (as a program writes one), and gives each field the line the yaml document gives', () => {
    const rand = seededRandom(12);
    const words = ['g-walk', 'Walks to the garden', 'a "quoted" word', 'ünïcode', '', 'line\nbreak', '12', 'true'];
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.45) return [1, -2.5, 0, true, false, null, ...words][Math.floor(rand() * 14)];
      if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, (_, i) => [`${words[i % 3]}${i}`, value(depth + 1)]));
    };
    let answered = 0;
    for (let n = 0; n < 400; n++) {
      const data = { version: 1, needs: [value(1), value(1)], about: value(0) };
      const text = JSON.stringify(data, null, [undefined, 1, 2, '\t'][n % 4]);
      const scan = scanLines(text);
      expect(scan, text).toBeDefined();
      const paths = [[], ['no_such_key'], ['needs', 5], ['version', 'inside'], ...fieldPaths(data, true)];
      const doc = source(text);
      for (const at of paths) {
        answered++;
        expect(scannedLine(scan!, at), `${text}\n${JSON.stringify(at)}`).toBe(lineInDocument(doc, at));
      }
    }
    expect(answered).toBeGreaterThan(4000);
    // Not JSON after all, or JSON that YAML reads otherwise: left to the yaml document.
    for (const text of ['{"a": 1,}', '{"a": 1, "a": 2}', '{"a": "tab\there"}', '[1, 2] # note', '{"a": 1e400}'])
      expect(scanLines(text), text).toBeUndefined();
  });

  it("gives every field of the example home's records the line the yaml document gives", () => {
    const root = path.resolve('examples/sunrise-house');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (name.startsWith('.')) continue;
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.yaml')) files.push(file);
      }
    };
    walk(root);
    let answered = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const scan = scanLines(text);
      if (!scan) continue;
      const paths = [[], ['no_such_key'], ...fieldPaths(readCoreYaml(text), false)];
      const doc = source(text);
      for (const at of paths) {
        const line = scannedLine(scan, at);
        if (line === undefined) continue;
        answered++;
        expect(line, `${path.relative(root, file)} ${JSON.stringify(at)}`).toBe(lineInDocument(doc, at));
      }
    }
    // The outcome logs, acknowledgements and people, and the plans' top-level keys, are laid out.
    expect(answered).toBeGreaterThan(500);
  });
});
