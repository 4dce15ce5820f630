import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from './atomicWrite.js';

/**
 * Where `careplan export --out` writes, checked before anything is read (a wrong path costs no
 * work), and the writing itself: personal data is never written over an existing file, and never
 * left half-written.
 */

export type ExportTarget =
  | { kind: 'stdout' }
  | { kind: 'file'; file: string; shown: string }
  | { kind: 'folder'; folder: string; shown: string; exists: boolean };

const isFolder = (p: string) => existsSync(p) && statSync(p).isDirectory();

function refuseExisting(file: string, shown: string): void {
  if (existsSync(file)) {
    throw new UsageError(`--out ${shown} already exists; careplan does not write over it.`, 'Remove it first, or choose another name.');
  }
}

function parentMustExist(target: string, shown: string): void {
  const parent = path.dirname(target);
  if (!isFolder(parent)) {
    throw new UsageError(
      `--out ${shown}: the folder ${parent} does not exist.`,
      `Create it first (\`mkdir -p ${parent}\`), or choose a folder that exists.`,
    );
  }
}

/**
 * What --out names for a format: `file-or-stdout` takes a file, or an existing folder (one file
 * each); `file` a file; `folder` a new or empty folder whose parent exists.
 */
export function exportTarget(out: string | undefined, cwd: string, wants: 'file-or-stdout' | 'file' | 'folder'): ExportTarget {
  if (out === undefined) return { kind: 'stdout' };
  const target = path.resolve(cwd, out);
  if (wants === 'folder') {
    if (existsSync(target)) {
      if (!statSync(target).isDirectory())
        throw new UsageError(`--out ${out} is a file; this export is a folder of files.`, 'Name a new or empty folder.');
      if (readdirSync(target).length)
        throw new UsageError(
          `--out ${out} is not empty; careplan writes this export only into a new or empty folder.`,
          'Name a new folder, or empty this one first.',
        );
      return { kind: 'folder', folder: target, shown: out, exists: true };
    }
    parentMustExist(target, out);
    return { kind: 'folder', folder: target, shown: out, exists: false };
  }
  if (isFolder(target)) {
    if (wants === 'file')
      throw new UsageError(`--out ${out} is a folder; this export is one file.`, `Name a file, such as ${path.join(out, 'my-plan.html')}.`);
    return { kind: 'folder', folder: target, shown: out, exists: true };
  }
  if (/[\\/]$/.test(out))
    throw new UsageError(
      `--out ${out}: the folder ${target} does not exist.`,
      `Create it first (\`mkdir -p ${target}\`), or choose a folder that exists.`,
    );
  parentMustExist(target, out);
  refuseExisting(target, out);
  return { kind: 'file', file: target, shown: out };
}

/** Files into a folder: each a new file (none is written over); into a new folder, all or nothing. */
export function writeExportFolder(
  target: Extract<ExportTarget, { kind: 'folder' }>,
  files: readonly { name: string; content: string | Buffer }[],
): void {
  if (target.exists && readdirSync(target.folder).length === 0) {
    // An empty folder: fill a new one beside it, then put it in the empty one's place.
    writeWhole(target.folder, files, () => rmdirSync(target.folder));
    return;
  }
  if (!target.exists) {
    writeWhole(target.folder, files);
    return;
  }
  for (const f of files) refuseExisting(path.join(target.folder, f.name), path.join(target.shown, f.name));
  for (const f of files) writeFileAtomic(path.join(target.folder, f.name), f.content.toString());
}

/** Writes every file into a temporary folder beside `folder`, then renames it into place: no half-made answer survives. */
function writeWhole(folder: string, files: readonly { name: string; content: string | Buffer }[], beforeRename?: () => void): void {
  const temp = path.join(path.dirname(folder), `.${path.basename(folder)}.${process.pid}.partial`);
  try {
    for (const f of files) {
      const file = path.join(temp, f.name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, f.content);
    }
    beforeRename?.();
    renameSync(temp, folder);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new UsageError(`--out ${folder}: cannot write it (${(error as Error).message}).`, 'Choose a folder you can write to.');
  }
}

/** One file, written whole. */
export function writeExportFile(target: Extract<ExportTarget, { kind: 'file' }>, content: string | Buffer): void {
  try {
    writeFileAtomic(target.file, content.toString());
  } catch (error) {
    throw new UsageError(
      `--out ${target.shown}: cannot write it (${(error as Error).message}).`,
      'Choose a file in a folder you can write to.',
    );
  }
}
