import { execa, execaSync } from 'execa';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { BIN, GIT_ENV, gitIn, read, removeDir, tempDir, writeFiles } from './repo.js';
import { seedRepo } from './records.js';

/**
 * Hostile repositories for the write tests (issue 13): what a hostile contributor, bad luck or a
 * killed command can leave, and the helpers to see that a write changed nothing when refused.
 */

export const AT = '2026-11-28T10:00';

/** One command of each kind of write: an append, a multi-person append, new records, an edit, and the saved audit. */
export const WRITES: Record<string, string[]> = {
  outcome: [
    'outcome',
    'p-edith',
    '--as',
    's-carl',
    '--goal',
    'mob-indep',
    '--result',
    'improving',
    '--note',
    'Walked to lunch',
    '--at',
    AT,
  ],
  ack: ['ack', 'p-edith', 'p-frank', '--as', 's-ben', '--at', AT],
  review: [
    'review',
    'p-edith',
    '--kind',
    'plan',
    '--trigger',
    'scheduled',
    '--with-person',
    '--findings',
    'Walking well',
    '--result',
    'no-change',
    '--as',
    's-ben',
    '--at',
    AT,
  ],
  feedback: [
    'feedback',
    '--as',
    's-ben',
    '--from',
    'family',
    '--person',
    'p-edith',
    '--sentiment',
    'positive',
    '--text',
    'Kind staff',
    '--at',
    AT,
  ],
  'person add': ['person', 'add', 'p-gina', '--name', 'Gina Wells', '--admitted', '2026-11-20', '--key-worker', 's-ben', '--as', 's-amina'],
  'person discharge': ['person', 'discharge', 'p-frank', '--on', '2026-11-28', '--as', 's-amina'],
  'audit --save': ['audit', '--month', '2026-10', '--save', '--as', 's-amina', '--as-of', '2026-11-26', '--format', 'json'],
};

/** The seed repository (p-edith, signed) with p-frank beside her, signed too: two people for a multi-person write. */
export async function twoPeopleRepo(): Promise<string> {
  const dir = await seedRepo();
  cpSync(path.join(dir, 'people/p-edith'), path.join(dir, 'people/p-frank'), { recursive: true });
  writeFiles(dir, {
    'people/p-frank/person.yaml': read(dir, 'people/p-frank/person.yaml')
      .replace('id: p-edith', 'id: p-frank')
      .replace('Edith Clarke', 'Frank Hughes'),
  });
  await gitIn(dir, ['add', '-A']);
  await gitIn(dir, ['commit', '-qm', 'p-frank']);
  return dir;
}

/** Every file under `dir` (but .git) with its bytes, to compare before and after a refused write. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isSymbolicLink()) files.set(child, `-> link`);
      else files.set(child, readFileSync(path.join(dir, child)).toString('base64'));
    }
  };
  walk('');
  return files;
}

/** The files that differ between two snapshots (added, removed or changed). */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

export async function headOf(dir: string): Promise<string> {
  return (await gitIn(dir, ['rev-parse', 'HEAD'])).trim();
}

/** Puts a link at `rel` (replacing what was there) to `target`. */
export function linkAt(dir: string, rel: string, target: string): void {
  rmSync(path.join(dir, rel), { recursive: true, force: true });
  symlinkSync(target, path.join(dir, rel));
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes a folder refuse new files and changes (as a read-only share or a folder owned by someone
 * else does): chmod for a normal user; for root, whom permissions do not stop, the immutable flag.
 * Undefined when neither is possible here.
 */
export function readOnlyFolder(dir: string): { undo(): void } | undefined {
  if (!isRoot) {
    const mode = statSync(dir).mode & 0o777;
    chmodSync(dir, 0o555);
    return { undo: () => chmodSync(dir, mode) };
  }
  try {
    execaSync('chattr', ['+i', dir]);
    return { undo: () => execaSync('chattr', ['-i', dir]) };
  } catch {
    return undefined;
  }
}

/** Whether a private mount namespace can be made here (unshare -m), for read-only and full file systems. */
export const canMount = (() => {
  try {
    return (
      execaSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt'], { reject: false }).exitCode === 0
    );
  } catch {
    return false;
  }
})();

/**
 * Runs the built careplan in `cwd` inside a private mount namespace after `setup` (shell, run as
 * root in that namespace): a read-only bind mount, a tiny tmpfs. Nothing outside the test sees it.
 */
export async function careplanMounted(
  setup: string,
  cwd: string,
  args: string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const result = await execa('unshare', ['-m', 'sh', '-c', `${setup} && cd "$0" && exec node "$@"`, cwd, BIN, ...args], {
    reject: false,
    env: { NO_COLOR: '1', ...GIT_ENV },
    extendEnv: true,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function removeAll(...dirs: string[]): void {
  for (const dir of dirs) if (existsSync(dir)) removeDir(dir);
}

export { tempDir };
