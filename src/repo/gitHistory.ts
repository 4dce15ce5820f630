import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { CommitInfo, FileChange, FileVersion } from '../history/commits.js';
import type { CommitSignature } from '../history/signingKeys.js';
import { gitProblem, runGit, startGit, type GitProcess } from './gitRunner.js';

/**
 * Reading the change trail from git in a bounded number of processes: one `git log` for the
 * commits and the blob ids each changed, one `git cat-file --batch` for every blob's content,
 * however long the history. Never one process per commit or per file.
 */

const NO_BLOB = /^0+$/;
const RECORD = '\x01';

export interface GitRepository {
  /** The records folder (holding careplan.yaml); paths below are relative to it. */
  root: string;
  /** A shallow clone holds only part of the history: its oldest commits look like they add everything. */
  shallow: boolean;
  /** The commits a shallow clone was cut at. */
  shallowBoundary: Set<string>;
  hasCommits: boolean;
  /** The records folder is the top of the git work tree (so a log of everything needs no pathspec). */
  atTop: boolean;
}

/** The git repository holding the records folder, or a usage error naming why there is no trail. */
export async function openGitRepository(root: string): Promise<GitRepository> {
  const info = await runGit(root, [
    'rev-parse',
    '--is-inside-work-tree',
    '--is-shallow-repository',
    '--git-path',
    'shallow',
    '--show-prefix',
  ]);
  if (info.exitCode !== 0) {
    throw gitProblem('not-a-repository', root);
  }
  const [inside, shallowFlag, shallowPath, prefix = ''] = info.stdout.toString('utf8').trim().split('\n');
  if (inside !== 'true') throw gitProblem('outside-work-tree', root);
  const shallow = shallowFlag === 'true';
  const shallowBoundary = new Set<string>();
  if (shallow) {
    try {
      for (const line of readFileSync(path.resolve(root, shallowPath), 'utf8').split('\n'))
        if (line.trim()) shallowBoundary.add(line.trim());
    } catch {
      // No shallow file after all: treat the clone as complete.
    }
  }
  const head = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return { root, shallow, shallowBoundary, hasCommits: head.exitCode === 0, atTop: prefix.trim() === '' };
}

/** The full commit id a revision names, or a usage error (for `--since REV`). */
export async function resolveRevision(repo: GitRepository, rev: string): Promise<string> {
  const result = await runGit(repo.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (result.exitCode !== 0)
    throw new UsageError(
      `"${rev}" does not name a commit in this repository.`,
      'Give a commit id, tag or branch, e.g. --since HEAD~50 or --since v2026-11.',
    );
  return result.stdout.toString('utf8').trim();
}

export interface LogOptions {
  /**
   * Pathspecs relative to the records folder, e.g. `people/p-edith/`. Empty: every commit of the
   * records folder (matching pathspecs costs git more than diffing whole trees, so a whole-history
   * reader passes none and selects files itself).
   */
  paths: string[];
  /** A revision range such as `abc123..HEAD`; default HEAD. */
  range?: string;
  /** Only commits committed after this instant (git's own --since, by committer date). */
  after?: number;
}

const FORMAT = `${RECORD}%H%x00%P%x00%an%x00%ae%x00%at%x00%(trailers:only,unfold,separator=%x1f)%x00`;

/**
 * `oldestFirst` for readers that need order (history); otherwise git streams as it walks.
 * `rewriteParents` keeps ancestry among the commits listed when a pathspec leaves some out (verify
 * needs it for "at or before"; it costs git a walk of every commit, so others do without).
 */
function logArgs(repo: GitRepository, options: LogOptions, oldestFirst: boolean, rewriteParents: boolean): string[] {
  const args = [
    '-c',
    'core.quotepath=off',
    'log',
    ...(oldestFirst ? ['--reverse', '--topo-order'] : []),
    '--full-history',
    ...(rewriteParents ? ['--parents'] : []),
    '-m',
    '--root',
    '--raw',
    '--no-renames',
    '--no-abbrev',
    '-z',
    '--relative',
    '--no-color',
    '--no-show-signature',
    '--no-ext-diff',
    '--no-textconv',
    `--format=${FORMAT}`,
  ];
  if (options.after !== undefined) args.push(`--since=${new Date(options.after).toISOString()}`);
  args.push(options.range ?? 'HEAD', '--');
  if (options.paths.length) args.push(...options.paths);
  else if (!repo.atTop) args.push('.');
  return args;
}

/**
 * The commits that touched `paths`, oldest first (parents before children), each with the blob
 * ids of the files it changed. A merge lists, for each path it changed, the path's blob in each of
 * its parents. Paths are relative to the records folder.
 */
export async function readCommits(repo: GitRepository, options: LogOptions): Promise<CommitInfo[]> {
  if (!repo.hasCommits) return [];
  const result = await runGit(repo.root, logArgs(repo, options, true, false));
  if (result.exitCode !== 0)
    throw new UsageError(`git log failed: ${result.stderr.trim()}`, 'Check the repository is not corrupt (`git fsck`).');
  return parseLog(result.stdout.toString('utf8'));
}

/** Parses `git log -m --raw -z` output with FORMAT in one go. */
export function parseLog(text: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  const parser = new LogParser((c) => commits.push(c));
  parser.push(text);
  parser.end();
  return commits;
}

/**
 * Parses `git log -m --raw -z` output with FORMAT as it arrives. A merge appears once per parent,
 * each time with that parent's diff; a commit is complete when the next one starts.
 */
export class LogParser {
  private rest = '';
  private current?: CommitInfo;
  private block = 0;
  private readonly changes = new Map<string, FileChange>();

  constructor(private readonly onCommit: (commit: CommitInfo) => void) {}

  push(text: string): void {
    const all = this.rest + text;
    const last = all.lastIndexOf(RECORD);
    if (last < 0) {
      this.rest = all;
      return;
    }
    this.rest = all.slice(last);
    let at = all.indexOf(RECORD);
    while (at >= 0 && at < last) {
      const next = all.indexOf(RECORD, at + 1);
      this.record(all.slice(at + 1, next));
      at = next;
    }
  }

  end(): void {
    if (this.rest.startsWith(RECORD)) this.record(this.rest.slice(1));
    this.rest = '';
    this.finish();
  }

  private finish(): void {
    const current = this.current;
    if (!current) return;
    current.changes = [...this.changes.values()];
    // A merge's parent that did not list a path holds the merge's own version of it (git leaves
    // out a parent's section altogether when the merge is the same as that parent).
    const parents = Math.max(this.block, current.parents.length);
    for (const change of current.changes) while (change.before.length < parents) change.before.push(change.after);
    this.changes.clear();
    this.current = undefined;
    this.onCommit(current);
  }

  private record(record: string): void {
    const fields = record.split('\x00');
    const [sha, parents, name, email, time, trailers] = fields;
    if (this.current?.sha !== sha) {
      this.finish();
      this.current = {
        sha,
        parents: parents ? parents.split(' ') : [],
        author: { name, email },
        at: Number(time) * 1000,
        trailers: parseTrailers(trailers ?? ''),
        changes: [],
      };
      this.block = 0;
    }
    this.block++;
    // After the header: ":mode mode old new status", then the path, repeated.
    for (let i = 6; i < fields.length - 1; i++) {
      const field = fields[i];
      const colon = field.indexOf(':');
      if (colon < 0 || colon > 2) continue;
      const [, , oldId, newId, status] = field.slice(colon + 1).split(' ');
      const path = fields[++i];
      let change = this.changes.get(path);
      if (!change) this.changes.set(path, (change = { path, before: [], after: NO_BLOB.test(newId) ? undefined : newId }));
      while (change.before.length < this.block - 1) change.before.push(change.after);
      change.before.push(NO_BLOB.test(oldId) || status === 'A' ? undefined : oldId);
    }
  }
}

function parseTrailers(text: string): CommitInfo['trailers'] {
  const trailers: CommitInfo['trailers'] = {};
  if (!text) return trailers;
  for (const line of text.split('\x1f')) {
    const m = /^careplan-(action|person|by):\s*(.*)$/i.exec(line.trim());
    if (m) trailers[m[1].toLowerCase() as 'action'] = m[2].trim();
  }
  return trailers;
}

/**
 * One `git cat-file --batch`: ids go in as they become known, contents come out in the same order
 * and go to `onBlob` as each arrives. Ids may be blob ids or `rev:path`; a missing one arrives as
 * undefined.
 */
class BlobReader {
  private readonly git: GitProcess;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private want = -1;
  private asked = 0;
  private received = 0;
  private queued: string[] = [];
  private failure?: Error;
  private readonly done: Promise<void>;

  constructor(
    root: string,
    private readonly onBlob: (content: Buffer | undefined) => void,
  ) {
    this.git = startGit(root, ['cat-file', '--batch']);
    this.git.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      try {
        this.pump();
      } catch (error) {
        this.failure ??= error as Error;
        this.git.kill();
      }
    });
    this.done = this.git.exited.then((code) => {
      if (this.failure) throw this.failure;
      if (code !== 0 || this.received !== this.asked) {
        throw new Error(`git cat-file --batch failed: ${this.git.stderr().trim() || `exit ${code}`}`);
      }
    });
  }

  /** Asks for blobs; ids are sent in batches (one write per id would cost a system call each). */
  request(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.asked += ids.length;
    for (const id of ids) this.queued.push(id);
    if (this.queued.length >= 512) this.flush();
  }

  /** Sends the ids asked for so far. */
  flush(): void {
    if (!this.queued.length) return;
    this.git.stdin!.write(`${this.queued.join('\n')}\n`);
    this.queued = [];
  }

  end(): Promise<void> {
    this.flush();
    this.git.stdin!.end();
    return this.done;
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(n: number): Buffer {
    const all = this.joined();
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.buffered -= n;
    return all.subarray(0, n);
  }

  private pump(): void {
    for (;;) {
      if (this.want < 0) {
        const nl = this.joined().indexOf(10);
        if (nl < 0) return;
        const header = this.take(nl + 1)
          .toString('utf8')
          .trim();
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          this.received++;
          this.onBlob(undefined);
          continue;
        }
        this.want = Number(header.split(' ')[2]);
        if (!Number.isFinite(this.want)) throw new Error(`unexpected git cat-file output: ${header.slice(0, 80)}`);
      }
      if (this.buffered < this.want + 1) return;
      const content = Buffer.from(this.take(this.want));
      this.take(1);
      this.want = -1;
      this.received++;
      this.onBlob(content);
    }
  }
}

/** Contents of blobs (ids or `rev:path`) in one `git cat-file --batch`, in the order asked. */
export async function readBlobs(repo: GitRepository, ids: readonly string[]): Promise<(Buffer | undefined)[]> {
  const out: (Buffer | undefined)[] = [];
  if (ids.length === 0) return out;
  const reader = new BlobReader(repo.root, (content) => out.push(content));
  reader.request(ids);
  await reader.end();
  return out;
}

/** Paths whose latest contents a walk keeps: enough for every file in use, bounded for long histories. */
const HELD_PATHS = 4096;

/** Map.set that keeps at most `cap` keys, forgetting the least recently set. */
function remember<V>(map: Map<string, V>, key: string, value: V, cap: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > cap) map.delete(map.keys().next().value as string);
}

/**
 * Pairs file changes with their contents. A file's version after one commit is usually its
 * version before the next (in either direction of the walk), so each path keeps the contents of
 * its last change and asks git only for what it does not hold.
 */
class ChangeWalker {
  private readonly jobs: { commit: CommitInfo; change: FileChange; fetch: number }[] = [];
  private next = 0;
  private readonly arrived: (Buffer | undefined)[] = [];
  private readonly planned = new Map<string, (string | undefined)[]>();
  private readonly held = new Map<string, { ids: (string | undefined)[]; contents: (Buffer | undefined)[] }>();
  readonly reader: BlobReader;

  constructor(
    root: string,
    private readonly visit: (version: FileVersion) => void,
  ) {
    this.reader = new BlobReader(root, (content) => {
      this.arrived.push(content);
      this.run();
    });
  }

  add(commit: CommitInfo, change: FileChange): void {
    const known = this.planned.get(change.path);
    const ask: string[] = [];
    for (const id of change.before.length === 1 ? [change.before[0], change.after] : [...change.before, change.after]) {
      if (id !== undefined && !known?.includes(id) && !ask.includes(id)) ask.push(id);
    }
    // The planning side and the receiving side (run) remember and forget paths identically.
    remember(this.planned, change.path, [...change.before, change.after], HELD_PATHS);
    this.jobs.push({ commit, change, fetch: ask.length });
    this.reader.request(ask);
    this.run();
  }

  private run(): void {
    while (this.next < this.jobs.length && this.arrived.length >= this.jobs[this.next].fetch) {
      const { commit, change, fetch } = this.jobs[this.next];
      this.jobs[this.next++] = undefined as never;
      const got = this.arrived.splice(0, fetch);
      const held = this.held.get(change.path);
      const ids: string[] = [];
      const content = (id: string | undefined): Buffer | undefined => {
        if (id === undefined) return undefined;
        const h = held?.ids.indexOf(id) ?? -1;
        if (h >= 0) return held!.contents[h];
        let k = ids.indexOf(id);
        if (k < 0) k = ids.push(id) - 1;
        return got[k];
      };
      const before = change.before.map(content);
      const after = content(change.after);
      remember(this.held, change.path, { ids: [...change.before, change.after], contents: [...before, after] }, HELD_PATHS);
      this.visit({ commit, path: change.path, before, after, afterId: change.after });
    }
  }

  async end(): Promise<void> {
    await this.reader.end();
    this.run();
  }
}

/**
 * Hands every selected file change of `commits` to `visit` with its contents, in the commits'
 * order, through one `git cat-file --batch`.
 */
export async function walkChanges(
  repo: GitRepository,
  commits: readonly CommitInfo[],
  select: (commit: CommitInfo, change: FileChange) => boolean,
  visit: (version: FileVersion) => void,
): Promise<void> {
  const walker = new ChangeWalker(repo.root, visit);
  for (const commit of commits) for (const change of commit.changes) if (select(commit, change)) walker.add(commit, change);
  await walker.end();
}

/**
 * The whole-history walk for `verify`: `git log` and `git cat-file --batch` run side by side, so
 * contents flow while git is still diffing older commits. Changes arrive newest first, as git
 * walks; returns every commit read (newest first).
 */
export async function streamChanges(
  repo: GitRepository,
  options: LogOptions,
  select: (commit: CommitInfo, change: FileChange) => boolean,
  visit: (version: FileVersion) => void,
): Promise<CommitInfo[]> {
  const commits: CommitInfo[] = [];
  if (!repo.hasCommits) return commits;
  const walker = new ChangeWalker(repo.root, visit);
  const parser = new LogParser((commit) => {
    commits.push(commit);
    for (const change of commit.changes) if (select(commit, change)) walker.add(commit, change);
  });
  const log = startGit(repo.root, logArgs(repo, options, false, true), { stdin: 'ignore' });
  const decoder = new TextDecoder('utf-8');
  log.stdout.on('data', (chunk: Buffer) => {
    parser.push(decoder.decode(chunk, { stream: true }));
    walker.reader.flush();
  });
  const code = await log.exited.catch(async (error: unknown) => {
    await walker.end().catch(() => undefined);
    throw error;
  });
  if (code !== 0) {
    await walker.end().catch(() => undefined);
    throw new UsageError(`git log failed: ${log.stderr().trim()}`, 'Check the repository is not corrupt (`git fsck`).');
  }
  parser.push(decoder.decode());
  parser.end();
  await walker.end();
  return commits;
}

/**
 * What git says of the signature of each commit named (`%G?`, the signer, the key), in one
 * `git log --no-walk`: git's own check, the one `git verify-commit` makes. SSH signatures are
 * checked against `allowedSigners` (careplan's own file, from the staff files: a repository's
 * `gpg.ssh.allowedSignersFile` is not trusted), GPG ones against the user's keyring. A commit that
 * carries a signature git cannot check here reads E, not N, found from the commit's own header.
 */
export async function signatureStatus(
  repo: GitRepository,
  shas: readonly string[],
  allowedSigners: string,
): Promise<Map<string, CommitSignature>> {
  const status = new Map<string, CommitSignature>();
  if (shas.length === 0) return status;
  const dir = mkdtempSync(path.join(tmpdir(), 'careplan-signers-'));
  try {
    const file = path.join(dir, 'allowed_signers');
    writeFileSync(file, allowedSigners);
    // No revocation list but careplan's (none): the repository's could name any file.
    const config = [`gpg.ssh.allowedSignersFile=${file}`, 'gpg.ssh.revocationFile=/dev/null'];
    const [result, objects] = await Promise.all([
      runGit(repo.root, ['log', '--no-walk=unsorted', '--stdin', '--format=%H%x00%G?%x00%GS%x00%GF%x00%GP%x00'], `${shas.join('\n')}\n`, {
        readsSignatures: true,
        config,
      }),
      readBlobs(repo, shas),
    ]);
    if (result.exitCode !== 0) throw new UsageError(`git log could not read commit signatures: ${result.stderr.trim()}`);
    for (const line of result.stdout.toString('utf8').split('\n')) {
      const [sha, code, signer, key, primaryKey] = line.trim().split('\0');
      if (!sha || !code) continue;
      status.set(sha, { status: code, signer: signer || undefined, key: key || undefined, primaryKey: primaryKey || undefined });
    }
    shas.forEach((sha, i) => {
      const object = objects[i]?.toString('utf8') ?? '';
      const header = object.slice(0, Math.max(0, object.indexOf('\n\n')));
      if (/^gpgsig(-sha256)? /m.test(header) && (status.get(sha)?.status ?? 'N') === 'N') status.set(sha, { status: 'E' });
    });
    return status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every committed version of the files at `paths` (and only those), oldest commit first: one
 * `git log` and one `git cat-file --batch`, however long the history.
 */
export async function versionsOf(root: string, paths: readonly string[]): Promise<FileVersion[]> {
  const repo = await openGitRepository(root);
  const commits = await readCommits(repo, { paths: [...paths] });
  const wanted = new Set(paths);
  const versions: FileVersion[] = [];
  await walkChanges(
    repo,
    commits,
    (_, change) => wanted.has(change.path),
    (v) => versions.push(v),
  );
  return versions;
}
