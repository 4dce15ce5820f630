import { lstatSync, readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { RecordError } from '../errors.js';
import { placementOf } from '../model/layout.js';
import { TEMP_FILE, writeFileAtomic } from './atomicWrite.js';
import { childEnvironment, withEnvironment } from './childEnvironment.js';
import { commitFiles, git, gitWhere, workTreeElsewhere } from './git.js';
import { finishFiles, journalCommitted, journalWho, readJournal, removeJournal, setAside, setAsideJournals } from './journal.js';
import { describeHolder, inspectLock, LOCK_FILE, removeStaleLock, withLock } from './lock.js';
import { inspectPath } from './safePath.js';
import { gitignoreAdding } from './template.js';
import { gitPlace, indexLockOf, trailRefusal } from './trail.js';

/**
 * `careplan doctor`: what killed or crashed writes can leave behind, found and (unless only asked
 * to report) put right, so that no leftover blocks a write for ever: a stale lock, a write
 * interrupted before its commit (finished and committed with its own trailers), temporary files,
 * git's own index lock; and what needs a person (new records nobody committed, a journal whose
 * files changed since, git in the middle of a merge) listed with the command that fixes it.
 */

/** One thing doctor looked at. `ok`: nothing wrong; `repaired`: it was wrong and is put right; `attention`: a person must act. */
export interface DoctorItem {
  topic: 'lock' | 'interrupted-write' | 'temporary-files' | 'git-index-lock' | 'new-records' | 'git';
  state: 'ok' | 'repaired' | 'attention';
  message: string;
  /** What to do, when a person must act. */
  fix?: string;
  files?: string[];
}

export interface DoctorOptions {
  /** Report only: change nothing. */
  dryRun: boolean;
  /** How long to wait for a running writer's lock before repairing (lockWaitFromEnv). */
  waitMs?: number;
}

/** How old a temporary file or git index lock must be before it counts as left behind, when its process cannot be seen. */
const LEFT_BEHIND_MS = 10 * 60_000;
/** git holds its index lock for moments; one this old, with no way to see its process, was left by a killed git. */
const INDEX_LOCK_LEFT_MS = 60_000;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of writes that were killed: `.NAME.PID.MS.tmp`, whose process is gone (or, to be sure, that are old). */
export function orphanTempFiles(root: string, now = Date.now()): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== 'node_modules') walk(child);
        continue;
      }
      const match = entry.isFile() ? TEMP_FILE.exec(entry.name) : null;
      if (!match) continue;
      const pid = Number(match[2]);
      const age = now - lstatSync(path.join(root, child)).mtimeMs;
      if (!running(pid) || age > LEFT_BEHIND_MS) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** Record files (in the layout) that git has never been given: new records a killed write, or a person, left uncommitted. */
async function newRecordsNotInGit(root: string): Promise<string[]> {
  const status = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.']);
  if (status.exitCode !== 0) return [];
  const prefix = (await gitWhere(root))?.prefix ?? '';
  return status.stdout
    .split('\0')
    .filter((line) => line.startsWith('?? '))
    .map((line) => line.slice(3))
    .map((file) => (file.startsWith(prefix) ? file.slice(prefix.length) : file))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')) && placementOf(file).kind !== 'unexpected')
    .sort();
}

/**
 * Commits the removal of the lock file from git (and `.careplan/lock` in .gitignore) through a
 * temporary index, so nothing else staged is committed and the lock itself stays on disk.
 */
async function untrackLock(root: string, gitDir: string): Promise<string | undefined> {
  const ignore = path.join(root, '.gitignore');
  const existing = inspectPath(root, '.gitignore').kind === 'file' ? readFileSync(ignore, 'utf8') : '';
  const extended = gitignoreAdding(existing);
  if (extended) writeFileAtomic(ignore, extended.text);
  const temp = path.join(gitDir, `careplan-index.${process.pid}`);
  try {
    const env = { ...childEnvironment(), GIT_INDEX_FILE: temp };
    const steps: string[][] = [
      ['read-tree', 'HEAD'],
      ['rm', '--cached', '-q', '--', LOCK_FILE],
      ['add', '--', '.gitignore'],
    ];
    for (const step of steps) {
      const result = await withEnvironment(env, () => git(root, ['--literal-pathspecs', ...step]));
      if (result.exitCode !== 0) return result.stderr.trim();
    }
    const commit = await withEnvironment(env, () =>
      git(root, ['commit', '-q', '-F', '-'], "Stop tracking careplan's lock file\n\nCareplan-Action: doctor\n"),
    );
    if (commit.exitCode !== 0) return (commit.stderr || commit.stdout).trim();
  } finally {
    rmSync(temp, { force: true });
  }
  // The real index follows the commit for these two paths; everything else in it is left as it was.
  await git(root, ['update-index', '--force-remove', '--', LOCK_FILE]);
  await git(root, ['--literal-pathspecs', 'add', '--', '.gitignore']);
  return undefined;
}

/** Runs doctor's checks over `root`, repairing what it safely can unless `dryRun`. */
export async function diagnose(root: string, options: DoctorOptions): Promise<DoctorItem[]> {
  const items: DoctorItem[] = [];
  const found = await gitPlace(root).catch(() => undefined);
  const place = found instanceof RecordError ? undefined : found;
  const inGit = place !== undefined;

  // The lock: before anything else, since every repair below is made holding it.
  const lock = await inspectLock(root);
  const lockTracked = inGit && (await git(root, ['ls-files', '--error-unmatch', '--', LOCK_FILE])).exitCode === 0;
  if (lock.state === 'stale') {
    if (options.dryRun) {
      items.push({
        topic: 'lock',
        state: 'attention',
        message: `the write lock is held by ${describeHolder(lock.holder)}, but ${lock.reason}`,
        fix: 'run `careplan doctor` to remove it',
      });
    } else {
      removeStaleLock(root, lock.lock);
      items.push({
        topic: 'lock',
        state: 'repaired',
        message: `removed a stale write lock: it was held by ${describeHolder(lock.holder)}, but ${lock.reason}`,
      });
    }
  } else if (lock.state === 'held') {
    items.push({
      topic: 'lock',
      state: 'ok',
      message: `the write lock is held by ${describeHolder(lock.holder)}, which is running; doctor waits for it before repairing anything`,
    });
  }

  // git's own index lock first: finishing an interrupted write needs git's index.
  if (place) {
    const indexLock = indexLockOf(place);
    const state = lstatSafe(indexLock);
    if (state) {
      const age = Date.now() - state.mtimeMs;
      if (!options.dryRun && age > INDEX_LOCK_LEFT_MS) {
        rmSync(indexLock, { force: true });
        items.push({
          topic: 'git-index-lock',
          state: 'repaired',
          message: `removed git's index lock (${indexLock}), left ${Math.round(age / 1000)} s ago by a git command that was stopped`,
        });
      } else {
        items.push({
          topic: 'git-index-lock',
          state: 'attention',
          message: `git's index is locked (${indexLock}, ${Math.round(age / 1000)} s old)`,
          fix:
            `if no git command is running, remove it: rm ` +
            `${indexLock}${options.dryRun ? '' : ` (doctor removes it once it is ${INDEX_LOCK_LEFT_MS / 1000} s old)`}`,
        });
      }
    }
  }

  const repairs = async () => {
    if (lockTracked && place) {
      const fix = `git rm --cached ${LOCK_FILE}, add ${LOCK_FILE} to .gitignore, and commit both`;
      if (options.dryRun) {
        items.push({
          topic: 'lock',
          state: 'attention',
          message: `${LOCK_FILE} is committed to git, so every clone starts with a lock in it`,
          fix: `run \`careplan doctor\` (or: ${fix})`,
        });
      } else {
        const problem = await untrackLock(root, place.gitDir);
        items.push(
          problem === undefined
            ? {
                topic: 'lock',
                state: 'repaired',
                message: `${LOCK_FILE} was committed to git; committed its removal (the file stays on disk) and added it to .gitignore`,
              }
            : { topic: 'lock', state: 'attention', message: `${LOCK_FILE} is committed to git, and removing it failed: ${problem}`, fix },
        );
      }
    }
    items.push(...(await interruptedWrite(root, options.dryRun)));
    const temps = orphanTempFiles(root);
    if (temps.length) {
      if (!options.dryRun) for (const temp of temps) rmSync(path.join(root, ...temp.split('/')), { force: true });
      items.push({
        topic: 'temporary-files',
        state: options.dryRun ? 'attention' : 'repaired',
        files: temps,
        message:
          `${options.dryRun ? 'found' : 'removed'} ${temps.length} temporary file${temps.length === 1 ? '' : 's'} left by ` +
          `stopped writes (never a record: the record is written whole or not at all)`,
        fix: options.dryRun ? 'run `careplan doctor` to remove them' : undefined,
      });
    }
  };
  if (options.dryRun) await repairs();
  else await withLock(root, async () => repairs(), { waitMs: options.waitMs, command: 'careplan doctor' });

  if (place) {
    const refusal = await trailRefusal(root);
    if (refusal && !refusal.message.startsWith("git's index is locked")) {
      items.push({
        topic: 'git',
        state: 'attention',
        message: `a write would be refused now: ${refusal.message.replace(/ Nothing was written\.$/, '')}`,
        fix: refusal.hint,
      });
    }
    const journalled = new Set(readJournal(root)?.files.map((f) => f.file) ?? []);
    const fresh = (await newRecordsNotInGit(root)).filter((file) => !journalled.has(file));
    if (fresh.length) {
      items.push({
        topic: 'new-records',
        state: 'attention',
        files: fresh,
        message:
          `${fresh.length} record file${fresh.length === 1 ? ' is' : 's are'} not in git yet, so ` +
          `${fresh.length === 1 ? 'it has' : 'they have'} no change trail`,
        fix:
          'check each with `careplan validate FILE`, then commit it (`git add FILE && git commit`) or delete it if it was a mistake; ' +
          'a careplan command that was stopped part way is finished or undone above, never listed here',
      });
    }
  } else {
    const elsewhere = await workTreeElsewhere(root).catch(() => undefined);
    items.push(
      elsewhere
        ? {
            topic: 'git',
            state: 'attention',
            message:
              `${root} is outside the work tree its git repository's configuration names (${elsewhere}, core.worktree), so ` +
              'careplan cannot commit records there',
            fix:
              'if the records folder is meant to be the work tree, run `git config --unset core.worktree` ' +
              '(after checking who set it and why)',
          }
        : {
            topic: 'git',
            state: 'attention',
            message: `${root} is not in a git repository, so records have no change trail`,
            fix: 'run `git init` there and commit the records',
          },
    );
  }
  for (const aside of setAsideJournals(root)) {
    items.push({
      topic: 'interrupted-write',
      state: 'attention',
      files: [aside],
      message:
        `an interrupted write could be neither finished nor undone, because its files changed after it stopped; its journal is ` +
        `${aside}`,
      fix: `look at the files it names (and \`git diff\`), put them right, then remove ${aside}`,
    });
  }
  return items;
}

function lstatSafe(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The write a killed command left (journal.ts): finished and committed with its own subject and trailers. */
async function interruptedWrite(root: string, dryRun: boolean): Promise<DoctorItem[]> {
  const journal = readJournal(root);
  if (!journal) return [];
  const files = journal.files.map((f) => f.file);
  const what = `${journalWho(journal)} was stopped before it ${journal.commit ? 'committed' : 'finished writing'} ${files.join(', ')}`;
  if (dryRun)
    return [
      {
        topic: 'interrupted-write',
        state: 'attention',
        files,
        message: what,
        fix: 'run `careplan doctor` to finish it (commit it with its own trailers), or run any recording command to undo it',
      },
    ];
  if (journal.commit) {
    const refusal = await trailRefusal(root);
    if (refusal)
      return [
        {
          topic: 'interrupted-write',
          state: 'attention',
          files,
          message: `${what}; it cannot be committed now: ${refusal.message}`,
          fix: refusal.hint,
        },
      ];
  }
  const finished = finishFiles(root, journal);
  if (!finished.ok) {
    const aside = setAside(root);
    return [
      {
        topic: 'interrupted-write',
        state: 'attention',
        files: finished.changed,
        message:
          `${what}, and ${finished.changed.join(', ')} changed after it stopped, so doctor left everything as it is (journal ` +
          `kept in ${aside})`,
        fix: `look at the files (and \`git diff\`), put them right, then remove ${aside}`,
      },
    ];
  }
  if (!journal.commit) {
    removeJournal(root);
    return [{ topic: 'interrupted-write', state: 'repaired', files, message: `${what}; finished writing it (--no-commit: not committed)` }];
  }
  if (await journalCommitted(root, journal)) {
    removeJournal(root);
    return [
      {
        topic: 'interrupted-write',
        state: 'repaired',
        files,
        message: `${what.replace('before it committed', 'just after it committed')}; nothing was missing`,
      },
    ];
  }
  const commit = await commitFiles(root, files, journal.subject, journal.trailers);
  if (!commit.ok)
    return [
      {
        topic: 'interrupted-write',
        state: 'attention',
        files,
        message: `${what}; committing it failed: ${commit.message}`,
        fix: 'put right what git says, then run `careplan doctor` again',
      },
    ];
  removeJournal(root);
  return [
    {
      topic: 'interrupted-write',
      state: 'repaired',
      files,
      message: `${what}; finished it and committed it (${commit.sha.slice(0, 7)}) as "${journal.subject}", with its own trailers`,
    },
  ];
}
