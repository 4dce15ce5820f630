import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_FILE } from './configFile.js';
import { MAX_FILE_BYTES } from '../model/limits.js';
import { inspectPath, readInside } from './safePath.js';

// Finding the records, listing them and reading their bytes, apart from loader.ts (which loads the validators and the
// rules' findings): a check that prints the findings it kept needs no more than this.

/** The folder holding careplan.yaml: `--repo`, else the nearest one upwards from `cwd`. */
export function findRepositoryRoot(cwd: string, repo?: string): string {
  if (repo !== undefined) {
    const root = path.resolve(cwd, repo);
    if (!existsSync(path.join(root, CONFIG_FILE))) {
      throw new UsageError(
        `${root} has no ${CONFIG_FILE}, so it is not a careplan records repository.`,
        `Check --repo, or create one with \`careplan init ${repo}\`.`,
      );
    }
    return root;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new UsageError(
        `No ${CONFIG_FILE} found in ${path.resolve(cwd)} or any folder above it.`,
        'Run careplan inside a records repository, pass --repo DIR, or create one with `careplan init DIR`.',
      );
    }
    dir = parent;
  }
}

/** What the records folder holds: YAML files, and symbolic links careplan does not follow. */
export interface RecordListing {
  /** Every *.yaml / *.yml regular file, repository-relative with forward slashes, sorted. */
  files: string[];
  /** Links named like a YAML file, or leading to a folder: reported (`symlink`), never read. */
  links: string[];
}

/**
 * Walks the records folder (or `under` it) without following links. Hidden folders and
 * node_modules are not records. A link is listed apart: followed, it could put another home's
 * records, or files from outside the repository, among this home's.
 */
export function listRecordFiles(root: string, under = ''): RecordListing {
  const files: string[] = [];
  const links: string[] = [];
  const yaml = (name: string) => /\.ya?ml$/.test(name);
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        if (yaml(entry.name) || leadsToFolder(path.join(abs, entry.name))) links.push(child);
      } else if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && yaml(entry.name)) files.push(child);
    }
  };
  const start = under === '' ? { kind: 'folder' as const } : inspectPath(root, under);
  if (start.kind === 'link') links.push(start.at);
  else if (start.kind === 'folder') walk(under);
  return { files: files.sort(), links: links.sort() };
}

/** Whether a link leads to a folder (followed only to ask). */
export function leadsToFolder(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A record's bytes, refused (UnsafeReadError) when it is a link, not a regular file, or over
 * MAX_FILE_BYTES: how the loader reads a record, and how a file git does not vouch for is hashed.
 */
export function readRecordBytes(root: string, file: string, folders: Set<string>): Uint8Array {
  return readInside(root, file, MAX_FILE_BYTES, folders);
}
