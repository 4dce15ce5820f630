import { describe, expect, it } from 'vitest';
import { decodeRecord, MAX_FILE_BYTES, parseYaml, type ParsedYaml } from '../../src/model/yamlText.js';

function failure(result: ParsedYaml): { message: string; line?: number; fix?: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result;
}

function value(result: ParsedYaml): unknown {
  if (!result.ok) throw new Error(`expected a value, got: ${result.message}`);
  return result.value;
}

/** A "billion laughs": ten levels of nine aliases each, 10^9 strings if expanded. */
function aliasBomb(flow: boolean): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 10; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    const aliases = Array(9).fill(`*${previous}`);
    lines.push(flow ? `${name}: &${name} [${aliases.join(', ')}]` : `${name}: &${name}\n${aliases.map((a) => `  - ${a}`).join('\n')}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parseYaml', () => {
  it('reads a record into plain data', () => {
    expect(value(parseYaml('id: s-ben\nroles: [key-worker]\nactive: true\nscore: 14\n'))).toEqual({
      id: 's-ben',
      roles: ['key-worker'],
      active: true,
      score: 14,
    });
  });

  describe('dates and timestamps stay strings (YAML 1.2 core schema)', () => {
    const text =
      'admitted: 2026-10-28\nat: 2026-10-28T14:00\nstamp: 2026-10-28T14:00:00Z\nspaced: 2026-10-28 14:00\nanswer: yes\noff: no\n';
    const expected = {
      admitted: '2026-10-28',
      at: '2026-10-28T14:00',
      stamp: '2026-10-28T14:00:00Z',
      spaced: '2026-10-28 14:00',
      answer: 'yes',
      off: 'no',
    };
    it('on the fast path', () => expect(value(parseYaml(text))).toEqual(expected));
    it('on the anchors path', () => expect(value(parseYaml(`${text}x: &x 1\ny: *x\n`))).toEqual({ ...expected, x: 1, y: 1 }));
    it('an explicit !!timestamp tag is refused on both paths rather than made a Date', () => {
      expect(failure(parseYaml('at: !!timestamp 2026-10-28\n')).message).toMatch(/unknown tag/);
      const withAnchor = failure(parseYaml('x: &x 1\nat: !!timestamp 2026-10-28\n'));
      expect(withAnchor.message).toMatch(/unknown tag/);
      expect(withAnchor.line).toBe(2);
    });
    it('custom tags are refused on both paths', () => {
      expect(failure(parseYaml('a: !secret x\n')).message).toMatch(/unknown tag/);
      expect(failure(parseYaml('x: &x 1\na: !secret x\n')).message).toMatch(/unknown tag/);
    });
  });

  describe('list-shaped records (outcome logs, sign-offs: the shape most bytes are in)', () => {
    it('read as the core schema reads them: dates strings, yes a string, numbers numbers', () => {
      const text =
        '# outcomes\n- { at: 2026-11-02T12:40, by: s-ben, goal: mob-indep, result: improving, version: 2, ok: yes }\n' +
        "- at: 2026-11-03\n  note: \"Walked: 3 times\"\n  variation: 'it''s fine'\n  actions: [mob-walk, mob-talk]\n  extra: ~\n";
      expect(value(parseYaml(text))).toEqual([
        { at: '2026-11-02T12:40', by: 's-ben', goal: 'mob-indep', result: 'improving', version: 2, ok: 'yes' },
        { at: '2026-11-03', note: 'Walked: 3 times', variation: "it's fine", actions: ['mob-walk', 'mob-talk'], extra: null },
      ]);
      expect(value(parseYaml('[]\n'))).toEqual([]);
    });
    it('a duplicate key in a flow entry or a block entry is an error at its line', () => {
      const flow = failure(
        parseYaml(
          '- { at: 2026-11-02T12:40, by: s-ben, result: improving }\n' +
            '- { at: 2026-11-03T12:40, by: s-ben, by: s-amina, result: improving }\n',
        ),
      );
      expect(flow.message).toMatch(/key appears twice/);
      expect(flow.line).toBe(2);
      const block = failure(parseYaml('- at: 2026-11-02T12:40\n  by: s-ben\n  result: improving\n  by: s-amina\n'));
      expect(block.message).toMatch(/key appears twice/);
      expect(block.line).toBe(4);
    });
    it('a syntax error in a list is reported with its line', () => {
      const result = failure(
        parseYaml('- { at: 2026-11-02T12:40, by: s-ben }\n- { at: 2026-11-03T12:40, by: s-ben\n- { at: 2026-11-04T12:40 }\n'),
      );
      expect(result.line).toBeGreaterThanOrEqual(2);
    });
  });

  describe('duplicate keys are errors, with the line of the second', () => {
    it('on the fast path (no anchors in the text)', () => {
      const result = failure(parseYaml('id: p-edith\nname: Edith\nid: p-edie\n'));
      expect(result.message).toMatch(/key appears twice/);
      expect(result.line).toBe(3);
    });
    it('nested, and in flow mappings', () => {
      expect(failure(parseYaml('a:\n  b: 1\n  b: 2\n')).line).toBe(3);
      expect(failure(parseYaml('a: { b: 1, b: 2 }\n')).message).toMatch(/key appears twice/);
    });
    it('on the anchors path (the text uses & and *)', () => {
      const result = failure(parseYaml('base: &b 1\nother: *b\nbase: 2\n'));
      expect(result.message).toMatch(/key appears twice/);
      expect(result.line).toBe(3);
    });
  });

  describe('alias bombs', () => {
    for (const flow of [false, true]) {
      it(`a billion laughs (${flow ? 'flow' : 'block'} style) is a clear error, quickly`, () => {
        const started = Date.now();
        const result = failure(parseYaml(aliasBomb(flow)));
        expect(Date.now() - started).toBeLessThan(2000);
        expect(result.message).toMatch(/alias bomb/);
      });
    }
    it('a few aliases are fine', () => {
      expect(value(parseYaml('a: &a [1, 2]\nb: *a\nc: *a\n'))).toEqual({ a: [1, 2], b: [1, 2], c: [1, 2] });
    });
    it('plain reuse is fine however often: a month of outcomes naming the same staff member by alias', () => {
      const entries = Array.from({ length: 300 }, (_, i) => `- { at: 2026-11-01T08:00, by: *ben, goal: g${i}, result: improving }`);
      const parsed = value(
        parseYaml(`- { at: 2026-11-01T07:00, by: &ben s-ben, goal: g, result: improving }\n${entries.join('\n')}\n`),
      ) as { by: string }[];
      expect(parsed).toHaveLength(301);
      expect(parsed.every((entry) => entry.by === 's-ben')).toBe(true);
    });
    it('a large anchor aliased many times is a bomb too, though not exponential', () => {
      const anchor = `big: &big [${Array.from({ length: 2000 }, (_, i) => `item-${i}`).join(', ')}]`;
      const aliases = Array.from({ length: 200 }, (_, i) => `k${i}: *big`).join('\n');
      const started = Date.now();
      expect(failure(parseYaml(`${anchor}\n${aliases}\n`)).message).toMatch(/alias bomb/);
      expect(Date.now() - started).toBeLessThan(2000);
    });
    it('an alias with no anchor is reported as that, not as a bomb', () => {
      const result = failure(parseYaml('a: 1\nb: *nope\n'));
      expect(result.message).toMatch(/\*nope/);
      expect(result.message).not.toMatch(/bomb/);
    });
  });

  describe('one record per file', () => {
    it('more than one document is an error, with the line of the second', () => {
      const result = failure(parseYaml('id: s-ben\n---\nid: s-amina\n'));
      expect(result.message).toMatch(/more than one YAML document/);
      expect(result.line).toBe(2);
    });
    it('also on the anchors path', () => {
      const result = failure(parseYaml('a: &a 1\n---\nb: *a\n'));
      expect(result.message).toMatch(/more than one YAML document/);
      expect(result.line).toBe(2);
    });
    it('a leading --- alone is one document', () => {
      expect(value(parseYaml('---\nid: s-ben\n'))).toEqual({ id: 's-ben' });
    });
  });

  it('a syntax error names its line', () => {
    const result = failure(parseYaml('id: s-ben\nroles: [key-worker\nactive: true\n'));
    expect(result.line).toBeGreaterThanOrEqual(2);
    expect(result.fix).toMatch(/syntax/);
    const tabs = failure(parseYaml('a:\n\tb: 1\n'));
    expect(tabs.line).toBe(2);
  });

  it('a file of only comments holds no value, on either path (a comment may contain * or &)', () => {
    expect(value(parseYaml('# nothing yet\n'))).toBeNull();
    expect(value(parseYaml('# see *below & the plan\n'))).toBeNull();
  });
});

describe('decodeRecord', () => {
  it('passes UTF-8 text through and drops a byte order mark', () => {
    expect(decodeRecord(Buffer.from('name: Zoë Ó Súilleabháin\n'))).toEqual({ ok: true, text: 'name: Zoë Ó Súilleabháin\n' });
    expect(decodeRecord(Buffer.from('\ufeffid: s-ben\n'))).toEqual({ ok: true, text: 'id: s-ben\n' });
  });
  it('refuses an empty file, and one of only whitespace', () => {
    for (const text of ['', '\n\n', '   \n\t\n']) {
      const result = decodeRecord(Buffer.from(text));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/empty/);
    }
  });
  it('refuses a binary file (NUL bytes)', () => {
    const result = decodeRecord(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/binary/);
  });
  it('refuses text that is not UTF-8 (Latin-1)', () => {
    const result = decodeRecord(Buffer.from('name: Zo\xeb\n', 'latin1'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/not UTF-8/);
      expect(result.fix).toMatch(/UTF-8/);
    }
  });
  it('refuses a file over the size limit before decoding it', () => {
    const result = decodeRecord(Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/over the 10 MiB limit/);
    expect(decodeRecord(Buffer.alloc(1024, 0x61)).ok).toBe(true);
  });
});
