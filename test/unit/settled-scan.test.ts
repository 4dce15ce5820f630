import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/findings.js';
import { settledMonthOf } from '../../src/model/settledMonth.js';
import { scanSettledMonth } from '../../src/model/settledScan.js';
import type { OutcomeEntry } from '../../src/model/workspace.js';
import { decodeRecord } from '../../src/model/yamlText.js';
import { readRecord, type RecordReader } from '../../src/repo/loader.js';
import { pick, seededRandom, type Random } from '../helpers/yamlFuzz.js';

/**
 * src/model/settledScan.ts reads a settled month's facts straight from its text. It must give
 * exactly what the full read gives (parseYaml, the outcomes schema, settledMonthOf), and give
 * nothing (so that the full read runs, and finds what is wrong) for any file the full read would
 * not take as valid. Seeded months as careplan writes them, each then bent by one or more of the
 * changes below, are read both ways.
 */

const FILE = 'people/p-a/outcomes/2026-03.yaml';
// 20,000 documents from seed 2026 in `npm test`; `npm run fuzz` reads 300,000 from a fresh seed.
// SCAN_DOCS and SCAN_SEED set both (a mismatch names its seed, so it can be run again).
const longRun = process.env.npm_lifecycle_event === 'fuzz';
const docs = Number(process.env.SCAN_DOCS ?? (longRun ? 300_000 : 20_000));
const seed = Number(process.env.SCAN_SEED ?? (longRun ? Math.floor(Math.random() * 2 ** 31) : 2026));
const ZONES = ['Europe/London', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
const two = (n: number) => String(n).padStart(2, '0');

/** A time in March 2026 (now and then in another month, or on a change of clocks), as careplan writes it. */
function time(rand: Random): string {
  if (rand() < 0.1) return pick(rand, ['2026-03-29T01:30', '2026-03-29T00:00', '2026-04-05T00:30', '2026-04-01T00:10', '2026-02-28T23:59']);
  const day = two(1 + Math.floor(rand() * 31));
  return `2026-${rand() < 0.05 ? '04' : '03'}-${day}T${two(Math.floor(rand() * 24))}:${two(Math.floor(rand() * 60))}`;
}

const WORDS = [
  'Walked',
  'to',
  'lunch',
  'with',
  'her',
  'frame;',
  'fluids',
  '1200',
  'ml',
  'by',
  'teatime.',
  'Declined',
  'wash,',
  '10:15',
  'ok',
];

/** An entry as careplan writes it. */
function entry(rand: Random): string[] {
  const lines = [`- at: ${time(rand)}`, `  by: ${pick(rand, ['s-ben', 's-0002', 'carl'])}`];
  const goal = rand() < 0.85;
  if (goal) lines.push(`  goal: ${pick(rand, ['g-1', 'mobility-goal', 'meals'])}`);
  if (!goal || rand() < 0.3) lines.push(`  actions: [${rand() < 0.5 ? 'a-1' : 'a-1, a-2'}]`);
  lines.push(`  result: ${pick(rand, ['achieved', 'improving', 'no-change', 'worsening', 'declined', 'not-attempted'])}`);
  if (rand() < 0.8) lines.push(`  note: ${Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pick(rand, WORDS)).join(' ')}`);
  if (rand() < 0.15) lines.push(`  variation: ${pick(rand, ['Used the wheelchair', 'Two carers'])}`);
  return lines;
}

/** Values that YAML or the schema read otherwise than they look, for any field. */
const AWKWARD = [
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'True',
  'false',
  'FALSE',
  'yes',
  'No',
  'NaN',
  '.nan',
  '.inf',
  '1234',
  '0x1f',
  '1e3',
  '0abc',
  'a: b',
  'a #b',
  'a#b',
  'ends:',
  '"quoted"',
  "'single'",
  '[x]',
  '{x: 1}',
  '- x',
  '? x',
  '&anchor x',
  '*alias',
  '!tag x',
  '|',
  '>',
  'A-b',
  'a_b',
  '-x',
  'x'.repeat(64),
  'x'.repeat(63),
  '2026-02-30T10:00',
  '2026-13-01T10:00',
  '2026-03-01T24:00',
  '2026-03-01T10:60',
  '2026-03-01T10:00Z',
  '2026-03-01T10:00:30',
  '2026-03-01T10:00+01:00',
  '2026-03-01',
  '[]',
  '[a-1,a-2]',
  '[a-1, a-1]',
  '[a-1,  a-2]',
  '[ a-1 ]',
  '[a-1, ]',
  '[A-1]',
  'improving ',
  'Improving',
  '',
  ' ',
  'x y',
  '%x',
  '@x',
  '`x',
  'x\ty',
  '3',
  '-3.5',
];

/** Texts that YAML reads otherwise than they look, or not at all, as a note or a variation. */
const AWKWARD_TEXT = [
  'Two #carers',
  'Two carers #',
  'Two carers #1',
  'Two#carers',
  'Key: value',
  'Two:carers',
  'ends:',
  'Null',
  'TRUE',
  'false',
  '- dash',
  '"q"',
  "'q'",
  '[x]',
  '{x}',
  '? q',
  '&a x',
  '*a',
  '!t x',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '~',
  '1234',
  '12:30',
  '2026-03-01',
  '#x',
  ': x',
  'A',
  'a , b',
  'a, b]',
  'x}',
];

/** Changes to a line or to the text, one of which at least is made to most documents. */
const BENDS: ((lines: string[], rand: Random) => void)[] = [
  // A note's or a variation's text replaced by an awkward one (a variation's is kept, so must be read right).
  (lines, rand) => {
    const texts = lines.flatMap((line, i) => (/^ {2}(note|variation): /.test(line) ? [i] : []));
    if (texts.length === 0) return;
    const i = pick(rand, texts);
    lines[i] = lines[i].replace(/: .*$/, `: ${pick(rand, AWKWARD_TEXT)}`);
  },
  // A field's value replaced by an awkward one.
  (lines, rand) => {
    const i = Math.floor(rand() * lines.length);
    lines[i] = lines[i].replace(/: .*$/, `: ${pick(rand, AWKWARD)}`);
  },
  // Two lines of an entry swapped, a line dropped, or one repeated.
  (lines, rand) => {
    const i = 1 + Math.floor(rand() * (lines.length - 1));
    if (lines[i].startsWith('  ') && lines[i - 1].startsWith('  ')) [lines[i], lines[i - 1]] = [lines[i - 1], lines[i]];
  },
  (lines, rand) => void lines.splice(Math.floor(rand() * lines.length), 1),
  (lines, rand) => {
    const i = Math.floor(rand() * lines.length);
    lines.splice(i, 0, lines[i].replace(/^- /, '  '));
  },
  // Another key, a blank line, a comment, a trailing space, another indent.
  (lines, rand) =>
    lines.splice(
      1 + Math.floor(rand() * (lines.length - 1)),
      0,
      pick(rand, ['  value: 3', '  notes: x', '  extra: {}', '  other: x', '  by: s-ben']),
    ),
  (lines, rand) => lines.splice(Math.floor(rand() * lines.length), 0, pick(rand, ['', '# a comment', '  ', '---'])),
  (lines, rand) => {
    const i = Math.floor(rand() * lines.length);
    lines[i] = pick(rand, [
      `${lines[i]} `,
      lines[i].replace(/^ {2}/, '   '),
      lines[i].replace(/^- /, '-  '),
      lines[i].replace(': ', ':  '),
    ]);
  },
];

/** A month of entries, bent (or not), and how: the text ends without a newline, or in CRLF, now and then. */
function month(rand: Random): string {
  const lines = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => entry(rand)).flat();
  const bends = rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 3);
  for (let b = 0; b < bends; b++) pick(rand, BENDS)(lines, rand);
  const text = `${lines.join('\n')}\n`;
  const end = rand();
  return end < 0.03 ? text.slice(0, -1) : end < 0.05 ? text.replace(/\n/g, '\r\n') : end < 0.06 ? '[]\n' : text;
}

/** The full read's facts, or undefined where it finds the file not valid (any finding). */
function fullRead(text: string, zone: string, withoutNotes: boolean): object | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const reader = { read: () => bytes } as unknown as RecordReader;
  const findings: Finding[] = [];
  const loaded = readRecord(decodeRecord(bytes), reader, FILE, 'outcomes', findings, 'p-a');
  if (!loaded || findings.length > 0) return undefined;
  const entries = loaded.value as OutcomeEntry[];
  if (withoutNotes) for (const e of entries) delete (e as { note?: string }).note;
  return settledMonthOf(FILE, '2026-03', entries, zone);
}

describe(`scanSettledMonth (seed ${seed})`, () => {
  it('gives the full read’s facts for a month as careplan writes it, and nothing for anything the full read does not take', {
    timeout: 60_000 + docs / 5,
  }, () => {
    const rand = seededRandom(seed);
    const counts = { scanned: 0, fellBack: 0, invalid: 0, notPlain: 0 };
    for (let i = 0; i < docs; i++) {
      const text = month(rand);
      const zone = pick(rand, ZONES);
      const withoutNotes = rand() < 0.8;
      const decoded = decodeRecord(Buffer.from(text, 'utf8'));
      // As loadJob asks: only text decodeRecord found plain.
      if (!decoded.ok || !decoded.plain) {
        counts.notPlain++;
        continue;
      }
      const scanned = scanSettledMonth(decoded.text, FILE, '2026-03', zone, withoutNotes);
      const full = fullRead(text, zone, withoutNotes);
      if (full === undefined) counts.invalid++;
      if (scanned === undefined) {
        counts.fellBack++;
        continue;
      }
      counts.scanned++;
      expect(full, `document ${i} of seed ${seed} is not valid, yet was scanned:\n${text}`).toBeDefined();
      expect(JSON.stringify(scanned), `document ${i} of seed ${seed} (${zone}):\n${text}`).toBe(JSON.stringify(full));
    }
    // Both ways are exercised: many months scanned, many bent ones left to the full read.
    expect(counts.scanned).toBeGreaterThan(docs * 0.15);
    expect(counts.fellBack - counts.invalid).toBeGreaterThan(docs * 0.15);
    expect(counts.invalid).toBeGreaterThan(docs * 0.25);
    expect(counts.notPlain).toBeGreaterThan(docs * 0.01);
  });

  it('keeps an entry with a variation in full, its note too unless notes are left behind', () => {
    const text = '- at: 2026-03-02T10:00\n  by: s-ben\n  goal: g-1\n  result: improving\n  note: Fine\n  variation: Two carers\n';
    expect(scanSettledMonth(text, FILE, '2026-03', 'Europe/London', false)?.varied).toEqual([
      { index: 0, data: { at: '2026-03-02T10:00', by: 's-ben', goal: 'g-1', result: 'improving', note: 'Fine', variation: 'Two carers' } },
    ]);
    expect(scanSettledMonth(text, FILE, '2026-03', 'Europe/London', true)?.varied[0].data).not.toHaveProperty('note');
  });
});
