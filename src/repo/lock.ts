import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Where the lock lives: hidden, so the loader never mistakes it for a record; `init` git-ignores it. */
export const LOCK_FILE = '.careplan/lock';

/** How long a writer waits for another to finish before giving up with a retry message. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  command?: string;
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(holder: Holder | undefined): string {
  if (!holder) return 'another careplan';
  return `${holder.command ? `\`${holder.command}\`` : 'careplan'} (process ${holder.pid} on ${holder.host}, since ${holder.since})`;
}

export interface LockOptions {
  /** Milliseconds to wait for another writer (CAREPLAN_LOCK_WAIT seconds overrides the default). */
  waitMs?: number;
  /** What is writing, for whoever finds the lock held. */
  command?: string;
}

/**
 * Runs `write` holding the repository's write lock, so that concurrent writers take turns and
 * neither's record is lost: the lock file is created exclusively (O_EXCL) and holds who took it.
 * A lock left by a process that is no longer running on this host is reported, never broken
 * silently: a crashed writer may have left something half done that a person should look at.
 */
export async function withLock<T>(root: string, write: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const file = path.join(root, LOCK_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: options.command };
  let delay = 20;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    }
    const holder = readHolder(file);
    if (holder && holder.host === me.host && !isRunning(holder.pid)) {
      throw new UsageError(
        `The records are locked by ${describe(holder)}, which is no longer running: it may have stopped part way through a write.`,
        `Check \`git status\` in ${root} for a half-finished change, then remove the lock: rm ${file}`,
      );
    }
    if (!holder) {
      // Just created and not yet written, or left empty by a crash: judge by its age.
      const age = ageMs(file);
      if (age !== undefined && age > 10_000) {
        throw new UsageError(`The records are locked by ${file}, which names no process and is ${Math.round(age / 1000)} s old: a writer probably crashed.`, `Check \`git status\` in ${root}, then remove the lock: rm ${file}`);
      }
    }
    if (Date.now() >= deadline) {
      throw new UsageError(`The records are busy: ${describe(holder)} is still writing, and careplan waited ${Math.round((options.waitMs ?? DEFAULT_LOCK_WAIT_MS) / 1000)} s.`, 'Nothing was written. Run the same command again in a moment.');
    }
    await sleep(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 200);
  }
  const release = () => {
    const holder = readHolder(file);
    if (holder?.pid === me.pid && holder.host === me.host) rmSync(file, { force: true });
  };
  process.once('exit', release);
  try {
    return await write();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}

function ageMs(file: string): number | undefined {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The wait from the environment (CAREPLAN_LOCK_WAIT, seconds), for slow shared drives and for tests. */
export function lockWaitFromEnv(env: Record<string, string | undefined>): number | undefined {
  const value = env.CAREPLAN_LOCK_WAIT;
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
