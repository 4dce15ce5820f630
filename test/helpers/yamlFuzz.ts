import { parseDocument } from 'yaml';
import { CORE_YAML_OPTIONS, documentData, readCoreYaml } from '../../src/model/coreSchema.js';
import { canonicalJson } from '../../src/model/planHash.js';
import { lineInDocument, lineOf } from '../../src/model/positions.js';
import { scanLines, scannedLine } from '../../src/model/lineScan.js';
import { isPlainAscii, parseEntryList, parseRecordMapping, readFast } from '../../src/model/fastYaml.js';
import { decodeRecord, parseYaml } from '../../src/model/yamlText.js';

/**
 * A differential fuzzer for careplan's YAML reading: seeded record-shaped documents (outcome logs,
 * acknowledgements, person and review records, as careplan and people write them) with the
 * characters and layouts that have been misread before and their neighbours, each read by every
 * read path and compared with the reference (js-yaml's core schema). Used by the test in
 * `npm test` (a few thousand documents) and by `npm run fuzz` (FUZZ_DOCS, FUZZ_SEED).
 */

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: Random, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const chance = (rand: Random, p: number) => rand() < p;

/** Characters that have been misread, and their neighbours. */
export const AWKWARD = {
  unicodeSpaces: [
    '\u00a0',
    '\u2000',
    '\u2007',
    '\u200a',
    '\u202f',
    '\u205f',
    '\u3000',
    '\u1680',
    '\ufeff',
    '\u2028',
    '\u2029',
    '\u0085',
    '\u200b',
    '\u180e',
  ],
  controls: [
    '\u0001',
    '\u0007',
    '\u0008',
    '\u000b',
    '\u000c',
    '\u001b',
    '\u001f',
    '\u007f',
    '\u0080',
    '\u0084',
    '\u0086',
    '\u009f',
    '\ufffe',
    '\uffff',
  ],
  breaks: ['\r', '\r\n', '\n', '\t'],
  marks: ['#', ' #', ': ', ':', '- ', ',', '[', ']', '{', '}', '"', "'", '*', '&', '!', '|', '>', '%', '@', '`', '?', '~', '\\'],
  letters: ['é', 'e\u0301', 'ß', 'Zoë', '’', '“quoted”', '—', '£', '😊', '👩🏽‍⚕️', '漢字', 'שלום', '\u0301', 'ǅ', 'İ'],
};
const ALL_AWKWARD = [...AWKWARD.unicodeSpaces, ...AWKWARD.controls, ...AWKWARD.breaks, ...AWKWARD.marks, ...AWKWARD.letters];

const WORDS = [
  'Walked',
  'with',
  'frame',
  'lunch',
  'declined',
  'achieved',
  'GP',
  'informed',
  'fluids',
  '1200',
  'ml',
  'Edie',
  'garden',
  'tea',
  'ok',
  'yes',
  'no',
  'on',
  'off',
];
const SCALARS = [
  's-ben',
  's-carl',
  'mob-indep',
  'improving',
  'declined',
  'achieved',
  'person',
  'signed',
  'sha256:ab12',
  '2026-11-02',
  '2026-11-02T12:40',
  '2026-11-02T12:40+01:00',
  '2026-11-02 12:40',
  '12:30',
  '1',
  '0',
  '12',
  '007',
  '-3',
  '+5',
  '1.0',
  '1e3',
  '.5',
  '+.5',
  '-.5',
  '0b1',
  '0b',
  '0o7',
  '0x1F',
  '+0x1F',
  '-0o7',
  '.inf',
  '-.Inf',
  '.NaN',
  '.nan',
  'nan',
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'yes',
  'No',
  'on',
  '1_000',
  '99999999999999999999',
  '1-000000001',
  '943 476 5919',
  'x:y',
  'a - b',
  'a -',
  '-',
  '--',
  '---',
  '...',
  'a,b',
  '[]',
  '{}',
  '@home',
  '%x',
];

function freeText(rand: Random): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    parts.push(chance(rand, 0.35) ? pick(rand, ALL_AWKWARD) : pick(rand, WORDS));
    if (chance(rand, 0.8)) parts.push(chance(rand, 0.15) ? pick(rand, AWKWARD.unicodeSpaces) : ' ');
  }
  let text = parts.join('');
  if (chance(rand, 0.03)) text = text.repeat(40 + Math.floor(rand() * 200)); // long lines
  return text;
}

/** A scalar value as YAML text in block context (may run over several lines for block scalars). */
function scalarText(rand: Random, indent: string): string {
  const r = rand();
  if (r < 0.3) return pick(rand, SCALARS);
  if (r < 0.55) return freeText(rand);
  if (r < 0.65) return `'${freeText(rand).replace(/'/g, "''")}'`;
  if (r < 0.75) {
    const escapes = [
      '\\n',
      '\\t',
      '\\"',
      '\\\\',
      '\\/',
      '\\u00e9',
      '\\x41',
      '\\ ',
      '\\N',
      '\\_',
      '\\0',
      '\\e',
      '\\U0001F600',
      '\\ud83d\\ude00',
      '\\q',
    ];
    return `"${freeText(rand).replace(/["\\]/g, (c) => `\\${c}`)}${chance(rand, 0.4) ? pick(rand, escapes) : ''}"`;
  }
  if (r < 0.8) {
    const head = pick(rand, ['|', '>', '|-', '>+', '|2', '>-']);
    const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${indent}  ${freeText(rand)}`);
    return `${head}\n${lines.join('\n')}`;
  }
  if (r < 0.88)
    return `[${Array.from({ length: Math.floor(rand() * 4) }, () => pick(rand, SCALARS)).join(pick(rand, [', ', ',', ' , ']))}]`;
  if (r < 0.93) return `{ from: ${pick(rand, SCALARS)}, to: ${pick(rand, SCALARS)} }`;
  // a plain scalar over two lines
  if (r < 0.96) return `${freeText(rand)}\n${indent}${pick(rand, ['  ', '   ', ' ', ''])}${freeText(rand)}`;
  return '';
}

const KEYS = [
  'at',
  'by',
  'goal',
  'actions',
  'result',
  'note',
  'variation',
  'staff',
  'version',
  'plan',
  'to',
  'reason',
  'response',
  'team',
  'x_y',
  'null',
  'true',
  '~',
  '1',
];

function pairText(rand: Random, indent: string): string {
  const key = chance(rand, 0.95) ? pick(rand, KEYS.slice(0, 15)) : pick(rand, KEYS);
  const colon = pick(rand, [': ', ': ', ': ', ':  ', ':', ' : ']);
  const value = scalarText(rand, indent);
  if (chance(rand, 0.08)) return `${key}:\n${indent}${pick(rand, ['  - ', '- ', '  -  ', '   - '])}${pick(rand, SCALARS)}`; // a nested list
  if (value === '' || colon === ':') return `${key}:${value === '' ? '' : ` ${value}`}`;
  return `${key}${colon}${value}${chance(rand, 0.05) ? ` # ${freeText(rand)}` : ''}`;
}

function entryList(rand: Random): string {
  const lines: string[] = [];
  const items = Math.floor(rand() * 4);
  if (items === 0) return chance(rand, 0.5) ? '[]\n' : '- { at: 2026-11-02T12:40, by: s-carl }\n';
  for (let i = 0; i < items; i++) {
    if (chance(rand, 0.3)) {
      const pairs = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => `${pick(rand, KEYS.slice(0, 12))}: ${pick(rand, SCALARS)}`);
      lines.push(`- { ${pairs.join(pick(rand, [', ', ',', ' , ']))} }`);
    } else {
      const n = 1 + Math.floor(rand() * 5);
      const dash = pick(rand, ['- ', '- ', '- ', '-  ', '-\t']);
      lines.push(`${dash}${pairText(rand, '  ')}`);
      for (let k = 1; k < n; k++) lines.push(`${pick(rand, ['  ', '  ', '  ', '   ', ' '])}${pairText(rand, '  ')}`);
    }
    if (chance(rand, 0.15))
      lines.push(pick(rand, ['', '# a comment', '  # indented comment', '   ', '\u00a0', '\u00a0# c', '  \u3000', '#']));
  }
  return `${lines.join('\n')}\n`;
}

function mappingRecord(rand: Random): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(rand() * 7);
  for (let i = 0; i < n; i++) {
    if (chance(rand, 0.3)) {
      lines.push(`${pick(rand, ['team', 'representatives', 'goals', 'roles', 'strengths'])}:${chance(rand, 0.1) ? ' ' : ''}`);
      const items = Math.floor(rand() * 3);
      for (let k = 0; k < items; k++) {
        const item = chance(rand, 0.3) ? `{ goal: ${pick(rand, SCALARS)}, trend: ${pick(rand, SCALARS)} }` : scalarText(rand, '    ');
        lines.push(`${pick(rand, ['  - ', '  - ', '  - ', '  -  ', '- ', '    - '])}${item}`);
      }
    } else {
      lines.push(pairText(rand, ''));
    }
    if (chance(rand, 0.1)) lines.push(pick(rand, ['', '# a comment', '  # indented', '\u00a0', '\u2003# c']));
  }
  return `${lines.join('\n')}\n`;
}

/** Damage a document the way editors, Word and old tools do. */
function damage(rand: Random, text: string): string {
  let out = text;
  const edits = Math.floor(rand() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.35) out = out.slice(0, at) + pick(rand, ALL_AWKWARD) + out.slice(at);
    else if (r < 0.5) out = out.replace(/ (?=\n)|\n/, (m) => (m === '\n' ? `${pick(rand, AWKWARD.unicodeSpaces)}\n` : m));
    else if (r < 0.6) out = out.replace(/\n/g, () => (chance(rand, 0.3) ? '\r' : '\n'));
    else if (r < 0.7) out = out.replace(/\n/g, '\r\n');
    else if (r < 0.75) out = `\ufeff${out}`;
    else if (r < 0.8) out = out.replace(/\n$/, '');
    else if (r < 0.85)
      out = out.replace(
        /(^|\n)(- |  )?([a-z_]+): ([^\n]*)/,
        (_m, a: string, b = '', k: string, v: string) => `${a}${b}${k}: &a ${v}\n${b || '  '}z: *a`,
      );
    else if (r < 0.9) out = `${pick(rand, ['---\n', '# header\n', '%YAML 1.2\n---\n'])}${out}${pick(rand, ['', '...\n', '---\n- x: y\n'])}`;
    else out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 3));
  }
  return out;
}

const NOTES = [
  'Walked to lunch with her frame, I stayed beside her.',
  'Fluid chart total 1,520 ml. Good day - squash with her tablets.',
  'Jo visited - Edie chatted for a while, then tired and dozed.',
  'Declined the morning wash, happy to wash at 10:15.',
  'Zoë’s café trip — loved it 😊',
  'Settled after a chat about her garden',
  'GP informed; plan review booked',
  'ok',
];

/** A record as careplan (or a careful person) writes it: the shapes the fast path is for. */
function careplanRecord(rand: Random): string {
  const r = rand();
  const id = () => pick(rand, ['s-ben', 's-carl', 's-dana', 'mob-indep', 'nut-fluids']);
  const at = () =>
    `2026-11-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T` +
    `${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`;
  if (r < 0.45) {
    return `${Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
      [
        `- at: ${at()}`,
        `  by: ${id()}`,
        `  goal: ${id()}`,
        ...(chance(rand, 0.5) ? [`  actions: [${id()}, ${id()}]`] : []),
        `  result: ${pick(rand, ['improving', 'achieved', 'declined', 'no-change'])}`,
        `  note: ${pick(rand, NOTES)}`,
        ...(chance(rand, 0.2) ? [`  variation: ${pick(rand, NOTES)}`] : []),
      ].join('\n'),
    ).join('\n')}\n`;
  }
  if (r < 0.65) {
    return `${Array.from(
      { length: 1 + Math.floor(rand() * 3) },
      () => `- { staff: ${id()}, version: ${1 + Math.floor(rand() * 3)}, plan: "sha256:ab12", at: ${at()} }`,
    ).join('\n')}\n`;
  }
  if (r < 0.85) {
    return `${[
      `id: p-edith`,
      `name: Edith Clarke`,
      `admitted: 2026-09-02`,
      `key_worker: s-ben`,
      '# nights on the corridor',
      'team:',
      `  - ${id()}`,
      `  - ${id()}`,
      'representatives:',
      `  - { name: Jo Clarke, relationship: daughter, authority: lpa-health-welfare }`,
      'status: active',
    ].join('\n')}\n`;
  }
  return `${[
    `kind: outcomes`,
    `at: ${at()}`,
    `by: ${id()}`,
    'period: { from: 2026-11-09, to: 2026-11-15 }',
    'goals:',
    `  - { goal: ${id()}, trend: improving, comment: "3 walks" }`,
    'plan_update_needed: false',
  ].join('\n')}\n`;
}

/** Where a value starts on a `key: value` line. */
const VALUE_LINE = /^( *(?:- )?[a-z_]+: )(.*)$/gm;

/** Applies `change` to the value of one `key: value` line chosen at random. */
function onAValue(rand: Random, text: string, change: (value: string) => string): string {
  const matches = [...text.matchAll(VALUE_LINE)];
  if (matches.length === 0) return text;
  const m = pick(rand, matches);
  const start = (m.index ?? 0) + m[1].length;
  return text.slice(0, start) + change(m[2]) + text.slice(start + m[2].length);
}

function onALine(rand: Random, text: string, change: (line: string) => string): string {
  const lines = text.split('\n');
  const n = Math.floor(rand() * Math.max(1, lines.length - 1));
  lines[n] = change(lines[n]);
  return lines.join('\n');
}

const at = (rand: Random, text: string) => Math.floor(rand() * (text.length + 1));
const insertInto = (rand: Random, text: string, piece: string) => {
  const i = at(rand, text);
  return text.slice(0, i) + piece + text.slice(i);
};

/**
 * The classes of issue 16, each a way people's editors, Word and old tools change a record, and
 * their neighbours. Each takes a document and returns it changed.
 */
export const CLASSES: Record<string, (rand: Random, text: string) => string> = {
  // 1. A key left blank, before a nested list or a key.
  'blank value': (rand, text) => onAValue(rand, text, () => pick(rand, ['', ' ', '  '])),
  'blank before a list': (rand, text) =>
    text.replace(/^(team|goals):.*$/m, (line) => `${pick(rand, ['team', 'strengths', 'notes'])}:\n${line}`),
  // 2. Unicode white space at the end of a value (and at its start, and inside).
  'unicode space at the end': (rand, text) =>
    onAValue(rand, text, (v) => v + pick(rand, AWKWARD.unicodeSpaces) + (chance(rand, 0.3) ? ' ' : '')),
  'unicode space inside': (rand, text) => onAValue(rand, text, (v) => insertInto(rand, v, pick(rand, AWKWARD.unicodeSpaces))),
  'unicode space at the start': (rand, text) => onAValue(rand, text, (v) => pick(rand, AWKWARD.unicodeSpaces) + v),
  // 3. Lines of Unicode white space only, or then a comment.
  'unicode space line': (rand, text) =>
    onALine(
      rand,
      text,
      (l) => `${l}\n${pick(rand, ['', ' ', '   '])}${pick(rand, AWKWARD.unicodeSpaces)}${pick(rand, ['', '# world', ' # x', 'text'])}`,
    ),
  // 4. Non-printable characters.
  'control character': (rand, text) =>
    chance(rand, 0.7)
      ? onAValue(rand, text, (v) => insertInto(rand, v, pick(rand, AWKWARD.controls)))
      : insertInto(rand, text, pick(rand, AWKWARD.controls)),
  // 5. A lone CR, as a line end or inside quotes.
  'lone CR': (rand, text) =>
    chance(rand, 0.6)
      ? text.replace(/\n/g, () => (chance(rand, 0.4) ? '\r' : '\n'))
      : onAValue(rand, text, (v) => `"${v.replace(/["\\]/g, '')}\r${pick(rand, ['', '\n', ' more'])}"`),
  // 6. Extra spaces after a list dash (and other indentation).
  'spaces after a dash': (rand, text) => text.replace(/^( *)- /m, (_m, pad: string) => `${pad}-${' '.repeat(2 + Math.floor(rand() * 2))}`),
  'odd indentation': (rand, text) => onALine(rand, text, (l) => pick(rand, [' ', '   ', '    ', '\t']) + l.trimStart()),
  // 7. What the `yaml` package read differently: numbers, odd keys, aliases and anchors.
  'odd number': (rand, text) =>
    onAValue(rand, text, () =>
      pick(rand, [
        '0b1',
        '+.5',
        '-.5',
        '.5',
        '0o7',
        '0x1F',
        '+0x1F',
        '-0b1',
        '1e3',
        '.inf',
        '-.Inf',
        '.NaN',
        '007',
        '+5',
        '-0',
        '1_000',
        '0.0',
        '99999999999999999999',
      ]),
    ),
  'odd key': (rand, text) =>
    `${text}${pick(rand, ['~', 'null', 'true', '1', '0b1', '"quoted"', "'q'", '? complex'])}: ${pick(rand, ['x', '1', ''])}\n`,
  'alias or anchor': (rand, text) =>
    onAValue(rand, text, (v) => pick(rand, [`see *chart* ${v}`, `&a ${v}`, `*a`, `${v} & more`, `&x ${v}`])),
  // Neighbours.
  quotes: (rand, text) =>
    onAValue(rand, text, (v) =>
      chance(rand, 0.5)
        ? `'${v.replace(/'/g, "''")}'`
        : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}${pick(rand, ['', '\\t', '\\u00e9', '\\x41', '\\ ', '\\N', '\\/'])}"`,
    ),
  hash: (rand, text) => onAValue(rand, text, (v) => insertInto(rand, v, pick(rand, ['#', ' #', ' # c', '#c']))),
  colon: (rand, text) => onAValue(rand, text, (v) => insertInto(rand, v, pick(rand, [': ', ':', ' :', '::']))),
  'block scalar': (rand, text) =>
    onAValue(rand, text, (v) => `${pick(rand, ['|', '>', '|-', '>+', '|2'])}\n${pick(rand, ['    ', '   ', '  ', '      '])}${v}`),
  'flow collection': (rand, text) =>
    onAValue(rand, text, (v) => pick(rand, [`[${v}]`, `[${v}, x]`, `{ a: ${v} }`, `[ ${v} ,]`, `{${v}}`, `[a, [b, ${v}]]`])),
  CRLF: (_rand, text) => text.replace(/\n/g, '\r\n'),
  BOM: (rand, text) => (chance(rand, 0.7) ? `\ufeff${text}` : insertInto(rand, text, '\ufeff')),
  emoji: (rand, text) => onAValue(rand, text, (v) => insertInto(rand, v, pick(rand, ['😊', '👩🏽‍⚕️', '🏳️‍🌈', '\u{1F600}']))),
  'combining mark': (rand, text) =>
    onAValue(rand, text, (v) => insertInto(rand, v, pick(rand, ['\u0301', 'e\u0301', '\u20dd', '\ufe0f', '\u200d']))),
  'long line': (rand, text) => onAValue(rand, text, (v) => `${v} ${'long words and more '.repeat(60 + Math.floor(rand() * 80))}`.trimEnd()),
  'trailing comment': (rand, text) => onAValue(rand, text, (v) => `${v}${pick(rand, [' # c', '  #c', '#c', ' #'])}`),
  'document markers': (rand, text) =>
    `${pick(rand, ['---\n', '--- ', '---\u00a0', '%YAML 1.2\n---\n', ''])}${text}${pick(rand, ['', '...\n', '---\n', '--- x\n'])}`,
  'no final newline': (_rand, text) => text.replace(/\n$/, ''),
  'deleted characters': (rand, text) => {
    const i = at(rand, text);
    return text.slice(0, i) + text.slice(i + 1 + Math.floor(rand() * 4));
  },
};
const CLASS_NAMES = Object.keys(CLASSES);

export interface GeneratedDocument {
  text: string;
  /** The classes applied to it (empty for the free-form documents). */
  classes: string[];
}

/**
 * One record-shaped document: a record as careplan writes it with up to three classes applied, or
 * (a third of the time) a free-form record of awkward values and damage.
 */
export function recordDocument(rand: Random): GeneratedDocument {
  if (chance(rand, 0.35)) {
    const text = chance(rand, 0.55) ? entryList(rand) : mappingRecord(rand);
    return { text: chance(rand, 0.5) ? damage(rand, text) : text, classes: [] };
  }
  let text = careplanRecord(rand);
  const classes: string[] = [];
  const count = Math.floor(rand() * 4);
  for (let i = 0; i < count; i++) {
    const name = pick(rand, CLASS_NAMES);
    text = CLASSES[name](rand, text);
    classes.push(name);
  }
  return { text, classes };
}

/** Same value, -0 and NaN included, and the same key order. */
export function sameData(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

// What careplan refuses on purpose where js-yaml reads on: characters YAML 1.2 calls non-printable
// (js-yaml checks only scalars, not comments), and a CR that does not end a CRLF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const REFUSED_ON_PURPOSE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|\r(?!\n)|[\ud800-\udfff]/u;

export type Reference = { ok: true; value: unknown } | { ok: false; message: string };

export function reference(text: string): Reference {
  try {
    return { ok: true, value: readCoreYaml(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message.split('\n')[0] };
  }
}

/** A fast path: the document's data, or undefined when it leaves the document to js-yaml. */
export type FastReader = readonly [name: string, read: (text: string) => unknown];
const FAST_READERS: readonly FastReader[] = [
  ['parseEntryList', parseEntryList],
  ['parseRecordMapping', parseRecordMapping],
  ['readFast', readFast],
];

/** Which paths read the document, for counting. */
export interface Reads {
  fast: boolean;
  refusedOnPurpose: boolean;
  yamlAgrees: boolean;
  /** The document was laid out from its lines (lineScan.ts), and its lines compared. */
  scanned?: boolean;
}

/**
 * Every read path against the reference: undefined when they agree, else what differs. The fast
 * path may decline; when it reads, it must read exactly. parseYaml must give the reference's value,
 * or an error when the reference errs (or on a character careplan refuses on purpose). The `yaml`
 * path (line numbers, edits), when it reads a document without error, must build the same data.
 */
export function compareReads(text: string, reads?: Reads, fastReaders: readonly FastReader[] = FAST_READERS): string | undefined {
  const ref = reference(text);
  const show = (v: unknown) => {
    try {
      return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
    } catch {
      return '(a value that contains itself)';
    }
  };
  for (const [name, fast] of fastReaders) {
    const value = fast(text);
    if (value === undefined) continue;
    if (reads) reads.fast = true;
    if (!ref.ok) return `${name} read ${show(value)}; the reference refuses it (${ref.message})`;
    if (!sameData(value, ref.value)) return `${name} read ${show(value)}; the reference reads ${show(ref.value)}`;
  }
  // The loader's way in: a text its bytes call plain (read as latin1, not scanned again) is the text, and is plain.
  const decoded = decodeRecord(Buffer.from(text, 'utf8'));
  if (decoded.ok && decoded.plain && (decoded.text !== text || !isPlainAscii(text)))
    return `decodeRecord called ${show(decoded.text)} plain ASCII from the bytes of ${show(text)}`;
  const parsed = parseYaml(text);
  const onPurpose = REFUSED_ON_PURPOSE.test(text);
  if (reads) reads.refusedOnPurpose = onPurpose && !parsed.ok;
  if (parsed.ok && !ref.ok) return `parseYaml read ${show(parsed.value)}; the reference refuses it (${ref.message})`;
  if (parsed.ok && onPurpose) return `parseYaml read ${show(parsed.value)} from a document with a non-printable character or lone CR`;
  if (!parsed.ok && ref.ok && !onPurpose && !/contains itself|alias bomb|the value it names/.test(`${show(ref.value)} ${parsed.message}`))
    return `parseYaml refused (${parsed.message}); the reference reads ${show(ref.value)}`;
  if (parsed.ok && ref.ok && !sameData(parsed.value, ref.value ?? null))
    return `parseYaml read ${show(parsed.value)}; the reference reads ${show(ref.value)}`;
  if (parsed.ok && ref.ok) {
    // Line numbers come from the `yaml` package's document: where it builds other data than the
    // reference, lineOf must give no line rather than a wrong one; where it agrees, a key's line
    // must hold that key.
    const doc = parseDocument(text, { ...CORE_YAML_OPTIONS, uniqueKeys: false });
    const agrees = canonicalJson(documentData(doc)) === canonicalJson(ref.value ?? null);
    const source = { text: () => text };
    const laidOut = scanLines(text);
    for (const path of keyPaths(ref.value)) {
      const line = lineOf(source, path);
      // Where the yaml document differs, only a line laid out from the text (checked below) may be given.
      if (!agrees && line !== undefined && line !== (laidOut && scannedLine(laidOut, path)))
        return `lineOf gave line ${line} from a yaml document that differs from the reference`;
      const key = String(path[path.length - 1]);
      const held = line === undefined ? undefined : text.split('\n')[line - 1];
      if (agrees && /^[a-z_]+$/.test(key) && text.includes(`${key}:`) && !(held !== undefined && holdsKey(held, key))) {
        return `lineOf put ${path.join('.')} at line ${line}, which does not hold that key`;
      }
    }
    if (reads) reads.yamlAgrees = agrees;
    // A file laid out from its lines (lineScan.ts) must give the very line the yaml document
    // gives, for every field and for paths that run out; where that document differs from the
    // reference it gives none, and the scan's line must then hold the key.
    if (laidOut) {
      if (reads) reads.scanned = true;
      for (const path of agrees ? probePaths(ref.value) : keyPaths(ref.value)) {
        const quick = scannedLine(laidOut, path);
        if (quick === undefined) continue;
        if (agrees) {
          const full = lineInDocument(source, path);
          if (quick !== full) return `the scan put ${JSON.stringify(path)} at line ${quick}; the yaml document at line ${full}`;
        } else if (!holdsKey(text.split('\n')[quick - 1], String(path[path.length - 1]))) {
          return `the scan put ${JSON.stringify(path)} at line ${quick}, which does not hold that key`;
        }
      }
    }
  }
  return undefined;
}

/** Every field's path, and paths that run out: no path, a missing key or item, and one step past a value. */
function probePaths(value: unknown): (string | number)[][] {
  const paths: (string | number)[][] = [[], ['no_such_key'], [0], [999]];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (at.length > 3) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        paths.push([...at, i]);
        walk(item, [...at, i]);
      });
      paths.push([...at, v.length], [...at, 'no_such_key']);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        paths.push([...at, k]);
        walk(item, [...at, k]);
      }
      paths.push([...at, 'no_such_key'], [...at, 0]);
    } else if (at.length > 0) {
      paths.push([...at, 'inside'], [...at, 0]);
    }
  };
  walk(value, []);
  return paths;
}

/**
 * Whether a line holds the key `key`: written as it is named, or written another way that names
 * it (`~:` and `Null:` name the key "null", as js-yaml's core schema reads them).
 */
function holdsKey(line: string, key: string): boolean {
  if (line.includes(key)) return true;
  const written = /^(?:\s*-\s+)*\s*([^\s:#'"][^:#]*?)\s*:(?:\s|$)/.exec(line)?.[1];
  if (written === undefined) return false;
  try {
    const data = readCoreYaml(`${written}: 0`);
    return data !== null && typeof data === 'object' && Object.keys(data).includes(key);
  } catch {
    return false;
  }
}

/** Paths to the keys of the top-level mapping, or of each top-level list entry. */
function keyPaths(value: unknown): (string | number)[][] {
  const keys = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
  if (Array.isArray(value)) return value.flatMap((entry, i) => keys(entry).map((k) => [i, k]));
  return keys(value).map((k) => [k]);
}

/**
 * The smallest document that still shows a mismatch: halves, quarters… of its lines, then of its
 * characters, removed while the mismatch stays (delta debugging), until nothing more can go.
 */
export function shrink(text: string, fails: (text: string) => boolean, budget = 20_000): string {
  let best = text;
  let tries = 0;
  for (let progress = true; progress && tries < budget; ) {
    progress = false;
    for (const unit of ['line', 'char'] as const) {
      let parts = unit === 'line' ? best.split(/(?<=\n)/) : [...best];
      for (let chunk = Math.max(1, Math.ceil(parts.length / 2)); chunk >= 1 && tries < budget; chunk = Math.floor(chunk / 2)) {
        for (let i = 0; i < parts.length && tries < budget; ) {
          const kept = [...parts.slice(0, i), ...parts.slice(i + chunk)];
          const candidate = kept.join('');
          tries++;
          if (candidate !== best && fails(candidate)) {
            best = candidate;
            parts = kept;
            progress = true;
          } else {
            i += chunk;
          }
        }
      }
    }
  }
  return best;
}

/** Free text as staff type or paste it: what careplan must write so that it reads back the same. */
export function writtenText(rand: Random): string {
  const r = rand();
  if (r < 0.15) return pick(rand, SCALARS);
  if (r < 0.2)
    return pick(rand, ['', ' ', '  ', '\n', '\u00a0', '#', '- x', ': x', '"', "'", '|', '>', '*x', '&x', '!x', '%x', '@x', '`x', '? x']);
  let text = freeText(rand);
  if (chance(rand, 0.2)) text = `${pick(rand, [' ', '  ', '\u00a0', '\t', '\n'])}${text}`;
  if (chance(rand, 0.2)) text = `${text}${pick(rand, [' ', '  ', '\u00a0', '\u3000', '\t', '\n', '\n\n', '\r\n'])}`;
  if (chance(rand, 0.25)) text = `${text}${pick(rand, ['\n', '\r\n', '\r', '\n\n'])}${freeText(rand)}`;
  return text;
}

type Writer = (value: string, rand: Random) => { text: string; meant: unknown; before?: unknown } | undefined;

/**
 * What careplan writes that holds free text, each as a function of one text value: the text of the
 * record it writes, and the data it meant to write.
 */
export function writers(write: {
  recordYaml: (data: unknown, options?: { header?: string; flowItemsUnder?: readonly string[]; flowLists?: readonly string[] }) => string;
  appendEntryText: (existing: string, entry: unknown) => string;
  editRecordText: (text: string, after: unknown, options?: { flowItemsUnder?: readonly string[] }) => { text: string };
}): Record<string, Writer> {
  const existingLists = [
    '',
    '# Edie - outcomes\n',
    '- at: 2026-11-01T10:00\n  by: s-ben\n  note: first\n',
    '- { staff: s-ben, version: 1, at: 2026-11-01T10:00 }\r\n',
    '  - at: 2026-11-01T10:00\n    note: "quoted: yes"\n',
    '- at: 2026-11-01T10:00\n  note: |\n    two\n    lines\n',
  ];
  const person =
    '# Edie\nid: p-edith\nname: Edith Clarke\nadmitted: 2026-09-02\nteam: [s-ben, s-carl]\n' +
    'representatives:\n  - { name: Jo Clarke, relationship: daughter }\nstatus: active\n';
  return {
    'a new record': (value) => {
      const meant = {
        id: 'p-edith',
        name: value,
        about_me: value,
        strengths: [value, 'walks'],
        goals: [{ id: 'g-1', description: value }],
      };
      return { text: write.recordYaml(meant, { header: 'Edie', flowItemsUnder: ['goals'], flowLists: ['strengths'] }), meant };
    },
    'an appended entry': (value, rand) => {
      const existing = pick(rand, existingLists);
      const before = (readCoreYaml(existing) as unknown[] | null | undefined) ?? [];
      const entry = {
        at: '2026-11-02T12:40',
        by: 's-carl',
        result: 'improving',
        note: value,
        variation: chance(rand, 0.3) ? value : undefined,
      };
      const clean = JSON.parse(JSON.stringify(entry)) as unknown;
      return { text: write.appendEntryText(existing, entry), meant: [...before, clean], before: existing };
    },
    'an edited record': (value, rand) => {
      const base = readCoreYaml(person) as Record<string, unknown>;
      const meant = chance(rand, 0.5)
        ? { ...base, preferred_name: value }
        : { ...base, name: value, representatives: [{ name: value, relationship: 'daughter' }], team: ['s-ben', 's-carl', value] };
      return { text: write.editRecordText(person, meant, { flowItemsUnder: ['representatives'] }).text, meant };
    },
  };
}

/** Whether what a writer wrote reads back, with the reference and with careplan, as what it meant. */
export function compareWrite(written: { text: string; meant: unknown }): string | undefined {
  const ref = reference(written.text);
  if (!ref.ok) return `the reference cannot read what was written (${ref.message})`;
  if (!sameData(ref.value, written.meant)) return `the reference reads ${JSON.stringify(ref.value)}, not ${JSON.stringify(written.meant)}`;
  const parsed = parseYaml(written.text);
  if (!parsed.ok) return `careplan cannot read what it wrote (${parsed.message})`;
  if (!sameData(parsed.value, written.meant)) return `careplan reads ${JSON.stringify(parsed.value)}, not ${JSON.stringify(written.meant)}`;
  return undefined;
}
