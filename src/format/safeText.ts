/**
 * One sanitiser for every output careplan writes. Record values (names, notes, file names, YAML
 * keys, git author names) come from whoever could edit the records or the repository, and careplan's
 * output goes to terminals, CI logs, JUnit and Markdown viewers and spreadsheets, each of which
 * obeys text of its own: escape sequences, workflow commands, markup, formulas. Here each kind of
 * output gets one escaper, so a value shows as what it is and never acts.
 */

/**
 * Characters that act rather than show: C0 and C1 controls (ESC starts terminal sequences, CR and
 * LF start lines, U+0085 ends one), DEL, line and paragraph separators, bidirectional overrides
 * (which reorder what a reader sees), zero-width characters and lone surrogates.
 */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const ACTING = new RegExp(`[${CONTROLS}]|${LONE_SURROGATE}`, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** How an acting character is shown: `\n`, `\x1b` for C0 and DEL, `\u0085` for the rest. */
export function escapedCharacter(ch: string): string {
  const code = ch.charCodeAt(0);
  if (NAMED[ch]) return NAMED[ch];
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A value shown on one line: every acting character escaped, line breaks included. */
export function oneLine(text: string): string {
  return text.replace(ACTING, escapedCharacter);
}

/** Text that may run over lines: every acting character but the line feed escaped. */
export function multiLine(text: string): string {
  return text.replace(ACTING, (ch) => (ch === '\n' ? ch : escapedCharacter(ch)));
}

/** The first acting character in `text`, if any, with where it is (for refusing free text). */
export function firstActingCharacter(text: string, allowLineBreaks = false): { shown: string; index: number } | undefined {
  for (const match of text.matchAll(ACTING)) {
    if (allowLineBreaks && match[0] === '\n') continue;
    return { shown: escapedCharacter(match[0]), index: match.index ?? 0 };
  }
  return undefined;
}

/**
 * CI runners act on lines of a job's log: GitHub Actions on a line that starts (after white space)
 * with `::` (`::error`, `::add-mask::`, `::stop-commands::`), and on `##[` anywhere in a line (its
 * older syntax); Azure Pipelines on `##vso[`. Such a line keeps its text with its first colon or
 * hash escaped by a backslash, so it reads the same and commands nothing.
 */
export function withoutWorkflowCommands(text: string): string {
  return text.replace(/^([\s\u0085\u00a0\ufeff]*):(?=:)/gm, '$1\\:').replace(/#(?=#(?:vso)?\[)/gi, '#\\');
}

/**
 * A copy of a report with every string in it (keys of mappings too) shown on one line, for the
 * formats people read. Structure, numbers and shared references stay as they were.
 */
export function shownValues<T>(report: T): T {
  const seen = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value === 'string') return oneLine(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(copy(item));
      return out;
    }
    if (value instanceof Map) {
      const out = new Map();
      seen.set(value, out);
      for (const [k, v] of value) out.set(copy(k), copy(v));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set();
      seen.set(value, out);
      for (const item of value) out.add(copy(item));
      return out;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) out[oneLine(k)] = copy(v);
    return out;
  };
  return copy(report) as T;
}

/**
 * JSON output keeps every value exactly, so it is not rewritten: JSON.stringify already writes C0
 * controls as `\u001b`; the characters it leaves raw (C1, separators, bidirectional overrides) are
 * written as `\u` escapes too, which mean the same to a JSON reader and nothing to a terminal.
 */
export function jsonSafe(json: string): string {
  // A raw line feed in JSON.stringify's output is layout, between values, never inside a string.
  return json.replace(ACTING, (ch) => (ch === '\n' ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** The colours careplan paints with (paint.ts, cli-table3 borders): bold, dim, red, green, yellow, grey, resets. */
const OWN_COLOURS = new Set(['0', '1', '2', '22', '31', '32', '33', '39', '90']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: an SGR colour sequence starts with ESC
const SGR = /^\x1b\[([0-9;]*)m$/;
const LAYOUT_SGR_OR_ACTING = new RegExp(String.raw`\r\n|\x1b\[[0-9;]*m|` + ACTING.source, 'g');

/** One match of LAYOUT_SGR_OR_ACTING as the output keeps it. */
function kept(match: string, colour: boolean): string {
  // Line feeds, CRLF line ends (the CSV's) and tabs (a completion script's) are careplan's own layout.
  if (match === '\n' || match === '\r\n' || match === '\t') return match;
  const sgr = SGR.exec(match);
  if (!sgr) return escapedCharacter(match);
  const own = colour && sgr[1].split(';').every((code) => OWN_COLOURS.has(code));
  return own ? match : `\\x1b${match.slice(1)}`;
}

/**
 * Everything careplan prints, as the last step before the stream: acting characters escaped (its
 * own layout kept), workflow commands neutralised; with colour on, careplan's own colour sequences
 * pass and no other (a record cannot hide text, move the cursor or write the clipboard).
 */
export function terminalSafe(text: string, colour: boolean): string {
  return withoutWorkflowCommands(text.replace(LAYOUT_SGR_OR_ACTING, (match) => kept(match, colour)));
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text for XML content or an attribute value: the five entities escaped, and every character XML
 * 1.0 cannot hold or that acts (controls, lone surrogates) shown escaped, so the document is
 * well-formed whatever the records hold. Line feeds stay in content (readable failure text) and
 * become `&#10;` in attributes, where a parser would turn them into spaces.
 */
export function xmlText(text: string, attribute = false): string {
  const shown = attribute ? oneLine(text) : multiLine(text);
  return shown.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]);
}

const MARKDOWN_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text inside a line of Markdown (a paragraph, a list item, a table cell, after a heading's `#`):
 * HTML written as entities, and the brackets that make links and images and the pipe that ends a
 * table cell escaped, so a provider name or a file name shows literally and never becomes markup,
 * a link, an image or another column. Code spans and emphasis stay (careplan's messages name fields
 * in backticks): they change how text looks, not what it does, and a code span shows its content
 * literally. Line-start syntax (`#`, `-`, `1.`) needs no escape, as the formatter starts every line.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[&<>]/g, (ch) => MARKDOWN_ENTITIES[ch])
    .replace(/[\\[\]|]/g, '\\$&');
}

/**
 * A CSV cell (RFC 4180) that a spreadsheet shows and never evaluates: text starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice, so it gets a leading
 * `'` (OWASP's advice). Numbers stay numbers.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
