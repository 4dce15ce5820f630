import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/format/auditEscape.js';
import type { CheckReport } from '../../src/format/checkReport.js';
import { FINDINGS_FORMATS } from '../../src/format/findingsFormats.js';
import { PLAIN } from '../../src/format/registry.js';
import {
  csvCell,
  jsonSafe,
  markdownText,
  multiLine,
  oneLine,
  shownValues,
  terminalSafe,
  withoutWorkflowCommands,
  xmlText,
} from '../../src/format/safeText.js';

/** Every character of the C0 and C1 ranges, DEL, and the ones that reorder or hide text. */
const EVERY_CONTROL = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  0x2028,
  0x202e,
  0x2066,
  0x200b,
  0xfeff,
]
  .map((c) => String.fromCharCode(c))
  .join('');
const OSC52 = '\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[HFAKE: all plans signed';

/** A workflow command line as GitHub Actions finds one: `::` first after white space. */
const WORKFLOW_LINE = /^[\s\u0085\u00a0\ufeff]*::/m;

/** XML 1.0's Char production: what a well-formed document may hold. */
const XML_CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('showing values', () => {
  it('escapes every control character, visibly: \\x1b for C0 and DEL, \\u0085 for the rest', () => {
    expect(oneLine(OSC52)).toBe('\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x1b[HFAKE: all plans signed');
    expect(oneLine('a\nb\rc\td\u0085e\u202ef\x7f')).toBe('a\\nb\\rc\\td\\u0085e\\u202ef\\x7f');
    expect(oneLine(EVERY_CONTROL)).toMatch(/^[\x20-\x7e]+$/);
    expect(multiLine('one\ntwo\x1b')).toBe('one\ntwo\\x1b');
    // A lone surrogate cannot be written as UTF-8; a pair is a real character and stays.
    expect(oneLine('\ud800x\u{1f600}')).toBe('\\ud800x\u{1f600}');
  });

  it('shows every string of a report, keys included, and keeps its shape, numbers and shared parts', () => {
    const shared = { name: 'a\x1bb' };
    const shown = shownValues({ list: [shared, shared], map: new Map([['k\n', 1]]), n: 3, nothing: null, 'key\x07': true });
    expect(shown).toEqual({
      list: [{ name: 'a\\x1bb' }, { name: 'a\\x1bb' }],
      map: new Map([['k\\n', 1]]),
      n: 3,
      nothing: null,
      'key\\x07': true,
    });
    expect(shown.list[0]).toBe(shown.list[1]);
  });
});

describe('CI workflow commands', () => {
  it('a line starting with :: (after any white space) has its first colon escaped', () => {
    const text = 'ok\n::error file=x::pwned\n   ::add-mask::secret\n\u00a0::warning::x\nfile.yaml: a::b\n';
    const safe = withoutWorkflowCommands(text);
    expect(safe).not.toMatch(WORKFLOW_LINE);
    expect(safe).toBe('ok\n\\::error file=x::pwned\n   \\::add-mask::secret\n\u00a0\\::warning::x\nfile.yaml: a::b\n');
  });

  it("the older ##[command] anywhere in a line, and Azure's ##vso[, are neutralised too", () => {
    expect(withoutWorkflowCommands('x ##[error]bad and ##vso[task.setvariable]x')).toBe('x #\\#[error]bad and #\\#vso[task.setvariable]x');
  });

  it("terminal output: escape sequences escaped; with colour on, careplan's own colours pass and no others", () => {
    const painted = '\x1b[31mred\x1b[39m \x1b[1mbold\x1b[22m';
    expect(terminalSafe(`${painted} ${OSC52} \x1b[8mhidden\x1b[0m`, true)).toBe(`${painted} ${oneLine(OSC52)} \\x1b[8mhidden\x1b[0m`);
    expect(terminalSafe(painted, false)).toBe('\\x1b[31mred\\x1b[39m \\x1b[1mbold\\x1b[22m');
    expect(terminalSafe('a\n::error::x\tb\r', false)).toBe('a\n\\::error::x\tb\\r');
    // A CSV's CRLF line ends are layout; a carriage return alone (which rewrites the line) is not.
    expect(terminalSafe('a,b\r\nc\rd\r\n', false)).toBe('a,b\r\nc\\rd\r\n');
  });

  it('JSON keeps every value exactly: the characters JSON.stringify leaves raw become \\u escapes', () => {
    const value = { text: `${EVERY_CONTROL}::error::x` };
    const json = jsonSafe(JSON.stringify(value, null, 2));
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toMatch(/^[\x20-\x7e\n]+$/);
  });
});

describe('formats with a syntax of their own', () => {
  it('XML: entities escaped, and no character XML 1.0 cannot hold', () => {
    expect(xmlText('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText(`a${EVERY_CONTROL}b`)).toMatch(XML_CHAR);
    expect(xmlText('one\ntwo', true)).toBe('one\\ntwo');
  });

  it('junit output is well-formed XML whatever the findings hold, and keeps their text readable', () => {
    const report: CheckReport = {
      findings: [
        {
          rule: 'unexpected-file',
          severity: 'error',
          file: `odd${EVERY_CONTROL}.yaml`,
          message: `a file where no record belongs ${OSC52}`,
        },
        { rule: 'schema', severity: 'warning', person: 'p-a', file: 'people/p-a/person.yaml', message: '\n::error title=x::y <b>&' },
      ],
      asOf: '2026-11-26T23:59:00.000Z',
      asOfLocal: '2026-11-26T23:59',
      people: ['p-a'],
      rules: { person: ['schema'], home: ['unexpected-file'] },
      failOn: 'error',
      workTreePrefix: '',
    };
    const xml = FINDINGS_FORMATS.junit(report, PLAIN);
    expect(xml).toMatch(XML_CHAR);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(WORKFLOW_LINE);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const home = parsed.testsuites.testsuite[0].testcase;
    expect(home.failure.message).toBe(`a file where no record belongs ${oneLine(OSC52)}`);
    expect(parsed.testsuites.testsuite[1].testcase['system-out']).toBe('warning: \\n::error title=x::y <b>&');
  });

  it('Markdown: HTML, links, images and table pipes show as text; code spans and emphasis stay', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(markdownText('![x](http://e/x.png) [y](javascript:1) a|b \\')).toBe('!\\[x\\](http://e/x.png) \\[y\\](javascript:1) a\\|b \\\\');
    // A code span shows its content literally, so a backtick cannot open a way to markup.
    expect(markdownText('`key_worker` names s-x `<img src=x>`')).toBe('`key_worker` names s-x `&lt;img src=x&gt;`');
  });

  it('CSV: a cell a spreadsheet would evaluate starts with a quote; numbers stay numbers', () => {
    expect(['=HYPERLINK("http://e","x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'plain', -50, 3].map(csvCell)).toEqual([
      '"\'=HYPERLINK(""http://e"",""x"")"',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      'plain',
      '-50',
      '3',
    ]);
  });

  it('the audit CSV writes its fields through the same cell escaper', () => {
    expect(['=HYPERLINK("http://evil","click")', '@SUM(A1)', '+cmd|calc', -33.3, 'plain, with a comma'].map(csvField)).toEqual([
      '"\'=HYPERLINK(""http://evil"",""click"")"',
      "'@SUM(A1)",
      "'+cmd|calc",
      '-33.3',
      '"plain, with a comma"',
    ]);
  });
});
