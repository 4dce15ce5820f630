import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/repo.js';
import { CRASH_POINTS, fault, faultRepo, KINDS, type FaultResult, type Kill } from '../helpers/faults.js';

/**
 * The long fault suite (`npm run test:faults`): hundreds of kills (CAREPLAN_FAULTS, default 300)
 * across every kind of write, half at a crash point and half at a random moment, half of them
 * committed by plumbing as in a large home (CAREPLAN_PLUMBING_FROM=0), each recovered by
 * the next write or by `careplan doctor`, with a summary at the end. The fast suite in `npm test`
 * (test/e2e/faults.test.ts) runs the same checks a few times per kind.
 */

const COUNT = Number(process.env.CAREPLAN_FAULTS ?? 300);
const results: FaultResult[] = [];
let base: string;

beforeAll(async () => {
  base = await faultRepo();
});
afterAll(() => {
  removeDir(base);
  const rows = KINDS.map((kind) => {
    const mine = results.filter((r) => r.kind === kind);
    const count = (f: (r: FaultResult) => boolean) => mine.filter(f).length;
    return (
      `${kind.padEnd(18)} ${String(mine.length).padStart(5)} ${String(count((r) => r.killed)).padStart(7)}` +
      ` ${String(count((r) => r.recorded === 1)).padStart(9)} ${String(count((r) => r.recorded === 0)).padStart(7)}` +
      ` ${String(count((r) => r.problems.length > 0)).padStart(9)}`
    );
  });
  const failed = results.filter((r) => r.problems.length);
  console.log(
    [
      `\nFault suite: ${results.length} writes stopped by kill -9 (${results.filter((r) => r.killed).length} killed before they finished).`,
      'kind                 runs  killed  recorded  absent  problems',
      ...rows,
      ...failed.slice(0, 20).map((r) => `  ${r.kind} at ${r.kill} (${r.recovery}): ${r.problems.join(' | ')}`),
    ].join('\n'),
  );
});

describe('hundreds of kill -9s', () => {
  it(`${COUNT} writes, each killed and recovered, keep every promise`, async () => {
    for (let i = 0; i < COUNT; i++) {
      const kind = KINDS[i % KINDS.length];
      const kill: Kill =
        i % 2 === 0 ? { point: CRASH_POINTS[Math.floor(i / 2) % CRASH_POINTS.length] } : { afterMs: Math.floor(Math.random() * 1500) };
      // Half the commits by plumbing, as a large home makes them (the test home is small): every
      // other round of the crash points, so that each point is met both ways.
      const plumbing = Math.floor(i / (2 * CRASH_POINTS.length)) % 2 === 0;
      results.push(await fault(base, kind, kill, i % 3 === 0 ? 'doctor' : 'next-write', { plumbing }));
    }
    expect(results.filter((r) => r.problems.length).map((r) => `${r.kind} at ${r.kill}: ${r.problems.join(' | ')}`)).toEqual([]);
  }, 0);
});
