import { fileNameDate, type RecordPlacement } from './layout.js';
import { momentOf } from './moment.js';
import {
  kindSpec as spec,
  RECORD_KINDS,
  type HomeKind,
  type PersonKind,
  type RecordKind,
  type RecordOf,
  type SlotFieldOf,
} from './recordKinds.js';
import { parseTimestamp } from './time.js';
import type { Doc, Entry, PersonFolder, Source, Workspace } from './workspace.js';

/**
 * Where each kind's records sit in a Workspace (the table's `slot` column): the loader puts them
 * there, and rules that look at every kind (future-date, id-mismatch, unknown-ref, the audit's
 * month-end snapshot) find them again, so no kind can be loaded and then passed over.
 */

export type AnyRecord = Doc<unknown> | Entry<unknown>;

const KINDS = Object.keys(RECORD_KINDS) as RecordKind[];
const HOME_KINDS = KINDS.filter((kind) => spec(kind).slot.in === 'home') as HomeKind[];
const PERSON_KINDS = KINDS.filter((kind) => spec(kind).slot.in === 'person') as PersonKind[];

/** A record file as read: its value and where its text can be had again. */
export interface LoadedValue {
  value: unknown;
  source: Source;
  /** For list files: indexes of entries that failed the schema, left out. */
  badEntries?: ReadonlySet<number>;
}

/** Empty slots for the kinds: a list for `each` and `entries` (and their files), a map for `byId`. */
function emptySlots(kinds: readonly RecordKind[]): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const kind of kinds) {
    const { slot } = spec(kind);
    if ('byId' in slot) slots[slot.byId] = new Map();
    if ('each' in slot) slots[slot.each] = [];
    if ('entries' in slot) slots[slot.entries] = [];
    if ('files' in slot && slot.files) slots[slot.files] = [];
  }
  return slots;
}

/** A Workspace with nothing loaded yet: `rest` is everything but the records. */
export function emptyWorkspace(rest: Omit<Workspace, SlotFieldOf<HomeKind>>): Workspace {
  return { ...rest, ...emptySlots(HOME_KINDS) } as Workspace;
}

function emptyPersonFolder(id: string): PersonFolder {
  const rest: Omit<PersonFolder, SlotFieldOf<PersonKind>> = { id, presentFiles: new Set() };
  return { ...rest, ...emptySlots(PERSON_KINDS) } as PersonFolder;
}

export function personFolderOf(ws: Workspace, id: string): PersonFolder {
  let folder = ws.people.get(id);
  if (!folder) ws.people.set(id, (folder = emptyPersonFolder(id)));
  return folder;
}

type Holder = Record<string, unknown>;

/** Puts a loaded record where its kind's slot says. */
export function placeRecord(ws: Workspace, file: string, placement: RecordPlacement, loaded: LoadedValue): void {
  const { kind, stem, personId, ...named } = placement as RecordPlacement & Record<string, string>;
  const { slot } = spec(kind);
  const holder = (slot.in === 'home' ? ws : personFolderOf(ws, personId)) as unknown as Holder;
  const doc: Doc<unknown> = { file, data: loaded.value, source: loaded.source };
  if ('entries' in slot) {
    const entries = holder[slot.entries] as Entry<unknown>[];
    (loaded.value as unknown[]).forEach((data, index) => {
      if (!loaded.badEntries?.has(index)) entries.push({ file, index, data, source: loaded.source });
    });
    if (slot.files) (holder[slot.files] as { file: string }[]).push({ file, ...named });
  } else if ('one' in slot) {
    holder[slot.one] = doc;
  } else if ('byId' in slot) {
    (holder[slot.byId] as Map<string, Doc<unknown>>).set(stem, doc);
  } else {
    (holder[slot.each] as Doc<unknown>[]).push({ ...doc, id: stem, ...named } as Doc<unknown> & { id: string });
  }
}

/** The records of one kind in the home (`ws`) or a person's folder, in the order they are kept. */
function recordsIn(holder: Workspace | PersonFolder, kind: RecordKind): readonly AnyRecord[] {
  const { slot } = spec(kind);
  const h = holder as unknown as Holder;
  if ('one' in slot) {
    const doc = h[slot.one] as Doc<unknown> | undefined;
    return doc ? [doc] : [];
  }
  if ('byId' in slot) return [...(h[slot.byId] as Map<string, Doc<unknown>>).values()];
  return h['each' in slot ? slot.each : slot.entries] as AnyRecord[];
}

/**
 * The date or month a record's file name gives (fileNameDate), from what the loader kept of its
 * placement when it can: the rules ask it of every record, and a large home holds a hundred thousand.
 */
export function nameDateOf(record: { file: string }): string | undefined {
  const placed = record as { date?: string; month?: string };
  return placed.date ?? placed.month ?? fileNameDate(record.file);
}

/** A list kind's files when its slot keeps them (outcome months), else none. */
export function filesIn(holder: Workspace | PersonFolder, kind: RecordKind): readonly { file: string }[] {
  const { slot } = spec(kind);
  return 'files' in slot && slot.files ? ((holder as unknown as Holder)[slot.files] as { file: string }[]) : [];
}

export type SlotVisit = (
  kind: RecordKind,
  records: readonly AnyRecord[],
  person: string | undefined,
  holder: Workspace | PersonFolder,
) => void;

/** Every kind's records in table order; the people's kinds come person by person where the first of them stands. */
export function forEachSlot(ws: Workspace, visit: SlotVisit): void {
  for (const kind of KINDS) {
    if (spec(kind).slot.in === 'home') visit(kind, recordsIn(ws, kind), undefined, ws);
    else if (kind === PERSON_KINDS[0]) for (const folder of ws.people.values()) forEachPersonSlot(folder, visit);
  }
}

/** The home's records (not the people's), kind by kind in table order. */
export function forEachHomeSlot(ws: Workspace, visit: SlotVisit): void {
  for (const kind of HOME_KINDS) visit(kind, recordsIn(ws, kind), undefined, ws);
}

/** A person's records, kind by kind in table order. */
export function forEachPersonSlot(folder: PersonFolder, visit: SlotVisit): void {
  for (const kind of PERSON_KINDS) visit(kind, recordsIn(folder, kind), folder.id, folder);
}

/** What to do with each record of a kind; `null` says the kind needs nothing (so none is forgotten). */
export type RecordVisitors<Kinds extends RecordKind = RecordKind> = {
  [K in Kinds]: ((record: RecordOf<K>, person: string | undefined) => void) | null;
};

type AnyVisitor = (record: AnyRecord, person: string | undefined) => void;

/** The visitor for a kind's records, taking any record (the caller passes only that kind's). */
export function visitorFor(visitors: Partial<RecordVisitors>, kind: RecordKind): AnyVisitor | undefined {
  return (visitors[kind] ?? undefined) as AnyVisitor | undefined;
}

/** A SlotVisit calling the visitor for each record of its kind. */
export function byKind(visitors: Partial<RecordVisitors>): SlotVisit {
  return (kind, records, person) => {
    const visit = visitorFor(visitors, kind);
    if (visit) for (const record of records) visit(record, person);
  };
}

/** When a record was made (the table's `made`), as epoch ms; undefined when the kind has none or it is not a timestamp. */
export function madeAt(kind: RecordKind, record: AnyRecord, zone: string): number | undefined {
  const field = spec(kind).made;
  if (field === undefined) return undefined;
  if (field === 'at' && 'index' in record) return momentOf(record as Entry<{ at: string }>, zone);
  const value = (record.data as Record<string, unknown>)[field];
  return typeof value === 'string' ? parseTimestamp(value, zone) : undefined;
}

/**
 * The home's (or a person's) lists of records, each kept only where `keep` says: for a snapshot
 * of the records as they stood. Records kept alone (`one`, `byId`) are the caller's to judge.
 */
export function keptLists<H extends Workspace | PersonFolder>(
  holder: H,
  keep: (kind: RecordKind, record: AnyRecord) => boolean,
  keepFile: (file: string) => boolean,
): Partial<H> {
  const kept: Holder = {};
  const h = holder as unknown as Holder;
  for (const kind of 'people' in holder ? HOME_KINDS : PERSON_KINDS) {
    const { slot } = spec(kind);
    if ('each' in slot || 'entries' in slot) {
      const field = 'each' in slot ? slot.each : slot.entries;
      kept[field] = (h[field] as AnyRecord[]).filter((record) => keep(kind, record));
    }
    if ('files' in slot && slot.files) kept[slot.files] = (h[slot.files] as { file: string }[]).filter((f) => keepFile(f.file));
  }
  return kept as Partial<H>;
}
