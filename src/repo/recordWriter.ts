import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InternalError, RecordError, UsageError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import { lineOf } from '../model/positions.js';
import type { Workspace } from '../model/workspace.js';
import { loadFinding } from '../rules/loading.js';
import { recordRules } from '../rules/record.js';
import { writeFileAtomic } from './atomicWrite.js';
import { commitFiles, git, workTreeRoot, type Trailers } from './git.js';
import { placementOf, SCHEMA_OF } from '../model/layout.js';
import { diskReader, inPeopleScope, loadWorkspace, type RecordReader } from './loader.js';
import { withLock } from './lock.js';
import { describeSchemaErrors } from './schemaMessages.js';
import { validatorFor } from './schemas.js';
import { AppendError, appendEntryText, editRecordText, recordYaml } from './yamlEdit.js';
import { parseYaml } from '../model/yamlText.js';

/** One file a command writes: its complete new text, decided before anything touches the disk. */
export interface RecordChange {
  /** Repository-relative, forward slashes. */
  file: string;
  text: string;
  created: boolean;
  /** False when an edited record had to be written afresh (its formatting was not kept). */
  formattingKept?: boolean;
}

/** Maps whose items are written as one-line flow maps, as people write plans by hand. */
export const PLAN_FLOW_KEYS = ['actions', 'goals', 'risks'] as const;

/** A new record file; refuses to replace one that exists. */
export function newRecord(root: string, file: string, data: unknown, options: { header?: string; flowItemsUnder?: readonly string[]; flowLists?: readonly string[]; exists?: string } = {}): RecordChange {
  if (existsSync(path.join(root, file))) {
    throw new RecordError(`${file} already exists, and careplan never overwrites a record.`, options.exists ?? 'Record it under another date or name, or edit the existing file.');
  }
  return { file, text: recordYaml(data, options), created: true };
}

/** An entry added at the end of an append-only list file (created when missing). */
export function appendRecord(root: string, file: string, entry: unknown): RecordChange {
  const abs = path.join(root, file);
  const existing = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
  try {
    return { file, text: appendEntryText(existing, entry), created: !existsSync(abs) };
  } catch (error) {
    if (error instanceof AppendError) {
      throw new RecordError(`careplan cannot add to ${file}: ${error.message}.`, `Append-only lists are written one \`- \` item per entry; correct ${file} by hand (see \`careplan validate ${file}\`), then try again.`);
    }
    throw error;
  }
}

/** A whole record rewritten to hold `after`, changing only what changed where it can. */
export function editRecord(root: string, file: string, after: unknown, options: { flowItemsUnder?: readonly string[] } = {}): RecordChange {
  const abs = path.join(root, file);
  const { text, kept } = editRecordText(readFileSync(abs, 'utf8'), after, options);
  return { file, text, created: false, formattingKept: kept };
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
    if (placement.kind === 'unexpected' || placement.kind === 'bad-name') throw new InternalError(`careplan tried to write ${change.file}, which is not in the records layout`);
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
    listPeople: (people) => [...new Set([...disk.listPeople!(people), ...[...overlay.keys()].filter((f) => inPeopleScope(f, people))])].sort(),
  };
}

/**
 * The record rules on the repository as it would be after the write: any error in a touched
 * file that is not there already refuses the write. (Errors already in a file are the file's,
 * not this write's, and `careplan validate` reports them.)
 */
function checkRecordRules(before: Workspace, changes: readonly RecordChange[], asOf: number, people: ReadonlySet<string>): void {
  const touched = new Set(changes.map((c) => c.file));
  const existing = new Set(recordRules(before, asOf).filter((f) => f.file && touched.has(f.file)).map(key));
  const after = loadWorkspace(before.root, { onlyPeople: people }, overlayReader(before.root, changes));
  const added = recordRules(after, asOf).filter((f) => f.severity === 'error' && f.file !== undefined && touched.has(f.file) && !existing.has(key(f)));
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
}

/** What a write did, for the command to say: repo/ writes and commits, and never prints. */
export interface WriteResult {
  files: string[];
  /** The commit made; undefined when nothing was committed (--no-commit, outside git, or git refused). */
  sha?: string;
  /** Things the person recording should know, in the order they happened (one message each). */
  warnings: string[];
}

/**
 * Validates the complete resulting records, writes each file atomically, then commits exactly
 * the touched files with the action's trailers. Call it holding the lock (`recordWithLock`).
 */
export async function writeRecords(request: WriteRequest): Promise<WriteResult> {
  const { ws, changes } = request;
  const root = ws.root;
  const warnings: string[] = [];
  checkSchemas(changes);
  checkRecordRules(ws, changes, request.asOf, new Set(request.people));

  const files = changes.map((c) => c.file);
  let inGit = false;
  if (request.commit) {
    inGit = (await workTreeRoot(root)) !== undefined;
    if (inGit) {
      const ident = await git(root, ['var', 'GIT_COMMITTER_IDENT']);
      if (ident.exitCode !== 0) {
        throw new UsageError('git does not know who you are, so this change could not be committed to the change trail; nothing was written.', 'Set it once with: git config --global user.name "Your Name" && git config --global user.email you@example.org (or pass --no-commit to write without committing).');
      }
      // Only files that exist can hold uncommitted changes; with no paths, git status would list the whole work tree.
      const existing = files.filter((f) => existsSync(path.join(root, f)));
      const dirty = existing.length ? await git(root, ['status', '--porcelain', '--', ...existing]) : undefined;
      const changed = (dirty?.stdout ?? '').split('\n').filter(Boolean).map((l) => l.slice(3));
      if (changed.length) warnings.push(`${changed.join(', ')} had changes not yet committed; they are committed together with this record.`);
    }
  }

  for (const change of changes) writeFileAtomic(path.join(root, change.file), change.text);
  for (const change of changes) {
    if (change.formattingKept === false) warnings.push(`${change.file} was rewritten in careplan's layout (its own layout could not be kept); comments at its top were kept, others may not have been.`);
  }

  if (!request.commit) return { files, warnings };
  if (!inGit) {
    warnings.push(`${root} is not in a git repository, so this change has no change trail (who changed what, and when). Run \`git init\` there and commit the records.`);
    return { files, warnings };
  }
  const commit = await commitFiles(root, files, request.subject, request.trailers);
  if (!commit.ok) {
    warnings.push(`the record was written but not committed: ${commit.message}\nCommit it yourself: git -C ${root} commit -m ${JSON.stringify(request.subject)} -- ${files.join(' ')}`);
    return { files, warnings };
  }
  return { files, sha: commit.sha, warnings };
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
}

/**
 * Takes the lock, loads the repository afresh, lets `plan` decide the changes from it, writes and
 * commits them; returns what happened for the command to say. Prompting happens before this,
 * never while holding the lock.
 */
export async function writeWithLock(
  root: string, options: LockedWriteOptions, plan: (ws: Workspace) => PlannedWrite | Promise<PlannedWrite>,
): Promise<WriteResult & { planned: PlannedWrite }> {
  return withLock(root, async () => {
    const ws = loadWorkspace(root, { onlyPeople: new Set(options.people) });
    const planned = await plan(ws);
    const { changes, people, subject, trailers } = planned;
    const result = await writeRecords({ ws, changes, asOf: options.asOf, people, commit: options.commit, subject, trailers });
    return { ...result, planned };
  }, { waitMs: options.waitMs, command: options.command });
}
