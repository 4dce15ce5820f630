import { describe, expect, it } from 'vitest';
import { findUnreadableCharacter } from '../../src/model/yamlCharacters.js';
import { parseYaml } from '../../src/model/yamlText.js';

describe('characters a record may not hold', () => {
  it('a control character: its line, its column, the field, what to do, and none of the text around it', () => {
    const found = findUnreadableCharacter('- at: 2026-11-02T12:40\n  note: Walked wi\u0001th Jo\n');
    expect(found).toEqual({
      line: 2,
      message: 'a control character U+0001 at column 18 of the `note` line, which a YAML record may not hold, so the record is not read',
      fix: 'retype the note without it (text pasted from another program can carry invisible characters)',
    });
    expect(JSON.stringify(found)).not.toMatch(/Walked|Jo/);
  });

  it('names DEL, C1 controls, non-characters and broken surrogates, and counts the others', () => {
    expect(findUnreadableCharacter('a: x\u007f\n')?.message).toMatch(/^a control character U\+007F at column 5 of the `a` line/);
    expect(findUnreadableCharacter('a: x\u0090\n')?.message).toMatch(/U\+0090/);
    expect(findUnreadableCharacter('a: \uffff\n')?.message).toMatch(/^a non-character U\+FFFF/);
    expect(findUnreadableCharacter('a: \ud800x\n')?.message).toMatch(/^a broken character U\+D800/);
    expect(findUnreadableCharacter('a: \u0001\u0002\nb: \u0003\n')?.message).toMatch(/ \(and 2 more in the file\)/);
  });

  it('columns count characters, not UTF-16 units: an emoji is one', () => {
    expect(findUnreadableCharacter('note: 😊\u0007\n')?.message).toMatch(/at column 8 /);
  });

  it('a value over several lines, and a comment: the field above, or no field', () => {
    expect(findUnreadableCharacter('- note: first line\n    second\u0008 line\n')).toMatchObject({
      line: 2,
      fix: expect.stringMatching(/^retype the note /),
    });
    expect(findUnreadableCharacter('# a comment \u001b\nid: s-ben\n')).toMatchObject({
      line: 1,
      fix: expect.stringMatching(/^retype that text /),
    });
  });

  it('a character at the start of a line, after blank lines, in a file that starts with one (once looped forever)', () => {
    expect(findUnreadableCharacter('\n\n\u0001x\n')).toMatchObject({ line: 3, message: expect.stringMatching(/column 1,/) });
    expect(findUnreadableCharacter('\nnote: x\n  \u0001\n')).toMatchObject({ line: 3, fix: expect.stringMatching(/^retype the note/) });
    expect(findUnreadableCharacter('\u0001')).toMatchObject({ line: 1 });
  });

  it('a CR on its own (an old Mac line end, or pasted): refused, where it is', () => {
    const found = findUnreadableCharacter('- note: ok\r  variation: Used wheelchair\n');
    expect(found).toMatchObject({
      line: 1,
      message: expect.stringMatching(/^a carriage return \(CR\) on its own at column 11 of the `note` line/),
    });
    expect(found?.fix).toMatch(/LF or CRLF line endings/);
    expect(findUnreadableCharacter('a: 1\rb: 2')?.line).toBe(1);
    expect(findUnreadableCharacter('a: 1\n\r')?.line).toBe(2);
  });

  it('lets through what YAML allows: tabs, CRLF, NEL, no-break spaces, BOM, emoji, combining marks', () => {
    for (const text of [
      'a: "x\ty"\r\nb: 2\r\n',
      'a: x\u0085y\n',
      'a: x\u00a0\n',
      '\ufeffa: 1\n',
      'a: Zoë e\u0301 👩🏽‍⚕️ 漢字\n',
      'a: x\u2028y\n',
    ]) {
      expect(findUnreadableCharacter(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('parseYaml refuses such a file on every path: the fast path, js-yaml, and where js-yaml would not look (comments)', () => {
    for (const text of ['- a: b\u0001\n', 'a:\n  b: c\u0001\n', '# \u0001\na: 1\n', 'a: &x 1\nb: *x\u0002\n', '- a: ok\r  b: x\n']) {
      const parsed = parseYaml(text);
      expect(parsed.ok, JSON.stringify(text)).toBe(false);
      if (!parsed.ok) expect(parsed.line).toBeGreaterThan(0);
    }
  });
});
