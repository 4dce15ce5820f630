/**
 * A parser for the one shape that makes up almost all of a large records repository: an
 * append-only list of flat entries, as careplan writes it (outcome logs, acknowledgements,
 * sign-offs), and flat mapping records. It reads a document only when it can read it exactly as
 * the reference (js-yaml's core schema, src/model/coreSchema.ts) does; on anything else it returns
 * undefined and the caller parses the file with js-yaml, which also reports every error. A seeded
 * differential fuzz test (test/unit/yaml-differential.test.ts, `npm run fuzz`) holds it to that.
 *
 * The contract (docs/decisions.md, "Which documents does the fast path read?"):
 * - Characters: printable ASCII, LF, CR only as part of CRLF, and every character beyond ASCII but
 *   the control characters (C1, NEL included), the line and paragraph separators, BOM, U+FFFE/FFFF
 *   and broken surrogates. Tabs never. A no-break or other Unicode space is an ordinary character
 *   to YAML, and here: only the space character is ever trimmed or skipped, so a trailing no-break
 *   space stays the value's own and a line of one is not blank.
 * - Lines: blank (spaces only), whole-line comments, and the structural lines below; nothing else.
 *   A value never runs onto a second line, so no line's meaning depends on the one before it.
 * - Lists: a top-level block sequence (or `[]`) whose items are a one-line flow mapping
 *   `- { k: v, … }` or a block mapping (`- k: v`, then `  k: v` lines at exactly two spaces).
 * - Mappings: `k: v` lines at the margin, and `k:` followed by at least one `  - item` line (a key
 *   with no value, or no items, is null to YAML and goes to js-yaml).
 * - Exactly one space after a list dash; keys `[a-z_][a-z0-9_]*`, each once.
 * - Values: plain scalars that cannot be read two ways (no `: `, ` #`, leading indicator, trailing
 *   `:`), resolved as null, booleans, decimal integers of up to 15 digits, dates, or text; single-
 *   or double-quoted strings (JSON's escapes only); one-line flow sequences of those.
 */

const NOT_FOUND = Symbol('fallback');
type Fallback = typeof NOT_FOUND;

// Up to 15 digits: exact as a double, so Number() and js-yaml's parseInt agree.
const INT = /^(0|[1-9][0-9]{0,14})$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$/;
const NULLS = new Set(['null', 'Null', 'NULL', '~']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);

// First characters a plain scalar may not start with: YAML indicators.
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`');
// Characters that end a plain scalar in flow context.
const FLOW_INDICATOR = /[,[\]{}]/;

// From this length a scalar is searched with indexOf, which V8 runs far faster than a loop in
// JavaScript over a long text (a note: most of the bytes of a large repository), but which costs
// more than the loop over a short one (an id, a time) for each call.
const LONG_SCALAR = 40;

/**
 * Whether a plain scalar holds what would end or change it: ": ", " #", a tab, a trailing colon,
 * and in flow context , [ ] { }. One pass over the characters.
 */
function endsOrChangesShort(text: string, flow: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */ && (i === text.length - 1 || text.charCodeAt(i + 1) === 32)) return true;
    if (c === 35 /* # */ && text.charCodeAt(i - 1) === 32) return true;
    if (c === 9) return true;
    if (flow && (c === 44 || c === 91 || c === 93 || c === 123 || c === 125)) return true;
  }
  return false;
}

/**
 * endsOrChangesShort, found with indexOf of the rare character of each pair (a colon, a hash):
 * searching for ": " or " #" whole would stop at every space of a note.
 */
function endsOrChangesLong(text: string, flow: boolean): boolean {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1))
    if (i === text.length - 1 || text.charCodeAt(i + 1) === 32) return true;
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) if (text.charCodeAt(i - 1) === 32) return true;
  return text.includes('\t') || (flow && FLOW_INDICATOR.test(text));
}

/** A plain scalar as the YAML 1.2 core schema resolves it, or fallback when unsure. */
function plain(text: string, flow: boolean): unknown {
  if (text === '' || INDICATORS.has(text[0])) return NOT_FOUND;
  if (text.length < LONG_SCALAR ? endsOrChangesShort(text, flow) : endsOrChangesLong(text, flow)) return NOT_FOUND;
  const first = text.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 43 || first === 46) {
    if (INT.test(text)) return Number(text);
    return DATE_LIKE.test(text) ? text : NOT_FOUND;
  }
  const f = text[0];
  if (f === 'n' || f === 'N' || f === '~' || f === 't' || f === 'T' || f === 'f' || f === 'F') {
    if (NULLS.has(text)) return null;
    if (TRUES.has(text)) return true;
    if (FALSES.has(text)) return false;
  }
  return text;
}

/** Reads one scalar or flow sequence starting at `text[i]`; returns [value, next index]. */
function value(text: string, i: number, flow: boolean): [unknown, number] | Fallback {
  const c = text[i];
  if (c === '"') {
    // Most double-quoted values (a note) hold no escape: then the value is the text between the
    // quotes, as JSON.parse would give it, unless it holds a control character, which JSON refuses
    // (and so does this path). Found with indexOf rather than character by character.
    const close = text.indexOf('"', i + 1);
    if (close < 0) return NOT_FOUND;
    const backslash = text.indexOf('\\', i + 1);
    if (backslash < 0 || backslash > close) {
      const inner = text.slice(i + 1, close);
      return CONTROL.test(inner) ? NOT_FOUND : [inner, close + 1];
    }
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) return NOT_FOUND;
    const raw = text.slice(i, j + 1);
    if (/\\[^"\\/bfnrtu]/.test(raw) || /[\u0000-\u001f]/.test(raw)) return NOT_FOUND;
    try {
      return [JSON.parse(raw), j + 1];
    } catch {
      return NOT_FOUND;
    }
  }
  if (c === "'") {
    let j = i + 1;
    let out = '';
    for (;;) {
      const k = text.indexOf("'", j);
      if (k < 0) return NOT_FOUND;
      out += text.slice(j, k);
      if (text[k + 1] === "'") {
        out += "'";
        j = k + 2;
      } else {
        return [out, k + 1];
      }
    }
  }
  if (c === '{' && !flow) {
    // A one-line flow mapping as a block value (`period: { from: …, to: … }`) runs to the line's end.
    const map = flowMapping(trimSpacesEnd(text.slice(i)));
    return map === NOT_FOUND ? NOT_FOUND : [map, text.length];
  }
  if (c === '[') {
    const items: unknown[] = [];
    let j = skipSpaces(text, i + 1);
    if (text[j] === ']') return [items, j + 1];
    for (;;) {
      const item = value(text, j, true);
      if (item === NOT_FOUND) return NOT_FOUND;
      items.push(item[0]);
      j = skipSpaces(text, item[1]);
      if (text[j] === ']') return [items, j + 1];
      if (text[j] !== ',') return NOT_FOUND;
      j = skipSpaces(text, j + 1);
    }
  }
  // A plain scalar runs to the end (block) or to the next , ] } (flow).
  let j = i;
  if (flow) while (j < text.length && !',]}'.includes(text[j])) j++;
  else j = text.length;
  const resolved = plain(trimSpacesEnd(text.slice(i, j)), flow);
  return resolved === NOT_FOUND ? NOT_FOUND : [resolved, j];
}

// Control characters, which a JSON string may not hold unescaped.
const CONTROL = /[\u0000-\u001f]/;

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ') i++;
  return i;
}

/** Without trailing spaces (YAML's white space here: the gate has let no tab or Unicode space in). */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

// Anything but printable ASCII and LF; most files hold nothing else.
const BEYOND_ASCII = /[^\n\x20-\x7e]/;

/**
 * Whether a text holds only printable ASCII and LF: nothing the fast path looks at one by one, and
 * none of the characters a record may not hold (yamlCharacters.ts). One scan, asked once per file.
 */
export function isPlainAscii(text: string): boolean {
  return !BEYOND_ASCII.test(text);
}

/**
 * isPlainAscii of the bytes, before they are text: four bytes at a time, so that most of a file is
 * passed over without a look at each byte. A word with a byte at or above 0x7f is not plain; one
 * with a byte below 0x20 (a line end, most often) is looked at byte by byte.
 */
export function isPlainAsciiBytes(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes.byteOffset % 4 === 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
    for (let w = 0; w < words.length; w++) {
      const x = words[w];
      // Adding one to each byte carries into its top bit only from 0x7f; a top bit already set is 0x80 or more.
      if (((x | ((x + 0x01010101) | 0)) & 0x80808080) !== 0) return false;
      // With no top bit set, a byte below 0x20 is one that borrows when 0x20 is taken from it.
      if ((((x - 0x20202020) | 0) & ~x & 0x80808080) !== 0) {
        for (let k = w * 4; k < w * 4 + 4; k++) if (bytes[k] < 32 && bytes[k] !== 10) return false;
      }
    }
    i = words.length * 4;
  }
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (c > 126 || (c < 32 && c !== 10)) return false;
  }
  return true;
}

// Characters left to js-yaml: tabs, control characters (C0 but LF, DEL, C1 with NEL), the line and
// paragraph separators, BOM and the non-characters U+FFFE/FFFF; and candidates looked at one by
// one: CR (only as part of CRLF) and surrogates (only in pairs: an emoji). Everything else beyond
// ASCII (letters, marks, emoji, no-break and other Unicode spaces) is an ordinary character to
// YAML and to this parser, which trims and skips only the space character, never JavaScript's
// wider white space. A plain character class: V8 runs it many times faster than \p{…}.
const SPECIAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/g;

/**
 * The document's lines without their line ends, when every character is one the subset reads
 * exactly and every CR ends a CRLF; undefined otherwise.
 */
function linesOf(source: string, plain: boolean): string[] | undefined {
  let crlf = false;
  if (!plain && BEYOND_ASCII.test(source)) {
    SPECIAL.lastIndex = 0;
    for (let m = SPECIAL.exec(source); m; m = SPECIAL.exec(source)) {
      const i = m.index;
      const c = source.charCodeAt(i);
      const next = source.charCodeAt(i + 1);
      if (c === 13 && next === 10) crlf = true;
      else if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) SPECIAL.lastIndex = i + 2;
      else return undefined;
    }
  }
  const lines = source.split('\n');
  if (crlf) for (let n = 0; n < lines.length - 1; n++) if (lines[n].endsWith('\r')) lines[n] = lines[n].slice(0, -1);
  return lines;
}

/** Blank (spaces only) or a whole-line comment. */
function isBlankOrComment(line: string): boolean {
  const i = skipSpaces(line, 0);
  return i === line.length || line.charCodeAt(i) === 35;
}

function setKey(map: Record<string, unknown>, key: string, v: unknown): boolean {
  if (Object.prototype.hasOwnProperty.call(map, key) || key === '__proto__') return false;
  map[key] = v;
  return true;
}

/** `{ k: v, k: v }` on one line. */
function flowMapping(text: string): Record<string, unknown> | Fallback {
  const map: Record<string, unknown> = {};
  let i = skipSpaces(text, 1);
  if (text[i] === '}') return skipSpaces(text, i + 1) === text.length ? map : NOT_FOUND;
  for (;;) {
    // A key ([a-z_][a-z0-9_]*) and ": ".
    let end = i;
    while (isKeyCharacter(text.charCodeAt(end), end === i)) end++;
    if (end === i || text.charCodeAt(end) !== 58 || text.charCodeAt(end + 1) !== 32) return NOT_FOUND;
    const key = text.slice(i, end);
    i = skipSpaces(text, end + 2);
    const v = value(text, i, true);
    if (v === NOT_FOUND || !setKey(map, key, v[0])) return NOT_FOUND;
    i = skipSpaces(text, v[1]);
    if (text[i] === '}') return skipSpaces(text, i + 1) === text.length ? map : NOT_FOUND;
    if (text[i] !== ',') return NOT_FOUND;
    i = skipSpaces(text, i + 1);
  }
}

/** A character of a key: [a-z_], and after the first also [0-9]. */
function isKeyCharacter(c: number, first: boolean): boolean {
  return (c >= 97 && c <= 122) || c === 95 || (!first && c >= 48 && c <= 57);
}

function isKey(text: string, end: number): boolean {
  if (end === 0) return false;
  for (let i = 0; i < end; i++) if (!isKeyCharacter(text.charCodeAt(i), i === 0)) return false;
  return true;
}

/** `key: value` (block context); the whole rest of the line is the value. */
function blockPair(text: string, map: Record<string, unknown>): boolean {
  const colon = text.indexOf(':');
  if (colon < 0 || text.charCodeAt(colon + 1) !== 32 || !isKey(text, colon)) return false;
  const start = skipSpaces(text, colon + 2);
  if (start >= text.length) return false;
  const v = value(text, start, false);
  if (v === NOT_FOUND || skipSpaces(text, v[1]) !== text.length) return false;
  return setKey(map, text.slice(0, colon), v[0]);
}

export function parseEntryList(source: string, plain = false): unknown[] | undefined {
  const lines = linesOf(source, plain);
  if (!lines) return undefined;
  const items: unknown[] = [];
  let current: Record<string, unknown> | undefined;
  let sawEmptyList = false;
  for (const line of lines) {
    if (isBlankOrComment(line)) continue;
    if (sawEmptyList) return undefined;
    if (line.startsWith('- ') && line[2] !== ' ') {
      const rest = trimSpacesEnd(line.slice(2));
      if (rest.startsWith('{')) {
        const map = flowMapping(rest);
        if (map === NOT_FOUND) return undefined;
        items.push(map);
        current = undefined;
      } else {
        current = {};
        if (!blockPair(rest, current)) return undefined;
        items.push(current);
      }
    } else if (line.startsWith('  ') && current && line[2] !== ' ') {
      if (!blockPair(trimSpacesEnd(line.slice(2)), current)) return undefined;
    } else if (trimSpacesEnd(line) === '[]' && items.length === 0) {
      sawEmptyList = true;
    } else {
      return undefined;
    }
  }
  return sawEmptyList || items.length > 0 ? items : undefined;
}

/**
 * The same subset for a record that is a mapping (a review, a person, a staff member): `key: value`
 * lines at the left margin, and `key:` followed by `  - item` lines (flow mappings or scalars).
 * Undefined for anything else.
 */
export function parseRecordMapping(source: string, plain = false): Record<string, unknown> | undefined {
  const lines = linesOf(source, plain);
  if (!lines) return undefined;
  const record: Record<string, unknown> = {};
  let list: unknown[] | undefined;
  for (const line of lines) {
    if (isBlankOrComment(line)) continue;
    if (line.startsWith('  - ') && line[4] !== ' ') {
      if (!list) return undefined;
      const rest = trimSpacesEnd(line.slice(4));
      if (rest.startsWith('{')) {
        const map = flowMapping(rest);
        if (map === NOT_FOUND) return undefined;
        list.push(map);
      } else {
        const v = value(rest, 0, false);
        if (v === NOT_FOUND || skipSpaces(rest, v[1]) !== rest.length) return undefined;
        list.push(v[0]);
      }
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('-')) return undefined;
    const text = trimSpacesEnd(line);
    // A `key:` before this one with no items is null to YAML, not an empty list: js-yaml decides.
    if (list && list.length === 0) return undefined;
    if (text.endsWith(':') && isKey(text, text.length - 1)) {
      const key = text.slice(0, -1);
      list = [];
      if (!setKey(record, key, list)) return undefined;
      continue;
    }
    list = undefined;
    if (!blockPair(text, record)) return undefined;
  }
  if (list && list.length === 0) return undefined;
  return Object.keys(record).length > 0 ? record : undefined;
}

/**
 * The document read by whichever of the two parsers its first line (after blank lines and
 * comments) calls for, or undefined when neither reads it exactly.
 */
export function readFast(source: string, plain = false): unknown[] | Record<string, unknown> | undefined {
  for (let start = 0; start < source.length; ) {
    const c = source.charCodeAt(start);
    if (c === 32 || c === 10 || c === 13) {
      start++;
    } else if (c === 35 /* # */) {
      const end = source.indexOf('\n', start);
      if (end < 0) return undefined;
      start = end + 1;
    } else if (c === 45 /* - */ || c === 91 /* [ */) {
      return parseEntryList(source, plain);
    } else {
      return c >= 97 && c <= 122 ? parseRecordMapping(source, plain) : undefined;
    }
  }
  return undefined;
}
