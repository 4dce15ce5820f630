import path from 'node:path';
import { InternalError, RecordError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import { lineOf } from '../model/positions.js';
import type { Workspace } from '../model/workspace.js';
import { loadFinding } from '../rules/loading.js';
import { recordRules } from '../rules/record.js';
import { git, gitWhere, indexEntries, type Trailers } from './git.js';
import type { FileWrite } from './journal.js';
import { withLock, type Lease } from './lock.js';
import { inspectPath, writeRefusal } from './safePath.js';
import { commitSettings, modeOf, stagedEntries } from './plumbingCommit.js';
import { applyWrite, bytesBefore, preflight, recoverInterrupted, tooLarge } from './transaction.js';
import { placementOf, SCHEMA_OF } from '../model/layout.js';
import { diskReader, inPeopleScope, loadWorkspace, type RecordReader, type SettleOptions } from './loader.js';
import { describeSchemaErrors } from './schemaMessages.js';
import { validatorFor } from './schemas.js';
import { AppendError, appendEntryText, editRecordText, recordYaml } from './yamlEdit.js';
import { MAX_FILE_BYTES, parseYaml } from '../model/yamlText.js';

/** One file a command writes: its complete new text, decided before anything touches the disk. */
export interface RecordChange {
  /** Repository-relative, forward slashes. */
  file: string;
  text: string;
  created: boolean;
  /** False when an edited record had to be written afresh (its formatting was not kept). */
  formattingKept?: boolean;
  /** The file's bytes as read (appends and edits), so an append adds to them byte for byte. */
  before?: Buffer;
  /** For an append: the text added after `before`'s last byte. */
  appended?: string;
}

/** Maps whose items are written as one-line flow maps, as people write plans by hand. */
export const PLAN_FLOW_KEYS = ['actions', 'goals', 'risks'] as const;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A record's bytes as text for a write that keeps them: refused when they are not UTF-8 (decoding
 * would change them) or hold a NUL byte, rather than rewritten.
 */
function keptText(file: string, bytes: Buffer, action: string): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new RecordError(
      `careplan cannot ${action} ${file}: it is not UTF-8 text, and writing it would change bytes of entries already there. ` +
        'Nothing was written.',
      `Save ${file} as UTF-8 in your editor (check what \`careplan validate ${file}\` says), then run the command again.`,
    );
  }
  if (text.includes('\0')) {
    throw new RecordError(
      `careplan cannot ${action} ${file}: it holds NUL bytes, so it is not a YAML record. Nothing was written.`,
      `Restore it from git (\`git checkout -- ${file}\`), then run the command again.`,
    );
  }
  return text;
}

/** A new record file; refuses to replace one that exists. */
export function newRecord(
  root: string,
  file: string,
  data: unknown,
  options: { header?: string; flowItemsUnder?: readonly string[]; flowLists?: readonly string[]; exists?: string } = {},
): RecordChange {
  const refusal = writeRefusal(root, file);
  if (refusal) throw refusal;
  if (inspectPath(root, file).kind !== 'missing') {
    throw new RecordError(
      `${file} already exists, and careplan never overwrites a record.`,
      `${options.exists ?? 'Record it under another date or name, or edit the existing file.'} ` +
        '(If a careplan command was stopped part way, `careplan doctor` says what it left.)',
    );
  }
  return { file, text: recordYaml(data, options), created: true };
}

/**
 * An entry added at the end of an append-only list file (created when missing). The file's bytes
 * are kept exactly: the entry's text is added after them, never decoded and encoded again.
 */
export function appendRecord(root: string, file: string, entry: unknown): RecordChange {
  const before = bytesBefore(root, file);
  const existing = before ? keptText(file, before, 'add to') : '';
  try {
    const text = appendEntryText(existing, entry);
    return { file, text, created: before === undefined, before, appended: text.slice(existing.length) };
  } catch (error) {
    if (error instanceof AppendError) {
      throw new RecordError(
        `careplan cannot add to ${file}: ${error.message}.`,
        `Append-only lists are written one \`- \` item per entry; correct ${file} ` +
          `by hand (see \`careplan validate ${file}\`), then try again.`,
      );
    }
    throw error;
  }
}

/** A whole record rewritten to hold `after`, changing only what changed where it can. */
export function editRecord(root: string, file: string, after: unknown, options: { flowItemsUnder?: readonly string[] } = {}): RecordChange {
  const before = bytesBefore(root, file);
  if (!before) throw new RecordError(`${file} does not exist, so careplan cannot change it.`, `Check \`git status\` in ${root}.`);
  const { text, kept } = editRecordText(keptText(file, before, 'change'), after, options);
  return { file, text, created: false, formattingKept: kept, before };
}

/** The bytes a change writes: for an append, the bytes read with the entry's text after them. */
function fileWrite(root: string, change: RecordChange): FileWrite {
  if (change.appended !== undefined && change.before) {
    const bytes = Buffer.concat([change.before, Buffer.from(change.appended, 'utf8')]);
    return { file: change.file, bytes, before: change.before, appended: change.appended };
  }
  const before = change.created ? undefined : (change.before ?? bytesBefore(root, change.file));
  return { file: change.file, bytes: Buffer.from(change.text, 'utf8'), before };
}

function location(finding: Finding): string {
  return `${finding.file ?? ''}${finding.line ? `:${finding.line}` : ''}`;
}

function refuse(findings: Finding[], lead: string): never {
  const shown = findings.slice(0, 6).map((f) => `  ${location(f)}: ${f.message} [${f.rule}]${f.fix ? `\n    fix: ${f.fix}` : ''}`);
  if (findings.length > shown.length) shown.push(`  … and ${findings.length - shown.length} more`);
  throw new RecordError(`${lead}:\n${shown.join('\n')}`, 'Nothing was written.');
}

/** Schema check of each changed file as it would be written. */
function checkSchemas(changes: readonly RecordChange[]): void {
  const findings: Finding[] = [];
  for (const change of changes) {
    const placement = placementOf(change.file);
    if (placement.kind === 'unexpected' || placement.kind === 'bad-name')
      throw new InternalError(`careplan tried to write ${change.file}, which is not in the records layout`);
    const parsed = parseYaml(change.text);
    if (!parsed.ok) throw new InternalError(`careplan produced invalid YAML for ${change.file}: ${parsed.message}`);
    const validate = validatorFor(SCHEMA_OF[placement.kind]);
    if (!validate(parsed.value)) {
      const source = { text: () => change.text };
      for (const problem of describeSchemaErrors(validate.errors ?? [], parsed.value)) {
        findings.push(loadFinding('schema', { file: change.file, line: lineOf(source, problem.path), message: problem.message }));
      }
    }
  }
  if (findings.length) refuse(findings, 'The record would not be valid');
}

const key = (f: Finding) => `${f.rule}|${f.file}|${f.message}`;

/** The repository as it would be after the write: changed files read from their new text. */
export function overlayReader(root: string, changes: readonly RecordChange[]): RecordReader {
  const disk = diskReader(root);
  const overlay = new Map(changes.map((c) => [c.file, c.text]));
  return {
    list: () => [...new Set([...disk.list(), ...overlay.keys()])].sort(),
    read: (file) => (overlay.has(file) ? Buffer.from(overlay.get(file)!, 'utf8') : disk.read(file)),
    links: () => disk.links!(),
    inspect: (file) => disk.inspect!(file),
    listPeople: (people) =>
      [...new Set([...disk.listPeople!(people), ...[...overlay.keys()].filter((f) => inPeopleScope(f, people))])].sort(),
  };
}

const afterWrites = new WeakMap<readonly RecordChange[], { key: string; ws: Workspace; settle?: SettleOptions }>();

/**
 * The repository as it would be after `changes`, `people`'s folders in full: what a write's record
 * rules judge, and what a command that says what its write changes (outcome) judges first. Loaded
 * once for both: asked again for the same `changes` (the same list, files and texts) and people,
 * the same workspace comes back. `settle`: the write's loads read old outcome months as facts
 * (LoadOptions.settle), the same for the workspace before the write and after it.
 */
export function afterWrite(root: string, changes: readonly RecordChange[], people: ReadonlySet<string>, settle?: SettleOptions): Workspace {
  const key = [root, [...people].sort().join('\0'), ...changes.flatMap((c) => [c.file, c.text])].join('\0\0');
  const kept = afterWrites.get(changes);
  if (kept?.key === key && kept.settle === settle) return kept.ws;
  const ws = loadWorkspace(root, { onlyPeople: people, settle }, overlayReader(root, changes));
  afterWrites.set(changes, { key, ws, settle });
  return ws;
}

/**
 * The record rules on the repository as it would be after the write: any error in a touched
 * file that is not there already refuses the write. (Errors already in a file are the file's,
 * not this write's, and `careplan validate` reports them.)
 */
function checkRecordRules(
  before: Workspace,
  changes: readonly RecordChange[],
  asOf: number,
  people: ReadonlySet<string>,
  settle: SettleOptions | undefined,
): void {
  const touched = new Set(changes.map((c) => c.file));
  const existing = new Set(
    recordRules(before, asOf)
      .filter((f) => f.file && touched.has(f.file))
      .map(key),
  );
  const after = afterWrite(before.root, changes, people, settle);
  const added = recordRules(after, asOf).filter(
    (f) => f.severity === 'error' && f.file !== undefined && touched.has(f.file) && !existing.has(key(f)),
  );
  if (added.length) refuse(added, 'The record would break the record rules');
}

export interface WriteRequest {
  /** The repository as loaded inside the lock, before this write. */
  ws: Workspace;
  changes: RecordChange[];
  /** The moment the record rules judge by (future-date): --as-of, else now. */
  asOf: number;
  /** People whose folders the write touches or names. */
  people: readonly string[];
  commit: boolean;
  subject: string;
  trailers: Trailers;
  /** The command, for the journal of the write. */
  command?: string;
  /** The lock held, checked just before anything is written. */
  lease?: Lease;
  /** How `ws` was loaded: old outcome months as facts (LockedWriteOptions.settle). */
  settle?: SettleOptions;
}

/** What a write did, for the command to say: repo/ writes and commits, and never prints. */
export interface WriteResult {
  files: string[];
  /** The commit made; undefined only with --no-commit. */
  sha?: string;
  /** Things the person recording should know, in the order they happened (one message each). */
  warnings: string[];
}

/**
 * Files the write changes (not creates) that already had changes git has not committed: they go
 * into this commit too. Asked of the files alone, as `git status` would answer (changed on disk,
 * staged, or untracked), without `git status`, which compares every file of the index (21 ms at
 * 1,000 people): the file's blob id against its index entry, and that against HEAD's. The index
 * entries are the ones the write reads for its journal (applyWrite), asked once.
 */
async function uncommittedBefore(root: string, writes: readonly FileWrite[]): Promise<string[]> {
  const existing = writes.filter((w) => w.before !== undefined).map((w) => w.file);
  if (existing.length === 0) return [];
  const prefix = (await gitWhere(root))?.prefix ?? '';
  const full = existing.map((file) => `${prefix}${file}`);
  const [onDisk, index, head, settings] = await Promise.all([
    git(root, ['hash-object', '--', ...existing]),
    indexEntries(
      root,
      writes.map((w) => w.file),
    ),
    git(root, ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', 'HEAD', '--', ...full]),
    commitSettings(root),
  ]);
  const blobs = onDisk.stdout.split('\n');
  if (onDisk.exitCode !== 0 || blobs.length !== existing.length) return [];
  const staged = stagedEntries(index);
  const held = new Map<string, string>();
  for (const line of head.exitCode === 0 ? head.stdout.split('\0') : []) {
    const tab = line.indexOf('\t');
    if (tab > 0) held.set(line.slice(tab + 1), line.slice(0, tab).replace(' blob ', ' '));
  }
  return existing.filter((file, i) => {
    const entry = staged.get(full[i]);
    if (!entry) return true;
    const mode = modeOf(path.join(root, file), entry, settings?.fileMode ?? true);
    return entry.id !== blobs[i] || (mode !== undefined && mode !== entry.mode) || held.get(full[i]) !== `${entry.mode} ${entry.id}`;
  });
}

/**
 * Validates the complete resulting records, then writes and commits them as one transaction
 * (transaction.ts): all of it reaches the change trail, or nothing is written and the error says
 * why. Call it holding the lock (`writeWithLock`).
 */
export async function writeRecords(request: WriteRequest): Promise<WriteResult> {
  const { ws, changes } = request;
  const root = ws.root;
  const warnings: string[] = [];
  const writes = changes.map((change) => fileWrite(root, change));
  // Size first: a file over the limit is refused in words about its size, before it is parsed.
  for (const write of writes) if (write.bytes.length > MAX_FILE_BYTES) throw tooLarge(write.file, write.bytes.length, 'would be');
  checkSchemas(changes);
  checkRecordRules(ws, changes, request.asOf, new Set(request.people), request.settle);

  const files = changes.map((c) => c.file);
  // Asked while preflight asks git its own questions (each answer is a git process): only questions,
  // so a refusal by preflight leaves nothing of them behind, and the refusal is what is reported.
  const uncommitted = request.commit ? uncommittedBefore(root, writes) : Promise.resolve([]);
  uncommitted.catch(() => undefined);
  await preflight(root, writes, request.commit);
  const dirty = await uncommitted;
  if (dirty.length) warnings.push(`${dirty.join(', ')} had changes not yet committed; they are committed together with this record.`);
  const { sha } = await applyWrite(root, writes, {
    commit: request.commit,
    subject: request.subject,
    trailers: request.trailers,
    command: request.command ?? 'careplan',
    lease: request.lease,
  });
  for (const change of changes) {
    if (change.formattingKept === false)
      warnings.push(
        `${change.file} was rewritten in careplan's layout (its own layout could not be kept); comments at its ` +
          'top were kept, others may not have been.',
      );
  }
  return { files, sha, warnings };
}

/** Everything a command decided to write, built from the repository as it stands inside the lock. */
export interface PlannedWrite {
  changes: RecordChange[];
  subject: string;
  trailers: Trailers;
  /** People the write touches (their folders are loaded and checked). */
  people: readonly string[];
  /** Printed to stdout once written: what was recorded. */
  done: string;
  /** Printed to stderr after it: what to do next, notes. */
  next?: string;
}

export interface LockedWriteOptions {
  people: readonly string[];
  commit: boolean;
  asOf: number;
  /** The command, named to whoever waits for the lock. */
  command: string;
  /** How long to wait for another command's lock (lockWaitFromEnv); the lock's default when undefined. */
  waitMs?: number;
  /** Old outcome months read as facts by the loads inside the lock (Recording.settle). */
  settle?: SettleOptions;
}

/**
 * Takes the lock, loads the repository afresh, lets `plan` decide the changes from it, writes and
 * commits them; returns what happened for the command to say. Prompting happens before this,
 * never while holding the lock.
 */
export async function writeWithLock(
  root: string,
  options: LockedWriteOptions,
  plan: (ws: Workspace) => PlannedWrite | Promise<PlannedWrite>,
): Promise<WriteResult & { planned: PlannedWrite }> {
  const notices: string[] = [];
  return withLock(
    root,
    async (lease) => {
      await recoverInterrupted(root, notices);
      const ws = loadWorkspace(root, { onlyPeople: new Set(options.people), settle: options.settle });
      const planned = await plan(ws);
      const { changes, people, subject, trailers } = planned;
      const result = await writeRecords({
        ws,
        changes,
        asOf: options.asOf,
        people,
        commit: options.commit,
        subject,
        trailers,
        command: options.command,
        lease,
        settle: options.settle,
      });
      return { ...result, warnings: [...notices, ...result.warnings], planned };
    },
    { waitMs: options.waitMs, command: options.command, notices },
  );
}
