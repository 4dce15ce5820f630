import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crashPoint, type CrashPoint } from './crashPoints.js';
import { assertWritable, ensureFolders } from './safePath.js';

/** The temporary file a write leaves beside its target only when it is killed part way: `.NAME.PID.MS.tmp`. */
export const TEMP_FILE = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

/** Writes `content` to a new temporary file (never an existing one, never through a link), synced to disk. */
function writeTemp(temp: string, content: string | Uint8Array): void {
  let fd: number | undefined;
  try {
    // 'wx' is O_CREAT | O_EXCL: it fails on anything already there, a link included.
    fd = openSync(temp, 'wx', 0o644);
    // writeFileSync on a descriptor loops until every byte is written; a bare writeSync may not.
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

function syncFolder(dir: string): void {
  try {
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}

function replaceWith(temp: string, file: string): void {
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

/**
 * Writes a file so that no half-written version can survive a crash: write a temporary file
 * beside it, fsync, rename over the target (atomic on POSIX), fsync the folder. For files the
 * user names (audit --out); records go through writeRecordAtomic.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
  writeTemp(temp, content);
  replaceWith(temp, file);
}

/**
 * A record written atomically at `rel` inside `root`: its folders are made one at a time and
 * none may be a link, the target must be a regular file or missing, and the rename replaces the
 * name itself (a link put there after the check is replaced, not followed).
 */
export function writeRecordAtomic(root: string, rel: string, content: string | Uint8Array, point?: CrashPoint): void {
  assertWritable(root, rel);
  const dir = path.posix.dirname(rel);
  if (dir !== '.') ensureFolders(root, dir);
  const file = path.join(root, ...rel.split('/'));
  const temp = tempBeside(file);
  writeTemp(temp, content);
  if (point) crashPoint(point);
  // Checked again just before the rename: the folders must still be the ones checked.
  assertWritable(root, rel);
  replaceWith(temp, file);
}

/** Removes a record file careplan created (a rollback), refusing to follow a link to do it. */
export function removeRecord(root: string, rel: string): void {
  assertWritable(root, rel);
  const file = path.join(root, ...rel.split('/'));
  try {
    if (lstatSync(file).isFile()) rmSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
