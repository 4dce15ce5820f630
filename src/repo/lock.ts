import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { RecordError, UsageError } from '../errors.js';
import { commandAnswers } from './childEnvironment.js';
import { crashPoint } from './crashPoints.js';
import { git } from './git.js';
import { asIoError } from './ioErrors.js';
import { ensureFolders } from './safePath.js';

/** Where the lock lives: hidden, so the loader never mistakes it for a record; `init` git-ignores it. */
export const LOCK_FILE = '.careplan/lock';

/** How long a writer waits for another to finish before giving up with a retry message. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/** How often a holder renews its lock (the lock file's modification time is its heartbeat). */
export const HEARTBEAT_MS = 5_000;

/**
 * A lock not renewed for this long, whose holder careplan cannot see running on this computer
 * (another computer's, or a process id now used by another program), is stale. Generous: a
 * holder loading a large repository renews nothing while it parses.
 */
export const STALE_AFTER_MS = 60_000;

/** An empty or unreadable lock is given this long to be written (a writer fills it at once); after it, a full disk left it. */
const UNWRITTEN_GRACE_MS = 2_000;

/** Who holds the lock: the process, its computer, when it took the lock, and which process it is (Linux: its start time). */
export interface Holder {
  pid: number;
  host: string;
  since: string;
  command?: string;
  /** The holder's start time in clock ticks since boot (/proc/PID/stat), so a reused process id is told apart. */
  started?: string;
  /** Tells this lock from another the same process took (tests run many commands in one process). */
  token?: string;
}

/** The lock as found: who holds it, and the file's identity and heartbeat. */
export interface LockFile {
  holder?: Holder;
  /** The lock is a link, not a file careplan wrote. */
  link: boolean;
  ino: number;
  mtimeMs: number;
  raw: string;
}

function readLock(file: string): LockFile | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK') return { link: true, ino: 0, mtimeMs: 0, raw: '' };
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    const buffer = Buffer.alloc(Math.min(stat.size, 4096));
    const length = stat.isFile() ? readSync(fd, buffer, 0, buffer.length, 0) : 0;
    const raw = buffer.subarray(0, length).toString('utf8');
    return { holder: parseHolder(raw), link: false, ino: stat.ino, mtimeMs: stat.mtimeMs, raw };
  } finally {
    closeSync(fd);
  }
}

function parseHolder(raw: string): Holder | undefined {
  try {
    const holder = JSON.parse(raw) as Holder;
    return typeof holder?.pid === 'number' && typeof holder.host === 'string' && typeof holder.since === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** A process's start time in clock ticks since boot (Linux), or undefined where /proc cannot say. */
function startTimeOf(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name (field 2) may hold spaces and brackets, so count from its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the holder's process still runs here: gone, running, another program under its id, or unknown. */
function holderProcess(holder: Holder): 'gone' | 'running' | 'reused' | 'unknown' {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  if (holder.started === undefined) return 'unknown';
  const started = startTimeOf(holder.pid);
  if (started === undefined) return 'unknown';
  return started === holder.started ? 'running' : 'reused';
}

/**
 * Why the lock is stale (its holder cannot be writing), or undefined while it may be. `tracked`:
 * git holds the lock file, so it came with a checkout rather than from a writer here.
 */
export function staleReason(lock: LockFile, now: number, tracked: boolean): string | undefined {
  const age = now - lock.mtimeMs;
  if (lock.link) return 'it is a symbolic link, not a lock careplan wrote';
  const holder = lock.holder;
  if (!holder)
    return age > UNWRITTEN_GRACE_MS ? 'it names no process (it is empty or unreadable, as a full disk or a crash leaves it)' : undefined;
  if (holder.host === hostname()) {
    const state = holderProcess(holder);
    if (state === 'gone') return `process ${holder.pid} is no longer running`;
    if (state === 'reused') return `process ${holder.pid} is now another program`;
    if (state === 'running') return undefined;
  }
  if (tracked) return 'it was committed to git, so it came with the files rather than from a running careplan';
  if (age > STALE_AFTER_MS)
    return `it has not been renewed for ${Math.round(age / 1000)} s (a running careplan renews it every ${HEARTBEAT_MS / 1000} s)`;
  return undefined;
}

/** Whether git tracks the lock file: a committed lock is never a live one. */
async function lockTracked(root: string): Promise<boolean> {
  try {
    return (await git(root, ['ls-files', '--error-unmatch', '--', LOCK_FILE])).exitCode === 0;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeHolder(holder: Holder | undefined): string {
  if (!holder) return 'another careplan';
  return `${holder.command ? `\`${holder.command}\`` : 'careplan'} (process ${holder.pid} on ${holder.host}, since ${holder.since})`;
}

/**
 * Removes a stale lock, unless it changed since it was judged (renewed, or replaced by a new
 * holder's). Breakers take turns through `lock.break`, so two of them never remove each other's
 * fresh lock; a `lock.break` left by a breaker that was killed is itself removed after a moment.
 */
function breakLock(file: string, judged: LockFile): boolean {
  const guard = `${file}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > 10_000) rmSync(guard, { force: true });
    } catch {
      // Gone already: the other breaker finished.
    }
    return false;
  }
  closeSync(fd);
  try {
    const now = readLock(file);
    if (!now || now.link !== judged.link || now.ino !== judged.ino || now.mtimeMs !== judged.mtimeMs || now.raw !== judged.raw)
      return false;
    rmSync(file, { force: true });
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}

/** The lock as `careplan doctor` reports it: absent, held by a writer, or stale and why. */
export type LockReport =
  | { state: 'free' }
  | { state: 'held'; holder?: Holder }
  | { state: 'stale'; holder?: Holder; reason: string; lock: LockFile };

export async function inspectLock(root: string): Promise<LockReport> {
  const lock = readLock(path.join(root, LOCK_FILE));
  if (!lock) return { state: 'free' };
  const reason = staleReason(lock, Date.now(), await lockTracked(root));
  return reason ? { state: 'stale', holder: lock.holder, reason, lock } : { state: 'held', holder: lock.holder };
}

/** Removes a stale lock `careplan doctor` found; false when it changed meanwhile (a writer took it). */
export function removeStaleLock(root: string, lock: LockFile): boolean {
  return breakLock(path.join(root, LOCK_FILE), lock);
}

/** What a writer holding the lock can ask: whether it still holds it. */
export interface Lease {
  /** Throws when the lock is no longer this writer's (judged stale and broken by another): write nothing then. */
  check(): void;
}

export interface LockOptions {
  /** Milliseconds to wait for another writer (CAREPLAN_LOCK_WAIT seconds overrides the default). */
  waitMs?: number;
  /** What is writing, for whoever finds the lock held. */
  command?: string;
  /** Where to say that a stale lock was broken (repo/ returns messages; the command prints them). */
  notices?: string[];
  /** How often to renew the lock (HEARTBEAT_MS; shorter in tests). */
  heartbeatMs?: number;
}

/**
 * Runs `write` holding the repository's write lock, so that concurrent writers take turns and
 * neither's record is lost: the lock file is created exclusively (O_EXCL) and holds who took it;
 * its holder renews it (its modification time) while it writes. A stale lock, whose holder cannot
 * be writing (see staleReason), is broken with a notice, so no lock blocks writes for ever.
 */
export async function withLock<T>(root: string, write: (lease: Lease) => Promise<T>, options: LockOptions = {}): Promise<T> {
  ensureFolders(root, path.dirname(LOCK_FILE));
  const file = path.join(root, LOCK_FILE);
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: options.command,
    started: startTimeOf('self'),
    token: randomBytes(6).toString('hex'),
  };
  let tracked: boolean | undefined;
  let delay = 20;
  for (;;) {
    if (takeLock(file, me)) break;
    const lock = readLock(file);
    if (!lock) continue;
    // Whether git holds the lock is asked once, and only of a lock no process here accounts for.
    let reason = staleReason(lock, Date.now(), false);
    if (!reason && lock.holder && lock.holder.host !== me.host)
      reason = staleReason(lock, Date.now(), (tracked ??= await lockTracked(root)));
    if (reason && breakLock(file, lock)) {
      options.notices?.push(`the records were locked by ${describeHolder(lock.holder)}, but ${reason}; careplan removed that lock.`);
      continue;
    }
    if (Date.now() >= deadline) {
      const host = lock.holder && lock.holder.host !== me.host ? lock.holder.host : undefined;
      const foreign = host
        ? ` If nothing runs careplan on ${host}, its lock is removed once it has not been renewed for ${STALE_AFTER_MS / 1000} s ` +
          '(`careplan doctor` shows it).'
        : '';
      throw new UsageError(
        `The records are busy: ${describeHolder(lock.holder)} is still writing, and careplan waited ${Math.round(waitMs / 1000)} s.`,
        `Nothing was written. Run the same command again in a moment.${foreign}`,
      );
    }
    await sleep(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 200);
  }
  // What git answered before the lock (HEAD, the index) may be another writer's past: a commit by
  // plumbing builds on the HEAD it is told, so the holder asks afresh.
  commandAnswers()?.clear();
  const mine = () => {
    const holder = readLock(file)?.holder;
    return holder?.pid === me.pid && holder.host === me.host && holder.token === me.token;
  };
  const release = () => {
    if (mine()) rmSync(file, { force: true });
  };
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      if (mine()) utimesSync(file, now, now);
    } catch {
      // A full disk or a vanished lock: whoever next judges the lock sees the missed heartbeat.
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  process.once('exit', release);
  const lease: Lease = {
    check: () => {
      if (!mine()) {
        throw new RecordError(
          'careplan lost its write lock while this command ran (another writer judged it stale and removed it). Nothing was written.',
          'Run the command again; if this keeps happening, check that the records are not on a drive shared by computers with different ' +
            'clocks.',
        );
      }
    },
  };
  crashPoint('locked');
  try {
    return await write(lease);
  } finally {
    clearInterval(heartbeat);
    release();
    process.removeListener('exit', release);
  }
}

/** Creates the lock holding `me`; false when another holds it. A lock that cannot be written is removed, never left empty. */
function takeLock(file: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw asIoError(error, 'taking the write lock (.careplan/lock)', 'Nothing was written.');
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw asIoError(error, 'taking the write lock (.careplan/lock)', 'Nothing was written.');
  }
  closeSync(fd);
  return true;
}

/** The wait from the environment (CAREPLAN_LOCK_WAIT, seconds), for slow shared drives and for tests. */
export function lockWaitFromEnv(env: Record<string, string | undefined>, name = 'CAREPLAN_LOCK_WAIT'): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
