import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model/findings.js';
import { identityFinding } from '../rules/identity.js';
import { loadFinding } from '../rules/loading.js';
import { lineOf } from '../model/positions.js';
import { DEFAULT_TIMEZONE, resolvePolicy, type Policy } from '../model/policy.js';
import { lastDayOf, settledMonthOf, type SettledMonth } from '../model/settledMonth.js';
import { scanSettledMonth } from '../model/settledScan.js';
import { quietMonth } from '../rules/settled.js';
import { parseTimestamp, isTimeZone } from '../model/time.js';
import type { OutcomeEntry, PersonFolder, Source, Workspace } from '../model/workspace.js';
import { LIST_KINDS, personFolderOfPath, placementOf, SCHEMA_OF, type RecordKind, type RecordPlacement } from '../model/layout.js';
import { emptyWorkspace as emptyRecords, personFolderOf, placeRecord } from '../model/slots.js';
import { describeSchemaErrors } from './schemaMessages.js';
import { validatorFor } from './schemas.js';
import { decodeRecord, MAX_FILE_BYTES, parseYaml } from '../model/yamlText.js';
import { symlinkFinding } from '../rules/symlinks.js';
import { CONFIG_FILE } from './configFile.js';
import { mappingFindings } from './cqcMappingFile.js';
import { inspectPath, UnsafeReadError, type PathState } from './safePath.js';
import { leadsToFolder, listRecordFiles, readRecordBytes, type RecordListing } from './listing.js';
import { compareText } from '../model/textOrder.js';

export { CONFIG_FILE } from './configFile.js';

export { findRepositoryRoot, listRecordFiles, type RecordListing } from './listing.js';

/** Every *.yaml / *.yml file below root, repository-relative with forward slashes. Hidden folders are not records. */
export function listYamlFiles(root: string, under = ''): string[] {
  return listRecordFiles(root, under).files;
}

export interface LoadOptions {
  /**
   * Load only careplan.yaml, the staff and these people's folders (a write, `validate FILE`, `plan
   * show`): what one person's records and their rules need, so the time does not grow with the
   * home. An empty set loads the home's own records, and every person's folder is only known to exist.
   */
  onlyPeople?: ReadonlySet<string>;
  /**
   * Read less for judging the present: outcome months that ended before the date `before` gives
   * (from the home's timezone and policy: settledBefore) are read as facts (SettledMonth), unless
   * one could make a finding of its own as of `now` (quietMonth), when it is read in full.
   */
  settle?: SettleOptions;
}

/** Which outcome months a load reads as facts (LoadOptions.settle). */
export interface SettleOptions {
  before: (zone: string, policy: Policy) => string | undefined;
  now: number;
}

/** Where the loader gets files: the disk, or (for tests) a map in memory. */
export interface RecordReader {
  /** Every YAML file, repository-relative with forward slashes, sorted. */
  list(): string[];
  read(file: string): Uint8Array;
  /** Symbolic links in the records folder (RecordListing.links); none when absent. */
  links?(): string[];
  /** What stands at a path (for files careplan.yaml names); a missing path when absent. */
  inspect?(file: string): PathState;
  /** careplan.yaml, staff/ and these people's folders only (see LoadOptions.onlyPeople), sorted. */
  listPeople?(people: ReadonlySet<string>): string[];
}

/**
 * The records on disk. A record is read without following a link (O_NOFOLLOW) and refused above
 * the loader's size limit before it is read; decodeRecord turns that refusal into a finding.
 * A load of some people walks only their scope, and links() then reports the links in it.
 */
export function diskReader(root: string, listing?: RecordListing): RecordReader {
  let listed = listing;
  const walk = () => (listed ??= listRecordFiles(root));
  // Folders found to be real folders (no link on the way) by this reader's reads: each is checked once.
  const folders = new Set<string>();
  return {
    list: () => walk().files,
    links: () => walk().links,
    read: (file) => readRecordBytes(root, file, folders),
    inspect: (file) => inspectPath(root, file),
    listPeople: (people) => {
      listed = listPeopleFiles(root, people);
      return listed.files;
    },
  };
}

/** Whether a repository-relative file belongs to what a load of `people` reads. */
export function inPeopleScope(file: string, people: ReadonlySet<string>): boolean {
  if (file === CONFIG_FILE || file.startsWith('staff/')) return true;
  const parts = file.split('/');
  return parts[0] === 'people' && parts.length > 2 && people.has(parts[1]);
}

/** Adds what stands at `rel` to a listing: a folder walked, a YAML file listed, a link (on the way or at it) reported. */
function addPath(root: string, rel: string, into: RecordListing): void {
  const state = inspectPath(root, rel);
  if (state.kind === 'link') {
    // As listRecordFiles: a link named like a record, or leading to a folder, or on the way to `rel`.
    const listed = state.at !== rel || /\.ya?ml$/.test(rel) || leadsToFolder(path.join(root, rel));
    if (listed && !into.links.includes(state.at)) into.links.push(state.at);
  } else if (state.kind === 'folder') {
    const inner = listRecordFiles(root, rel);
    into.files.push(...inner.files);
    into.links.push(...inner.links);
  } else if (state.kind === 'file' && /\.ya?ml$/.test(rel)) {
    into.files.push(rel);
  }
}

/** careplan.yaml, staff/ and people/<id>/ for each id: walked alone, not the whole records folder. */
function listPeopleFiles(root: string, people: ReadonlySet<string>): RecordListing {
  const listing: RecordListing = { files: [], links: [] };
  for (const rel of [CONFIG_FILE, 'staff', ...[...people].map((id) => `people/${id}`)]) addPath(root, rel, listing);
  listing.files.sort();
  listing.links.sort();
  return listing;
}

/**
 * What `validate` of a home record (a spot check, a supervision, a staff file) needs: every record
 * outside people/, each person's person.yaml (home records name people, and care-after-discharge
 * reads their stay), and these people's folders in full. Not the rest of every person's folder.
 */
export function listHomeFiles(root: string, people: ReadonlySet<string>): RecordListing {
  const listing: RecordListing = { files: [], links: [] };
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'people') continue;
    addPath(root, entry.name, listing);
  }
  const state = inspectPath(root, 'people');
  if (state.kind === 'link') listing.links.push('people');
  const folders = state.kind === 'folder' ? readdirSync(path.join(root, 'people'), { withFileTypes: true }) : [];
  for (const entry of folders) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const folder = `people/${entry.name}`;
    if (entry.isSymbolicLink() || !entry.isDirectory() || people.has(entry.name)) addPath(root, folder, listing);
    else addPath(root, `${folder}/person.yaml`, listing);
  }
  listing.files.sort();
  listing.links.sort();
  return listing;
}

/** In-memory records for ten-line rule fixtures (STYLE: rules testable without a file system). */
export function memoryReader(files: Record<string, string>): RecordReader {
  const list = () =>
    Object.keys(files)
      .filter((f) => /\.ya?ml$/.test(f) && !f.split('/').some((p) => p.startsWith('.')))
      .sort();
  return {
    list,
    read: (file) => Buffer.from(files[file], 'utf8'),
    inspect: (file) => (file in files ? { kind: 'file', size: Buffer.byteLength(files[file]) } : { kind: 'missing' }),
    listPeople: (people) => list().filter((file) => inPeopleScope(file, people)),
  };
}

/** The files a load reads: the people's scope when it names people and the reader can list it, else all. */
export function filesToLoad(reader: RecordReader, options: LoadOptions): string[] {
  const people = options.onlyPeople;
  return people?.size && reader.listPeople ? reader.listPeople(people) : reader.list();
}

export class FileSource implements Source {
  private cached?: string;
  constructor(
    private readonly reload: () => string,
    text?: string,
  ) {
    this.cached = text;
  }
  text(): string {
    this.cached ??= this.reload();
    return this.cached;
  }
  /** Let go of the text once parsed: a large repository must not hold every file twice. */
  release(): void {
    this.cached = undefined;
  }
}

/** Load the whole records repository once into memory (STYLE: load → judge → format → write). */
export function loadWorkspace(root: string, options: LoadOptions = {}, reader: RecordReader = diskReader(root)): Workspace {
  const ws = emptyWorkspace(root);
  const jobs = plan(ws, filesToLoad(reader, options), options);
  // Only a load of some people's records remembers its parses: a whole home's would hold every file.
  const load = options.onlyPeople?.size ? rememberedLoad : loadRecord;
  // With `settle`: decided once careplan.yaml (the first of the files that can come before
  // people/) is read; with no careplan.yaml, nothing is settled.
  let settled: { zone: string; before: string } | undefined;
  for (const job of jobs) {
    const { placement } = job;
    if (settled && placement.kind === 'outcomes' && lastDayOf(placement.month) < settled.before) {
      loadSettled(ws, reader, job, placement.month, settled.zone);
      continue;
    }
    const loaded = load(reader, job.file, placement.kind, ws.loadFindings, job.person);
    if (loaded) placeRecord(ws, job.file, placement, loaded);
    if (placement.kind === 'config' && options.settle) {
      const { zone, policy } = homeSettings(loaded?.value as { timezone?: unknown } | undefined);
      const before = options.settle.before(zone, policy);
      if (before !== undefined) settled = { zone, before };
    }
  }
  finish(ws);
  if (settled) readUnquietMonths(ws, reader, settled.before, options.settle!.now, false);
  return checkPaths(ws, reader);
}

/** Settled months read as facts by this process's loads, by file, month and zone (the last 64). */
const settledFacts = new Map<string, { text: string; facts: SettledMonth }>();

/**
 * A settled month placed as its facts when it is valid (readSettledMonth), or as the full read
 * places it, its findings said, when it is not. A write loads a person's folder up to four times:
 * each month's facts are worked out once and kept, frozen, as a kept parse is.
 */
function loadSettled(ws: Workspace, reader: RecordReader, job: LoadJob, month: string, zone: string): void {
  const findings: Finding[] = [];
  const decoded = readDecoded(reader, job.file, findings, job.person);
  if (!decoded) {
    ws.loadFindings.push(...findings);
    return;
  }
  const source = new FileSource(() => Buffer.from(reader.read(job.file)).toString('utf8'));
  const key = `${job.file}\0${month}\0${zone}`;
  const kept = settledFacts.get(key);
  if (decoded.ok && kept?.text === decoded.text) {
    placeSettled(ws, job, kept.facts, source);
    return;
  }
  const read = readSettledMonth(decoded, reader, job.file, job.person, month, zone, false, findings);
  ws.loadFindings.push(...findings);
  if ('facts' in read) {
    deepFreeze(read.facts);
    if (decoded.ok) settledFacts.set(key, { text: decoded.text, facts: read.facts });
    if (settledFacts.size > 64) settledFacts.delete(settledFacts.keys().next().value!);
    placeSettled(ws, job, read.facts, source);
  } else if (read.loaded) {
    placeRecord(ws, job.file, job.placement, read.loaded);
  }
}

/**
 * A settled outcome month (`check`'s, and a write's: LoadOptions.settle) as its facts when it is
 * valid: straight from its text when it is as careplan writes it (settledScan.ts), else read in
 * full and reduced (settledMonthOf). When it is not valid, the full read, its findings said in
 * `findings`. `withoutNotes` leaves notes out of the entries a month keeps in full (those with a
 * variation), as both ways do.
 */
export function readSettledMonth(
  decoded: DecodedRecord,
  reader: RecordReader,
  file: string,
  person: string | undefined,
  month: string,
  zone: string,
  withoutNotes: boolean,
  findings: Finding[],
): { facts: SettledMonth } | { loaded: LoadedRecord | undefined } {
  const scanned = decoded.ok && decoded.plain ? scanSettledMonth(decoded.text, file, month, zone, withoutNotes) : undefined;
  if (scanned) return { facts: scanned };
  const mine: Finding[] = [];
  const loaded = readRecord(decoded, reader, file, 'outcomes', mine, person);
  findings.push(...mine);
  if (!loaded || mine.length > 0) return { loaded };
  const entries = loaded.value as OutcomeEntry[];
  if (withoutNotes) for (const entry of entries) delete (entry as { note?: string }).note;
  return { facts: settledMonthOf(file, month, entries, zone) };
}

interface Remembered {
  text: string;
  loaded: Omit<LoadedRecord, 'source'> | undefined;
  findings: Finding[];
}

/** Parses kept by rememberedLoad, oldest first, and the characters of text they hold. */
const remembered = new Map<string, Remembered>();
let rememberedSize = 0;
const REMEMBER_CHARS = 32 * 1024 * 1024;

/**
 * loadRecord, kept for the next load of the same file in this process. A write loads one person's
 * records up to four times (before its lock, inside it, and twice as they would be after it), and
 * parsing and validating are most of a load. A file is known by its path, kind and exact text, so
 * a changed file is parsed afresh; the kept value is frozen, since every load shares it.
 */
export function rememberedLoad(
  reader: RecordReader,
  file: string,
  kind: RecordKind,
  findings: Finding[],
  person: string | undefined,
): LoadedRecord | undefined {
  const decoded = readDecoded(reader, file, findings, person);
  if (!decoded) return undefined;
  if (!decoded.ok) return readRecord(decoded, reader, file, kind, findings, person);
  const { text } = decoded;
  const key = `${kind}\0${person ?? ''}\0${file}`;
  const kept = remembered.get(key);
  if (kept && kept.text === text) {
    findings.push(...kept.findings.map((f) => ({ ...f })));
    return kept.loaded && { ...kept.loaded, source: sourceOf(reader, file, text) };
  }
  const mine: Finding[] = [];
  const loaded = readRecord(decoded, reader, file, kind, mine, person);
  findings.push(...mine);
  if (loaded) deepFreeze(loaded.value);
  remember(key, { text, loaded: loaded && { value: loaded.value, badEntries: loaded.badEntries }, findings: mine.map((f) => ({ ...f })) });
  return loaded;
}

function remember(key: string, entry: Remembered): void {
  const before = remembered.get(key);
  if (before) rememberedSize -= before.text.length;
  remembered.delete(key);
  remembered.set(key, entry);
  rememberedSize += entry.text.length;
  for (const [oldest, { text }] of remembered) {
    if (rememberedSize <= REMEMBER_CHARS) break;
    remembered.delete(oldest);
    rememberedSize -= text.length;
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * The links in the records folder (`symlink`: careplan reads nothing through them, and says so
 * rather than leave a record silently unread) and the files careplan.yaml names.
 */
export function checkPaths(ws: Workspace, reader: RecordReader): Workspace {
  for (const file of reader.links?.() ?? []) {
    ws.loadFindings.push(
      symlinkFinding('symlink', {
        file,
        person: personFolderOfPath(file),
        message: `${file} is a symbolic link, so careplan does not read it or anything beneath it`,
        fix:
          "replace the link with the record or folder itself: a link can bring another home's records, or files from outside " +
          'the repository, into this one',
      }),
    );
  }
  ws.loadFindings.push(...mappingFindings(ws, reader));
  return ws;
}

export function emptyWorkspace(root: string): Workspace {
  return emptyRecords({
    root,
    policy: resolvePolicy(undefined),
    timezone: DEFAULT_TIMEZONE,
    staffPresent: new Set(),
    people: new Map(),
    loadFindings: [],
    files: [],
  });
}

/** One record to read: where it goes in the layout. */
export interface LoadJob {
  file: string;
  placement: RecordPlacement;
  person?: string;
}

/**
 * Places every file in the layout; returns the records to read. Layout findings go straight to the
 * workspace. The folders of `unread` people (check's kept findings: personResults.ts) are only
 * listed: their files are present (presentFiles), never placed or read, and make no findings.
 */
export function plan(ws: Workspace, files: string[], options: LoadOptions, unread?: ReadonlySet<string>): LoadJob[] {
  ws.files = files;
  const findings = ws.loadFindings;
  const jobs: LoadJob[] = [];
  for (const file of files) {
    const folder = unread?.size ? personFolderOfPath(file) : undefined;
    if (folder !== undefined && unread?.has(folder)) {
      personFolderOf(ws, folder).presentFiles.add(file.slice(folder.length + 8));
      continue;
    }
    const placement = placementOf(file);
    if (placement.kind === 'unexpected') {
      findings.push(
        loadFinding('unexpected-file', {
          file,
          message:
            `${file} is not part of the records layout, so careplan ignores ` +
            `it${placement.expected ? ` (expected ${placement.expected})` : ''}`,
          fix:
            'move or rename it to where it belongs, or delete it ' +
            '(the "Records" section of the README shows where each kind of record lives)',
        }),
      );
      continue;
    }
    if (placement.kind === 'bad-name') {
      findings.push(
        identityFinding('id-mismatch', {
          file,
          person: personFolderOfPath(file),
          message: `${placement.problem}, so the record has no valid identity`,
          fix: 'rename the file or folder',
        }),
      );
      continue;
    }
    const personId = 'personId' in placement ? placement.personId : undefined;
    if (personId) {
      const f = personFolderOf(ws, personId);
      // The path inside the person's folder (people/ID/…), without splitting it: 88,000 files at 1,000 people.
      const inFolder = file.indexOf('/', file.indexOf('/') + 1);
      f.presentFiles.add(inFolder < 0 ? '' : file.slice(inFolder + 1));
      if (options.onlyPeople && !options.onlyPeople.has(personId)) continue;
    }
    if (placement.kind === 'staff') ws.staffPresent.add(placement.staffId);
    jobs.push({ file, placement, person: personId });
  }
  return jobs;
}

/** careplan.yaml's timezone (when it is one) and policy, as finish() will settle them. */
export function homeSettings(config: { timezone?: unknown } | undefined): { zone: string; policy: Policy } {
  const zone = typeof config?.timezone === 'string' && config.timezone && isTimeZone(config.timezone) ? config.timezone : DEFAULT_TIMEZONE;
  return { zone, policy: resolvePolicy(config as Parameters<typeof resolvePolicy>[0]) };
}

/** A settled month in its person's folder: its file, its facts, and its entries with a variation. */
export function placeSettled(ws: Workspace, job: LoadJob, month: SettledMonth, source: FileSource): void {
  const folder = personFolderOf(ws, job.person!);
  folder.outcomeFiles.push({ file: month.file, month: month.month });
  (folder.settledOutcomes ??= []).push(month);
  for (const { index, data } of month.varied) folder.outcomes.push({ file: month.file, index, data, source });
}

/** Settled months that could make a finding of their own are read in full and judged like any other. */
export function readUnquietMonths(ws: Workspace, reader: RecordReader, before: string, now: number, withoutNotes: boolean): void {
  for (const folder of ws.people.values()) {
    const unquiet = (folder.settledOutcomes ?? []).filter((month) => !quietMonth(month, folder, ws, before, now));
    if (!unquiet.length) continue;
    for (const month of unquiet) readInFull(folder, month, reader, withoutNotes, ws);
    sortOutcomes(folder);
  }
}

function readInFull(folder: PersonFolder, month: SettledMonth, reader: RecordReader, withoutNotes: boolean, ws: Workspace): void {
  folder.settledOutcomes = folder.settledOutcomes!.filter((m) => m !== month);
  folder.outcomes = folder.outcomes.filter((entry) => entry.file !== month.file);
  const findings: Finding[] = [];
  const loaded = loadRecord(reader, month.file, 'outcomes', findings, folder.id);
  // The file changed on disk since it was read (or became unreadable): its findings are said as they are now.
  ws.loadFindings.push(...findings);
  if (!loaded) return;
  const entries = loaded.value as OutcomeEntry[];
  entries.forEach((data, index) => {
    if (loaded.badEntries?.has(index)) return;
    if (withoutNotes) delete (data as { note?: string }).note;
    folder.outcomes.push({ file: month.file, index, data, source: loaded.source });
  });
}

/** Settles the policy and timezone from careplan.yaml and puts every person's records in order. */
export function finish(ws: Workspace): Workspace {
  if (ws.config) {
    const zone = ws.config.data.timezone;
    if (zone !== undefined && !isTimeZone(zone)) {
      ws.loadFindings.push(
        loadFinding('schema', {
          file: CONFIG_FILE,
          line: lineOf(ws.config.source, ['timezone']),
          // Quoted only when shaped like a timezone name (Area/Place): the field may hold anything.
          message:
            `timezone ${/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone) ? `"${zone}" ` : ''}` +
            `is not a known IANA timezone; using ${DEFAULT_TIMEZONE}`,
          fix: 'set timezone to a name such as Europe/London',
        }),
      );
    } else if (zone) {
      ws.timezone = zone;
    }
    ws.policy = resolvePolicy(ws.config.data);
  }
  sortFolders(ws);
  return ws;
}

export interface LoadedRecord {
  source: FileSource;
  value: unknown;
  /** For list files: indexes of entries that failed the schema. */
  badEntries?: Set<number>;
}

export function loadRecord(
  reader: RecordReader,
  file: string,
  kind: RecordKind,
  findings: Finding[],
  person: string | undefined,
): LoadedRecord | undefined {
  const decoded = readDecoded(reader, file, findings, person);
  return decoded && readRecord(decoded, reader, file, kind, findings, person);
}

/** The file's text (decodeRecord's answer), or undefined with the finding that says why the file cannot be read. */
export function readDecoded(
  reader: RecordReader,
  file: string,
  findings: Finding[],
  person: string | undefined,
): DecodedRecord | undefined {
  const bytes = readBytes(reader, file, findings, person);
  return bytes && decodeRecord(bytes);
}

type DecodedRecord = ReturnType<typeof decodeRecord>;

/** The file's bytes, or undefined with the finding that says why they cannot be read. */
function readBytes(reader: RecordReader, file: string, findings: Finding[], person: string | undefined): Uint8Array | undefined {
  try {
    return reader.read(file);
  } catch (error) {
    findings.push(unreadable(error, file, person));
    return undefined;
  }
}

/** The record's text as read, read again from the file if let go (FileSource.release). */
function sourceOf(reader: RecordReader, file: string, text: string): FileSource {
  return new FileSource(() => Buffer.from(reader.read(file)).toString('utf8'), text);
}

/** loadRecord, given the file's bytes decoded (readDecoded). */
export function readRecord(
  decoded: ReturnType<typeof decodeRecord>,
  reader: RecordReader,
  file: string,
  kind: RecordKind,
  findings: Finding[],
  person: string | undefined,
): LoadedRecord | undefined {
  if (!decoded.ok) {
    findings.push(loadFinding('yaml-syntax', { file, person, message: decoded.message, fix: decoded.fix }));
    return undefined;
  }
  const parsed = parseYaml(decoded.text, decoded.plain);
  const source = sourceOf(reader, file, decoded.text);
  if (!parsed.ok) {
    findings.push(loadFinding('yaml-syntax', { file, person, line: parsed.line, message: parsed.message, fix: parsed.fix }));
    return undefined;
  }
  if (parsed.value === null || parsed.value === undefined) {
    findings.push(
      loadFinding('yaml-syntax', {
        file,
        person,
        message: 'file holds no record (only comments or an empty document)',
        fix: 'write the record, or delete the file',
      }),
    );
    return undefined;
  }
  const validate = validatorFor(SCHEMA_OF[kind]);
  let badEntries: Set<number> | undefined;
  if (!validate(parsed.value)) {
    const problems = describeSchemaErrors(validate.errors ?? [], parsed.value);
    for (const problem of problems) {
      findings.push(
        loadFinding('schema', {
          file,
          person,
          line: lineOf(source, problem.path),
          message: problem.message,
          fix: 'correct the field as described',
        }),
      );
    }
    const isList = LIST_KINDS.has(kind) && Array.isArray(parsed.value);
    if (!isList || problems.some((p) => typeof p.path[0] !== 'number')) {
      source.release();
      return undefined;
    }
    badEntries = new Set(problems.map((p) => p.path[0] as number));
  }
  source.release();
  return { source, value: parsed.value, badEntries };
}

/** Why a listed record could not be read: replaced by a link since it was listed, too large, or the file system's refusal. */
function unreadable(error: unknown, file: string, person: string | undefined): Finding {
  if (error instanceof UnsafeReadError && error.reason === 'link') {
    const message = `${file} is a symbolic link, so careplan does not read it`;
    return symlinkFinding('symlink', { file, person, message, fix: 'replace the link with the record itself' });
  }
  if (error instanceof UnsafeReadError && error.reason === 'too-large') {
    const size = ((error.size ?? MAX_FILE_BYTES + 1) / 1048576).toFixed(1);
    const message = `file is ${size} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit for one record`;
    return loadFinding('yaml-syntax', { file, person, message, fix: 'split it, or remove what does not belong in the records repository' });
  }
  if (error instanceof UnsafeReadError) {
    const fix = 'replace it with a regular file holding the record';
    return loadFinding('yaml-syntax', { file, person, message: `cannot read the file: ${error.message}`, fix });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const message = `cannot read the file${code ? ` (${code})` : `: ${(error as Error).message}`}`;
  return loadFinding('yaml-syntax', { file, person, message, fix: 'check its permissions' });
}

/** A person's outcome entries in order: months in order (outcomeFiles is), entries in file order. */
export function sortOutcomes(f: PersonFolder): void {
  const order = new Map(f.outcomeFiles.map((o, i) => [o.file, i]));
  f.outcomes.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.index - b.index);
}

/**
 * Sorts `items` by `order`, with each item's moment (`at`) parsed once rather than at every
 * comparison: a home of a thousand people has tens of thousands of reviews to place in order.
 */
function sortByMoment<T extends { data: { at: string } }>(
  items: T[],
  zone: string,
  order: (a: T, b: T, at: (x: T) => number) => number,
): void {
  if (items.length < 2) return;
  const moments = new Map<T, number>();
  for (const item of items) moments.set(item, parseTimestamp(item.data.at, zone) ?? 0);
  const at = (x: T) => moments.get(x) ?? 0;
  items.sort((a, b) => order(a, b, at));
}

function sortFolders(ws: Workspace): void {
  const zone = ws.timezone;
  // Two assessments in the same minute (an initial one, then a change started from it): the initial one comes first.
  const initialFirst = (a: { data: { type: string } }, b: { data: { type: string } }) =>
    Number(b.data.type === 'initial') - Number(a.data.type === 'initial');
  for (const f of ws.people.values()) {
    sortByMoment(f.assessments, zone, (a, b, at) => at(a) - at(b) || initialFirst(a, b) || compareText(a.id, b.id));
    sortByMoment(f.reviews, zone, (a, b, at) => at(a) - at(b) || compareText(a.file, b.file));
    f.outcomeFiles.sort((a, b) => compareText(a.month, b.month));
    sortOutcomes(f);
  }
  sortByMoment(ws.spotchecks, zone, (a, b, at) => at(a) - at(b));
  sortByMoment(ws.feedback, zone, (a, b, at) => at(a) - at(b));
  ws.audits.sort((a, b) => compareText(a.month, b.month));
}
