import { MonthFacts, type SettledMonth } from './settledMonth.js';
import type { OutcomeEntry } from './workspace.js';
import { isTimestamp } from './time.js';

/**
 * A settled month's facts read straight from its text, for the one shape that makes up most of a
 * large repository's bytes: outcome entries exactly as careplan writes them. Parsing a month into
 * entries, validating each against the schema and then reducing them to facts (settledMonthOf)
 * made objects and strings for every entry and note only to drop them; this reads the lines in
 * place and gives MonthFacts what it needs. It answers only where it can answer as the full read
 * would (`parseYaml`'s fast path, then the outcomes schema, then settledMonthOf): for anything else
 * it gives undefined and the caller reads the file in full, which also finds and explains whatever
 * is wrong. A test (test/unit/settled-scan.test.ts) holds the two to the same facts on every file it
 * makes, and to a fall back on every file the full read would not take as valid.
 *
 * What it takes, and nothing else:
 * - text of printable ASCII and LF only (the caller knows: decodeRecord's `plain`), each line ending
 *   in LF, no blank line, comment, tab or trailing space;
 * - a list of block mappings, `- at: …` then `  key: value` lines, keys in careplan's order: `at`,
 *   `by`, `goal`, `actions`, `result`, `note`, `variation` (`value`, `notes`, `extra`, or any
 *   other order, go to the full read);
 * - `at` as YYYY-MM-DDTHH:MM, a real time; `by` and `goal` as ids that start with a letter and are
 *   not `null`, `true` or `false` (which YAML reads as something else); `actions` as `[id, id]`
 *   with one space after each comma, no id twice; `result` one of the schema's six;
 * - `note` and `variation` as plain scalars that start with a letter, hold no `: ` or ` #`, do not
 *   end in `:`, and are not a word YAML reads as null or a boolean.
 */
export function scanSettledMonth(text: string, file: string, month: string, zone: string, withoutNotes: boolean): SettledMonth | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE) return undefined;
  const facts = new MonthFacts(file, month, zone);
  let entry: Entry | undefined;
  let index = -1;
  // Where the next '#' is at or after the line being read (-1: none left): found once, not once a note.
  let hash = text.indexOf('#');
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    // A line of at least "- k: v", without a trailing space.
    if (end - start < 6 || text.charCodeAt(end - 1) === SPACE) return undefined;
    const first = text.charCodeAt(start);
    const second = text.charCodeAt(start + 1);
    if (first === DASH && second === SPACE) {
      if (entry && !feed(facts, entry, index, withoutNotes)) return undefined;
      entry = { stage: -1 };
      index++;
    } else if (first !== SPACE || second !== SPACE || !entry) {
      return undefined;
    }
    const key = start + 2;
    const stage = stageOf(text, key);
    if (stage === KEYS.length || stage <= entry.stage || (entry.stage === -1 && stage !== AT)) return undefined;
    entry.stage = stage;
    const from = key + KEYS[stage].length + 2;
    if (from >= end) return undefined;
    switch (stage) {
      case AT:
        if (end - from !== 16) return undefined;
        entry.at = text.slice(from, end);
        if (!isTimestamp(entry.at)) return undefined;
        break;
      case BY:
        if (!isPlainId(text, from, end)) return undefined;
        entry.by = text.slice(from, end);
        break;
      case GOAL:
        if (!isPlainId(text, from, end)) return undefined;
        entry.goal = text.slice(from, end);
        break;
      case ACTIONS:
        entry.actions = actionsOf(text, from, end);
        if (!entry.actions) return undefined;
        break;
      case RESULT:
        entry.result = text.slice(from, end);
        if (!RESULTS.has(entry.result)) return undefined;
        break;
      default: {
        // A note or a variation: the first character a letter (no indicator, quote or number), no
        // ": " (nor a colon at the end), no " #", and not a word YAML reads as null or a boolean.
        if (!isLetter(text.charCodeAt(from)) || text.charCodeAt(end - 1) === COLON) return undefined;
        const colon = text.indexOf(': ', from);
        if (colon >= 0 && colon < end) return undefined;
        if (hash >= 0 && hash < from) hash = text.indexOf('#', from);
        for (; hash >= 0 && hash < end; hash = text.indexOf('#', hash + 1)) if (text.charCodeAt(hash - 1) === SPACE) return undefined;
        if (end - from <= 5 && NOT_TEXT.has(text.slice(from, end))) return undefined;
        // Only an entry with a variation is kept in full (with its note, unless notes are left behind).
        if (stage === VARIATION) entry.variation = text.slice(from, end);
        else entry.note = [from, end];
      }
    }
    start = end + 1;
  }
  return entry && feed(facts, entry, index, withoutNotes) ? facts.done() : undefined;

  /** Gives an entry to the facts, if the schema would take it: at, by and result, and a goal or actions. */
  function feed(facts: MonthFacts, entry: Entry, index: number, withoutNotes: boolean): boolean {
    const { at, by, goal, actions, result, note, variation } = entry;
    if (at === undefined || by === undefined || result === undefined || (goal === undefined && !actions)) return false;
    // The entry as the full read gives it: its keys in the file's order, the note dropped when notes are left behind.
    const data = () => ({
      at,
      by,
      ...(goal === undefined ? {} : { goal }),
      ...(actions ? { actions } : {}),
      result,
      ...(note && !withoutNotes ? { note: text.slice(note[0], note[1]) } : {}),
      variation,
    });
    facts.add(at, by, goal, actions, variation === undefined ? undefined : { index, data: data() as OutcomeEntry });
    return true;
  }
}

interface Entry {
  /** The last key read (its index in KEYS); -1 before any. */
  stage: number;
  at?: string;
  by?: string;
  goal?: string;
  actions?: string[];
  result?: string;
  /** Where the note is in the text: sliced only for an entry kept in full. */
  note?: [number, number];
  variation?: string;
}

const NEWLINE = 10;
const SPACE = 32;
const DASH = 45;
const COLON = 58;

const KEYS = ['at', 'by', 'goal', 'actions', 'result', 'note', 'variation'] as const;
const [AT, BY, GOAL, ACTIONS, RESULT, VARIATION] = [0, 1, 2, 3, 4, 6];

/** The index in KEYS of the key `key: ` at text[i], or KEYS.length for any other. */
function stageOf(text: string, i: number): number {
  for (let k = 0; k < KEYS.length; k++) {
    const key = KEYS[k];
    if (text.startsWith(key, i) && text.charCodeAt(i + key.length) === COLON && text.charCodeAt(i + key.length + 1) === SPACE) return k;
  }
  return KEYS.length;
}

const RESULTS = new Set(['achieved', 'improving', 'no-change', 'worsening', 'declined', 'not-attempted']);

// Plain words YAML's core schema reads as null or a boolean (the rest of its words start otherwise).
const NOT_TEXT = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An id (the schema's ^[a-z0-9][a-z0-9-]{0,62}$) that starts with a letter and that YAML reads as text. */
function isPlainId(text: string, from: number, end: number): boolean {
  if (end <= from || end - from > 63) return false;
  const c0 = text.charCodeAt(from);
  if (c0 < 97 || c0 > 122) return false;
  for (let i = from + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === DASH)) return false;
  }
  return !(end - from <= 5 && NOT_TEXT.has(text.slice(from, end)));
}

/** `[id, id, …]`: the ids, when each is a plain id, none twice and at least one; else undefined. */
function actionsOf(text: string, from: number, end: number): string[] | undefined {
  if (text.charCodeAt(from) !== 91 /* [ */ || text.charCodeAt(end - 1) !== 93 /* ] */) return undefined;
  const ids = text.slice(from + 1, end - 1).split(', ');
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!isPlainId(id, 0, id.length) || ids.indexOf(id) !== i) return undefined;
  }
  return ids;
}
