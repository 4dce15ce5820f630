import { createHash } from 'node:crypto';
import { readdirSync, renameSync, rmSync, truncateSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../model/yamlText.js';
import { removeRecord, writeRecordAtomic } from './atomicWrite.js';
import { git, restoreIndex, type Trailers } from './git.js';
import { inspectPath, readInside } from './safePath.js';
import { gitPlace, headLockCleared, indexLockCleared } from './trail.js';

/**
 * The journal of a write in progress: before a write touches a record it notes, in
 * `.careplan/journal.json`, every file it will write (how to get from the bytes before to the
 * bytes after, and back), and the commit it will make. A write that finishes removes it; one that
 * is killed leaves it, and whoever takes the lock next finds it. A writer undoes it (the commit
 * is the moment a record is made, as a database's commit is, and the interrupted command never
 * said it had recorded anything, so its retry records it once); `careplan doctor` can finish it
 * instead, committing it with its own trailers.
 */
export const JOURNAL_FILE = '.careplan/journal.json';

/** A journal that could be neither undone nor finished (its files changed since), kept for a person to look at. */
export const SET_ASIDE = /^journal-\d+\.json$/;

export interface JournalEntry {
  file: string;
  /** The file before the write; absent when the write creates it. */
  before?: { size: number; sha256: string /** The whole file (base64), when the write rewrites rather than appends. */; bytes?: string };
  after: { size: number; sha256: string };
  /** The bytes appended to `before` (an append-only list), or the whole new text. */
  appended?: string;
  text?: string;
}

export interface Journal {
  version: 1;
  pid: number;
  host: string;
  at: string;
  command: string;
  commit: boolean;
  subject: string;
  trailers: Trailers;
  /** The index entries of the files before the write (git ls-files -s), put back when it is undone. */
  index: string[];
  files: JournalEntry[];
}

/** One file a write makes: its new bytes, and what stood there before (read inside the lock). */
export interface FileWrite {
  file: string;
  bytes: Buffer;
  before?: Buffer;
  /** Set when `bytes` is `before` with this text added at its end. */
  appended?: string;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function journalOf(writes: readonly FileWrite[], meta: Omit<Journal, 'version' | 'pid' | 'host' | 'at' | 'files'>): Journal {
  return {
    version: 1,
    pid: process.pid,
    host: hostname(),
    at: new Date().toISOString(),
    ...meta,
    files: writes.map((w) => ({
      file: w.file,
      before: w.before && {
        size: w.before.length,
        sha256: sha(w.before),
        bytes: w.appended === undefined ? w.before.toString('base64') : undefined,
      },
      after: { size: w.bytes.length, sha256: sha(w.bytes) },
      ...(w.appended !== undefined ? { appended: w.appended } : { text: w.bytes.toString('utf8') }),
    })),
  };
}

export function writeJournal(root: string, journal: Journal): void {
  writeRecordAtomic(root, JOURNAL_FILE, `${JSON.stringify(journal)}\n`);
}

export function removeJournal(root: string): void {
  rmSync(path.join(root, JOURNAL_FILE), { force: true });
}

/** The journal a killed write left, or undefined; a journal that cannot be read is set aside, never trusted. */
export function readJournal(root: string): Journal | undefined {
  if (inspectPath(root, JOURNAL_FILE).kind === 'missing') return undefined;
  try {
    const journal = JSON.parse(readInside(root, JOURNAL_FILE, 4 * MAX_FILE_BYTES).toString('utf8')) as Journal;
    if (journal?.version === 1 && Array.isArray(journal.files)) return journal;
  } catch {
    // Unreadable (a crash while it was written is impossible: it is written atomically; a person may have edited it).
  }
  setAside(root);
  return undefined;
}

/** Moves the journal out of the way (`.careplan/journal-MS.json`) for `careplan doctor` to list. */
export function setAside(root: string): string {
  const name = `journal-${Date.now()}.json`;
  renameSync(path.join(root, JOURNAL_FILE), path.join(root, '.careplan', name));
  return `.careplan/${name}`;
}

/** Journals set aside earlier, for `careplan doctor`. */
export function setAsideJournals(root: string): string[] {
  const dir = path.join(root, '.careplan');
  if (inspectPath(root, '.careplan').kind !== 'folder') return [];
  return readdirSync(dir)
    .filter((name) => SET_ASIDE.test(name))
    .sort()
    .map((name) => `.careplan/${name}`);
}

/** Where one file of an interrupted write stands: as before it, as after it, or changed by someone since. */
type Stage = 'before' | 'after' | 'changed';

function current(root: string, file: string): Buffer | undefined {
  const state = inspectPath(root, file);
  if (state.kind === 'missing') return undefined;
  return readInside(root, file, 4 * MAX_FILE_BYTES);
}

function stageOf(root: string, entry: JournalEntry): { stage: Stage; bytes?: Buffer } {
  let bytes: Buffer | undefined;
  try {
    bytes = current(root, entry.file);
  } catch {
    return { stage: 'changed' };
  }
  const matches = (expected: { size: number; sha256: string } | undefined) =>
    expected === undefined ? bytes === undefined : bytes !== undefined && bytes.length === expected.size && sha(bytes) === expected.sha256;
  if (matches(entry.after)) return { stage: 'after', bytes };
  if (matches(entry.before)) return { stage: 'before', bytes };
  return { stage: 'changed', bytes };
}

/** The bytes an entry's file held after the write, from the bytes before. */
function afterBytes(entry: JournalEntry, before: Buffer | undefined): Buffer {
  if (entry.appended !== undefined) return Buffer.concat([before ?? Buffer.alloc(0), Buffer.from(entry.appended, 'utf8')]);
  return Buffer.from(entry.text ?? '', 'utf8');
}

/** Puts one file back as it was before the write: an append is cut back (no space needed, so a full disk cannot stop it). */
export function undoFile(root: string, entry: Pick<JournalEntry, 'file' | 'before' | 'appended'>, beforeBytes?: Buffer): void {
  if (!entry.before) {
    removeRecord(root, entry.file);
  } else if (entry.appended !== undefined) {
    if (inspectPath(root, entry.file).kind !== 'file') throw new Error(`${entry.file} is no longer a regular file`);
    truncateSync(path.join(root, ...entry.file.split('/')), entry.before.size);
  } else {
    writeRecordAtomic(root, entry.file, beforeBytes ?? Buffer.from(entry.before.bytes ?? '', 'base64'));
  }
}

/** Whether git's HEAD holds every file as the write left it, with nothing staged or changed: the write was committed. */
async function committed(root: string, journal: Journal): Promise<boolean> {
  const files = journal.files.map((f) => f.file);
  const status = await git(root, ['--literal-pathspecs', 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...files]);
  return status.exitCode === 0 && status.stdout === '';
}

/** What recovering an interrupted write did, in words for the person who runs the next command. */
export interface Recovery {
  /** `undone`, `finished` (doctor), `committed` (it had reached the trail), or `set-aside` (files changed since). */
  outcome: 'undone' | 'finished' | 'committed' | 'set-aside';
  journal: Journal;
  message: string;
  /** When set aside: the file it was moved to. */
  setAsideAs?: string;
}

function who(journal: Journal): string {
  return (
    `\`${journal.command}\`${journal.trailers.by ? ` by ${journal.trailers.by}` : ''} (process ${journal.pid} on ${journal.host}, ` +
    `at ${journal.at})`
  );
}

/**
 * Undoes the write a killed command left half done (the journal's files put back as they were,
 * and their index entries), unless it had reached the change trail. Call it holding the lock.
 */
export async function undoInterrupted(root: string): Promise<Recovery | undefined> {
  const journal = readJournal(root);
  if (!journal) return undefined;
  const files = journal.files.map((f) => f.file).join(', ');
  // A git the killed command started may still be finishing its commit: let it, before judging.
  if (journal.commit) {
    const place = await gitPlace(root).catch(() => undefined);
    if (place && !(place instanceof Error)) await Promise.all([indexLockCleared(place), headLockCleared(place)]);
  }
  const stages = journal.files.map((entry) => stageOf(root, entry));
  if (stages.some((s) => s.stage === 'changed')) {
    const aside = setAside(root);
    return {
      outcome: 'set-aside',
      journal,
      setAsideAs: aside,
      message:
        `${who(journal)} was stopped part way through writing ${files}, and they have changed since, so careplan left them as ` +
        `they are; its journal is kept in ${aside} (\`careplan doctor\` lists it).`,
    };
  }
  if (journal.commit && stages.every((s) => s.stage === 'after') && (await committed(root, journal))) {
    removeJournal(root);
    return { outcome: 'committed', journal, message: `${who(journal)} was stopped just after it committed ${files}; nothing was lost.` };
  }
  journal.files.forEach((entry, i) => {
    if (stages[i].stage === 'after') undoFile(root, entry);
  });
  if (journal.commit) {
    try {
      await restoreIndex(
        root,
        journal.files.map((f) => f.file),
        journal.index,
      );
    } catch {
      // git gone since: the index is git's to mend (`careplan check` reports what is uncommitted).
    }
  }
  removeJournal(root);
  return {
    outcome: 'undone',
    journal,
    message:
      `${who(journal)} was stopped before it could commit ${files}; careplan put ${journal.files.length === 1 ? 'it' : 'them'} ` +
      `back as before, so nothing of it was recorded. Run that command again if it is still needed.`,
  };
}

/**
 * Finishes the write a killed command left half done (`careplan doctor`): writes what it had not
 * written yet, and commits it with the subject and trailers it would have used. Returns the
 * files to commit; the caller commits them (after the trail's checks).
 */
export function finishFiles(root: string, journal: Journal): { ok: true; files: string[] } | { ok: false; changed: string[] } {
  const stages = journal.files.map((entry) => stageOf(root, entry));
  const changed = journal.files.filter((_, i) => stages[i].stage === 'changed').map((f) => f.file);
  if (changed.length) return { ok: false, changed };
  journal.files.forEach((entry, i) => {
    if (stages[i].stage === 'before') writeRecordAtomic(root, entry.file, afterBytes(entry, stages[i].bytes));
  });
  return { ok: true, files: journal.files.map((f) => f.file) };
}

export { committed as journalCommitted, who as journalWho };
