import type { Node as YamlNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { CORE_YAML_OPTIONS, CORE_YAML_TO_STRING, quotedText } from '../model/coreSchema.js';
import { canonicalJson } from '../model/planHash.js';
import { yamlLib } from '../model/yamlLib.js';
import { parseYaml } from '../model/yamlText.js';

/**
 * Writing YAML records without disturbing what people wrote by hand. Appends add text at the end
 * of a list file and never touch an earlier byte; edits of a whole record change only the
 * characters of the values that changed, so comments, flow maps and line breaks survive.
 */

// `yaml` is loaded when something here needs it (yamlLib.ts, about 20 ms): an outcome entry
// appended to its month is written without it (plainEntryText).
const isMap = (node: unknown): node is YAMLMap => yamlLib().isMap(node);
const isSeq = (node: unknown): node is YAMLSeq => yamlLib().isSeq(node);
const isScalar = (node: unknown): node is Scalar => yamlLib().isScalar(node);
const stringify = (value: unknown, options: typeof WRITE) => yamlLib().stringify(value, options);

const STRINGIFY = CORE_YAML_TO_STRING;
// The core schema careplan reads with: a string `yaml` would leave plain but js-yaml would read as
// something else (`0b1`, `+0x1F`) is written in quotes.
const WRITE = { ...CORE_YAML_OPTIONS, ...STRINGIFY } as const;

/** Block-style YAML of `data`; maps listed under one of `flowKeys` are written as one-line flow maps. */
function blockText(data: unknown, flowKeys: readonly string[] = [], flowTopItems = false, flowLists: readonly string[] = []): string {
  const doc = new (yamlLib().Document)(data, CORE_YAML_OPTIONS);
  if (flowLists.length && isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && flowLists.includes(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
    }
  }
  if (flowTopItems && isSeq(doc.contents)) for (const item of doc.contents.items) if (isMap(item)) item.flow = true;
  if (flowKeys.length) {
    const keys = new Set(flowKeys);
    const mark = (node: unknown, key?: string): void => {
      if (isMap(node)) {
        for (const pair of node.items) mark(pair.value, isScalar(pair.key) ? String(pair.key.value) : undefined);
      } else if (isSeq(node)) {
        for (const item of node.items) {
          if (key !== undefined && keys.has(key) && isMap(item)) item.flow = true;
          else mark(item);
        }
      }
    };
    mark(doc.contents);
  }
  return doc.toString(STRINGIFY);
}

/** A record's YAML for a new file: block style, no line folding, an optional comment header. */
export function recordYaml(
  data: unknown,
  options: { header?: string; flowItemsUnder?: readonly string[]; flowLists?: readonly string[] } = {},
): string {
  const header = options.header
    ? `${options.header
        .split('\n')
        .map((l) => `# ${l}`.trimEnd())
        .join('\n')}\n`
    : '';
  return header + blockText(data, options.flowItemsUnder, false, options.flowLists);
}

/** Plain data: what `after` must equal once parsed (undefined keys dropped, as YAML would). */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class AppendError extends Error {
  override name = 'AppendError';
}

/** The column the top-level block sequence's items start at (0 when the file has none yet). */
function itemIndent(text: string): number {
  for (const line of text.split('\n')) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return trimmed.startsWith('-') ? line.length - trimmed.length : 0;
  }
  return 0;
}

// Strings `yaml` writes plain (WRITE): a letter, then letters, digits, spaces and . , ; ' ( ) / _ -,
// not ending in a space, and not a word the core schema reads as a boolean or null; and dates and
// local timestamps. Anything else goes to `yaml` (plainEntryText).
const PLAIN_TEXT = /^[A-Za-z](?:[A-Za-z0-9 .,;'()/_-]*[A-Za-z0-9.,;'()/_-])?$/;
const CORE_WORDS = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
const PLAIN_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?$/;
const PLAIN_KEY = /^[a-z_][a-z0-9_]*$/;

function plainScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return (PLAIN_TEXT.test(value) && !CORE_WORDS.test(value)) || PLAIN_TIME.test(value) ? value : undefined;
  if (typeof value === 'number') {
    const text = String(value);
    return Number.isSafeInteger(value) || /^-?\d+\.\d+$/.test(text) ? text : undefined;
  }
  return typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * A flat entry (keys, and values that are plain scalars or lists of them) as `yaml` writes it with
 * WRITE, built here: loading `yaml` is a tenth of a carer's `outcome`. Undefined for anything
 * else, which `yaml` writes (test/unit/yaml-edit.test.ts holds the two to the same text).
 */
export function plainEntryText(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (!PLAIN_KEY.test(key) || CORE_WORDS.test(key)) return undefined;
    const lead = lines.length === 0 ? '- ' : '  ';
    if (Array.isArray(value)) {
      if (value.length === 0) {
        lines.push(`${lead}${key}: []`);
        continue;
      }
      lines.push(`${lead}${key}:`);
      for (const item of value) {
        const text = plainScalar(item);
        if (text === undefined) return undefined;
        lines.push(`    - ${text}`);
      }
      continue;
    }
    const text = plainScalar(value);
    if (text === undefined) return undefined;
    lines.push(`${lead}${key}: ${text}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : undefined;
}

/** One list entry as a block sequence item, indented to `indent`. */
export function entryText(entry: unknown, indent = 0, eol = '\n'): string {
  const body = plainEntryText(entry) ?? stringify([entry], WRITE);
  const pad = ' '.repeat(indent);
  return body
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join(eol);
}

/**
 * `existing` with `entry` appended as text. Every earlier byte is kept as it was; only a final
 * newline is added when the file lacks one. Throws AppendError when the file is not a block list
 * that an item can be added to (for example a flow list `[...]`), rather than rewrite it.
 */
export function appendEntryText(existing: string, entry: unknown): string {
  const clean = withoutUndefined(entry);
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const base = existing.length > 0 && !existing.endsWith('\n') ? existing + eol : existing;
  const text = base + entryText(clean, itemIndent(existing), eol);
  const before = existing.trim() === '' ? { ok: true as const, value: null } : parseYaml(existing);
  if (!before.ok) throw new AppendError(`it is not valid YAML (${before.message}${before.line ? ` at line ${before.line}` : ''})`);
  if (before.value !== null && !Array.isArray(before.value)) throw new AppendError('it does not hold a list');
  const after = parseYaml(text);
  if (!after.ok || !same(after.value, [...((before.value as unknown[] | null) ?? []), clean])) {
    throw new AppendError(
      'it is not written as a block list (one `- ` item per entry), so an entry cannot be added at its end without rewriting it',
    );
  }
  return text;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPlainScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A scalar as YAML text that reads back as the same value in block and in flow context. */
function scalarText(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  const plain = stringify(value, WRITE).replace(/\n$/, '');
  if (!plain.includes('\n') && !/[,[\]{}#]/.test(plain) && plain === value) return plain;
  return quotedText(value);
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Where text goes after a block collection: the start of the line after its last value. */
function afterBlock(text: string, node: YamlNode): number | undefined {
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? undefined : nl + 1;
}

function indentLines(block: string, pad: string): string {
  return block
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** A flow-context rendering of a small value (for additions inside `[...]` or `{...}`). */
function flowText(value: unknown): string | undefined {
  if (isPlainScalar(value)) return scalarText(value);
  const doc = new (yamlLib().Document)(value, CORE_YAML_OPTIONS);
  const setFlow = (n: unknown) => {
    if (isMap(n) || isSeq(n)) {
      n.flow = true;
      for (const item of n.items) setFlow(isMap(n) ? (item as { value: unknown }).value : item);
    }
  };
  setFlow(doc.contents);
  const text = doc.toString(STRINGIFY).replace(/\n$/, '');
  return text.includes('\n') ? undefined : text;
}

/** The end of the line holding position `pos - 1`: just after its line break (or the end of the text). */
function endOfLine(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Edits that delete keys of a block map, each with its value and the rest of its last line (a
 * comment about the value goes with it). False for a flow map, or when the map would be empty.
 */
function removeMapKeys(text: string, n: YAMLMap, keys: readonly string[], edits: Edit[]): boolean {
  if (n.flow || keys.length >= n.items.length) return false;
  for (const key of keys) {
    const pair = n.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === key);
    const keyStart = (pair?.key as YamlNode | undefined)?.range?.[0];
    const end = (pair?.value as YamlNode | null | undefined)?.range?.[2] ?? (pair?.key as YamlNode | undefined)?.range?.[2];
    if (keyStart === undefined || end === undefined) return false;
    const start = lineStart(text, keyStart);
    if (text.slice(start, keyStart).trim() !== '') return false;
    edits.push({ start, end: endOfLine(text, end), text: '' });
  }
  return true;
}

/**
 * Edits that delete items of a sequence when `after` is `before` with some items left out and
 * nothing else changed: a block item goes with its lines, a flow item with its comma. False
 * otherwise, or when the sequence would be empty.
 */
function removeSeqItems(text: string, n: YAMLSeq, before: readonly unknown[], after: readonly unknown[], edits: Edit[]): boolean {
  if (after.length === 0) return false;
  const gone: number[] = [];
  let j = 0;
  for (let i = 0; i < before.length; i++) {
    if (j < after.length && same(before[i], after[j])) j++;
    else gone.push(i);
  }
  if (j !== after.length) return false;
  const ranges = n.items.map((item) => (item as YamlNode | null)?.range);
  if (ranges.some((range) => !range)) return false;
  if (n.flow) {
    // The items kept, each as written, between the first item and the end of the last.
    const kept = ranges.filter((_, i) => !gone.includes(i)).map((range) => text.slice(range![0], range![1]));
    edits.push({ start: ranges[0]![0], end: ranges[ranges.length - 1]![1], text: kept.join(', ') });
    return true;
  }
  for (const i of gone) {
    const range = ranges[i]!;
    const start = lineStart(text, range[0]);
    if (!/^\s*-\s*$/.test(text.slice(start, range[0]))) return false;
    edits.push({ start, end: endOfLine(text, range[2]), text: '' });
  }
  return true;
}

/** Collects the text edits that turn `node` (holding `before`) into `after`; false when it cannot. */
function diffNode(
  text: string,
  node: unknown,
  before: unknown,
  after: unknown,
  edits: Edit[],
  flowKeys: readonly string[],
  key?: string,
): boolean {
  if (same(before, after)) return true;
  const n = node as YamlNode | null;
  if (isScalar(n) && isPlainScalar(after)) {
    const [start, end] = n.range ?? [];
    if (start === undefined || end === undefined) return false;
    // A block scalar's range includes its final line break; keep the break.
    const keepBreak = text[end - 1] === '\n' ? '\n' : '';
    edits.push({ start, end, text: scalarText(after) + keepBreak });
    return true;
  }
  if (isMap(n) && isObject(before) && isObject(after)) {
    const removed = Object.keys(before).filter((key) => !(key in after));
    if (removed.length && !removeMapKeys(text, n, removed, edits)) return false;
    const added: string[] = [];
    for (const [key, value] of Object.entries(after)) {
      if (!(key in before)) {
        added.push(key);
        continue;
      }
      const pair = n.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === key);
      if (!pair || !diffNode(text, pair.value, before[key], value, edits, flowKeys, key)) return false;
    }
    if (added.length === 0) return true;
    const values = Object.fromEntries(added.map((k) => [k, after[k]]));
    if (n.flow) {
      const close = (n.range?.[1] ?? 0) - 1;
      if (text[close] !== '}') return false;
      const parts = added.map((k) => `${k}: ${flowText(after[k]) ?? ''}`);
      if (parts.some((p) => p.endsWith(': '))) return false;
      edits.push({ start: close, end: close, text: `${n.items.length ? ', ' : ''}${parts.join(', ')} ` });
      return true;
    }
    const at = afterBlock(text, n);
    const start = n.range?.[0];
    if (at === undefined || start === undefined) return false;
    const pad = ' '.repeat(start - lineStart(text, start));
    edits.push({ start: at, end: at, text: indentLines(blockText(values, flowKeys), pad) });
    return true;
  }
  if (isSeq(n) && Array.isArray(before) && Array.isArray(after)) {
    if (after.length < before.length) return removeSeqItems(text, n, before, after, edits);
    for (let i = 0; i < before.length; i++) if (!diffNode(text, n.items[i], before[i], after[i], edits, flowKeys)) return false;
    const added = after.slice(before.length);
    if (added.length === 0) return true;
    if (n.flow) {
      const close = (n.range?.[1] ?? 0) - 1;
      if (text[close] !== ']') return false;
      const parts = added.map(flowText);
      if (parts.some((p) => p === undefined)) return false;
      edits.push({ start: close, end: close, text: `${n.items.length ? ', ' : ''}${parts.join(', ')}` });
      return true;
    }
    const at = afterBlock(text, n);
    const start = n.range?.[0];
    if (at === undefined || start === undefined || n.items.length === 0) return false;
    const pad = ' '.repeat(start - lineStart(text, start));
    edits.push({ start: at, end: at, text: indentLines(blockText(added, flowKeys, key !== undefined && flowKeys.includes(key)), pad) });
    return true;
  }
  return false;
}

/**
 * `text` (a YAML record) rewritten to hold `after`, changing only what changed: comments,
 * layout and untouched values keep their bytes; keys and list items left out are deleted with
 * their lines. When the change cannot be made in place (a map or list emptied, an unusual
 * layout) the record is written afresh with its opening comment kept, and `kept` is false so the
 * caller can say that formatting was not preserved.
 */
export function editRecordText(
  text: string,
  after: unknown,
  options: { flowItemsUnder?: readonly string[] } = {},
): { text: string; kept: boolean } {
  const flowKeys = options.flowItemsUnder ?? [];
  const target = withoutUndefined(after);
  const parsed = parseYaml(text);
  if (parsed.ok) {
    const doc = yamlLib().parseDocument(text, { ...CORE_YAML_OPTIONS, keepSourceTokens: false });
    const edits: Edit[] = [];
    if (doc.errors.length === 0 && diffNode(text, doc.contents, parsed.value, target, edits, flowKeys)) {
      let out = text;
      // Back to front; at one position the inner (earlier found) edit must end up first in the text.
      const order = edits.map((edit, i) => ({ edit, i })).sort((a, b) => b.edit.start - a.edit.start || b.i - a.i);
      for (const { edit } of order) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      if (!out.endsWith('\n')) out += '\n';
      const check = parseYaml(out);
      if (check.ok && same(check.value, target)) return { text: out, kept: true };
    }
  }
  const header = /^(?:#.*\n)+/.exec(text)?.[0] ?? '';
  return { text: header + blockText(target, flowKeys), kept: false };
}
