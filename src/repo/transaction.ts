import { RecordError } from '../errors.js';
import { MAX_FILE_BYTES } from '../model/yamlText.js';
import { writeRecordAtomic } from './atomicWrite.js';
import { crashPoint } from './crashPoints.js';
import { commitFiles, indexEntries, type Trailers } from './git.js';
import { asIoError } from './ioErrors.js';
import { journalOf, removeJournal, undoFile, undoInterrupted, writeJournal, type FileWrite } from './journal.js';
import type { Lease } from './lock.js';
import { assertWritable, inspectPath, readInside, sizeText, UnsafeReadError } from './safePath.js';
import { trailRefusal } from './trail.js';

/**
 * A write as one transaction: every file it makes is written, and (unless --no-commit) committed
 * in one commit, or none is. Checked before anything is touched (no link on the way, no file over
 * the size limit, git able to commit here and now); journalled (journal.ts) so a kill at any
 * point is undone by the next writer; and undone in process when a file or the commit fails.
 */

export interface TransactionMeta {
  commit: boolean;
  subject: string;
  trailers: Trailers;
  /** The command, for the journal (and whoever later finds it). */
  command: string;
  lease?: Lease;
}

/** The bytes at `file` now (inside the lock), or undefined when there is none; refused through a link or over the limit. */
export function bytesBefore(root: string, file: string): Buffer | undefined {
  assertWritable(root, file);
  if (inspectPath(root, file).kind === 'missing') return undefined;
  try {
    return readInside(root, file, MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof UnsafeReadError && error.reason === 'too-large') throw tooLarge(file, error.size ?? MAX_FILE_BYTES + 1, 'is');
    throw error;
  }
}

export function tooLarge(file: string, size: number, verb: 'is' | 'would be'): RecordError {
  return new RecordError(
    `${file} ${verb} ${sizeText(size)}, over the ${sizeText(MAX_FILE_BYTES)} limit for one record file, so careplan will not write it. ` +
      `Nothing was written.`,
    `A file that large is not one record (a month of one person's outcomes is a few hundred KiB): move what does not belong in it ` +
      `elsewhere${verb === 'is' ? ', and check it with `careplan validate`' : ''}.`,
  );
}

/** Undoes the write a killed command left (journal.ts), saying so in `notices`. Call it holding the lock. */
export async function recoverInterrupted(root: string, notices: string[]): Promise<void> {
  const recovery = await undoInterrupted(root);
  if (recovery) notices.push(recovery.message);
}

/** Checks that nothing stops the write, before anything is written: links, sizes, and git's ability to commit. */
export async function preflight(root: string, writes: readonly FileWrite[], commit: boolean): Promise<void> {
  for (const write of writes) {
    assertWritable(root, write.file);
    if (write.bytes.length > MAX_FILE_BYTES) throw tooLarge(write.file, write.bytes.length, 'would be');
  }
  if (commit) {
    // The files' index entries (the journal's, and what the commit starts from) are asked alongside
    // the trail's questions: git remembers the answer until careplan writes the index, and at 1,000
    // people listing them takes git about 10 ms, which the write would otherwise wait for.
    const files = writes.map((write) => write.file);
    const [refusal] = await Promise.all([trailRefusal(root), indexEntries(root, files).catch(() => [])]);
    if (refusal) throw refusal;
  }
}

/**
 * Writes `writes` and commits them (meta.commit), or leaves the records as they were and throws
 * the cause and the fix. Call preflight first, holding the lock; returns the commit made.
 */
export async function applyWrite(root: string, writes: readonly FileWrite[], meta: TransactionMeta): Promise<{ sha?: string }> {
  const files = writes.map((w) => w.file);
  const index = meta.commit ? await indexEntries(root, files) : [];
  meta.lease?.check();
  try {
    writeJournal(
      root,
      journalOf(writes, { command: meta.command, commit: meta.commit, subject: meta.subject, trailers: meta.trailers, index }),
    );
  } catch (error) {
    throw asIoError(error, 'noting what it was about to write (.careplan/journal.json)', 'Nothing was written.');
  }
  crashPoint('journal-written');
  const written: FileWrite[] = [];
  for (const write of writes) {
    try {
      writeRecordAtomic(root, write.file, write.bytes, 'temp-written');
    } catch (error) {
      const undone = undo(root, written);
      throw asIoError(error, `writing ${write.file}`, undone);
    }
    written.push(write);
    crashPoint('file-written');
  }
  if (!meta.commit) {
    removeJournal(root);
    return {};
  }
  const commit = await commitFiles(root, files, meta.subject, meta.trailers);
  if (!commit.ok) {
    const undone = undo(root, writes);
    throw new RecordError(
      `git could not commit ${files.join(', ')}: ${commit.message}\n${undone}`,
      'Put right what git says (a hook that refused the commit says why), then run the command again, or pass --no-commit to write ' +
        'without committing.',
    );
  }
  removeJournal(root);
  return { sha: commit.sha };
}

/** Puts written files back as they were; the words say whether it worked. The journal goes once they are back. */
function undo(root: string, written: readonly FileWrite[]): string {
  const failed: string[] = [];
  for (const write of [...written].reverse()) {
    try {
      const before = write.before && { size: write.before.length, sha256: '' };
      undoFile(root, { file: write.file, before, appended: write.appended }, write.before);
    } catch {
      failed.push(write.file);
    }
  }
  if (failed.length) {
    return (
      `Some of it could not be put back (${failed.join(', ')}): the next careplan command undoes it, or restore ` +
      `${failed.length === 1 ? 'it' : 'them'} with \`git checkout -- FILE\`.`
    );
  }
  removeJournal(root);
  return written.length ? 'Nothing was written: what had been written was put back as it was.' : 'Nothing was written.';
}
