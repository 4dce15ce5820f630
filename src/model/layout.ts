import { isCalendarDate } from './time.js';
import { isId } from './ids.js';
import { kindSpec, RECORD_KINDS, type PersonKind, type PlacementOfKind, type RecordKind } from './recordKinds.js';

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

/** A record under people/<person-id>/. */
export type PersonPlacement = Extract<RecordPlacement, { kind: PersonKind }>;

export function isPersonPlacement(placement: Placement): placement is PersonPlacement {
  return placement.kind in RECORD_KINDS && kindSpec(placement.kind as RecordKind).slot.in === 'person';
}

/** The schema file each record kind is validated against. */
export const SCHEMA_OF = Object.fromEntries(RECORD_KIND_NAMES.map((kind) => [kind, RECORD_KINDS[kind].schema])) as Record<
  RecordKind,
  string
>;

/** Kinds whose file is a list of entries: a bad entry is left out, not the whole file. */
export const LIST_KINDS: ReadonlySet<RecordKind> = new Set(RECORD_KIND_NAMES.filter((kind) => RECORD_KINDS[kind].list));

/** Kinds whose entries are only ever added to (SPEC section 1): `careplan verify` checks their history. */
export const APPEND_ONLY_KINDS: ReadonlySet<string> = new Set(RECORD_KIND_NAMES.filter((kind) => RECORD_KINDS[kind].appendOnly));

/** The folder under people/ that holds `file` (people/<folder>/…), whatever its name; undefined for any other path. */
export function personFolderOfPath(file: string): string | undefined {
  if (!file.startsWith('people/')) return undefined;
  const slash = file.indexOf('/', 7);
  return slash > 7 ? file.slice(7, slash) : undefined;
}

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
  'YYYY-MM-DD': {
    field: 'date',
    shape: '\\d{4}-\\d{2}-\\d{2}',
    problem: (date) => (isCalendarDate(date) ? undefined : `the file name's date ${date} is not a real calendar date`),
  },
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
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A folder of the layout, made ready for matching paths against every kind's pattern. */
interface Folder {
  /** Sub-folders by literal name (people/, outcomes/…). */
  named: Map<string, Folder>;
  /** The sub-folder named by a placeholder (people/<person-id>/), if any. */
  any?: { placeholder: Placeholder; folder: Folder };
  /** Files of a literal name (plan.yaml) by stem, and their kind. */
  files: Map<string, string>;
  /** Files named by a pattern, in table order. */
  patterns: { kind: string; pattern: RegExp; placeholders: Placeholder[]; shown: string }[];
}

const emptyFolder = (): Folder => ({ named: new Map(), files: new Map(), patterns: [] });

function addKind(root: Folder, kind: string, path: string): void {
  const parts = path.split('/');
  const name = parts.pop()!.replace(/\.yaml$/, '');
  let folder = root;
  let afterPlaceholders = 0;
  for (const [depth, part] of parts.entries()) {
    if (part.startsWith('<')) {
      const wanted = placeholder(part.slice(1, -1));
      if (folder.any && folder.any.placeholder.field !== wanted.field) {
        throw new Error(`record kinds: ${path} names its folder ${part} where another kind has <${folder.any.placeholder.field}>`);
      }
      folder.any ??= { placeholder: wanted, folder: emptyFolder() };
      folder = folder.any.folder;
      afterPlaceholders = depth + 1;
    } else {
      if (!folder.named.has(part)) folder.named.set(part, emptyFolder());
      folder = folder.named.get(part)!;
    }
  }
  const placeholders = [...name.matchAll(PLACEHOLDER)].map((m) => placeholder(m[1]));
  if (placeholders.length === 0) {
    folder.files.set(name, kind);
    return;
  }
  const escaped = name.split(PLACEHOLDER).map((text, i) => (i % 2 ? `(${placeholder(text).shape})` : escapeRegExp(text)));
  // What `unexpected-file` suggests: the pattern from the first folder below a person's (or other named) folder.
  const shown = path
    .split('/')
    .slice(afterPlaceholders)
    .join('/')
    .replace(/<\w+:([^>]+)>/g, '<$1>');
  folder.patterns.push({ kind, pattern: new RegExp(`^${escaped.join('')}$`), placeholders, shown });
}

/**
 * The layout of a table of kinds (a name → its path pattern): what says where a path belongs.
 * Folder by folder: a folder named by a placeholder (people/<person-id>/) must be a valid id before
 * anything under it can belong to anyone; a literal name beats a pattern in the same folder.
 */
export function layoutOf(kinds: Readonly<Record<string, { readonly path: string }>>): (path: string) => Placement {
  const root = emptyFolder();
  for (const [kind, { path }] of Object.entries(kinds)) addKind(root, kind, path);
  return (path) => place(root, path);
}

/** Where a repository-relative path (forward slashes) belongs in the layout. */
export const placementOf: (path: string) => Placement = layoutOf(RECORD_KINDS);

// Every file of a home goes through here on a check (88,000 at 1,000 people): the folders are taken
// from the path one by one rather than split into an array, and captures made only when there are some.
function place(root: Folder, path: string): Placement {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  if (!name.endsWith('.yaml')) {
    return { kind: 'unexpected', expected: name.endsWith('.yml') ? 'records use the .yaml extension' : undefined };
  }
  const stem = name.slice(0, -'.yaml'.length);
  let captures: Record<string, string> | undefined;
  let folder = root;
  for (let at = 0; at <= slash; ) {
    const end = path.indexOf('/', at);
    const part = path.slice(at, end);
    at = end + 1;
    const named = folder.named.get(part);
    if (named) {
      folder = named;
    } else if (folder.any) {
      const problem = folder.any.placeholder.problem?.(part);
      if (problem) return { kind: 'bad-name', problem };
      (captures ??= {})[folder.any.placeholder.field] = part;
      folder = folder.any.folder;
    } else {
      return { kind: 'unexpected' };
    }
  }
  const kind = folder.files.get(stem);
  if (kind) return { kind, stem, ...captures } as Placement;
  for (const { kind: patterned, pattern, placeholders } of folder.patterns) {
    const m = pattern.exec(stem);
    if (!m) continue;
    for (let i = 0; i < placeholders.length; i++) {
      const wanted = placeholders[i];
      const problem = wanted.problem?.(m[i + 1]);
      if (problem) return { kind: 'bad-name', problem };
      (captures ??= {})[wanted.field] = m[i + 1];
    }
    return { kind: patterned, stem, ...captures } as Placement;
  }
  if (folder.patterns.length === 0) return { kind: 'unexpected' };
  return { kind: 'unexpected', expected: folder.patterns.map((p) => p.shown).join(' or ') };
}
