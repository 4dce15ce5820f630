import { isCalendarDate } from './time.js';
import { isId } from './ids.js';
import { RECORD_KINDS, type PlacementOfKind, type RecordKind } from './recordKinds.js';

export type { RecordKind } from './recordKinds.js';

/** Where a record file was found: its kind and what its path says (person, date, month…). */
export type RecordPlacement = { [K in RecordKind]: Flat<PlacementOfKind<K>> }[RecordKind];
type Flat<T> = { [F in keyof T]: T[F] };

/** What a path in the records repository holds (SPEC section 1, "The records repository"). */
export type Placement =
  | RecordPlacement
  /** A layout file whose name is not a valid id or date: its identity is broken. */
  | { kind: 'bad-name'; problem: string }
  | { kind: 'unexpected'; expected?: string };

export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as RecordKind[];

/** The schema file each record kind is validated against. */
export const SCHEMA_OF = Object.fromEntries(RECORD_KIND_NAMES.map((kind) => [kind, RECORD_KINDS[kind].schema])) as Record<RecordKind, string>;

/** Kinds whose file is a list of entries: a bad entry is left out, not the whole file. */
export const LIST_KINDS: ReadonlySet<RecordKind> = new Set(RECORD_KIND_NAMES.filter((kind) => RECORD_KINDS[kind].list));

/** Kinds whose entries are only ever added to (SPEC section 1): `careplan verify` checks their history. */
export const APPEND_ONLY_KINDS: ReadonlySet<string> = new Set(RECORD_KIND_NAMES.filter((kind) => RECORD_KINDS[kind].appendOnly));

/** The date (or month) a file name gives, as in spotchecks/2026-11-03-s-dana.yaml; undefined when it gives none. */
export function fileNameDate(file: string): string | undefined {
  const placement = placementOf(file);
  return 'date' in placement ? placement.date : 'month' in placement ? placement.month : undefined;
}

interface Placeholder {
  field: string;
  /** What the text must look like to be this placeholder at all (else the file is unexpected). */
  shape: string;
  /** Why a value of the right shape still breaks the record's identity. */
  problem?: (value: string) => string | undefined;
}

const anId = (what: string) => (value: string) =>
  isId(value) ? undefined : `${what} "${value}" is not a valid id (lowercase letters, digits and hyphens, starting with a letter or digit)`;

const PLACEHOLDERS: Record<string, Placeholder> = {
  'person-id': { field: 'personId', shape: '.+', problem: anId('person id') },
  'staff-id': { field: 'staffId', shape: '.+', problem: anId('staff id') },
  slug: { field: 'slug', shape: '.+', problem: anId('slug') },
  'YYYY-MM-DD': { field: 'date', shape: '\\d{4}-\\d{2}-\\d{2}', problem: (date) => (isCalendarDate(date) ? undefined : `the file name's date ${date} is not a real calendar date`) },
  'YYYY-MM': { field: 'month', shape: '\\d{4}-(?:0[1-9]|1[0-2])' },
};

function placeholder(name: string): Placeholder {
  const known = PLACEHOLDERS[name];
  if (known) return known;
  const choice = /^(\w+):([\w|-]+)$/.exec(name);
  if (!choice) throw new Error(`record kinds: unknown path placeholder <${name}>`);
  return { field: choice[1], shape: `(?:${choice[2]})` };
}

const PLACEHOLDER = /<([^>]+)>/g;

/** A path pattern made ready for matching. */
interface CompiledKind {
  kind: RecordKind;
  /** Folder names: a literal, or a placeholder such as <person-id>. */
  folders: ({ literal: string } | { placeholder: Placeholder })[];
  /** The file name without `.yaml`: a literal, or a pattern with the placeholders in order. */
  file: { literal: string } | { pattern: RegExp; placeholders: Placeholder[] };
  /** The pattern as a person reads it, from its first folder after the last placeholder folder. */
  shown: string;
}

function compile(kind: RecordKind): CompiledKind {
  const parts = RECORD_KINDS[kind].path.split('/');
  const name = parts.pop()!.replace(/\.yaml$/, '');
  const folders = parts.map((part) => (part.startsWith('<') ? { placeholder: placeholder(part.slice(1, -1)) } : { literal: part }));
  const placeholders = [...name.matchAll(PLACEHOLDER)].map((m) => placeholder(m[1]));
  const escaped = name.split(PLACEHOLDER).map((text, i) => (i % 2 ? `(${placeholder(text).shape})` : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const afterPlaceholders = folders.reduce((from, f, i) => ('placeholder' in f ? i + 1 : from), 0);
  const shown = RECORD_KINDS[kind].path.split('/').slice(afterPlaceholders).join('/').replace(/<\w+:([^>]+)>/g, '<$1>');
  return {
    kind, folders, shown,
    file: placeholders.length === 0 ? { literal: name } : { pattern: new RegExp(`^${escaped.join('')}$`), placeholders },
  };
}

const COMPILED = RECORD_KIND_NAMES.map(compile);

/** Where a repository-relative path (forward slashes) belongs in the layout. */
export function placementOf(path: string): Placement {
  const parts = path.split('/');
  const name = parts.pop()!;
  if (!name.endsWith('.yaml')) {
    return { kind: 'unexpected', expected: name.endsWith('.yml') ? 'records use the .yaml extension' : undefined };
  }
  const stem = name.slice(0, -'.yaml'.length);
  const captures: Record<string, string> = {};
  let candidates = COMPILED;
  // Folder by folder: a folder named by a placeholder (people/<person-id>/) must be a valid id
  // before anything under it can belong to anyone.
  for (const [depth, folder] of parts.entries()) {
    const literal = candidates.filter((c) => { const f = c.folders[depth]; return f && 'literal' in f && f.literal === folder; });
    if (literal.length > 0) {
      candidates = literal;
      continue;
    }
    candidates = candidates.filter((c) => { const f = c.folders[depth]; return f && 'placeholder' in f; });
    if (candidates.length === 0) return { kind: 'unexpected' };
    const { placeholder: wanted } = candidates[0].folders[depth] as { placeholder: Placeholder };
    const problem = wanted.problem?.(folder);
    if (problem) return { kind: 'bad-name', problem };
    captures[wanted.field] = folder;
  }
  candidates = candidates.filter((c) => c.folders.length === parts.length);
  const named = candidates.find((c) => 'literal' in c.file && c.file.literal === stem);
  if (named) return { kind: named.kind, stem, ...captures } as RecordPlacement;
  for (const c of candidates) {
    if (!('pattern' in c.file)) continue;
    const m = c.file.pattern.exec(stem);
    if (!m) continue;
    for (const [i, wanted] of c.file.placeholders.entries()) {
      const problem = wanted.problem?.(m[i + 1]);
      if (problem) return { kind: 'bad-name', problem };
      captures[wanted.field] = m[i + 1];
    }
    return { kind: c.kind, stem, ...captures } as RecordPlacement;
  }
  const patterns = candidates.filter((c) => 'pattern' in c.file).map((c) => c.shown);
  return patterns.length > 0 ? { kind: 'unexpected', expected: patterns.join(' or ') } : { kind: 'unexpected' };
}
