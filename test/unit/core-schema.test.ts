import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { CORE_YAML_OPTIONS, CORE_YAML_TO_STRING, documentData, quotedText, readCoreYaml } from '../../src/model/coreSchema.js';
import { lineOf } from '../../src/model/positions.js';
import { parseYaml } from '../../src/model/yamlText.js';

const viaYamlPackage = (text: string) => documentData(parseDocument(text, CORE_YAML_OPTIONS));

describe("one YAML 1.2 core schema: js-yaml's", () => {
  // Each of these the `yaml` package's own core schema reads differently from js-yaml.
  const edges: [string, unknown][] = [
    ['a: 0b1\n', { a: 1 }],
    ['a: +.5\n', { a: '+.5' }],
    ['a: +0x1F\n', { a: 31 }],
    ['a: -0o7\n', { a: -7 }],
    ['~: x\n', { null: 'x' }],
    ['a: .5\n', { a: 0.5 }],
    ['a: 0123\n', { a: 123 }],
    ['a: 1_000\n', { a: '1_000' }],
  ];

  it.each(edges)('%j reads the same through js-yaml, parseYaml and the yaml package', (text, value) => {
    expect(readCoreYaml(text)).toEqual(value);
    expect(parseYaml(text)).toEqual({ ok: true, value });
    expect(parseYaml(`${text}b: &b 1\nc: *b\n`)).toEqual({ ok: true, value: { ...(value as object), b: 1, c: 1 } });
    expect(viaYamlPackage(text)).toEqual(value);
  });

  it('the yaml package writes a string in quotes when js-yaml would read it as something else', () => {
    for (const text of ['0b1', '+0x1F', '-0o7', '0123', '.5', '1e3', '~', 'NULL', 'True', '.NaN', '-.inf']) {
      const written = stringify({ note: text }, { ...CORE_YAML_OPTIONS, ...CORE_YAML_TO_STRING });
      expect(readCoreYaml(written), written).toEqual({ note: text });
    }
    expect(stringify({ note: '+.5' }, { ...CORE_YAML_OPTIONS, ...CORE_YAML_TO_STRING })).toBe('note: +.5\n');
  });

  it('characters a record may not hold raw are written as escapes', () => {
    expect(quotedText('a\uffffb\u2028c\u0085\u0001')).toBe('"a\\uffffb\\u2028c\\u0085\\u0001"');
    const written = stringify({ note: 'x\uffff', other: 'two\r\nlines' }, { ...CORE_YAML_OPTIONS, ...CORE_YAML_TO_STRING });
    expect(written).toBe('note: "x\\uffff"\nother: "two\\r\\nlines"\n');
    expect(parseYaml(written)).toEqual({ ok: true, value: { note: 'x\uffff', other: 'two\r\nlines' } });
  });

  it('text over several lines is a block scalar only where it reads back whole, else JSON in double quotes', () => {
    const write = (value: unknown) => stringify(value, { ...CORE_YAML_OPTIONS, ...CORE_YAML_TO_STRING });
    expect(write({ note: 'first line\nsecond line' })).toBe('note: |-\n  first line\n  second line\n');
    for (const text of [' \n', '\u2000:\n\ngarden', 'a \nb', 'a\n\u00a0b']) {
      for (const value of [{ note: text }, { list: [text] }, { list: [{ note: text }] }]) {
        const written = write(value);
        expect(written, JSON.stringify(value)).toMatch(/"/);
        expect(readCoreYaml(written)).toEqual(value);
      }
    }
    expect(write({ list: ['two\nlines'] })).toBe('list:\n  - |-\n    two\n    lines\n');
  });

  it("line numbers find keys by js-yaml's names, and give none where the two libraries build different data", () => {
    const source = (text: string) => ({ text: () => text });
    expect(lineOf(source('id: s-ben\n~: x\n0x1F: y\n'), ['null'])).toBe(2);
    expect(lineOf(source('id: s-ben\n~: x\n0x1F: y\n'), ['31'])).toBe(3);
    // js-yaml reads `---[]` as an empty list, the yaml package as the text "---[]".
    expect(readCoreYaml('---[]\n')).toEqual([]);
    expect(lineOf(source('---[]\n'), [0])).toBeUndefined();
  });
});
