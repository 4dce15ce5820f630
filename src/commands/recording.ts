import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Workspace } from '../model/workspace.js';
import { settledBefore } from '../model/settledMonth.js';
import { findRepositoryRoot, loadWorkspace, type SettleOptions } from '../repo/loader.js';
import { lockWaitFromEnv } from '../repo/lock.js';
import { writeWithLock, type LockedWriteOptions, type PlannedWrite, type WriteResult } from '../repo/recordWriter.js';
import { parseYaml } from '../model/yamlText.js';
import { Asker } from './ask.js';
import { refuseDischarged } from './closedRecords.js';
import { localDate, localTimestamp } from '../model/time.js';
import { resolveAsOf } from './options.js';
import { resolveAt, type WriteOptions } from './writeOptions.js';

/** Whether a write may touch a discharged person's records: only one that reopens or closes them. */
export interface Closed {
  allowDischarged?: boolean;
}

/** What every recording command starts from: the repository, its clock and a way to ask. */
export interface Recording {
  root: string;
  /** Loaded before the lock, for prompts and early refusals; the write reloads inside the lock. */
  ws: Workspace;
  zone: string;
  at: { ms: number; text: string; date: string };
  /** The moment the record rules judge dates by: --as-of, else now. */
  asOf: number;
  ask: Asker;
  commit: boolean;
  /**
   * With `settleMonths`: which outcome months this write's loads may read as facts, as `check`
   * does (LoadOptions.settle); undefined when none (`--as-of` in the past).
   */
  settle?: SettleOptions;
}

/** What a recording command's loads read of the people's folders. */
export interface Reads {
  /**
   * Outcome months before every rule's window (and before the month the write is dated in) as their
   * facts, not entry by entry: for a write whose rules and warnings judge them as `check` does and
   * that needs no old entry in full (`outcome`, unless a measurement needs its goal's values).
   */
  settleMonths?: boolean;
}

/**
 * Loads the repository (only `people`'s folders in full, or everyone's with 'all'), refusing a
 * discharged person among `people` unless the command reopens their records (readmit).
 */
export function startRecording(
  options: WriteOptions,
  io: Io,
  people: readonly string[] | 'all',
  closed: Closed = {},
  reads: Reads = {},
): Recording {
  const root = findRepositoryRoot(io.cwd, options.repo);
  const now = io.now();
  const settle = reads.settleMonths ? writeSettle(options, now) : undefined;
  const ws = loadWorkspace(root, people === 'all' ? {} : { onlyPeople: new Set(people), settle });
  const zone = ws.timezone;
  const at = resolveAt(options.at, now, zone);
  if (people !== 'all' && !closed.allowDischarged) refuseDischarged(ws, people, localDate(now, zone));
  return {
    root,
    ws,
    zone,
    at,
    asOf: writeAsOf(options.asOf, at, now, zone),
    ask: new Asker(io, options.input === false),
    commit: options.commit !== false,
    settle,
  };
}

/**
 * The outcome months a write's loads read as facts: those that ended before every rule's window
 * as of the write's as-of, and before the month its record is dated in (a record written into an
 * old month is judged with that month in full). None when the write is judged as of a past moment,
 * as `check` settles none then.
 */
function writeSettle(options: WriteOptions, now: number): SettleOptions {
  return {
    now,
    before: (zone, policy) => {
      const at = resolveAt(options.at, now, zone);
      const asOf = writeAsOf(options.asOf, at, now, zone);
      if (asOf < now) return undefined;
      const line = settledBefore(asOf, zone, policy);
      const month = `${at.text.slice(0, 7)}-01`;
      return line < month ? line : month;
    },
  };
}

/**
 * A write's as-of: the moment its record rules and warnings judge by, so never later than the
 * clock (a future one would let records dated after today in), and never before the record's own
 * `--at`, which would then be after it.
 */
function writeAsOf(value: string | undefined, at: Recording['at'], now: number, zone: string): number {
  if (value === undefined) return now;
  const asOf = resolveAsOf(value, now, zone);
  const shown = (ms: number) => localTimestamp(ms, zone).replace('T', ' ');
  if (asOf > now) {
    throw new UsageError(
      `--as-of ${shown(asOf)} is later than now (${shown(now)}); a write records what has happened, so it is judged as of now or earlier.`,
      'Leave out --as-of, or give a past moment.',
    );
  }
  if (at.text > localTimestamp(asOf, zone)) {
    throw new UsageError(
      `--at ${at.text.replace('T', ' ')} is after --as-of ${shown(asOf)}: a record cannot be dated after the moment it is judged as of.`,
      'Leave out --as-of, or give one at or after --at.',
    );
  }
  return asOf;
}

/**
 * Writes and commits what `plan` decides inside the lock (writeWithLock), then says what happened:
 * warnings and what to do next on stderr, what was recorded (with its commit) on stdout.
 */
export async function recordWithLock(
  io: Io,
  root: string,
  options: Omit<LockedWriteOptions, 'waitMs'> & Closed,
  plan: (ws: Workspace) => PlannedWrite | Promise<PlannedWrite>,
): Promise<WriteResult & { planned: PlannedWrite }> {
  const { allowDischarged, ...locked } = options;
  const result = await writeWithLock(root, { ...locked, waitMs: lockWaitFromEnv(io.env) }, async (ws) => {
    const planned = await plan(ws);
    if (!allowDischarged) refuseDischarged(ws, planned.people, localDate(io.now(), ws.timezone));
    return planned;
  });
  for (const warning of result.warnings) io.stderr.write(`careplan: warning: ${warning}\n`);
  const [first, ...rest] = result.planned.done.split('\n');
  io.stdout.write(`${[`${first}${result.sha ? ` (commit ${result.sha.slice(0, 7)})` : ''}`, ...rest].join('\n')}\n`);
  if (result.planned.next) io.stderr.write(`${result.planned.next}\n`);
  return result;
}

/** A YAML file named by --from, parsed. */
export function readYamlFile(io: Io, flag: string, file: string): unknown {
  const abs = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      'Check the path.',
    );
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new UsageError(`${flag} ${file}${parsed.line ? `:${parsed.line}` : ''}: ${parsed.message}.`, parsed.fix);
  return parsed.value;
}
