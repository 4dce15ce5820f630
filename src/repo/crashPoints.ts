/**
 * The fault suite's hook (test/e2e/faults.test.ts, `npm run test:faults`): with
 * CAREPLAN_CRASH_AT=<point> in its environment, the careplan process kills itself with SIGKILL
 * when a write reaches that point, as a power cut or `kill -9` would, so every point between the
 * lock and the commit can be proved recoverable. Read from this process's environment, never a
 * command's: it is for the spawned bin only, and unset it costs one comparison.
 */
export const CRASH_POINTS = ['locked', 'journal-written', 'temp-written', 'file-written', 'staged', 'committed'] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(point: CrashPoint): void {
  if (process.env.CAREPLAN_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
