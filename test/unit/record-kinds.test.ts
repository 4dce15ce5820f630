import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without type declarations
import { recordKinds } from '../../scripts/gen-types.js';
import {
  APPEND_ONLY_KINDS,
  layoutOf,
  LIST_KINDS,
  placementOf,
  RECORD_KIND_NAMES,
  SCHEMA_OF,
  type RecordPlacement,
} from '../../src/model/layout.js';
import { kindSpec, RECORD_KINDS, type RecordKind } from '../../src/model/recordKinds.js';
import { emptyWorkspace, filesIn, forEachSlot, placeRecord } from '../../src/model/slots.js';
import { listYamlFiles } from '../../src/repo/loader.js';
import { EDITOR_SCHEMA_GLOBS, RECORD_FOLDERS } from '../../src/repo/template.js';
import { PROJECT } from '../helpers/repo.js';

/** What each placeholder is filled with to make a sample path, and the field it comes back as. */
const SAMPLE: Record<string, [field: string, value: string]> = {
  'person-id': ['personId', 'p-sample'],
  'staff-id': ['staffId', 's-sample'],
  slug: ['slug', 'a-slug'],
  'YYYY-MM-DD': ['date', '2026-11-03'],
  'YYYY-MM': ['month', '2026-11'],
};

/** Paths made from a kind's pattern (one per word of a `<name:a|b>` choice), with what they should say. */
function samples(pattern: string): { path: string; says: Record<string, string> }[] {
  let made = [{ path: pattern, says: {} as Record<string, string> }];
  for (const [, name] of pattern.matchAll(/<([^>]+)>/g)) {
    const choice = /^(\w+):(.+)$/.exec(name);
    const options: [string, string][] = choice ? choice[2].split('|').map((word) => [choice[1], word]) : [SAMPLE[name]];
    made = made.flatMap(({ path: p, says }) =>
      options.map(([field, value]) => ({ path: p.replace(`<${name}>`, value), says: { ...says, [field]: value } })),
    );
  }
  return made;
}

const globMatches = (glob: string, file: string) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(file);

const kinds = RECORD_KIND_NAMES;
const EXAMPLE = path.join(PROJECT, 'examples', 'sunrise-house');

describe('the table of record kinds (src/model/recordKinds.ts)', () => {
  it('gives every schema in schemas/ exactly one kind, but the shared definitions', () => {
    const schemas = readdirSync(path.join(PROJECT, 'schemas'))
      .filter((f) => f.endsWith('.schema.json') && f !== 'defs.schema.json')
      .sort();
    expect(kinds.map((kind) => RECORD_KINDS[kind].schema).sort()).toEqual(schemas);
  });

  it("agrees with each schema's title on where its files live", () => {
    const shape = (pattern: string) => pattern.replace(/<[^>]+>/g, '<>');
    for (const kind of kinds) {
      const { title } = JSON.parse(readFileSync(path.join(PROJECT, 'schemas', RECORD_KINDS[kind].schema), 'utf8')) as { title: string };
      expect(shape(title.split(':')[0]), kind).toBe(shape(RECORD_KINDS[kind].path));
    }
  });

  it('places a path made from each pattern back to its kind, with what the path says', () => {
    for (const kind of kinds) {
      for (const { path: file, says } of samples(RECORD_KINDS[kind].path)) {
        expect(placementOf(file), file).toEqual({ kind, stem: path.basename(file, '.yaml'), ...says });
      }
    }
  });

  it('places every file of the example repository', () => {
    const placed = listYamlFiles(EXAMPLE).map((file) => [file, placementOf(file).kind] as const);
    expect(placed.filter(([, kind]) => !(kind in RECORD_KINDS))).toEqual([]);
    expect(new Set(placed.map(([, kind]) => kind)).size).toBeGreaterThanOrEqual(14);
  });

  it("wires each kind's editor glob to its files and no other kind's", () => {
    for (const kind of kinds) {
      const glob = RECORD_KINDS[kind].editorGlob;
      for (const other of kinds) {
        for (const { path: file } of samples(RECORD_KINDS[other].path)) {
          expect(globMatches(glob, file), `${glob} on ${file}`).toBe(other === kind);
        }
      }
      expect(EDITOR_SCHEMA_GLOBS[RECORD_KINDS[kind].schema]).toEqual([glob]);
    }
    expect(Object.keys(EDITOR_SCHEMA_GLOBS)).toHaveLength(kinds.length);
    expect(RECORD_FOLDERS.slice(0, 5)).toEqual(['staff', 'people', 'spotchecks', 'feedback', 'audits']);
  });

  it('says when each record was made with one of its event dates, a timestamp', () => {
    for (const kind of kinds) {
      const { made, eventDates } = kindSpec(kind);
      if (made !== undefined) expect(eventDates[made], kind).toBe('timestamp');
    }
  });

  it('keeps the files of a list kind whose file name carries a date or month (future-date and the audit snapshot read them)', () => {
    for (const kind of kinds) {
      const { list, path: pattern, slot } = kindSpec(kind);
      if (list && /<YYYY-MM(-DD)?>/.test(pattern)) expect('files' in slot && slot.files, kind).toBeTruthy();
    }
  });

  it('derives the schema look-up, the list kinds and the append-only kinds', () => {
    expect(SCHEMA_OF.plan).toBe('plan.schema.json');
    const lists = ['acknowledgements', 'agreements', 'escalations', 'outcomes', 'signoffs'];
    expect([...LIST_KINDS]).toEqual(expect.arrayContaining(lists));
    expect([...APPEND_ONLY_KINDS]).toEqual(expect.arrayContaining(lists));
    for (const kind of ['plan', 'person', 'assessment', 'review'] as const) {
      expect(LIST_KINDS.has(kind) || APPEND_ONLY_KINDS.has(kind), kind).toBe(false);
    }
  });

  it('is the table scripts/gen-types.js reads (from the TypeScript source, before any build)', async () => {
    expect(await recordKinds()).toEqual(RECORD_KINDS);
  });
});

describe('slots: a loaded record of every kind goes somewhere, and is found there again', () => {
  const base = () =>
    emptyWorkspace({
      root: '/r',
      policy: {} as never,
      timezone: 'Europe/London',
      staffPresent: new Set(),
      people: new Map(),
      loadFindings: [],
      files: [],
    });

  for (const kind of kinds) {
    it(kind, () => {
      const ws = base();
      const [{ path: file }] = samples(RECORD_KINDS[kind].path);
      const placement = placementOf(file) as RecordPlacement;
      const [first, second] = [{ at: '2026-11-03T10:00' }, { at: '2026-11-03T11:00' }];
      const value = kindSpec(kind).list ? [first, { at: 'bad' }, second] : first;
      placeRecord(ws, file, placement, { value, source: { text: () => '' }, badEntries: new Set([1]) });

      const found: { kind: RecordKind; file: string; data: unknown; person?: string }[] = [];
      const files: string[] = [];
      forEachSlot(ws, (k, records, person, holder) => {
        for (const r of records) found.push({ kind: k, file: r.file, data: r.data, person });
        files.push(...filesIn(holder, k).map((f) => f.file));
      });
      const person = 'personId' in placement ? placement.personId : undefined;
      if (kindSpec(kind).list) {
        expect(found).toEqual([
          { kind, file, data: first, person },
          { kind, file, data: second, person },
        ]);
      } else {
        expect(found).toEqual([{ kind, file, data: value, person }]);
      }
      const slot = kindSpec(kind).slot;
      expect(files).toEqual('files' in slot && slot.files ? [file] : []);
    });
  }
});

describe('layoutOf: the layout of any table of kinds', () => {
  // Issue 11 adds supervision records and an append-only list of audit actions beside the audits.
  const next = layoutOf({
    ...RECORD_KINDS,
    supervision: { path: 'supervisions/<YYYY-MM-DD>-<staff-id>.yaml' },
    auditActions: { path: 'audits/actions.yaml' },
  });

  it('places a new kind, and a list file beside dated files in one folder', () => {
    expect(next('supervisions/2026-11-03-s-dana.yaml')).toEqual({
      kind: 'supervision',
      stem: '2026-11-03-s-dana',
      date: '2026-11-03',
      staffId: 's-dana',
    });
    expect(next('audits/actions.yaml')).toEqual({ kind: 'auditActions', stem: 'actions' });
    expect(next('audits/2026-10.yaml')).toEqual({ kind: 'audit', stem: '2026-10', month: '2026-10' });
    expect(next('audits/october.yaml')).toEqual({ kind: 'unexpected', expected: 'audits/<YYYY-MM>.yaml' });
    expect(next('supervisions/2026-02-30-s-dana.yaml')).toMatchObject({
      kind: 'bad-name',
      problem: expect.stringMatching(/not a real calendar date/),
    });
  });

  it('names every pattern a misnamed file could have meant', () => {
    const both = layoutOf({ a: { path: 'notes/<YYYY-MM>.yaml' }, b: { path: 'notes/<YYYY-MM-DD>-<slug>.yaml' } });
    expect(both('notes/x.yaml')).toEqual({ kind: 'unexpected', expected: 'notes/<YYYY-MM>.yaml or notes/<YYYY-MM-DD>-<slug>.yaml' });
  });

  it('refuses a table whose kinds name one folder by different placeholders, or an unknown placeholder', () => {
    expect(() => layoutOf({ a: { path: 'x/<person-id>/a.yaml' }, b: { path: 'x/<staff-id>/b.yaml' } })).toThrow(
      /names its folder <staff-id>/,
    );
    expect(() => layoutOf({ a: { path: 'x/<when>.yaml' } })).toThrow(/unknown path placeholder <when>/);
  });
});
