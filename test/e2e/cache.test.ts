import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { judgingLoad } from '../../src/commands/options.js';
import { FORMAT_NAMES } from '../../src/format/registry.js';
import { loadWorkspaceParallel } from '../../src/repo/parallelLoader.js';
import { KEY_WORKER, MANAGER, sixMonths } from '../helpers/care.js';
import { folderIdentity, sealOf } from '../../src/repo/recordCache.js';
import { careplan, careplanBin, copyRepo, fixtureRepo, gitIn, PROJECT, tempDir, type FixtureRepo } from '../helpers/repo.js';

/**
 * The cache under .git/careplan/ and reading settled outcome months as facts must never change a
 * result: `check`, `due` and `validate` print byte for byte what `--no-cache` prints (every record
 * read afresh and in full), after every kind of change a home's records see, in a random order.
 */

const NOW = Date.parse('2026-11-20T10:00:00Z');
/** The homes here are small: a home keeps a cache from 1,000 files (CAREPLAN_CACHE_FROM), these from none. */
const CACHED = { CAREPLAN_CACHE_FROM: '0' };
const now = () => NOW;
const DAY = 86_400_000;

type Edit = [name: string, change: (dir: string) => Promise<void> | void];

/** The findings `check` kept (checkResult.ts), if any. */
const keptFile = (dir: string) => cacheFiles(dir).find((f) => f.includes(`${path.sep}result-`));
/** The moment the kept findings stop holding (null: never), from the sealed file's JSON body. */
const keptUntil = (dir: string): number | null => {
  const text = readFileSync(keptFile(dir)!, 'utf8');
  return (JSON.parse(text.slice(text.indexOf('\n') + 1)) as { until: number | null }).until;
};
/** Removes the record cache, so that a check that reads records writes it again and one that used its kept findings does not. */
const dropRecordCache = (dir: string) => {
  for (const f of cacheFiles(dir)) if (!f.includes(`${path.sep}result-`)) rmSync(f);
};
const readRecords = (dir: string) => cacheFiles(dir).some((f) => !f.includes(`${path.sep}result-`));

const file = (dir: string, rel: string) => path.join(dir, rel);
const replaceIn = (dir: string, rel: string, from: string, to: string) => {
  const text = readFileSync(file(dir, rel), 'utf8');
  expect(text).toContain(from);
  writeFileSync(file(dir, rel), text.replace(from, to));
};
const cacheFiles = (dir: string) => {
  const base = file(dir, '.git/careplan/cache');
  return existsSync(base)
    ? readdirSync(base, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : [];
};

const EDITS: Edit[] = [
  [
    'a new outcome entry, recorded and committed by careplan outcome',
    async (dir) => {
      const result = await careplan(
        [
          'outcome',
          'p-a',
          '--goal',
          'mobility-goal',
          '--result',
          'improving',
          '--as',
          KEY_WORKER,
          '--at',
          '2026-11-19T22:00',
          '--repo',
          dir,
        ],
        { now },
      );
      expect(result.exitCode, result.stderr).toBe(0);
    },
  ],
  [
    'an old month gets an entry dated in another month (misfiled), not committed',
    (dir) =>
      appendFileSync(
        file(dir, 'people/p-b/outcomes/2026-07.yaml'),
        '- { at: "2026-08-03T10:00", by: s-ben, goal: meals-goal, result: improving }\n',
      ),
  ],
  [
    'an old entry names a goal the plan does not have',
    (dir) => replaceIn(dir, 'people/p-c/outcomes/2026-06.yaml', '"mobility-goal"', '"swimming-goal"'),
  ],
  [
    'an old entry names an action the plan does not have',
    (dir) =>
      appendFileSync(
        file(dir, 'people/p-a/outcomes/2026-08.yaml'),
        '- { at: "2026-08-30T21:00", by: s-ben, actions: [swim-act], result: improving }\n',
      ),
  ],
  [
    'an old entry recorded by someone not on the roster',
    (dir) =>
      appendFileSync(
        file(dir, 'people/p-b/outcomes/2026-09.yaml'),
        '- { at: "2026-09-30T21:00", by: s-zed, goal: meals-goal, result: improving }\n',
      ),
  ],
  [
    'a goal last recorded in a settled month (outcomes-missing from its facts)',
    (dir) => {
      for (const month of ['2026-10', '2026-11']) {
        const rel = `people/p-c/outcomes/${month}.yaml`;
        writeFileSync(
          file(dir, rel),
          readFileSync(file(dir, rel), 'utf8')
            .split('\n')
            .filter((line) => !line.includes('meals-goal'))
            .join('\n'),
        );
      }
    },
  ],
  [
    'a staff member left before entries they recorded',
    (dir) => replaceIn(dir, 'staff/s-carl.yaml', 'active: true', 'active: true\nleft: "2026-08-01"'),
  ],
  [
    'a person discharged in the summer',
    (dir) => replaceIn(dir, 'people/p-b/person.yaml', 'status: "active"', 'status: "discharged"\ndischarged: "2026-09-01"'),
  ],
  [
    'three variations in a week of an old month',
    (dir) =>
      appendFileSync(
        file(dir, 'people/p-a/outcomes/2026-07.yaml'),
        ['10', '11', '12']
          .map((d) => `- { at: "2026-07-${d}T20:00", by: s-ben, goal: meals-goal, result: no-change, variation: Different today }\n`)
          .join(''),
      ),
  ],
  ['an old month deleted', (dir) => rmSync(file(dir, 'people/p-c/outcomes/2026-08.yaml'))],
  [
    'the cache damaged: cut short, overwritten, emptied',
    (dir) => {
      cacheFiles(dir).forEach((f, i) => writeFileSync(f, [readFileSync(f, 'utf8').slice(0, 200), '{"x":1}', ''][i % 3]));
    },
  ],
  [
    'a change staged and not committed',
    async (dir) => {
      appendFileSync(
        file(dir, 'people/p-a/outcomes/2026-09.yaml'),
        '- { at: "2026-09-30T21:00", by: s-eve, goal: mobility-goal, result: achieved }\n',
      );
      await gitIn(dir, ['add', 'people/p-a/outcomes/2026-09.yaml']);
    },
  ],
  ['broken YAML in an old month', (dir) => appendFileSync(file(dir, 'people/p-b/outcomes/2026-06.yaml'), '- at: [unclosed\n')],
  ['a goal renamed in the plan', (dir) => replaceIn(dir, 'people/p-a/plan.yaml', '"id":"meals-goal"', '"id":"eating-goal"')],
  [
    'everything committed',
    async (dir) => {
      await gitIn(dir, ['add', '-A']);
      await gitIn(dir, ['commit', '--quiet', '--allow-empty', '-m', 'hand edits']);
    },
  ],
  [
    'files touched, their content unchanged',
    (dir) => {
      for (const rel of ['people/p-a/outcomes/2026-06.yaml', 'people/p-c/plan.yaml', 'staff/s-ben.yaml'])
        utimesSync(file(dir, rel), new Date(), new Date());
    },
  ],
  ['the timezone changed', (dir) => appendFileSync(file(dir, 'careplan.yaml'), 'timezone: America/New_York\n')],
  ['the lookback lengthened', (dir) => appendFileSync(file(dir, 'careplan.yaml'), 'policy: { lookback_days: 120 }\n')],
  [
    'a month copied to another person (the same content at two paths)',
    (dir) => writeFileSync(file(dir, 'people/p-c/outcomes/2026-07.yaml'), readFileSync(file(dir, 'people/p-a/outcomes/2026-07.yaml'))),
  ],
  [
    'a late entry answered by nobody: a variation recorded yesterday',
    (dir) =>
      appendFileSync(
        file(dir, 'people/p-c/outcomes/2026-11.yaml'),
        '- { at: "2026-11-19T20:00", by: s-ben, goal: meals-goal, result: no-change, variation: Late }\n',
      ),
  ],
];

/** What `check` and (unless only check) `due` print and exit with, with the cache or without (`--no-cache`). */
async function judged(dir: string, cache: boolean, only?: 'check'): Promise<string[]> {
  const run = async (args: string[]) => {
    const result = await careplan([...args, '--repo', dir, ...(cache ? [] : ['--no-cache'])], { now });
    return `${args.join(' ')}: exit ${result.exitCode}\n${result.stdout}\n${result.stderr}`;
  };
  const checked = await run(['check', '--format', 'json']);
  return only ? [checked] : [checked, await run(['due', '--within', '14', '--json'])];
}

/** A seeded shuffle: the order of edits differs from one seed to the next, and the same seed gives the same order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * careplan's built modules (dist/), for the tests whose loads run on workers: the workers run
 * dist/repo/loadWorker.js, and the built code keeps a cache of its own.
 */
async function builtModules() {
  const built = async <T>(module: string) => (await import(pathToFileURL(path.join(PROJECT, `dist/${module}.js`)).href)) as T;
  return {
    parallelLoader: await built<typeof import('../../src/repo/parallelLoader.js')>('repo/parallelLoader'),
    options: await built<typeof import('../../src/commands/options.js')>('commands/options'),
    recordCache: await built<typeof import('../../src/repo/recordCache.js')>('repo/recordCache'),
  };
}

describe('the cache and settled months never change a result', () => {
  let fixture: FixtureRepo;
  beforeAll(async () => {
    // For careplan() too (test/setup/environment.ts puts process.env back after this file).
    Object.assign(process.env, CACHED);
    fixture = await fixtureRepo(sixMonths(NOW).files());
  });
  afterAll(() => fixture.remove());

  it('reads from the cache on the second run, and only the changed file after a new entry', async () => {
    const dir = fixture.copy();
    const counts = { parsed: 0, cached: 0 };
    const load = () => loadWorkspaceParallel(dir, { ...judgingLoad({}, NOW), counts }, CACHED);
    const first = await load();
    expect(counts.cached).toBe(0);
    expect(first.people.get('p-a')?.settledOutcomes?.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09']);
    const files = first.files.length;
    await load();
    expect(counts).toEqual({ parsed: 1, cached: files - 1 });
    await careplan(
      ['outcome', 'p-b', '--goal', 'meals-goal', '--result', 'improving', '--as', KEY_WORKER, '--at', '2026-11-20T09:00', '--repo', dir],
      { now },
    );
    await load();
    expect(counts).toEqual({ parsed: 2, cached: files - 2 });
    // The cache lives in .git, with the repository's permissions, and holds no notes.
    const kept = cacheFiles(dir);
    expect(kept.length).toBe(4);
    expect(kept.every((f) => f.startsWith(file(dir, '.git/careplan/cache/')))).toBe(true);
    expect(kept.map((f) => readFileSync(f, 'utf8')).join('')).not.toContain('Day 1');
  });

  it('is not kept for a small home: below CAREPLAN_CACHE_FROM files (1,000 by default) reading afresh is quicker', async () => {
    const dir = fixture.copy();
    const counts = { parsed: 0, cached: 0 };
    for (const env of [{}, { CAREPLAN_CACHE_FROM: '100000' }]) {
      await loadWorkspaceParallel(dir, { ...judgingLoad({}, NOW), counts }, env);
      await loadWorkspaceParallel(dir, { ...judgingLoad({}, NOW), counts }, env);
      expect(counts.cached).toBe(0);
      expect(cacheFiles(dir)).toEqual([]);
    }
    const result = await careplan(['check', '--format', 'json', '--repo', dir], { now, env: { CAREPLAN_CACHE_FROM: '' } });
    expect(result.exitCode).toBeLessThan(2);
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('settles months by the policy: none with a lookback longer than the records', async () => {
    const dir = fixture.copy();
    const ws = await loadWorkspaceParallel(dir, judgingLoad({}, NOW), CACHED);
    expect(ws.people.get('p-c')?.settledOutcomes?.length).toBe(4);
    expect(DEFAULT_POLICY.lookback_days).toBe(28);
    const behind = await loadWorkspaceParallel(dir, judgingLoad({ asOf: '2026-11-01' }, NOW), CACHED);
    expect(behind.people.get('p-c')?.settledOutcomes).toBeUndefined();
  });

  // Each change from a warm cache: check reads the changed files afresh, then from what it kept.
  // (due, which loads the same way, is compared after every change in the shuffled run below.)
  it.each(EDITS)('after %s, check prints what it prints without it', async (_name, change) => {
    const dir = fixture.copy();
    await judged(dir, true, 'check');
    await change(dir);
    const bare = await judged(dir, false, 'check');
    expect(await judged(dir, true, 'check')).toEqual(bare);
    expect(await judged(dir, true, 'check')).toEqual(bare);
  });

  it('and after all the changes one after another, in a shuffled order; validate too', async () => {
    const dir = fixture.copy();
    for (const [name, change] of shuffled(EDITS, 7)) {
      await change(dir);
      expect(await judged(dir, true), `after: ${name}`).toEqual(await judged(dir, false));
    }
    // validate reads every record in full, from the cache too.
    const validate = (extra: string[]) => careplan(['validate', '--format', 'json', '--repo', dir, ...extra], { now });
    const bare = await validate(['--no-cache']);
    expect(bare.stdout).toContain('"rule": "yaml-syntax"');
    expect(await validate([])).toEqual(bare);
    expect(await validate([])).toEqual(bare);
  }, 120_000);

  it('is written by the workers that read a large home, and then read from', async () => {
    const dir = fixture.copy();
    const env = { ...CACHED, CAREPLAN_PARALLEL_FROM: '1' };
    // The built careplan keeps its own cache (its code is another version of the code): ask it.
    const { parallelLoader: built, options } = await builtModules();
    const args = ['check', '--format', 'json', '--repo', dir];
    const withoutClock = (result: { stdout: string }) => result.stdout.replace(/"asOf": "[^"]*"/, '');
    const bare = withoutClock(await careplanBin([...args, '--no-cache'], { env }));
    expect(withoutClock(await careplanBin(args, { env }))).toBe(bare);
    // The people's groups in the worker's pack (a body and its table), the home's group, and the findings check kept.
    expect(
      cacheFiles(dir)
        .filter((f) => !f.includes(`${path.sep}result-`))
        .map((f) => path.basename(f).replace(/[0-9-]+/, '-N-')),
    ).toEqual(['_home.json', 'pack-N-.json', 'pack-N-.toc']);
    expect(keptFile(dir)).toBeDefined();
    expect(withoutClock(await careplanBin(args, { env }))).toBe(bare);
    // The built modules' workers write what the next load reads. (The command runs dist/bundle/,
    // whose code, and so whose cache, is its own: scripts/bundle.js.)
    const counts = { parsed: 0, cached: 0 };
    const load = () => built.loadWorkspaceParallel(dir, { ...options.judgingLoad({}, Date.now()), counts }, env);
    await load();
    expect(counts).toEqual({ parsed: expect.any(Number), cached: 0 });
    const files = counts.parsed;
    await load();
    expect(counts).toEqual({ parsed: 1, cached: files - 1 });
  });

  it("a worker's pack is read where its table and seals say; damaged, unfinished or older than a group's own file, it is not", async () => {
    const dir = fixture.copy();
    const env = { ...CACHED, CAREPLAN_PARALLEL_FROM: '1' };
    const { parallelLoader: built, options, recordCache } = await builtModules();
    const counts = { parsed: 0, cached: 0 };
    const load = async (workers = true) => {
      const ws = await built.loadWorkspaceParallel(dir, { ...options.judgingLoad({}, NOW), counts }, workers ? env : CACHED);
      return JSON.stringify([...ws.people].map(([id, p]) => [id, p.outcomes.length, p.settledOutcomes, p.reviews.length]));
    };
    const people = await load();
    const files = counts.parsed;
    const folder = path.dirname(cacheFiles(dir).find((f) => f.endsWith('.toc'))!);
    const packs = () =>
      readdirSync(folder)
        .filter((f) => f.startsWith('pack-'))
        .sort();
    const tables = () => packs().filter((f) => f.endsWith('.toc'));
    expect(tables()).toHaveLength(1);
    const ofPerson = (id: string) =>
      readdirSync(file(dir, `people/${id}`), { recursive: true }).filter((f) => String(f).endsWith('.yaml')).length;
    const expectRead = async (afresh: string[]) => {
      expect(await load()).toBe(people);
      const parsed = 1 + afresh.reduce((n, id) => n + ofPerson(id), 0);
      expect(counts).toEqual({ parsed, cached: files - parsed });
    };
    await expectRead([]);

    // A count in p-b's body changed (still JSON, still its keys): its seal no longer holds, so p-b
    // is read afresh (and goes into a new pack).
    const toc = (name: string) => JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Record<string, [number, number, string]>;
    const [first] = tables();
    const [offset] = toc(first)['p-b'];
    const body = path.join(folder, first.replace('.toc', '.json'));
    const bytes = readFileSync(body);
    const count = bytes.indexOf('"entries":', offset) + '"entries":'.length;
    expect(count).toBeGreaterThan(offset + 10);
    bytes[count] = bytes[count] === 0x31 ? 0x32 : 0x31;
    writeFileSync(body, bytes);
    await expectRead(['p-b']);
    expect(tables()).toHaveLength(2);
    expect(Object.keys(toc(tables()[1]))).toEqual(['p-b']);
    await expectRead([]);

    // A pack without its table (its worker stopped before the end) is not read.
    rmSync(path.join(folder, tables()[1]));
    await expectRead(['p-b']);
    await expectRead([]);

    // A group's own file is the newer copy and wins over a pack. Here it holds nothing, so p-c is read
    // afresh; its worker puts it into a new pack and removes the own file, and the pack is read next.
    const identity = recordCache.folderIdentity(folder)!;
    const keepNothing = (id: string) => writeFileSync(path.join(folder, `${id}.json`), `${recordCache.sealOf(identity, '{}')}\n{}`);
    keepNothing('p-c');
    await expectRead(['p-c']);
    expect(readdirSync(folder)).not.toContain('p-c.json');
    await expectRead([]);
    // A pack of which every group has a newer copy is removed: the first, once p-a is in a newer one.
    expect(tables()).toContain(first);
    keepNothing('p-a');
    await expectRead(['p-a']);
    expect(tables()).not.toContain(first);
    expect(packs()).not.toContain(first.replace('.toc', '.json'));
    // (The pack without a table is left: a worker of another run might still be writing it.)
    expect(packs().filter((f) => !tables().includes(f.replace('.json', '.toc')))).toHaveLength(1);
    await expectRead([]);
    expect(await load(false)).toBe(people);
  });

  it('check keeps its findings while they hold: run again on the same records, it reads none', async () => {
    const dir = fixture.copy();
    const first = await judged(dir, true, 'check');
    expect(keptFile(dir)).toBeDefined();
    dropRecordCache(dir);
    expect(await judged(dir, true, 'check')).toEqual(first);
    expect(readRecords(dir)).toBe(false);
    // A clock set back judges afresh (the findings were judged for a later moment).
    const earlier = await careplan(['check', '--format', 'json', '--repo', dir], { now: () => NOW - 60_000 });
    expect(earlier.exitCode).toBeLessThan(2);
    expect(readRecords(dir)).toBe(true);
    // So does --as-of (looking back or ahead is never kept), and --no-cache.
    dropRecordCache(dir);
    await careplan(['check', '--repo', dir, '--as-of', '2026-11-19'], { now });
    expect(readRecords(dir)).toBe(true);
  });

  it("after a change to one person's records, check reads only theirs and the home's, and prints what --no-cache prints", async () => {
    const dir = fixture.copy();
    // A link in p-b's folder: reported for p-b (symlink), kept with p-b's findings.
    symlinkSync('../person.yaml', file(dir, 'people/p-b/outcomes/2026-12.yaml'));
    await judged(dir, true, 'check');
    expect(cacheFiles(dir).some((f) => f.endsWith(`${path.sep}people.json`))).toBe(true);
    const group = (id: string) => cacheFiles(dir).find((f) => f.endsWith(`${path.sep}${id}.json`));
    // Each edit below is to p-a's folder: p-b's and p-c's kept findings are taken as they were, so their records are not read.
    for (const [name, change] of EDITS.filter(([edit]) => /an old entry names a goal|new outcome entry/.test(edit)).concat([
      [
        'p-a discharged',
        (d: string) => replaceIn(d, 'people/p-a/person.yaml', 'status: "active"', 'status: "discharged"\ndischarged: "2026-11-19"'),
      ],
    ])) {
      const before = cacheFiles(dir).find((f) => f.endsWith(`${path.sep}p-b.json`));
      expect(before).toBeDefined();
      rmSync(before!);
      await change(dir);
      const cached = await judged(dir, true, 'check');
      expect(cached[0]).toContain('"rule": "symlink"');
      expect(group('p-b'), `after: ${name}`).toBeUndefined();
      expect(cached, `after: ${name}`).toEqual(await judged(dir, false, 'check'));
      // Judged afresh in full (--no-cache writes nothing): p-b's group comes back.
      rmSync(keptFile(dir)!);
      rmSync(cacheFiles(dir).find((f) => f.endsWith(`${path.sep}people.json`))!);
      expect(await judged(dir, true, 'check')).toEqual(cached);
      expect(group('p-b')).toBeDefined();
    }
    // A change to the home's records (a staff member's roles) judges everyone afresh.
    rmSync(group('p-b')!);
    replaceIn(dir, 'staff/s-eve.yaml', 'care-staff', 'shift-lead');
    const afterStaff = await judged(dir, true, 'check');
    expect(group('p-b')).toBeDefined();
    expect(afterStaff).toEqual(await judged(dir, false, 'check'));
  });

  it('kept findings print as --no-cache prints in every format, with every edit above made', async () => {
    const dir = fixture.copy();
    for (const [, change] of EDITS) await change(dir);
    const args = (format: string) => ['check', '--format', format, '--repo', dir];
    await careplan(args('json'), { now });
    dropRecordCache(dir);
    for (const format of FORMAT_NAMES.findings) {
      const bare = await careplan([...args(format), '--no-cache'], { now });
      expect(bare.stdout.length).toBeGreaterThan(100);
      expect(await careplan(args(format), { now }), format).toEqual(bare);
    }
    expect(readRecords(dir)).toBe(false);
  });

  it('kept findings: at random later moments, and when they stop holding, check prints what --no-cache prints', async () => {
    const dir = fixture.copy();
    // Findings with deadlines inside a day: a late variation; a new plan version to read and agree to within 72 hours.
    for (const [, change] of EDITS.filter(([edit]) => edit.startsWith('a late entry'))) await change(dir);
    replaceIn(dir, 'people/p-a/plan.yaml', 'version: 1', 'version: 2');
    replaceIn(dir, 'people/p-a/plan.yaml', 'updated: "2026-05-20T16:00"', 'updated: "2026-11-20T08:00"');
    const signed = await careplan(['signoff', 'p-a', '--as', MANAGER, '--repo', dir], { now: () => NOW - 3_600_000 });
    expect(signed.exitCode, signed.stderr).toBe(0);
    const at = async (t: number) => {
      const run = async (cache: boolean) => {
        const r = await careplan(['check', '--format', 'json', '--repo', dir, ...(cache ? [] : ['--no-cache'])], { now: () => t });
        return `${r.exitCode}\n${r.stdout}\n${r.stderr}`;
      };
      return { cached: await run(true), bare: await run(false) };
    };
    let seed = 20261130;
    let t = NOW;
    let edges = 0;
    for (let round = 0; round < 8; round++) {
      const first = await at(t);
      expect(first.cached, new Date(t).toISOString()).toBe(first.bare);
      const until = keptUntil(dir);
      if (until !== null && until - t < 40 * DAY) {
        edges++;
        for (const edge of [until - 1, until]) {
          // Kept at t: at until - 1 the kept findings are printed; at until, judged afresh.
          const cached = await careplan(['check', '--format', 'json', '--repo', dir], { now: () => edge });
          const bare = await careplan(['check', '--format', 'json', '--repo', dir, '--no-cache'], { now: () => edge });
          expect(cached, `kept at ${new Date(t).toISOString()}, run at ${new Date(edge).toISOString()}`).toEqual(bare);
          await judged(dir, true, 'check');
        }
      }
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      t += seed % (2 * DAY);
    }
    expect(edges).toBeGreaterThan(4);
  }, 60_000);

  it('a cache that comes with the repository (a copy of it, .git and all) is not trusted, however it is sealed', async () => {
    const dir = fixture.copy();
    await judged(dir, true, 'check');
    // Findings forged in the kept result, sealed as careplan seals it for this folder.
    const forge = (where: string, identity: string) => {
      const text = readFileSync(keptFile(where)!, 'utf8');
      const kept = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { findings: { message: string }[] };
      expect(kept.findings.length).toBeGreaterThan(0);
      const body = JSON.stringify({ ...kept, findings: kept.findings.map((f) => ({ ...f, message: 'forged by whoever sent it' })) });
      writeFileSync(keptFile(where)!, `${sealOf(identity, body)}\n${body}`);
    };
    const identity = folderIdentity(path.dirname(keptFile(dir)!))!;
    forge(dir, identity);
    // Here, the seal is all that stands between such a file and what check prints.
    expect((await judged(dir, true, 'check')).join('')).toContain('forged by whoever sent it');
    // A copy (as a zip of the repository would arrive): its cache folder is another, so the seal is not its own.
    const copy = copyRepo(dir);
    expect(cacheFiles(copy).length).toBeGreaterThan(0);
    const bare = await judged(copy, false, 'check');
    expect(bare.join('')).not.toContain('forged');
    expect(await judged(copy, true, 'check')).toEqual(bare);
    // And what the copy keeps from then on is sealed for it, and read.
    expect(await judged(copy, true, 'check')).toEqual(bare);
    expect(readRecords(copy)).toBe(true);
    dropRecordCache(copy);
    expect(await judged(copy, true, 'check')).toEqual(bare);
    expect(readRecords(copy)).toBe(false);
  });

  it('a link in .git where the cache goes (.git/careplan, or its cache folder) is not followed: no cache', async () => {
    for (const linked of ['.git/careplan', '.git/careplan/cache']) {
      const dir = fixture.copy();
      const elsewhere = tempDir('careplan-elsewhere-');
      rmSync(file(dir, '.git/careplan'), { recursive: true, force: true });
      if (linked !== '.git/careplan') mkdirSync(file(dir, '.git/careplan'));
      symlinkSync(elsewhere, file(dir, linked));
      const bare = await judged(dir, false, 'check');
      expect(await judged(dir, true, 'check')).toEqual(bare);
      expect(readdirSync(elsewhere, { recursive: true }), linked).toEqual([]);
    }
  });

  it('a pipe or a link where a cache file goes is not read (nor waited on): the records are read afresh', async () => {
    const dir = fixture.copy();
    // Run as its own process, stopped if it waits on a pipe.
    const check = async (extra: string[]) => {
      const result = await careplanBin(['check', '--format', 'json', '--repo', dir, ...extra], { env: CACHED, timeout: 20_000 });
      return `exit ${result.exitCode}\n${result.stdout.replace(/"asOf": "[^"]*"/, '')}\n${result.stderr}`;
    };
    const bare = await check(['--no-cache']);
    expect(await check([])).toEqual(bare);
    const kept = cacheFiles(dir);
    expect(kept.length).toBeGreaterThan(2);
    const elsewhere = path.join(tempDir('careplan-elsewhere-'), 'secret.json');
    writeFileSync(elsewhere, readFileSync(kept[0]));
    // Every file the cache kept becomes a pipe, but one, a link to a copy of itself elsewhere; and a
    // pack (with its table) that is a pipe, for the people whose own files are now pipes.
    for (const f of kept) rmSync(f);
    symlinkSync(elsewhere, kept[0]);
    for (const f of kept.slice(1)) execFileSync('mkfifo', [f]);
    const folder = path.dirname(kept.find((f) => path.basename(f).startsWith('p-'))!);
    execFileSync('mkfifo', [path.join(folder, 'pack-1-1-1.json')]);
    writeFileSync(path.join(folder, 'pack-1-1-1.toc'), JSON.stringify({ 'p-a': [0, 10, 'seal'], 'p-b': [0, 10, 'seal'] }));
    expect(await check([])).toEqual(bare);
  }, 60_000);

  it('the audit prints the same with and without it', async () => {
    const dir = fixture.copy();
    const audit = (extra: string[]) => careplan(['audit', '--month', '2026-10', '--format', 'json', '--repo', dir, ...extra], { now });
    const bare = await audit(['--no-cache']);
    expect(bare.exitCode).toBe(0);
    expect(await audit([])).toEqual(bare);
    expect(await audit([])).toEqual(bare);
  });
});
