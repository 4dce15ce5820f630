import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import { identityFinding } from '../rules/identity.js';
import { loadFinding } from '../rules/loading.js';
import { lineOf } from '../model/positions.js';
import { DEFAULT_TIMEZONE, resolvePolicy } from '../model/policy.js';
import { parseTimestamp, isTimeZone } from '../model/time.js';
import type { PersonFolder, Source, Workspace } from '../model/workspace.js';
import { LIST_KINDS, placementOf, SCHEMA_OF, type RecordKind, type RecordPlacement } from '../model/layout.js';
import { emptyWorkspace as emptyRecords, personFolderOf, placeRecord } from '../model/slots.js';
import { describeSchemaErrors } from './schemaMessages.js';
import { validatorFor } from './schemas.js';
import { decodeRecord, parseYaml } from '../model/yamlText.js';

export const CONFIG_FILE = 'careplan.yaml';

/** The folder holding careplan.yaml: `--repo`, else the nearest one upwards from `cwd`. */
export function findRepositoryRoot(cwd: string, repo?: string): string {
  if (repo !== undefined) {
    const root = path.resolve(cwd, repo);
    if (!existsSync(path.join(root, CONFIG_FILE))) {
      throw new UsageError(`${root} has no ${CONFIG_FILE}, so it is not a careplan records repository.`, `Check --repo, or create one with \`careplan init ${repo}\`.`);
    }
    return root;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new UsageError(`No ${CONFIG_FILE} found in ${path.resolve(cwd)} or any folder above it.`, 'Run careplan inside a records repository, pass --repo DIR, or create one with `careplan init DIR`.');
    }
    dir = parent;
  }
}

/** Every *.yaml / *.yml file below root, repository-relative with forward slashes. Hidden folders are not records. */
export function listYamlFiles(root: string, under = ''): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(child);
    }
  };
  walk(under);
  return found.sort();
}

export interface LoadOptions {
  /**
   * Load only careplan.yaml, the staff and these people's folders (a write, `validate FILE`, `plan
   * show`): what one person's records and their rules need, so the time does not grow with the
   * home. An empty set loads the home's own records, and every person's folder is only known to exist.
   */
  onlyPeople?: ReadonlySet<string>;
}

/** Where the loader gets files: the disk, or (for tests) a map in memory. */
export interface RecordReader {
  /** Every YAML file, repository-relative with forward slashes, sorted. */
  list(): string[];
  read(file: string): Uint8Array;
  /** careplan.yaml, staff/ and these people's folders only (see LoadOptions.onlyPeople), sorted. */
  listPeople?(people: ReadonlySet<string>): string[];
}

export function diskReader(root: string): RecordReader {
  return {
    list: () => listYamlFiles(root),
    read: (file) => readFileSync(path.join(root, file)),
    listPeople: (people) => listPeopleFiles(root, people),
  };
}

/** Whether a repository-relative file belongs to what a load of `people` reads. */
export function inPeopleScope(file: string, people: ReadonlySet<string>): boolean {
  if (file === CONFIG_FILE || file.startsWith('staff/')) return true;
  const parts = file.split('/');
  return parts[0] === 'people' && parts.length > 2 && people.has(parts[1]);
}

/** careplan.yaml, staff/ and people/<id>/ for each id: walked alone, not the whole records folder. */
function listPeopleFiles(root: string, people: ReadonlySet<string>): string[] {
  const files: string[] = [];
  if (existsSync(path.join(root, CONFIG_FILE))) files.push(CONFIG_FILE);
  for (const under of ['staff', ...[...people].map((id) => `people/${id}`)]) files.push(...listFolder(root, under));
  return files.sort();
}

/** The YAML files under a folder; none when it is not a folder. */
function listFolder(root: string, under: string): string[] {
  const stat = statSync(path.join(root, under), { throwIfNoEntry: false });
  return stat?.isDirectory() ? listYamlFiles(root, under) : [];
}

/**
 * What `validate` of a home record (a spot check, a supervision, a staff file) needs: every record
 * outside people/, each person's person.yaml (home records name people, and care-after-discharge
 * reads their stay), and these people's folders in full. Not the rest of every person's folder.
 */
export function listHomeFiles(root: string, people: ReadonlySet<string>): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push(entry.name);
    else if (entry.isDirectory() && entry.name !== 'people') files.push(...listYamlFiles(root, entry.name));
  }
  const peopleFolder = path.join(root, 'people');
  const isFolder = statSync(peopleFolder, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const folders = isFolder ? readdirSync(peopleFolder, { withFileTypes: true }) : [];
  for (const entry of folders) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const folder = `people/${entry.name}`;
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push(folder);
    else if (!entry.isDirectory()) continue;
    else if (people.has(entry.name)) files.push(...listYamlFiles(root, folder));
    else if (statSync(path.join(root, folder, 'person.yaml'), { throwIfNoEntry: false })?.isFile()) files.push(`${folder}/person.yaml`);
  }
  return files.sort();
}

/** In-memory records for ten-line rule fixtures (STYLE: rules testable without a file system). */
export function memoryReader(files: Record<string, string>): RecordReader {
  const list = () => Object.keys(files).filter((f) => /\.ya?ml$/.test(f) && !f.split('/').some((p) => p.startsWith('.'))).sort();
  return {
    list,
    read: (file) => Buffer.from(files[file], 'utf8'),
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
  constructor(private readonly reload: () => string, text?: string) {
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
  for (const job of jobs) {
    const loaded = loadRecord(reader, job.file, job.placement.kind, ws.loadFindings, job.person);
    if (loaded) placeRecord(ws, job.file, job.placement, loaded);
  }
  return finish(ws);
}

export function emptyWorkspace(root: string): Workspace {
  return emptyRecords({
    root, policy: resolvePolicy(undefined), timezone: DEFAULT_TIMEZONE, staffPresent: new Set(), people: new Map(), loadFindings: [], files: [],
  });
}

/** One record to read: where it goes in the layout. */
export interface LoadJob {
  file: string;
  placement: RecordPlacement;
  person?: string;
}

/** Places every file in the layout; returns the records to read. Layout findings go straight to the workspace. */
export function plan(ws: Workspace, files: string[], options: LoadOptions): LoadJob[] {
  ws.files = files;
  const findings = ws.loadFindings;
  const jobs: LoadJob[] = [];
  for (const file of files) {
    const placement = placementOf(file);
    if (placement.kind === 'unexpected') {
      findings.push(loadFinding('unexpected-file', {
        file,
        message: `${file} is not part of the records layout, so careplan ignores it${placement.expected ? ` (expected ${placement.expected})` : ''}`,
        fix: 'move or rename it to where it belongs, or delete it (see `careplan --help` and SPEC section 1 for the layout)',
      }));
      continue;
    }
    if (placement.kind === 'bad-name') {
      findings.push(identityFinding('id-mismatch', { file, person: personOfPath(file), message: `${placement.problem}, so the record has no valid identity`, fix: 'rename the file or folder' }));
      continue;
    }
    const personId = 'personId' in placement ? placement.personId : undefined;
    if (personId) {
      const f = personFolderOf(ws, personId);
      f.presentFiles.add(file.split('/').slice(2).join('/'));
      if (options.onlyPeople && !options.onlyPeople.has(personId)) continue;
    }
    if (placement.kind === 'staff') ws.staffPresent.add(placement.staffId);
    jobs.push({ file, placement, person: personId });
  }
  return jobs;
}

/** Settles the policy and timezone from careplan.yaml and puts every person's records in order. */
export function finish(ws: Workspace): Workspace {
  if (ws.config) {
    const zone = ws.config.data.timezone;
    if (zone !== undefined && !isTimeZone(zone)) {
      ws.loadFindings.push(loadFinding('schema', {
        file: CONFIG_FILE, line: lineOf(ws.config.source, ['timezone']),
        // Quoted only when shaped like a timezone name (Area/Place): the field may hold anything.
        message: `timezone ${/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone) ? `"${zone}" ` : ''}`
          + `is not a known IANA timezone; using ${DEFAULT_TIMEZONE}`,
        fix: 'set timezone to a name such as Europe/London',
      }));
    } else if (zone) {
      ws.timezone = zone;
    }
    ws.policy = resolvePolicy(ws.config.data);
  }
  sortFolders(ws);
  return ws;
}

function personOfPath(file: string): string | undefined {
  const parts = file.split('/');
  return parts[0] === 'people' && parts.length > 2 ? parts[1] : undefined;
}

export interface LoadedRecord {
  source: FileSource;
  value: unknown;
  /** For list files: indexes of entries that failed the schema. */
  badEntries?: Set<number>;
}

export function loadRecord(reader: RecordReader, file: string, kind: RecordKind, findings: Finding[], person: string | undefined): LoadedRecord | undefined {
  let bytes: Uint8Array;
  try {
    bytes = reader.read(file);
  } catch (error) {
    findings.push(loadFinding('yaml-syntax', { file, person, message: `cannot read the file: ${(error as Error).message}`, fix: 'check its permissions' }));
    return undefined;
  }
  const decoded = decodeRecord(bytes);
  if (!decoded.ok) {
    findings.push(loadFinding('yaml-syntax', { file, person, message: decoded.message, fix: decoded.fix }));
    return undefined;
  }
  const parsed = parseYaml(decoded.text);
  const source = new FileSource(() => Buffer.from(reader.read(file)).toString('utf8'), decoded.text);
  if (!parsed.ok) {
    findings.push(loadFinding('yaml-syntax', { file, person, line: parsed.line, message: parsed.message, fix: parsed.fix }));
    return undefined;
  }
  if (parsed.value === null || parsed.value === undefined) {
    findings.push(loadFinding('yaml-syntax', { file, person, message: 'file holds no record (only comments or an empty document)', fix: 'write the record, or delete the file' }));
    return undefined;
  }
  const validate = validatorFor(SCHEMA_OF[kind]);
  let badEntries: Set<number> | undefined;
  if (!validate(parsed.value)) {
    const problems = describeSchemaErrors(validate.errors ?? [], parsed.value);
    for (const problem of problems) {
      findings.push(loadFinding('schema', { file, person, line: lineOf(source, problem.path), message: problem.message, fix: 'correct the field as described' }));
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

/** A person's outcome entries in order: months in order (outcomeFiles is), entries in file order. */
export function sortOutcomes(f: PersonFolder): void {
  const order = new Map(f.outcomeFiles.map((o, i) => [o.file, i]));
  f.outcomes.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.index - b.index);
}

function sortFolders(ws: Workspace): void {
  const at = (value: string) => parseTimestamp(value, ws.timezone) ?? 0;
  for (const f of ws.people.values()) {
    f.assessments.sort((a, b) => at(a.data.at) - at(b.data.at) || a.id.localeCompare(b.id));
    f.reviews.sort((a, b) => at(a.data.at) - at(b.data.at) || a.file.localeCompare(b.file));
    f.outcomeFiles.sort((a, b) => a.month.localeCompare(b.month));
    sortOutcomes(f);
  }
  ws.spotchecks.sort((a, b) => at(a.data.at) - at(b.data.at));
  ws.feedback.sort((a, b) => at(a.data.at) - at(b.data.at));
  ws.audits.sort((a, b) => a.month.localeCompare(b.month));
}

