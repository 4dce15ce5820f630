import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { merged, personParts, unreadFacts } from '../../src/commands/keptPeople.js';
import { settledBefore } from '../../src/model/settledMonth.js';
import type { Workspace } from '../../src/model/workspace.js';
import type { KeptPerson } from '../../src/repo/personResults.js';
import { loadWorkspaceParallel } from '../../src/repo/parallelLoader.js';
import { activePeople, judgeHolding } from '../../src/rules/check.js';
import { home, KEY_WORKER } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';
import { tempDir, writeFiles } from '../helpers/repo.js';

/**
 * `careplan check` after a change judges only the people whose records changed, and takes everyone
 * else's findings as it kept them (repo/personResults.ts). That is sound only if a person's
 * findings depend on nothing but their own folder, the home's records and the clock, and if the
 * home's rules get what they need of the people not read (Workspace.unread). Here: judged that way
 * with any set of people kept, at any moment their kept findings hold, the findings, who is active
 * and the home's findings are exactly those of judging every person afresh.
 */

const EXAMPLE = path.resolve('examples/sunrise-house');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A home without spot checks or supervisions, and staff without `started`: the home's rules fall back on the first sign-off. */
function firstSignoffHome(): string {
  const h = home().staff('s-eve', ['care-staff']);
  h.person('p-a', { admitted: '2026-08-01', team: [KEY_WORKER, 's-carl'] })
    .assess('2026-08-01T10:00', { needs: ['mobility', 'meals'] })
    .plan({ updated: '2026-08-01T16:00' })
    .signoff('2026-08-03T09:00')
    .ack(KEY_WORKER, '2026-08-03T10:00')
    .outcome('2026-08-04T09:00', { goal: 'mobility-goal', by: KEY_WORKER, result: 'improving' });
  h.person('p-b', { admitted: '2026-10-20', team: [KEY_WORKER] })
    .assess('2026-10-20T10:00', { needs: ['meals'] })
    .plan({ updated: '2026-10-21T16:00' })
    .signoff('2026-10-22T09:00')
    .outcome('2026-11-02T09:00', { goal: 'meals-goal', by: KEY_WORKER, result: 'no-change' });
  h.person('p-c', { admitted: '2026-11-10', team: [KEY_WORKER] }).assess('2026-11-10T10:00', { needs: ['meals'] });
  const dir = tempDir('careplan-partitions-');
  // Files out of the layout in a person's folder: their findings are that person's, kept with them.
  writeFiles(dir, { ...h.files(), 'people/p-b/notes.yaml': 'a: 1\n', 'people/p-a/reviews/2026-02-30-plan.yaml': '[]\n' });
  return dir;
}

/** As check loads to judge the present (settled months as facts), without a cache; `unread` people left unread. */
function load(root: string, now: number, held?: ReadonlyMap<string, KeptPerson>): Promise<Workspace> {
  return loadWorkspaceParallel(root, {
    withoutNotes: true,
    settle: { now, before: (zone, policy) => settledBefore(now, zone, policy) },
    unread: held?.size ? { people: new Set(held.keys()), facts: unreadFacts(held.values()) } : undefined,
  });
}

/** A seeded generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function wholeHome(root: string, t: number) {
  const ws = await load(root, t);
  const judged = judgeHolding(ws, t, { versioning: { kind: 'git', changed: [] } });
  return { ws, judged, ...merged(ws, judged, undefined, activePeople(ws)) };
}

/**
 * Judges the home at `t0`, keeps a random set of people, and judges again at a random later moment
 * within their spans with only the others read: against the whole home judged then.
 */
async function partitionsHold(root: string, seed: number, from: number, to: number, rounds: number) {
  const next = random(seed);
  let kept = 0;
  for (let round = 0; round < rounds; round++) {
    const t0 = from + Math.floor(next() * (to - from));
    const first = await wholeHome(root, t0);
    const prints = new Map([...first.ws.people.keys()].map((id) => [id, id]));
    const parts = personParts(first.ws, first.judged, t0, prints, new Map());
    const held = new Map([...parts].filter(([, part]) => next() < 0.6 && part.until > t0 + 1));
    const end = Math.min(t0 + 40 * DAY, ...[...held.values()].map((part) => part.until));
    const t1 = round % 3 === 0 ? end - 1 : t0 + Math.floor(next() * (end - t0));
    const ws = await load(root, t1, held);
    for (const id of held.keys()) expect(ws.people.get(id)?.person, `${id} is not read`).toBeUndefined();
    const judged = judgeHolding(ws, t1, { versioning: { kind: 'git', changed: [] } });
    const partly = merged(ws, judged, held, activePeople(ws));
    const whole = await wholeHome(root, t1);
    const when = `kept ${[...held.keys()].join(', ')} at ${new Date(t0).toISOString()}, judged at ${new Date(t1).toISOString()}`;
    expect(partly.findings, when).toEqual(whole.findings);
    expect(partly.active, when).toEqual(whole.active);
    expect(partly.until, when).toBeGreaterThan(t1);
    // Kept again from the partial judgement, each person's part is what the whole home's gives them.
    const again = personParts(ws, judged, t1, prints, held);
    const fresh = personParts(whole.ws, whole.judged, t1, prints, new Map());
    for (const [id, part] of again) {
      if (held.has(id)) continue;
      expect({ ...part, until: 0 }, `${id}: ${when}`).toEqual({ ...fresh.get(id), until: 0 });
    }
    kept += held.size;
  }
  expect(kept).toBeGreaterThan(rounds);
}

describe("a person's findings are kept and taken as they were, the others judged afresh: the same findings", () => {
  it('on the example home, at random moments and with random people kept', async () => {
    await partitionsHold(EXAMPLE, 20261130, asOf('2026-11-01T00:00'), asOf('2027-01-10T00:00'), 14);
  }, 30_000);

  it('on a home whose governance and supervision fall back on the first sign-off', async () => {
    const root = firstSignoffHome();
    const t = asOf('2026-11-20T12:00');
    // The home's findings depend on the people's records here: if no one were read, they would go.
    const whole = await wholeHome(root, t);
    expect(whole.findings.filter((f) => f.file?.startsWith('people/')).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['unexpected-file', 'id-mismatch']),
    );
    expect(whole.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['spotcheck-overdue', 'supervision-overdue', 'audit-missing']),
    );
    // After its newest record (before it, later records are future-dated, and such findings hold for an instant).
    await partitionsHold(root, 7, asOf('2026-11-11T00:00'), asOf('2027-01-20T00:00'), 14);
  }, 30_000);
});
