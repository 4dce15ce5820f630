import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { RecordError } from '../errors.js';

/**
 * Every file careplan reads or writes as a record lies inside the repository and is reached
 * without following a symbolic link: a link can put another home's records, or any file on the
 * machine, where careplan would read or write one of this home's. Paths here are
 * repository-relative with forward slashes.
 */

/** What stands at a repository-relative path, judged without following links. */
export type PathState =
  | { kind: 'missing' }
  | { kind: 'file'; size: number }
  | { kind: 'folder' }
  /** `at`: the repository-relative path of the link (the path itself or a folder above it). */
  | { kind: 'link'; at: string }
  /** A folder above the path is a file, or the path is a device, pipe or socket. */
  | { kind: 'other'; at: string }
  | { kind: 'outside' };

/** The parts of a repository-relative path, or undefined when it leaves the repository (absolute, `..`, empty). */
export function partsInside(rel: string): string[] | undefined {
  if (rel === '' || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || rel.includes('\0')) return undefined;
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return parts;
}

/** What stands at `rel` under `root`: each folder on the way is looked at with lstat, so no link is followed. */
export function inspectPath(root: string, rel: string): PathState {
  const parts = partsInside(rel);
  if (!parts) return { kind: 'outside' };
  let abs = root;
  for (let i = 0; i < parts.length; i++) {
    abs = path.join(abs, parts[i]);
    const at = parts.slice(0, i + 1).join('/');
    let stat: Stats;
    try {
      stat = lstatSync(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing' };
      if (code === 'ENOTDIR') return { kind: 'other', at: parts.slice(0, i).join('/') };
      throw error;
    }
    if (stat.isSymbolicLink()) return { kind: 'link', at };
    const last = i === parts.length - 1;
    if (last) {
      if (stat.isFile()) return { kind: 'file', size: stat.size };
      return stat.isDirectory() ? { kind: 'folder' } : { kind: 'other', at };
    }
    if (!stat.isDirectory()) return { kind: 'other', at };
  }
  return { kind: 'folder' };
}

/** Why careplan will not write at `rel`, as a refusal; undefined when it may (the file is missing or a regular file). */
export function writeRefusal(root: string, rel: string): RecordError | undefined {
  const state = inspectPath(root, rel);
  if (state.kind === 'missing' || state.kind === 'file') return undefined;
  if (state.kind === 'link') {
    return new RecordError(
      `${state.at} is a symbolic link, and careplan never writes through a link: it could lead to another home's records or outside the ` +
        `repository. Nothing was written.`,
      `Replace the link with the real ${state.at === rel ? 'file' : 'folder'} (for example \`rm ${state.at}\`, then \`git checkout -- ` +
        `${state.at}\` if git holds it), then run the command again.`,
    );
  }
  if (state.kind === 'outside')
    return new RecordError(`${rel} is outside the records repository; careplan writes only inside it. Nothing was written.`);
  if (state.kind === 'folder')
    return new RecordError(
      `${rel} is a folder, where careplan would write a record. Nothing was written.`,
      `Move the folder ${rel} out of the way, then run the command again.`,
    );
  return new RecordError(
    `${state.at} is not a regular ${state.at === rel ? 'file' : 'folder'}, so careplan cannot write ${rel}. Nothing was written.`,
    `Move ${state.at} out of the way, then run the command again.`,
  );
}

/** Refuses a write at `rel` that would go through a link, outside the repository, or over a folder. */
export function assertWritable(root: string, rel: string): void {
  const refusal = writeRefusal(root, rel);
  if (refusal) throw refusal;
}

/**
 * Creates the folders of `relDir` one at a time, each checked to be a real folder (never a
 * link), so `mkdir -p` can never be led outside the repository.
 */
export function ensureFolders(root: string, relDir: string): void {
  const parts = partsInside(relDir);
  if (!parts) return;
  let abs = root;
  for (let i = 0; i < parts.length; i++) {
    abs = path.join(abs, parts[i]);
    const at = parts.slice(0, i + 1).join('/');
    try {
      mkdirSync(abs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stat = lstatSync(abs);
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      assertWritable(root, at);
      throw new RecordError(`${at} is not a folder, so careplan cannot write beneath it. Nothing was written.`);
    }
  }
}

/** A read refused: the path is a link, not a regular file, or too large. */
export class UnsafeReadError extends Error {
  override name = 'UnsafeReadError';
  constructor(
    message: string,
    readonly reason: 'link' | 'not-file' | 'too-large' | 'outside' | 'missing',
    readonly size?: number,
  ) {
    super(message);
  }
}

/**
 * The bytes of a regular file under `root`, read without following a link (O_NOFOLLOW, after an
 * lstat walk of the folders) and without blocking on a pipe; refused above `limit` bytes before
 * anything is read.
 */
export function readInside(root: string, rel: string, limit: number, folders?: Set<string>): Buffer {
  const parts = partsInside(rel);
  if (!parts) throw new UnsafeReadError(`${rel} is outside the records repository`, 'outside');
  // A folder this load has already walked to without meeting a link (`folders`, one load's) is not
  // walked again for each of its files: O_NOFOLLOW still refuses a link in the file's own place.
  const folder = parts.slice(0, -1).join('/');
  if (!folders?.has(folder)) {
    const state = inspectPath(root, rel);
    if (state.kind === 'missing') throw new UnsafeReadError(`${rel} does not exist`, 'missing');
    if (state.kind === 'link') throw new UnsafeReadError(`${state.at} is a symbolic link`, 'link');
    if (state.kind !== 'file') throw new UnsafeReadError(`${rel} is not a regular file`, 'not-file');
    folders?.add(folder);
  }
  return readRegular(path.join(root, ...parts), rel, limit);
}

/**
 * A regular file opened for reading (O_NOFOLLOW | O_NONBLOCK) and its size, refusing a link, a
 * device or a pipe; nothing is left open when it refuses. The caller closes `fd`.
 */
export function openRegular(abs: string, shown: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new UnsafeReadError(`${shown} is a symbolic link`, 'link');
    if (code === 'ENOENT') throw new UnsafeReadError(`${shown} does not exist`, 'missing');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnsafeReadError(`${shown} is not a regular file`, 'not-file');
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Reads a regular file (openRegular), refusing a link, a device or pipe, or a file over `limit` bytes. */
export function readRegular(abs: string, shown: string, limit: number): Buffer {
  const { fd, size } = openRegular(abs, shown);
  try {
    if (size > limit) throw new UnsafeReadError(`${shown} is ${sizeText(size)}, over the ${sizeText(limit)} limit`, 'too-large', size);
    // Read one byte past the size found: a file that grows while it is read is still bounded.
    // Unfilled bytes are never returned (subarray to what was read).
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // The size found, in reads that asked for a byte more: the file ended there when it was read,
      // so there is no need of one more read (a system call per record) to be told so. A file
      // that says it is empty (as some special files do) is still read to its end.
      if (length === size) break;
      if (length === buffer.length)
        throw new UnsafeReadError(`${shown} grew while careplan read it, past ${sizeText(size)}`, 'too-large', length);
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** A size in words: "512 bytes", "1.0 MiB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
