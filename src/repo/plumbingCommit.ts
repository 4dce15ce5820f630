import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { countFrom } from './childEnvironment.js';
import { runGit, startGit } from './gitRunner.js';
import { CONFIG_QUESTION, scopedSettings } from './gitSafety.js';

/**
 * A commit of exactly some files, made from git's plumbing rather than `git commit --only`, which
 * builds a temporary index from HEAD and writes the whole index twice: at 1,000 people (a 9.5 MB
 * index) that was 195 ms of a 0.64 s write. Here only the trees along the files' paths are read
 * (`cat-file`) and rebuilt (`mktree`), and the commit is made with `commit-tree`: constant time,
 * however many people the home has. git.ts `commitFiles` then stages the files and moves HEAD.
 */

/** What a commit by plumbing comes to: a commit to move HEAD to, a failure, or a case `git commit` must handle. */
export type CommitPlan =
  | { kind: 'commit'; parent: string; commit: string; subject: string }
  | { kind: 'failed'; message: string }
  /** Leave it to `git commit` (no HEAD yet, a signing or cleanup setting, a file or path git must judge). */
  | { kind: 'porcelain'; why: string };

/** One entry of a tree or of the index: its mode (octal, as git writes it) and object id. */
export interface GitEntry {
  mode: string;
  id: string;
}

/** The settings that decide how `git commit` would make the commit, read once per command. */
export interface CommitSettings {
  /** core.fileMode: whether the executable bit on disk counts (git's default, true). */
  fileMode: boolean;
  /** commit.gpgSign: the user signs every commit, which only `git commit` honours. */
  signs: boolean;
  /** commit.cleanup is unset, `default` or `whitespace`: the message is cleaned as `git commit -F` does by default. */
  defaultCleanup: boolean;
}

/**
 * From how many index entries a write commits by plumbing (CAREPLAN_PLUMBING_FROM in the command's
 * environment). Below it `git commit --only` is as quick or quicker: it starts three git processes
 * where plumbing starts about nine, and its index work is small. Measured: 0.35 s against 0.37 s
 * per `outcome` at 10 people (900 entries), 0.40 s against 0.37 s at 200 (17,600 entries).
 */
export const DEFAULT_PLUMBING_FROM = 5000;

export function plumbingFrom(env: Record<string, string | undefined>): number {
  return countFrom(env.CAREPLAN_PLUMBING_FROM, DEFAULT_PLUMBING_FROM);
}

/**
 * How many entries git's index holds, from its header ("DIRC", version, count); 0 when it cannot
 * be read (no index yet, or not one git wrote), which leaves the commit to `git commit`.
 */
export function indexEntryCount(gitDir: string): number {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(gitDir, 'index'), 'r');
    const header = Buffer.alloc(12);
    if (readSync(fd, header, 0, 12, 0) !== 12 || header.toString('latin1', 0, 4) !== 'DIRC') return 0;
    return header.readUInt32BE(8);
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const gitText = async (cwd: string, args: readonly string[], input?: string | Buffer) => {
  const result = await runGit(cwd, args, input);
  return { stdout: result.stdout.toString('utf8').replace(/\n$/, ''), stderr: result.stderr.trim(), exitCode: result.exitCode };
};

/** git's reading of a boolean setting; undefined when it is not one. */
function gitBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(word)) return true;
  if (['false', 'no', 'off', ''].includes(word)) return false;
  return /^-?\d+$/.test(word) ? Number(word) !== 0 : undefined;
}

/** core.fileMode, commit.gpgSign and commit.cleanup as git reads them (the last one set wins); undefined when one cannot be read. */
export async function commitSettings(cwd: string): Promise<CommitSettings | undefined> {
  // Asked with the filter and signing settings, in one git process (gitSafety.ts).
  const result = await runGit(cwd, CONFIG_QUESTION);
  const values = new Map<string, string | undefined>();
  if (result.exitCode === 0) {
    for (const { key, value } of scopedSettings(result.stdout)) {
      const name = key.toLowerCase();
      if (name === 'core.filemode' || name === 'commit.gpgsign' || name === 'commit.cleanup') values.set(name, value);
    }
  } else if (result.exitCode !== 1) return undefined;
  const fileMode = values.has('core.filemode') ? gitBool(values.get('core.filemode')) : true;
  const signs = values.has('commit.gpgsign') ? gitBool(values.get('commit.gpgsign')) : false;
  const cleanup = values.has('commit.cleanup') ? values.get('commit.cleanup')?.trim().toLowerCase() : 'default';
  if (fileMode === undefined || signs === undefined) return undefined;
  return { fileMode, signs, defaultCleanup: cleanup === 'default' || cleanup === 'whitespace' };
}

/**
 * The message as `git commit -F -` stores it by default (git's `whitespace` cleanup): each line's
 * trailing whitespace removed, runs of blank lines made one, none at the start or end, one final
 * newline. `commit-tree` stores what it is given, so the message is cleaned here.
 */
export function cleanedMessage(message: string): string {
  const lines: string[] = [];
  let blanks = 0;
  for (const line of message.split('\n').map((l) => l.replace(/[ \t\r]+$/, ''))) {
    if (line === '') {
      blanks++;
      continue;
    }
    if (blanks > 0 && lines.length > 0) lines.push('');
    blanks = 0;
    lines.push(line);
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** Index entries (`ls-files -s --full-name` lines) at stage 0, by path from the top of the work tree. */
export function stagedEntries(entries: readonly string[]): Map<string, GitEntry> {
  const staged = new Map<string, GitEntry>();
  for (const line of entries) {
    const tab = line.indexOf('\t');
    const [mode, id, stage] = line.slice(0, tab).split(' ');
    if (stage === '0') staged.set(line.slice(tab + 1), { mode, id });
  }
  return staged;
}

const isRegular = (mode: string) => mode === '100644' || mode === '100755';

/**
 * The mode `git add` gives a file (git's `ce_mode_from_stat`): from the owner's executable bit,
 * or with core.fileMode false the index entry's mode, else 100644. Undefined when the file is
 * missing or not a regular file, or its index entry is a link or submodule: `git add` judges those.
 */
export function modeOf(file: string, staged: GitEntry | undefined, fileMode: boolean): string | undefined {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile() || (staged && !isRegular(staged.mode))) return undefined;
  if (!fileMode) return staged?.mode ?? '100644';
  return stat.mode & 0o100 ? '100755' : '100644';
}

/** A tree entry's mode as git's index holds it, so that a rebuilt tree is the one `git commit` would write. */
function canonicalMode(mode: string): string {
  const bits = Number.parseInt(mode, 8);
  switch (bits & 0o170000) {
    case 0o040000:
      return '40000';
    case 0o120000:
      return '120000';
    case 0o160000:
      return '160000';
    default:
      return bits & 0o100 ? '100755' : '100644';
  }
}

const typeOf = (mode: string) => (mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob');

/**
 * A raw tree object's entries (`mode SP name NUL id`), by name; undefined when it cannot be read.
 * Names are kept as latin1 strings, one character per byte, so that a name that is not UTF-8 goes
 * back into its tree unchanged.
 */
function parseTree(content: Buffer, idBytes: number): Map<string, GitEntry> | undefined {
  const entries = new Map<string, GitEntry>();
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > content.length) return undefined;
    const id = content.subarray(nul + 1, nul + 1 + idBytes).toString('hex');
    entries.set(content.toString('latin1', space + 1, nul), { mode: content.toString('latin1', at, space), id });
    at = nul + 1 + idBytes;
  }
  return entries;
}

/** `git cat-file --batch` answers, in the order asked: an object's type and content, or undefined when there is none. */
function parseBatch(out: Buffer, count: number): ({ type: string; content: Buffer } | undefined)[] {
  const objects: ({ type: string; content: Buffer } | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const newline = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, newline < 0 ? out.length : newline);
    at = newline + 1;
    const found = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (newline < 0 || !found) {
      objects.push(undefined);
      continue;
    }
    const size = Number(found[2]);
    objects.push({ type: found[1], content: out.subarray(at, at + size) });
    at += size + 1;
  }
  return objects;
}

/**
 * Whether a tree holds `name` in another case (`People` for `people`): on a disk that ignores case
 * `git add` files it under the name git has, so git judges it.
 */
const caseTwin = (tree: Map<string, GitEntry>, name: string) => {
  const lower = name.toLowerCase();
  return [...tree.keys()].some((held) => held.toLowerCase() === lower);
};

/** The folders along `full` paths, parents before children; '' is the top. */
function foldersOf(full: readonly string[]): string[] {
  const folders = new Set<string>(['']);
  for (const file of full) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return [...folders].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
}

const depth = (folder: string) => (folder === '' ? 0 : folder.split('/').length);
const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const nameOf = (p: string) => Buffer.from(p.slice(p.lastIndexOf('/') + 1), 'utf8').toString('latin1');

/** What a commit by plumbing starts from: HEAD, and the files' paths from the top and modes. */
export interface CommitBase {
  kind: 'base';
  parent: string;
  /** The files' paths from the top of the work tree. */
  full: string[];
  modes: string[];
}

/**
 * Whether `files` (relative to `cwd`, whose place in the work tree is `prefix`) can be committed
 * by plumbing, and what from: HEAD and the mode `git add` would give each file. `entries` are the
 * files' index entries (`indexEntries`). Asks git questions only; changes nothing.
 */
export async function commitBase(
  cwd: string,
  files: readonly string[],
  entries: readonly string[],
  prefix: string,
): Promise<CommitBase | { kind: 'porcelain'; why: string }> {
  const full = files.map((file) => `${prefix}${file}`);
  // cat-file reads one path a line; a folder name that is not UTF-8 arrives from git mangled.
  if (full.some((p) => /[\n\r\uFFFD]/.test(p))) return { kind: 'porcelain', why: 'a path holds a line break or is not UTF-8' };
  if (new Set(full).size !== full.length) return { kind: 'porcelain', why: 'a file is named twice' };
  // `git add` refuses a new file that .gitignore names (update-index would take it): git's refusal is kept.
  const listed = new Set(entries.map((line) => line.slice(line.indexOf('\t') + 1)));
  const untracked = files.filter((_, i) => !listed.has(full[i]));
  const [head, settings, ignored] = await Promise.all([
    gitText(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']),
    commitSettings(cwd),
    untracked.length ? gitText(cwd, ['check-ignore', '--no-index', '--', ...untracked]) : undefined,
  ]);
  if (head.exitCode !== 0 || !head.stdout) return { kind: 'porcelain', why: 'there is no commit yet' };
  if (!settings || settings.signs || !settings.defaultCleanup) return { kind: 'porcelain', why: 'the configuration asks git commit' };
  if (ignored && ignored.exitCode !== 1) return { kind: 'porcelain', why: 'a new file is ignored by git' };
  const staged = stagedEntries(entries);
  const modes = files.map((file, i) => modeOf(path.join(cwd, file), staged.get(full[i]), settings.fileMode));
  if (modes.some((mode) => mode === undefined)) return { kind: 'porcelain', why: 'a file is missing or not a regular file' };
  return { kind: 'base', parent: head.stdout, full, modes: modes as string[] };
}

/**
 * Builds the commit of `files` on `base`: the tree HEAD has with those files as they are on disk,
 * and the message as `git commit -F -` would store it. Writes objects only (blobs, trees, the
 * commit): neither the index nor any ref changes, so what it leaves when it fails is unreachable
 * objects that `git gc` removes.
 */
export async function planCommit(cwd: string, files: readonly string[], message: string, base: CommitBase): Promise<CommitPlan> {
  const { parent, full, modes } = base;
  const folders = foldersOf(full);
  const ask = folders.map((folder) => (folder === '' ? `${parent}^{tree}` : `${parent}:${folder}`)).join('\n');
  const [blobs, read] = await Promise.all([
    gitText(cwd, ['hash-object', '-w', '--', ...files]),
    runGit(cwd, ['cat-file', '--batch'], `${ask}\n`),
  ]);
  if (blobs.exitCode !== 0) return { kind: 'failed', message: blobs.stderr };
  if (read.exitCode !== 0) return { kind: 'failed', message: read.stderr.trim() };
  const blobIds = blobs.stdout.split('\n');
  if (blobIds.length !== files.length)
    return { kind: 'failed', message: `git hash-object gave ${blobIds.length} ids for ${files.length} files` };
  const idBytes = parent.length / 2;

  // Each folder's entries in HEAD; a folder HEAD does not have yet starts empty.
  const trees = new Map<string, Map<string, GitEntry>>();
  const objects = parseBatch(read.stdout, folders.length);
  for (const [i, folder] of folders.entries()) {
    if (folder !== '') {
      const held = trees.get(parentOf(folder))?.get(nameOf(folder));
      if (held && held.mode !== '40000') return { kind: 'porcelain', why: `${folder} is not a folder in HEAD` };
      if (!held) {
        if (caseTwin(trees.get(parentOf(folder))!, nameOf(folder))) return { kind: 'porcelain', why: `${folder} differs in case` };
        trees.set(folder, new Map());
        continue;
      }
    }
    const object = objects[i];
    const entries = object?.type === 'tree' ? parseTree(object.content, idBytes) : undefined;
    if (!entries) return { kind: 'failed', message: `git could not read the tree of ${folder || 'the top'} in HEAD` };
    trees.set(folder, entries);
  }

  const changed = new Set<string>();
  for (const [i, file] of full.entries()) {
    const entry = { mode: modes[i], id: blobIds[i] };
    const tree = trees.get(parentOf(file))!;
    const held = tree.get(nameOf(file));
    if (!held && caseTwin(tree, nameOf(file))) return { kind: 'porcelain', why: `${file} differs in case` };
    if (held && held.mode === entry.mode && held.id === entry.id) continue;
    tree.set(nameOf(file), entry);
    for (let folder = parentOf(file); ; folder = parentOf(folder)) {
      changed.add(folder);
      if (folder === '') break;
    }
  }
  if (changed.size === 0) return { kind: 'failed', message: `nothing to commit: ${files.join(', ')} as git already holds them` };

  // Deepest first: a folder's tree holds the ids of the trees below it.
  const order = [...changed].sort((a, b) => depth(b) - depth(a));
  const made = await makeTrees(cwd, order, trees);
  if (typeof made !== 'string') return made;
  const tree = made;
  const text = cleanedMessage(message);
  const commit = await gitText(cwd, ['commit-tree', tree, '-p', parent, '-F', '-'], text);
  if (commit.exitCode !== 0) return { kind: 'failed', message: commit.stderr };
  return { kind: 'commit', parent, commit: commit.stdout, subject: text.slice(0, text.indexOf('\n')) };
}

/**
 * Writes the trees of `folders` (deepest first) with one `git mktree --batch -z`, which sorts each
 * tree's entries as git does: each tree in, its id back, and into its parent's entries before the
 * parent is written. The id of the top's tree, or why it failed.
 */
async function makeTrees(
  cwd: string,
  folders: readonly string[],
  trees: Map<string, Map<string, GitEntry>>,
): Promise<string | { kind: 'failed'; message: string }> {
  const git = startGit(cwd, ['mktree', '--batch', '-z']);
  const ids: string[] = [];
  let pending = '';
  let ended = false;
  let wake: (() => void) | undefined;
  git.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      ids.push(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
    wake?.();
  });
  const exited = git.exited
    .catch(() => 1)
    .finally(() => {
      ended = true;
      wake?.();
    });
  const failed = async () => {
    git.kill();
    await exited;
    return { kind: 'failed' as const, message: git.stderr().trim() || 'git mktree stopped' };
  };
  let top = '';
  for (const folder of folders) {
    const entries = [...trees.get(folder)!].map(([name, { mode, id }]) => {
      const canonical = canonicalMode(mode);
      return `${canonical} ${typeOf(canonical)} ${id}\t${name}\0`;
    });
    // An empty record ends the tree.
    git.stdin!.write(Buffer.from(`${entries.join('')}\0`, 'latin1'));
    while (ids.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
    const id = ids.shift();
    if (!id || !/^[0-9a-f]+$/.test(id)) return failed();
    if (folder === '') top = id;
    else trees.get(parentOf(folder))!.set(nameOf(folder), { mode: '40000', id });
  }
  git.stdin!.end();
  return (await exited) === 0 && top ? top : failed();
}
