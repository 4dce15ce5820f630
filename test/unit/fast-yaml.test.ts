import { describe, expect, it } from 'vitest';
import jsYaml from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isPlainAscii, parseEntryList, parseRecordMapping, readFast } from '../../src/model/fastYaml.js';
import { findUnreadableCharacter } from '../../src/model/yamlCharacters.js';
import { parseYaml } from '../../src/model/yamlText.js';
import { EXAMPLE } from '../helpers/repo.js';

const reference = (text: string) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });

/** The fast path either declines (undefined) or agrees with js-yaml exactly. */
function agrees(text: string): 'fast' | 'fallback' {
  const fast = parseEntryList(text);
  if (fast === undefined) return 'fallback';
  expect(fast).toEqual(reference(text));
  return 'fast';
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? yamlFiles(full) : name.endsWith('.yaml') ? [full] : [];
  });
}

describe('the fast path for entry lists', () => {
  it('agrees with js-yaml on every list file of the example, and takes most of them', () => {
    const lists = yamlFiles(EXAMPLE).filter((f) => /(outcomes\/|signoffs|acknowledgements|agreements|escalations)/.test(f));
    const taken = lists.map((f) => agrees(readFileSync(f, 'utf8')));
    expect(lists.length).toBeGreaterThan(30);
    expect(taken.filter((t) => t === 'fast').length).toBeGreaterThan(lists.length / 2);
  });

  it('parses careplan-shaped entries, flow and block, with comments kept out', () => {
    const text =
      "# Edie's log\n- at: 2026-11-02T12:40\n  by: s-carl\n  goal: mob-indep\n  actions: [mob-walk, " +
      'mob-frame]\n  result: improving\n  note: "Walked: with frame"\n\n  # a hand-written comment\n' +
      '- { version: 1, plan: "sha256:ab", by: s-amina, at: 2026-10-29T16:20, note: Checked }\n';
    expect(agrees(text)).toBe('fast');
    expect(parseEntryList(text)).toEqual([
      {
        at: '2026-11-02T12:40',
        by: 's-carl',
        goal: 'mob-indep',
        actions: ['mob-walk', 'mob-frame'],
        result: 'improving',
        note: 'Walked: with frame',
      },
      { version: 1, plan: 'sha256:ab', by: 's-amina', at: '2026-10-29T16:20', note: 'Checked' },
    ]);
    expect(agrees('[]\n')).toBe('fast');
    expect(agrees('- a: [1, [2, x]]\n')).toBe('fast');
    expect(agrees("- note: 'it''s fine'\n  n: 12\n  t: true\n  x: null\n  y: ~\n  z: False\n")).toBe('fast');
  });

  it('declines whatever it does not fully understand, so js-yaml decides', () => {
    const declined = [
      '- a: 1\n  a: 2\n', // duplicate key: js-yaml reports it
      '- a: b # trailing comment\n',
      '- a: one\n    two\n', // a folded plain scalar
      '- a: &x 1\n  b: *x\n',
      '- a: 0x1F\n',
      '- a: 1e3\n',
      '- a: .inf\n',
      '- a: 007\n',
      '- a: +5\n',
      '- a: 1.0\n',
      '- a: "tab\\x09"\n',
      '- a:\n    - nested\n',
      '- a: |\n    block\n',
      'a: 1\n',
      '- 5\n',
      '- a: b\n---\n- a: c\n',
      '- { a: 1, a: 2 }\n',
      '- a: "unterminated\n',
      '- a: x\n\t b: y\n',
      '- __proto__: x\n',
      '- a: b:\n',
      '- a: -\n',
    ];
    for (const text of declined) expect(parseEntryList(text), JSON.stringify(text)).toBeUndefined();
  });

  it('agrees with js-yaml on thousands of generated entries with awkward values', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    const values = [
      'plain text',
      'Yes',
      'No',
      'NULL',
      'Null',
      'TRUE',
      'tRUE',
      'on',
      '0',
      '12',
      '-3',
      '2026-11-02',
      '2026-11-02T12:40+01:00',
      '12:30',
      '"quoted, with: colon"',
      "'single # hash'",
      '"esc \\" \\n \\u00e9"',
      'a-b_c.d',
      'x:y',
      'ends with space ',
      '[a, b]',
      '[]',
      '[ "q", \'r\' ]',
      'é unicode',
      '1-000000001',
    ];
    let fast = 0;
    for (let i = 0; i < 2000; i++) {
      const keys = ['at', 'by', 'goal', 'note', 'result', 'x_y'].filter(() => rand() < 0.7);
      if (keys.length === 0) continue;
      const flow = rand() < 0.3;
      const text = flow
        ? `- { ${keys.map((k) => `${k}: ${pick(values).trim()}`).join(', ')} }\n`
        : `- ${keys.map((k) => `${k}: ${pick(values)}`).join('\n  ')}\n`;
      if (agrees(text) === 'fast') fast++;
    }
    expect(fast).toBeGreaterThan(300);
  });

  it('is what parseYaml uses, and js-yaml still reports what it declines', () => {
    expect(parseYaml('- a: 1\n  a: 2\n')).toMatchObject({ ok: false, message: 'a key appears twice in the same mapping', line: 2 });
    expect(parseYaml('- { at: 2026-11-02T12:40, by: s-carl }\n')).toEqual({ ok: true, value: [{ at: '2026-11-02T12:40', by: 's-carl' }] });
  });
});

describe('the fast path for flat mapping records', () => {
  const agreesMapping = (text: string): 'fast' | 'fallback' => {
    const fast = parseRecordMapping(text);
    if (fast === undefined) return 'fallback';
    expect(fast).toEqual(reference(text));
    return 'fast';
  };

  it('agrees with js-yaml on every mapping record of the example', () => {
    const files = yamlFiles(EXAMPLE).filter((f) => !/(outcomes\/|signoffs|acknowledgements|agreements|escalations)/.test(f));
    const taken = files.map((f) => agreesMapping(readFileSync(f, 'utf8')));
    expect(taken.filter((t) => t === 'fast').length).toBeGreaterThan(20);
  });

  it('reads a weekly outcome review as careplan writes it', () => {
    const text =
      '# week 46\nkind: outcomes\nat: 2026-11-16T15:00\nby: s-ben\nperiod: { from: 2026-11-09, to: 2026-11-15 }\n' +
      'goals:\n  - { goal: mob-indep, trend: improving, comment: "3 walks" }\n  - { goal: nut-weight, trend: stable }\n' +
      'plan_update_needed: false\n';
    expect(agreesMapping(text)).toBe('fast');
    expect(parseRecordMapping(text)).toMatchObject({
      period: { from: '2026-11-09', to: '2026-11-15' },
      goals: [{ goal: 'mob-indep' }, { goal: 'nut-weight' }],
      plan_update_needed: false,
    });
    expect(agreesMapping('id: s-ben\nname: Ben Hart\nroles:\n  - key-worker\n  - care-staff\nactive: true\n')).toBe('fast');
  });

  it('declines nested blocks, empty lists, indentation it does not expect and duplicate keys', () => {
    for (const text of [
      'needs:\n  - id: mobility\n    domain: mobility\n',
      'a: 1\na: 2\n',
      'goals:\nkind: plan\n',
      'a:\n- x\n',
      'a: b\n  c: d\n',
      'a: |\n  text\n',
      'provider:\n  name: X\n',
      'a: { b: { c: 1 } }\n',
      'a: &x 1\n',
      '- a\n',
    ])
      expect(parseRecordMapping(text), JSON.stringify(text)).toBeUndefined();
  });
});

describe('issue 16: what the fast path used to misread now goes to js-yaml', () => {
  // Each a minimal document from the issue, as a JavaScript string, and what YAML says it holds.
  const cases: [string, string, unknown][] = [
    ['a blank value before a nested list is null, not []', 'a:\nb:\n  - x\n', { a: null, b: ['x'] }],
    ["a trailing no-break space is the value's own", '- result: declined\u00a0\n', [{ result: 'declined\u00a0' }]],
    ["a trailing ideographic space is the value's own", 'version: 2\u3000\n', { version: '2\u3000' }],
    ['a line of a no-break space then # continues the value', '- note: hello\n   \u00a0# world\n', [{ note: 'hello \u00a0# world' }]],
    ['extra spaces after a dash are not part of the item', 'team:\n  -  s-ben\n', { team: ['s-ben'] }],
    ['CRLF line ends', '- at: 2026-11-02\r\n  by: s-ben\r\n', [{ at: '2026-11-02', by: 's-ben' }]],
  ];
  it.each(cases)('%s', (_name, text, value) => {
    expect(reference(text)).toEqual(value);
    expect(parseYaml(text)).toEqual({ ok: true, value });
    const fast = readFast(text);
    if (fast !== undefined) expect(fast).toEqual(value);
  });

  it('a line of only a no-break space is text to YAML, so the list is a syntax error', () => {
    expect(() => reference('\u00a0\n- result: achieved\n')).toThrow();
    expect(parseYaml('\u00a0\n- result: achieved\n').ok).toBe(false);
  });

  it('refuses a non-printable character and a lone CR, which js-yaml would read (or read differently)', () => {
    expect(parseYaml('- note: a\u0001\n')).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/U\+0001 at column 10/) });
    expect(reference('- note: ok\r  variation: Used wheelchair\n')).toEqual([{ note: 'ok', variation: 'Used wheelchair' }]);
    expect(parseYaml('- note: ok\r  variation: Used wheelchair\n')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/carriage return/),
    });
    for (const text of ['- note: a\u0001\n', '- note: ok\r  variation: x\n', 'a: x\ry\n']) {
      expect(parseEntryList(text)).toBeUndefined();
      expect(parseRecordMapping(text)).toBeUndefined();
    }
  });

  it("still takes careplan's own files, with non-ASCII letters, emoji and a header comment", () => {
    const text = '# Edie - outcomes\n- at: 2026-11-02T12:40\n  note: Zoë’s café — 😊 e\u0301\n- { staff: s-ben, version: 1 }\n';
    expect(readFast(text)).toEqual([
      { at: '2026-11-02T12:40', note: 'Zoë’s café — 😊 e\u0301' },
      { staff: 's-ben', version: 1 },
    ]);
    expect(readFast('# Ben\nid: s-ben\nroles:\n  - key-worker\n')).toEqual({ id: 's-ben', roles: ['key-worker'] });
  });
});

describe('one scan for plain ASCII: what parseYaml may skip when a text holds only printable ASCII and LF', () => {
  it('no character a record may not hold is plain ASCII, and every other character is not', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      const text = `- { at: "2026-11-20T10:00", note: "x${c}y" }\n`;
      if (isPlainAscii(text)) expect(findUnreadableCharacter(text), `U+${code.toString(16)}`).toBeUndefined();
      expect(isPlainAscii(text), `U+${code.toString(16)}`).toBe(code === 10 || (code >= 0x20 && code <= 0x7e));
    }
  });

  it('the fast path told a text is plain reads it as it does unaided, on every record of the example', () => {
    const files = readdirSync(EXAMPLE, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(path.join(EXAMPLE, f), 'utf8'));
    const plain = files.filter(isPlainAscii);
    expect(plain.length).toBeGreaterThan(50);
    for (const text of plain) expect(readFast(text, true)).toEqual(readFast(text));
  });
});

describe('double-quoted values without an escape, found by indexOf', () => {
  it('read as js-yaml reads them, or left to it', () => {
    const cases: [string, 'fast' | 'fallback'][] = [
      ['- note: "Walked to the garden, slowly; then tea."\n', 'fast'],
      ['- { at: 2026-11-02T12:40, note: "a, b: c" }\n', 'fast'],
      ['- { note: "before a backslash", path: "c:\\\\temp" }\n', 'fast'],
      ['- note: "a \\"quoted\\" word"\n', 'fast'],
      ['- note: "a\tb"\n', 'fallback'],
      ['- note: "never closed\n', 'fallback'],
      ['- note: ""\n', 'fast'],
    ];
    for (const [text, way] of cases) expect(agrees(text), JSON.stringify(text)).toBe(way);
  });
});
