import { readCoreYaml } from './coreSchema.js';
import { readFast } from './fastYaml.js';
import { canonicalJson } from './planHash.js';

/**
 * A finding's line without a second YAML parser, for the documents whose every line says what it
 * is: those the fast path reads (fastYaml.ts: a list of flat entries, or a mapping of one-line
 * values and one-line list items), and, for a top-level key, a mapping whose keys all sit at the
 * left margin; and for JSON documents, followed token by token. The lines are laid out from the
 * text, then held to the data the reference reading gives (readFast's, which the differential fuzz
 * holds to js-yaml's, or js-yaml's own): the same items, keys and order, or no answer. An answer
 * is the line positions.ts `lineOf` gives from the `yaml` package's document; the fuzz test and
 * test/unit/line-scan.test.ts compare the two on every document both answer for.
 * Anything else is left to that document: about 2 ms a file while the `yaml` package is cold
 * (22 ms to load it), against a few microseconds here.
 */

/** A node's first line, and what lies under it: a list's items, a mapping's keys, or nothing on other lines. */
type Outline =
  | { line: number; items: Outline[] }
  | { line: number; keys: Map<string, { line: number; value: Outline }> }
  | { line: number };

const KEY = /^([a-z_][a-z0-9_]*):(?: |$)/;

/** The document's lines without their ends (a CR before the LF goes), each with its 1-based number. */
function linesOf(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

const blankOrComment = (line: string) => /^ *(#|$)/.test(line);

/** A list of entries laid out: each a `- k: v` line and `  k: v` lines, or a `- { … }` line; undefined when `data` differs. */
function entryList(lines: string[], data: unknown[]): Outline | undefined {
  const items: Outline[] = [];
  let root: number | undefined;
  let current: Map<string, { line: number; value: Outline }> | undefined;
  for (const [i, line] of lines.entries()) {
    if (blankOrComment(line)) continue;
    const n = i + 1;
    root ??= n;
    if (line.startsWith('- ')) {
      const rest = line.slice(2);
      if (rest.startsWith('{')) {
        items.push({ line: n });
        current = undefined;
        continue;
      }
      current = new Map();
      items.push({ line: n, keys: current });
      const key = KEY.exec(rest)?.[1];
      if (key === undefined) return undefined;
      current.set(key, { line: n, value: { line: n } });
    } else if (line.startsWith('  ') && current) {
      const key = KEY.exec(line.slice(2))?.[1];
      if (key === undefined || current.has(key)) return undefined;
      current.set(key, { line: n, value: { line: n } });
    } else if (line.trim() === '[]' && items.length === 0) {
      return data.length === 0 ? { line: n, items } : undefined;
    } else {
      return undefined;
    }
  }
  if (root === undefined || items.length !== data.length) return undefined;
  for (const [i, item] of items.entries()) {
    if ('keys' in item && !sameKeys(item.keys, data[i])) return undefined;
  }
  return { line: root, items };
}

/** `k: v` lines at the margin, and `k:` with `  - item` lines under it; undefined when `data` differs. */
function recordMapping(lines: string[], data: Record<string, unknown>): Outline | undefined {
  const keys = new Map<string, { line: number; value: Outline }>();
  let list: Outline[] | undefined;
  for (const [i, line] of lines.entries()) {
    if (blankOrComment(line)) continue;
    const n = i + 1;
    if (line.startsWith('  - ')) {
      if (!list) return undefined;
      list.push({ line: n });
      continue;
    }
    const key = KEY.exec(line)?.[1];
    if (key === undefined || keys.has(key)) return undefined;
    const opensList = /^ *$/.test(line.slice(key.length + 1));
    list = opensList ? [] : undefined;
    keys.set(key, { line: n, value: list ? { line: n, items: list } : { line: n } });
  }
  if (!sameKeys(keys, data)) return undefined;
  for (const [key, { value }] of keys) {
    const held = data[key];
    if ('items' in value && !(Array.isArray(held) && held.length === value.items.length)) return undefined;
  }
  const first = keys.values().next().value;
  return first ? { line: first.line, keys } : undefined;
}

/**
 * A mapping's top-level keys, each on its own line at the margin (nothing else is at the margin
 * but comments), held to js-yaml's reading: the same keys in the same order. What lies under a key
 * is not laid out, so only a path of one key (or none) is answered.
 */
function topLevelKeys(lines: string[], text: string): Outline | undefined {
  const keys = new Map<string, { line: number; value: Outline }>();
  for (const [i, line] of lines.entries()) {
    if (line === '' || line.startsWith(' ') || line.startsWith('#')) continue;
    const key = KEY.exec(line)?.[1];
    if (key === undefined || key === '__proto__' || keys.has(key)) return undefined;
    keys.set(key, { line: i + 1, value: { line: i + 1 } });
  }
  let data: unknown;
  try {
    data = readCoreYaml(text);
  } catch {
    return undefined;
  }
  const first = keys.values().next().value;
  return first && sameKeys(keys, data) ? { line: first.line, keys } : undefined;
}

function sameKeys(keys: Map<string, unknown>, data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const held = Object.keys(data);
  if (held.length !== keys.size) return false;
  let i = 0;
  for (const key of keys.keys()) if (held[i++] !== key) return false;
  return true;
}

/**
 * A JSON document (as the bench's plans are written, or anything a program wrote with
 * JSON.stringify) laid out token by token: each key's line, each item's first line. JSON is YAML
 * whose lines need not say what they are, so its tokens are followed instead; undefined when the
 * text is not JSON whose every key is written once.
 */
function jsonOutline(text: string): Outline | undefined {
  let at = 0;
  let line = 1;
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      at++;
    }
  };
  const string = (): string | undefined => {
    const start = at;
    for (at++; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === 92) at++;
      else if (c === 34) break;
      else if (c === 10) return undefined;
    }
    at++;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return undefined;
    }
  };
  /** The items of a collection from its opening bracket to `close`, each read by `item`; false when it is not one. */
  const collection = (close: string, item: () => boolean): boolean => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return true;
    }
    for (;;) {
      if (!item()) return false;
      space();
      const next = text[at++];
      if (next === close) return true;
      if (next !== ',') return false;
    }
  };
  const value = (depth: number): Outline | undefined => {
    if (depth > 100) return undefined;
    space();
    const first = line;
    const c = text[at];
    if (c === '{') {
      const keys = new Map<string, { line: number; value: Outline }>();
      const pair = () => {
        space();
        if (text[at] !== '"') return false;
        const keyLine = line;
        const key = string();
        if (key === undefined || keys.has(key)) return false;
        space();
        if (text[at++] !== ':') return false;
        const item = value(depth + 1);
        if (item) keys.set(key, { line: keyLine, value: item });
        return item !== undefined;
      };
      return collection('}', pair) ? { line: first, keys } : undefined;
    }
    if (c === '[') {
      const items: Outline[] = [];
      const entry = () => {
        const item = value(depth + 1);
        if (item) items.push(item);
        return item !== undefined;
      };
      return collection(']', entry) ? { line: first, items } : undefined;
    }
    if (c === '"') return string() === undefined ? undefined : { line: first };
    const scalar = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!scalar) return undefined;
    at += scalar[0].length;
    return { line: first };
  };
  const outline = value(0);
  space();
  if (!outline || at !== text.length) return undefined;
  // Held to the reference reading: YAML reads most JSON as JSON does, but not every text (a tab
  // in a string, a number past a double's range are read otherwise, or refused).
  try {
    if (canonicalJson(JSON.parse(text)) !== canonicalJson(readCoreYaml(text) ?? null)) return undefined;
  } catch {
    return undefined;
  }
  return outline;
}

/** The document laid out, and whether only paths of one key can be answered from it. */
interface Scan {
  outline: Outline;
  shallow: boolean;
}

/** The text laid out line by line, or undefined when its lines do not say what they are. */
export function scanLines(text: string): Scan | undefined {
  // A CR on its own ends a line to YAML and to no line count here (careplan refuses such files anyway).
  if (/\r(?!\n)/.test(text)) return undefined;
  const fast = readFast(text);
  const lines = linesOf(text);
  if (Array.isArray(fast)) {
    const outline = entryList(lines, fast);
    return outline && { outline, shallow: false };
  }
  if (fast !== undefined) {
    const outline = recordMapping(lines, fast);
    return outline && { outline, shallow: false };
  }
  if (/^[\s]*[[{]/.test(text)) {
    const outline = jsonOutline(text);
    return outline && { outline, shallow: false };
  }
  const outline = topLevelKeys(lines, text);
  return outline && { outline, shallow: true };
}

/**
 * The line of `path` in a scanned document, as positions.ts `lineOf` finds it in the `yaml`
 * package's document: the key's line for a key, the item's for a list item, and where the path
 * runs out (a key or item that is not there), the line of the deepest one that is. Undefined when
 * the scan cannot tell (a path below a top-level key of a shallow scan, an index that is not one).
 */
export function scannedLine(scan: Scan, path: readonly (string | number)[]): number | undefined {
  if (scan.shallow && path.length > 1) return undefined;
  let node: Outline = scan.outline;
  let line = node.line;
  for (const step of path) {
    if ('keys' in node) {
      const entry = node.keys.get(String(step));
      if (!entry) break;
      line = entry.line;
      node = entry.value;
    } else if ('items' in node) {
      if (typeof step !== 'number') break;
      if (!Number.isInteger(step) || step < 0) return undefined;
      if (step >= node.items.length) break;
      node = node.items[step];
      line = node.line;
    } else {
      // A value on one line: whatever lies inside it is on that line.
      break;
    }
  }
  return line;
}
