import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { openRegular, readRegular } from './safePath.js';
import { schemaFiles, SCHEMAS_DIR } from './schemaFiles.js';

/**
 * What `check`, `due`, `validate` and `audit` learnt from each record file, kept between runs
 * under .git/careplan/ and keyed by the file's content (its git blob id): the parsed, valid
 * record (without notes), or a settled month's facts. A file whose blob is known is not read
 * again. The cache holds care data, so it lives inside .git with the repository's permissions,
 * never leaves the machine (git neither commits nor clones it), and can be deleted at any time.
 *
 * One file per person (and one for the home's records), so that a new outcome entry rewrites one
 * small file. A cold load's workers write theirs into one pack each instead (PackWriter): on some
 * disks creating a file costs most of a millisecond, and a home of 1,000 people took 1.6 s of
 * system time to create its groups' files one by one. A group's own file, once written, is newer
 * than its copy in a pack and wins. Each file starts with a line naming the format and its seal:
 * the SHA-1 of the cache folder's identity on this disk and of the rest. A file that is cut short, damaged, of another
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
  add(new URL('../validators.cjs', import.meta.url));
  // Run from the bundle (dist/bundle/, scripts/bundle.js), the loading code is in its files: all of them.
  const bundle = bundleFiles();
  if (bundle) {
    for (const file of bundle)
      hash
        .update(`${path.basename(file)}\0`)
        .update(readFileSync(file))
        .update('\0');
    // dist/validators.cjs (added above) holds its formats' code itself.
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
    .filter((name) => name.endsWith('.cjs'))
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
  /** Removes packs (PackWriter) whose every group has a newer copy. */
  tidy(): void;
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

/** A group's payloads as the JSON text its file holds after the seal. */
function groupBody(payloads: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [key, json] of payloads) parts.push(`${JSON.stringify(key)}:${json}`);
  return `{${parts.join(',\n')}}`;
}

/** Writes one group's file (atomically: a temporary file renamed over it), on any thread. */
export function writeGroup(folder: CacheFolder, group: string, payloads: Iterable<readonly [string, string]>): void {
  const body = groupBody(payloads);
  const file = path.join(folder.dir, `${group}.json`);
  const temp = `${file}.${process.pid}.${threadId}.tmp`;
  writeFileSync(temp, `${sealOf(folder.identity, body)}\n${body}`, { mode: folder.mode });
  renameSync(temp, file);
}

/**
 * Many groups in one file, written by one thread as each group is complete: `pack-….json` holds the
 * groups' bodies one after another, and `pack-….toc` where each is and its seal. The table is
 * written last, so a pack without one (a worker stopped midway) is never read; each body is
 * checked against its seal when read, as a group's own file is. Writing a group into a pack
 * removes its own file, so that an own file is always the newer copy.
 */
export class PackWriter {
  private fd: number | undefined;
  private name = '';
  private offset = 0;
  private readonly toc: Record<string, [offset: number, length: number, seal: string]> = {};

  constructor(private readonly folder: CacheFolder) {}

  add(group: string, payloads: Iterable<readonly [string, string]>): void {
    const body = groupBody(payloads);
    if (this.fd === undefined) {
      this.name = `pack-${Date.now()}-${process.pid}-${threadId}`;
      this.fd = openSync(path.join(this.folder.dir, `${this.name}.json`), 'wx', this.folder.mode);
    }
    const bytes = Buffer.from(body, 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.toc[group] = [this.offset, bytes.length, sealOf(this.folder.identity, body)];
    this.offset += bytes.length;
  }

  /** Writes the table (the pack can be read from then on) and removes the groups' own files. */
  finish(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    for (const group of Object.keys(this.toc)) rmSync(path.join(this.folder.dir, `${group}.json`), { force: true });
    const toc = path.join(this.folder.dir, `${this.name}.toc`);
    writeFileSync(`${toc}.tmp`, JSON.stringify(this.toc), { mode: this.folder.mode });
    renameSync(`${toc}.tmp`, toc);
  }

  /** Removes what was written: the pack is not finished (an error while writing it). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.name) rmSync(path.join(this.folder.dir, `${this.name}.json`), { force: true });
  }
}

/** A finished pack as its table gives it. */
interface Pack {
  name: string;
  toc: Record<string, unknown>;
}

/** The finished packs in `dir`, newest first (a pack's name begins with the time it was written). */
function packsIn(dir: string): Pack[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^pack-[0-9-]+\.toc$/.test(name));
  } catch {
    return [];
  }
  const packs: Pack[] = [];
  for (const toc of names.sort(comparePacks).reverse()) {
    try {
      const parsed = JSON.parse(readCacheFile(path.join(dir, toc))) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        packs.push({ name: toc.slice(0, -'.toc'.length), toc: parsed as Record<string, unknown> });
    } catch {
      // A table that cannot be read: the pack is not read.
    }
  }
  return packs;
}

/** The largest cache file careplan reads. */
const MAX_CACHE_FILE = 256 * 1024 * 1024;

/**
 * A cache file's text: a regular file, no link followed, no pipe waited on (a repository can come
 * with its .git folder, and so with anything where the cache goes). Throws otherwise.
 */
function readCacheFile(file: string): string {
  return readRegular(file, path.basename(file), MAX_CACHE_FILE).toString('utf8');
}

/** Packs by the time in their names, then the rest of the name: `pack-TIME-PID-THREAD`. */
function comparePacks(a: string, b: string): number {
  const time = (name: string) => Number(name.split('-')[1]);
  return time(a) - time(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The body of `group` in a pack, checked against its seal; undefined when it is not there or not sound. */
function readFromPack(dir: string, pack: Pack, group: string, identity: string): string | undefined {
  if (!Object.hasOwn(pack.toc, group)) return undefined;
  const place = pack.toc[group];
  if (!Array.isArray(place) || place.length !== 3) return undefined;
  const [offset, length, seal] = place as unknown[];
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || typeof seal !== 'string') return undefined;
  if ((offset as number) < 0 || (length as number) < 0 || (length as number) > MAX_CACHE_FILE) return undefined;
  let fd: number | undefined;
  try {
    // As readCacheFile: no link followed, nothing but a regular file read.
    ({ fd } = openRegular(path.join(dir, `${pack.name}.json`), `${pack.name}.json`));
    const bytes = Buffer.alloc(length as number);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, (offset as number) + got);
      if (n === 0) return undefined;
      got += n;
    }
    const body = bytes.toString('utf8');
    return seal === sealOf(identity, body) ? body : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Removes the packs of which every group has a newer copy: its own file, or a newer pack. Packs
 * are written only by a load that finds groups with nothing kept, so there are seldom more than a
 * load's workers' worth.
 */
function tidyPacks(dir: string): void {
  const names = readdirSync(dir);
  // A pack with no table an hour after it was begun was never finished (its worker stopped).
  for (const name of names) {
    if (!/^pack-[0-9-]+\.json$/.test(name) || names.includes(`${name.slice(0, -'.json'.length)}.toc`)) continue;
    const begun = Number(name.split('-')[1]);
    if (Date.now() - begun > 3_600_000) rmSync(path.join(dir, name), { force: true });
  }
  const packs = packsIn(dir);
  if (packs.length === 0) return;
  const newer = new Set(
    names.filter((name) => name.endsWith('.json') && !name.startsWith('pack-')).map((name) => name.slice(0, -'.json'.length)),
  );
  for (const pack of packs) {
    const groups = Object.keys(pack.toc);
    if (groups.every((group) => newer.has(group))) {
      rmSync(path.join(dir, `${pack.name}.toc`), { force: true });
      rmSync(path.join(dir, `${pack.name}.json`), { force: true });
    }
    for (const group of groups) newer.add(group);
  }
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
  let packs: Pack[] | undefined;
  const parse = (body: string): CachedGroup => {
    try {
      const parsed = JSON.parse(body) as unknown;
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as CachedGroup) : {};
    } catch {
      return {};
    }
  };
  return {
    read(group) {
      let text: string | undefined;
      try {
        text = readCacheFile(path.join(dir, `${group}.json`));
      } catch {
        text = undefined;
      }
      packs ??= text === undefined ? packsIn(dir) : undefined;
      if (text === undefined && !packs?.length) return {};
      identity ??= folderIdentity(dir);
      if (identity === undefined) return {};
      if (text !== undefined) {
        const newline = text.indexOf('\n');
        const body = text.slice(newline + 1);
        if (newline >= 0 && text.slice(0, newline) === sealOf(identity, body)) return parse(body);
      }
      // No sound file of its own: the newest pack that holds the group soundly.
      packs ??= packsIn(dir);
      for (const pack of packs) {
        const body = readFromPack(dir, pack, group, identity);
        if (body !== undefined) return parse(body);
      }
      return {};
    },
    write(group, payloads) {
      const ready = prepare();
      if (ready) writeGroup(ready, group, payloads);
    },
    prepare,
    tidy() {
      try {
        if (prepare()) tidyPacks(dir);
      } catch {
        // Packs left are read or tidied next time.
      }
    },
  };
}
