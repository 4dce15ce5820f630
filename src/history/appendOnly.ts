import { canonicalJson } from '../model/planHash.js';
import { decodeRecord, parseYaml } from '../model/yamlText.js';

/**
 * Append-only lists (sign-offs, acknowledgements, agreements, escalations, outcome logs) may only
 * grow: every version begins with the previous version's entries, unchanged. Pure functions over
 * file contents; the caller fetches them from git.
 */

/** A list file's entries; undefined when it has none to compare (invalid YAML, not a list). */
export function listEntries(content: Buffer | undefined): unknown[] | undefined {
  if (content === undefined) return [];
  const decoded = decodeRecord(content);
  if (!decoded.ok) return decoded.message === 'file is empty' ? [] : undefined;
  const parsed = parseYaml(decoded.text);
  if (!parsed.ok) return undefined;
  if (parsed.value === null || parsed.value === undefined) return [];
  return Array.isArray(parsed.value) ? parsed.value : undefined;
}

/**
 * Compares a list's new version with its version in each parent, allowing the completions
 * COMPLETABLE_FIELDS names for `kind`. Undefined when it only grew.
 */
export function compareVersions(
  kind: string,
  parents: readonly (readonly unknown[])[],
  after: readonly unknown[],
): { rewrite?: ListRewrite; completed: number[]; entries: unknown[] } {
  const fields = COMPLETABLE_FIELDS[kind] ?? [];
  let entries = [...after];
  const completed = new Set<number>();
  for (const parent of parents) {
    const result = withoutCompletions(parent, entries, fields);
    entries = result.entries;
    result.completed.forEach((i) => completed.add(i));
  }
  const lists = parents.length ? parents : [[]];
  return { rewrite: compareMerge(lists, entries), completed: [...completed].sort((a, b) => a - b), entries };
}

const NL = 10;
const KEEP_CHOMPING = /[|>][1-9]?\+/;

function lines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === '';
const isComment = (line: string) => line.trimStart().startsWith('#');

/**
 * True when `after` is `before` with text added at its end that starts a new list item, so every
 * earlier entry is unchanged without parsing either. The fast path for a year of outcome logs:
 * false means only "parse and compare", never "rewritten".
 */
export function isPlainAppend(before: Buffer, after: Buffer): boolean {
  if (after.length < before.length) return false;
  if (after.compare(before, 0, before.length, 0, before.length) !== 0) return false;
  if (after.length === before.length) return true;
  if (before.length > 0 && before[before.length - 1] !== NL) return false;
  // The indentation of the list's items: the first line that is neither blank nor a comment.
  let itemIndent = -1;
  let start = 0;
  while (start < before.length) {
    let end = before.indexOf(NL, start);
    if (end < 0) end = before.length;
    const line = before.subarray(start, end).toString('utf8');
    start = end + 1;
    if (isBlank(line) || isComment(line)) continue;
    const trimmed = line.trimStart();
    if (!/^-( |$)/.test(trimmed)) return false;
    itemIndent = indentOf(line);
    break;
  }
  if (itemIndent < 0) return true; // no entries before: nothing to rewrite
  let sawBlank = false;
  for (const line of lines(after.subarray(before.length).toString('utf8'))) {
    if (isBlank(line)) {
      sawBlank = true;
      continue;
    }
    if (isComment(line)) {
      if (indentOf(line) > itemIndent) return false; // may be text inside the last entry's block scalar
      continue;
    }
    if (indentOf(line) !== itemIndent || !/^-( |$)/.test(line.trimStart())) return false;
    // Blank lines before the new item join the last entry when it ends with a "keep" block scalar.
    return !(sawBlank && KEEP_CHOMPING.test(before.toString('utf8')));
  }
  // Only blank lines or comments added.
  return !(sawBlank && KEEP_CHOMPING.test(before.toString('utf8')));
}

/**
 * Fields an entry may gain once, after it was written, without that being a rewrite: an
 * escalation's response comes after the escalation, and the schema keeps it in the same entry.
 */
export const COMPLETABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  escalations: ['response', 'responded_at'],
};

/** An entry of `after` that is `before` with only `fields` added (none of them there before). */
export function isCompletion(before: unknown, after: unknown, fields: readonly string[]): boolean {
  if (
    !fields.length ||
    !before ||
    !after ||
    typeof before !== 'object' ||
    typeof after !== 'object' ||
    Array.isArray(before) ||
    Array.isArray(after)
  )
    return false;
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const added = fields.filter((f) => a[f] !== undefined && b[f] === undefined);
  if (!added.length) return false;
  const rest = { ...a };
  for (const f of added) delete rest[f];
  return canonicalJson(rest) === canonicalJson(b);
}

/**
 * `after` with each entry that only completes the parent's entry at the same place replaced by
 * that parent entry, so the comparison sees it unchanged; and the indexes completed.
 */
export function withoutCompletions(
  parent: readonly unknown[],
  after: readonly unknown[],
  fields: readonly string[],
): { entries: unknown[]; completed: number[] } {
  const entries = [...after];
  const completed: number[] = [];
  if (!fields.length) return { entries, completed };
  for (let i = 0; i < Math.min(parent.length, after.length); i++) {
    if (isCompletion(parent[i], after[i], fields)) {
      entries[i] = parent[i];
      completed.push(i);
    }
  }
  return { entries, completed };
}

/** How a new version of a list failed to keep the earlier entries. Indexes are 0-based. */
export interface ListRewrite {
  /** Entries whose content changed in place, with the fields that differ. */
  changed: { index: number; fields: string[] }[];
  /** Entries no longer present. */
  removed: number[];
  /** Every earlier entry is still there, but not in its place: the first index out of place. */
  reordered?: number;
}

function counts(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** The top-level fields whose values differ between two entries. */
export function changedFields(a: unknown, b: unknown): string[] {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return ['(whole entry)'];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.filter((k) => canonicalJson(ra[k] ?? null) !== canonicalJson(rb[k] ?? null));
}

/**
 * Compares a list with the versions in each parent of its commit (one for an ordinary commit, more
 * for a merge). It only grew when it holds every parent's entries unchanged and begins with the
 * entries all parents share, in their order. Undefined when it only grew.
 */
export function compareMerge(parents: readonly (readonly unknown[])[], after: readonly unknown[]): ListRewrite | undefined {
  const afterKeys = after.map(canonicalJson);
  const parentKeys = parents.map((p) => p.map(canonicalJson));
  let shared = Math.min(...parentKeys.map((k) => k.length));
  for (let i = 0; i < shared; i++) {
    if (parentKeys.some((k) => k[i] !== parentKeys[0][i])) {
      shared = i;
      break;
    }
  }
  if (parentKeys.length === 1) shared = parentKeys[0].length;
  const prefixKept = parentKeys[0].slice(0, shared).every((k, i) => afterKeys[i] === k);
  const everyKept = parentKeys.every((keys) => {
    const left = counts(afterKeys);
    return keys.every((k) => {
      const n = left.get(k) ?? 0;
      left.set(k, n - 1);
      return n > 0;
    });
  });
  if (prefixKept && everyKept && (parentKeys.length > 1 || afterKeys.length >= parentKeys[0].length)) return undefined;

  const rewrite: ListRewrite = { changed: [], removed: [] };
  const reported = new Set<number>();
  const anyParent = new Set(parentKeys.flat());
  for (const [p, keys] of parentKeys.entries()) {
    const left = counts(afterKeys);
    keys.forEach((k, i) => {
      const n = left.get(k) ?? 0;
      left.set(k, n - 1);
      if (n > 0 || reported.has(i)) return;
      reported.add(i);
      // In a merge, parents differ at the same place by nature: a lost entry is only "removed".
      if (parentKeys.length === 1 && i < afterKeys.length && !anyParent.has(afterKeys[i]))
        rewrite.changed.push({ index: i, fields: changedFields(parents[p][i], after[i]) });
      else rewrite.removed.push(i);
    });
  }
  if (rewrite.changed.length === 0 && rewrite.removed.length === 0) {
    const first = parentKeys[0].slice(0, shared).findIndex((k, i) => afterKeys[i] !== k);
    rewrite.reordered = first < 0 ? 0 : first;
  }
  rewrite.changed.sort((a, b) => a.index - b.index);
  rewrite.removed.sort((a, b) => a - b);
  return rewrite;
}

/** Indexes of the entries of `after` that no parent held: what this commit added (or rewrote into). */
export function addedEntries(parents: readonly (readonly unknown[])[], after: readonly unknown[]): number[] {
  const held = new Map<string, number>();
  for (const p of parents) {
    for (const [k, n] of counts(p.map(canonicalJson))) held.set(k, Math.max(held.get(k) ?? 0, n));
  }
  const added: number[] = [];
  after.forEach((entry, i) => {
    const k = canonicalJson(entry);
    const n = held.get(k) ?? 0;
    if (n > 0) held.set(k, n - 1);
    else added.push(i);
  });
  return added;
}
