import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { CRASH_POINTS } from '../../src/repo/crashPoints.js';
import { BIN, careplan, copyRepo, GIT_ENV, gitIn, removeDir } from './repo.js';
import { recordErrors, workingTreeChanges } from './records.js';
import { snapshot, twoPeopleRepo, WRITES } from './hostile.js';

/**
 * The fault suite (issue 13, "What to build" 8): kill a write at a point of its path (a crash
 * point: the process SIGKILLs itself there) or at a random moment (SIGKILL from outside), then
 * prove what the README promises: no file half written, no earlier byte of a list changed, the
 * next write never blocked or refused "already exists", and once recovered the killed write is in
 * the change trail whole, with its trailers, or not at all. `faultRepo` is built once per file;
 * each kill runs on a copy.
 */

export const KINDS = Object.keys(WRITES);

/** The seed repository with a month of outcomes already written by hand (with a comment), so appends add to earlier bytes. */
export async function faultRepo(): Promise<string> {
  const dir = await twoPeopleRepo();
  const { writeFiles } = await import('./repo.js');
  writeFiles(dir, {
    'people/p-edith/outcomes/2026-11.yaml':
      '# November, by hand: keep this comment\n' +
      '- at: 2026-11-02T10:00\n  by: s-carl\n  goal: mob-indep\n  result: improving   # with her frame\n',
    'audits/.gitkeep': '',
    'feedback/.gitkeep': '',
  });
  await gitIn(dir, ['add', '-A']);
  await gitIn(dir, ['commit', '-qm', 'November so far']);
  return dir;
}

/** How many times the write of `kind` is in the records: 0 (not recorded) or 1; anything else is a fault. For ack, per person. */
function copiesOf(dir: string, kind: string): number[] {
  const list = (file: string) =>
    existsSync(path.join(dir, file))
      ? ((jsYaml.load(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>[] | null) ?? [])
      : [];
  const files = (folder: string) =>
    existsSync(path.join(dir, folder)) ? readdirSync(path.join(dir, folder)).filter((f) => f.endsWith('.yaml')) : [];
  switch (kind) {
    case 'outcome':
      return [list('people/p-edith/outcomes/2026-11.yaml').filter((e) => e.note === 'Walked to lunch').length];
    case 'ack':
      return ['p-edith', 'p-frank'].map((p) => list(`people/${p}/acknowledgements.yaml`).filter((e) => e.staff === 's-ben').length);
    case 'review':
      return [files('people/p-edith/reviews').length];
    case 'feedback':
      return [files('feedback').length];
    case 'person add':
      return [existsSync(path.join(dir, 'people/p-gina/person.yaml')) ? 1 : 0];
    case 'person discharge':
      return [readFileSync(path.join(dir, 'people/p-frank/person.yaml'), 'utf8').includes('status: discharged') ? 1 : 0];
    case 'audit --save':
      return [files('audits').length];
    default:
      throw new Error(`no such kind ${kind}`);
  }
}

/** Each kind's Careplan-Action trailer, and a path its commit touches. */
const TRAIL: Record<string, [string, string]> = {
  outcome: ['outcome', 'people/p-edith/outcomes/2026-11.yaml'],
  ack: ['ack', 'people/p-edith/acknowledgements.yaml'],
  review: ['review', 'people/p-edith/reviews'],
  feedback: ['feedback', 'feedback'],
  'person add': ['person-add', 'people/p-gina'],
  'person discharge': ['person-discharge', 'people/p-frank/person.yaml'],
  'audit --save': ['audit', 'audits'],
};

/** How a write was stopped: at a crash point, after a delay (ms), or not at all. */
export type Kill = { point: string } | { afterMs: number };

/** Runs the bin for `kind`, stopped as `kill` says; whether it was killed before it finished. */
async function runKilled(dir: string, kind: string, kill: Kill, extra: Record<string, string>): Promise<boolean> {
  const env = { NO_COLOR: '1', ...GIT_ENV, ...extra, ...('point' in kill ? { CAREPLAN_CRASH_AT: kill.point } : {}) };
  const child = execa('node', [BIN, ...WRITES[kind]], { cwd: dir, reject: false, env, extendEnv: true });
  const timer = 'afterMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : undefined;
  const result = await child;
  if (timer) clearTimeout(timer);
  return result.signal === 'SIGKILL' || result.exitCode === 137;
}

/** Every append-only list's earlier bytes, to be found unchanged at the start of the file after any kill. */
function listPrefixes(dir: string): Map<string, Buffer> {
  const lists = new Map<string, Buffer>();
  for (const [file] of snapshot(dir)) {
    if (/^people\/[^/]+\/(outcomes\/[^/]+|acknowledgements|signoffs|agreements|escalations)\.yaml$/.test(file))
      lists.set(file, readFileSync(path.join(dir, file)));
  }
  return lists;
}

export interface FaultResult {
  kind: string;
  kill: string;
  /** Killed before it finished (else it completed first: still checked). */
  killed: boolean;
  /** How recovery went: by the next write, or by doctor. */
  recovery: 'next-write' | 'doctor';
  /** After recovery: recorded whole (1) or not at all (0). */
  recorded: number;
  problems: string[];
}

const leftovers = (dir: string) => [
  ...(existsSync(path.join(dir, '.careplan')) ? readdirSync(path.join(dir, '.careplan')).map((f) => `.careplan/${f}`) : []),
  ...[...snapshot(dir).keys()].filter((f) => f.endsWith('.tmp')),
];

/**
 * One fault: a copy of `base`, the write of `kind` killed as `kill` says, the invariants checked
 * at once, then recovery (the next write, or `careplan doctor`), then the invariants of a
 * recovered repository. Returns what went wrong (nothing, when the promise holds).
 */
export async function fault(
  base: string,
  kind: string,
  kill: Kill,
  recovery: FaultResult['recovery'],
  options: { plumbing?: boolean } = {},
): Promise<FaultResult> {
  const dir = copyRepo(base, 'careplan-fault-');
  const problems: string[] = [];
  const prefixes = listPrefixes(dir);
  // The test home is small: CAREPLAN_PLUMBING_FROM=0 makes every commit of the fault (the killed
  // write's, doctor's, the next writer's) the plumbing a large home's writes make.
  const extra: Record<string, string> = options.plumbing ? { CAREPLAN_PLUMBING_FROM: '0' } : {};
  const killed = await runKilled(dir, kind, kill, extra);

  // At once: every record whole and valid, no earlier byte of a list changed, no half a write.
  for (const error of recordErrors(dir)) problems.push(`after the kill: ${error}`);
  for (const [file, bytes] of prefixes) {
    const now = existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file)) : Buffer.alloc(0);
    if (!now.subarray(0, bytes.length).equals(bytes)) problems.push(`after the kill: ${file} lost or changed earlier bytes`);
  }
  for (const n of copiesOf(dir, kind)) if (n > 1) problems.push(`after the kill: recorded ${n} times`);

  // Recovery: the next writer is never blocked or refused; or doctor puts everything right.
  if (recovery === 'doctor') {
    const doctor = await careplan(['doctor'], { cwd: dir, env: { CAREPLAN_LOCK_WAIT: '10', ...extra } });
    if (doctor.exitCode !== 0) problems.push(`doctor exit ${doctor.exitCode}: ${doctor.stdout}${doctor.stderr}`);
  }
  const next = await careplan(
    [
      'outcome',
      // p-edith: p-frank may have been discharged by the write killed, and a discharged person's records are closed.
      'p-edith',
      '--as',
      's-carl',
      '--goal',
      'nut-fluids',
      '--result',
      'no-change',
      '--note',
      'next writer',
      '--at',
      '2026-11-28T11:00',
    ],
    {
      cwd: dir,
      env: { CAREPLAN_LOCK_WAIT: '10', ...extra },
    },
  );
  if (next.exitCode !== 0) problems.push(`the next write failed (exit ${next.exitCode}): ${next.stderr}`);
  const tidy = await careplan(['doctor'], { cwd: dir, env: { CAREPLAN_LOCK_WAIT: '10', ...extra } });
  if (tidy.exitCode !== 0) problems.push(`doctor after the next write: exit ${tidy.exitCode}: ${tidy.stdout}`);

  // Recovered: all of it in the trail or none of it; nothing uncommitted, nothing left over.
  const copies = copiesOf(dir, kind);
  if (!copies.every((n) => n === copies[0]) || copies[0] > 1) problems.push(`not all or nothing: found ${copies.join(', ')}`);
  const status = await workingTreeChanges(dir);
  if (status !== '') problems.push(`uncommitted after recovery: ${status.split('\n').join('; ')}`);
  const left = leftovers(dir);
  if (left.length) problems.push(`left over: ${left.join(', ')}`);
  for (const error of recordErrors(dir)) problems.push(`after recovery: ${error}`);
  if (copies[0] === 1) {
    const [action, where] = TRAIL[kind];
    const trailer = (await gitIn(dir, ['log', '-1', '--format=%(trailers:key=Careplan-Action,valueonly)', '--', where])).trim();
    if (trailer !== action)
      problems.push(`recorded, but the commit that last touched ${where} says Careplan-Action "${trailer}", not ${action}`);
  }
  const verify = await careplan(['verify', '--format', 'json'], { cwd: dir });
  if (verify.exitCode !== 0) problems.push(`verify: exit ${verify.exitCode}: ${verify.stdout.slice(0, 300)}`);
  removeDir(dir);
  const how = 'point' in kill ? kill.point : `${kill.afterMs} ms`;
  return { kind, kill: options.plumbing ? `${how} (plumbing)` : how, killed, recovery, recorded: copies[0], problems };
}

export { CRASH_POINTS };
