import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { schemaFiles, SCHEMAS_DIR } from './schemaFiles.js';

/**
 * What `check`, `due`, `validate` and `audit` learnt from each record file, kept between runs
 * under .git/careplan/ and keyed by the file's content (its git blob id): the parsed, valid
 * record (without notes), or a settled month's facts. A file whose blob is known is not read
 * again. The cache holds care data, so it lives inside .git with the repository's permissions,
 * never leaves the machine (git neither commits nor clones it), and can be deleted at any time.
 *
 * One file per person (and one for the home's records), so that a new outcome entry rewrites one
 * small file. Each file starts with a line naming the format and its seal: the SHA-1 of the cache
 * folder's identity on this disk and of the rest. A file that is cut short, damaged, of another
 * format, or sealed in another folder is ignored and written afresh, never trusted. The folder's
 * identity (device, inode, birth time) cannot be known before the folder exists, so a cache that
 * arrives with a repository (a zip of it, .git and all, from anyone) seals nothing careplan
 * accepts: its payloads, which decide what check prints, were not careplan's own.
 */
const FORMAT = 'careplan-cache 2';

/** The modules whose code decides what a cached payload holds: a change to any starts a new cache. */
const MODULES = [
  'model/fastYaml',
  'model/yamlText',
  'model/coreSchema',
  'model/yamlCharacters',
  'model/settledMonth',
  'model/time',
  'repo/loader',
  'repo/loadWorker',
  'repo/formats',
  'repo/schemaMessages',
  'repo/recordCache',
  'repo/parallelLoader',
];

let identity: string | undefined;

/**
 * careplan's package.json, the schemas, the prebuilt validators and the loading code, hashed once a
 * process; with Node's version and its time-zone data, which decide the local times worked out
 * (a settled month's facts, every rule's dates): a new tzdata can move a zone's offset.
 */
export function codeIdentity(): string {
  if (identity) return identity;
  const hash = createHash('sha1').update(`${process.versions.node}\0${process.versions.tz ?? ''}\0`);
  const add = (url: URL) => {
    if (existsSync(url)) hash.update(readFileSync(url));
  };
  add(new URL('../../package.json', import.meta.url));
  add(new URL('../validators.js', import.meta.url));
  // Run from the bundle (dist/bundle/, scripts/bundle.js), the loading code is in its files: all of them.
  const bundle = bundleFiles();
  if (bundle) {
    for (const file of bundle)
      hash
        .update(`${path.basename(file)}\0`)
        .update(readFileSync(file))
        .update('\0');
    // dist/validators.js is not bundled, nor the one module it imports.
    add(new URL('../repo/formats.js', import.meta.url));
  } else {
    for (const name of MODULES) {
      const js = new URL(`../${name}.js`, import.meta.url);
      add(existsSync(js) ? js : new URL(`../${name}.ts`, import.meta.url));
    }
  }
  for (const file of schemaFiles()) hash.update(readFileSync(path.join(SCHEMAS_DIR, file)));
  identity = hash.digest('hex');
  return identity;
}

/**
 * The bundle's code files, sorted, when this module runs from the bundle (dist/bundle/, made by
 * scripts/bundle.js); undefined when it runs from dist/'s modules or from src/.
 */
export function bundleFiles(): string[] | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(here) !== 'bundle') return undefined;
  return readdirSync(here)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => path.join(here, name));
}

/** A group's payloads by key, as JSON text or parsed. */
export type CachedGroup = Record<string, unknown>;

export interface RecordCache {
  /** The group's payloads (a person id, or HOME_GROUP); empty when none are kept or the file is not sound. */
  read(group: string): CachedGroup;
  /** Replaces a group's payloads: each value is already JSON text. */
  write(group: string, payloads: ReadonlyMap<string, string>): void;
  /** Makes the cache's folder ready and says where another thread may write a group (writeGroup); undefined when it cannot be made. */
  prepare(): CacheFolder | undefined;
}

/** Where a cache's group files go, with which permissions, and the folder's identity their seals hold. */
export interface CacheFolder {
  dir: string;
  mode: number;
  identity: string;
}

/**
 * A folder's identity on this disk: device, inode and birth time, none of which a repository's
 * files can set. Undefined when it is not a folder (a link is not followed) or cannot be read.
 */
export function folderIdentity(dir: string): string | undefined {
  try {
    const stat = lstatSync(dir, { bigint: true });
    // Where the system gives no birth time (Linux without statx: kernels before 4.11, sandboxes that
    // block it), Node may give the change time instead, which each file written moves: the cache
    // then never holds, and every check reads afresh. Slower, never wrong.
    return stat.isDirectory() ? `${stat.dev}:${stat.ino}:${stat.birthtimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first line of a group's file: the format, and the SHA-1 of the folder's identity and the
 * body (exported for the tests that seal a file by hand).
 */
export function sealOf(identity: string, body: string): string {
  return `${FORMAT} ${createHash('sha1').update(`${identity}\0`).update(body).digest('hex')}`;
}

/** Writes one group's file (atomically: a temporary file renamed over it), on any thread. */
export function writeGroup(folder: CacheFolder, group: string, payloads: Iterable<readonly [string, string]>): void {
  const parts: string[] = [];
  for (const [key, json] of payloads) parts.push(`${JSON.stringify(key)}:${json}`);
  const body = `{${parts.join(',\n')}}`;
  const file = path.join(folder.dir, `${group}.json`);
  const temp = `${file}.${process.pid}.${threadId}.tmp`;
  writeFileSync(temp, `${sealOf(folder.identity, body)}\n${body}`, { mode: folder.mode });
  renameSync(temp, file);
}

/** The group of records not in any person's folder. */
export const HOME_GROUP = '_home';

/**
 * The cache of one view of the records (`judging`: check and due, settled months as facts;
 * `full`: every record in full) for this code and these schemas, in the repository's git folder.
 * Other views' and older versions' caches are left alone or removed when written.
 */
export function openCache(gitDir: string, view: string, facts: string): RecordCache {
  const base = path.join(gitDir, 'careplan', 'cache');
  const name = `${view}-${createHash('sha1').update(`${FORMAT}\0${codeIdentity()}\0${facts}`).digest('hex').slice(0, 16)}`;
  const dir = path.join(base, name);
  let folder: CacheFolder | null | undefined;
  const prepare = (): CacheFolder | undefined => {
    if (folder !== undefined) return folder ?? undefined;
    try {
      // The repository's own permissions: .git's for the folders, its index file's for the files.
      const dirMode = statSync(gitDir).mode & 0o777;
      const index = path.join(gitDir, 'index');
      const mode = existsSync(index) ? statSync(index).mode & 0o666 : dirMode & 0o666;
      // The last folder's identity is the cache folder's, which its seals hold.
      let identity = '';
      for (const d of [path.join(gitDir, 'careplan'), base, dir]) {
        if (!existsSync(d)) {
          mkdirSync(d, { mode: dirMode, recursive: true });
          chmodSync(d, dirMode);
        }
        // A link on the way (a repository can come with one in .git) would put the cache, care
        // data, wherever it leads: no cache then.
        const found = folderIdentity(d);
        if (found === undefined) throw new Error(`${d} is not a folder`);
        identity = found;
      }
      // Caches of older code or schemas for this view are never read again.
      for (const other of readdirSync(base)) {
        if (other !== name && other.startsWith(`${view}-`)) rmSync(path.join(base, other), { recursive: true, force: true });
      }
      folder = { dir, mode, identity };
    } catch {
      // A repository careplan cannot write to (read-only, another owner) simply has no cache.
      folder = null;
    }
    return folder ?? undefined;
  };
  let identity: string | undefined;
  return {
    read(group) {
      let text: string;
      try {
        text = readFileSync(path.join(dir, `${group}.json`), 'utf8');
      } catch {
        return {};
      }
      identity ??= folderIdentity(dir);
      const newline = text.indexOf('\n');
      const body = text.slice(newline + 1);
      if (identity === undefined || newline < 0 || text.slice(0, newline) !== sealOf(identity, body)) return {};
      try {
        const parsed = JSON.parse(body) as unknown;
        return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as CachedGroup) : {};
      } catch {
        return {};
      }
    },
    write(group, payloads) {
      const ready = prepare();
      if (ready) writeGroup(ready, group, payloads);
    },
    prepare,
  };
}
