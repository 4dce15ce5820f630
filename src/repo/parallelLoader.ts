import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_TIMEZONE } from '../model/policy.js';
import { lastDayOf, type SettledMonth } from '../model/settledMonth.js';
import { placeRecord } from '../model/slots.js';
import type { UnreadPeople, Workspace } from '../model/workspace.js';
import { countFrom } from './childEnvironment.js';
import {
  checkPaths,
  diskReader,
  emptyWorkspace,
  finish,
  FileSource,
  homeSettings,
  placeSettled,
  plan,
  readUnquietMonths,
  type LoadJob,
  type LoadOptions,
} from './loader.js';
import { loadJob, type LoadedJob, type WorkerJob, type WorkerResult } from './loadWorker.js';
import { HOME_GROUP, openCache, type CacheFolder, type CachedGroup, type RecordCache } from './recordCache.js';
import { blobOf, surveyRecords, type Survey } from './survey.js';

export interface ParallelLoadOptions extends LoadOptions {
  /**
   * Leave the free-text `note` of outcome entries behind. The rules, `due` and the audit never
   * read it; not carrying a million notes across threads saves time and memory, and keeps
   * personal detail out of memory (and out of the cache) that the command does not need.
   */
  withoutNotes?: boolean;
  /** Keep what was read under .git/careplan/ and read only files whose content is new (recordCache.ts). */
  cache?: boolean;
  /** Filled in with how many records were parsed and how many came from the cache (for tests). */
  counts?: { parsed: number; cached: number };
  /** What surveyRecords found, when the caller has already asked (check, to look up its kept findings). */
  survey?: Survey;
  /**
   * People whose records are left unread (check keeps their findings: personResults.ts): their
   * folders are listed (presentFiles) but hold no records and make no findings, and the workspace
   * carries `unread`, what the home's rules need of them, instead.
   */
  unread?: { people: ReadonlySet<string>; facts: UnreadPeople };
}

/** Below this many files to read, one thread is quicker than starting workers. */
const DEFAULT_PARALLEL_FROM = 3000;

/**
 * Loads the whole records repository for `check`, `due`, `validate` and `audit`: from the cache
 * what it holds for the files' current content, the rest read, parsed and validated (by a worker
 * per core when there are many). The workspace is the same whichever way a record came (tests
 * compare them), except that settled months come as facts when `settle` asks for them.
 * CAREPLAN_PARALLEL_FROM sets the workers' threshold (0 disables them); CAREPLAN_CACHE_FROM the
 * cache's (in files; 0 keeps one for any home).
 */
export async function loadWorkspaceParallel(
  root: string,
  options: ParallelLoadOptions = {},
  env: Record<string, string | undefined> = process.env,
): Promise<Workspace> {
  const from = countFrom(env.CAREPLAN_PARALLEL_FROM, DEFAULT_PARALLEL_FROM);
  const survey = options.survey ?? (await surveyRecords(root, options.cache ?? false, env));
  const { listing, content } = survey;
  const reader = diskReader(root, listing);
  const ws = emptyWorkspace(root);
  const jobs = plan(ws, listing.files, options, options.unread?.people);
  if (options.unread) ws.unread = options.unread.facts;
  const withoutNotes = options.withoutNotes ?? false;

  // careplan.yaml first: its timezone and policy decide which months are settled and key the cache.
  const early = new Map<LoadJob, LoadedJob>();
  const configJob = jobs.find((job) => job.placement.kind === 'config');
  if (configJob) early.set(configJob, loadJob(reader, { file: configJob.file, kind: 'config' }, DEFAULT_TIMEZONE, withoutNotes));
  const configText = configJob ? early.get(configJob)!.text : '';
  const { zone, policy } = homeSettings(configText ? JSON.parse(configText) : undefined);
  const before = options.settle?.before(zone, policy);
  // Whether each month is settled, worked out once a month rather than once a file.
  const settledMonths = new Map<string, boolean>();
  const settleMonth = (job: LoadJob) => {
    if (before === undefined || job.placement.kind !== 'outcomes') return undefined;
    const { month } = job.placement;
    let settled = settledMonths.get(month);
    if (settled === undefined) settledMonths.set(month, (settled = lastDayOf(month) < before));
    return settled ? month : undefined;
  };

  const cache = content ? openCache(content.gitDir, before !== undefined ? 'judging' : 'full', `${zone}\0${withoutNotes}`) : undefined;
  const groups = new Map<string, CacheGroup>();
  const groupOf = (job: LoadJob) => {
    const name = job.person ?? HOME_GROUP;
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { name, cached: cache?.read(name) ?? {}, live: new Map(), changed: false, hits: 0 }));
    return group;
  };
  const keyOf = (id: string, job: LoadJob, settle: string | undefined) =>
    settle ? `${id}:settled:${settle}` : `${id}:${job.placement.kind}`;

  // What each job comes from: the cache (a payload), or reading the file.
  const fromCache = new Map<LoadJob, unknown>();
  const ids = new Map<LoadJob, string>();
  const toRead: { job: LoadJob; work: WorkerJob }[] = [];
  for (const job of jobs) {
    if (early.has(job)) continue;
    const settle = settleMonth(job);
    const blob = cache ? blobOf(survey, job.file) : undefined;
    if (cache && blob) {
      const group = groupOf(job);
      const key = keyOf(blob, job, settle);
      if (Object.hasOwn(group.cached, key)) {
        fromCache.set(job, group.cached[key]);
        group.live.set(key, undefined);
        group.hits++;
        continue;
      }
      ids.set(job, blob);
    }
    const key = blob ? keyOf(blob, job, settle) : undefined;
    toRead.push({ job, work: { file: job.file, kind: job.placement.kind, person: job.person, settle, key } });
  }

  // On workers, a person's records read afresh in full (a new clone, a new version) are written to
  // the cache by the worker that read them, while this thread places them.
  const onWorkers = toRead.length >= from && from > 0;
  const folder = onWorkers ? cache?.prepare() : undefined;
  if (folder) {
    for (const { work } of toRead) {
      const group = work.person === undefined ? undefined : groups.get(work.person);
      if (group && group.hits === 0 && Object.keys(group.cached).length === 0) {
        work.group = group.name;
        group.written = true;
      }
    }
  }
  const read = onWorkers
    ? await readOnWorkers(
        root,
        toRead.map((r) => r.work),
        { withoutNotes, zone, folder, keepText: cache !== undefined },
      )
    : toRead.map((r) => loadJob(reader, r.work, zone, withoutNotes));
  if (options.counts) Object.assign(options.counts, { parsed: toRead.length + early.size, cached: fromCache.size });
  const loaded = new Map<LoadJob, LoadedJob>(early);
  toRead.forEach((r, i) => loaded.set(r.job, read[i]));

  // Placed in the order of the files, so findings come in the same order whichever way they were read.
  for (const job of jobs) {
    const source = new FileSource(() => Buffer.from(reader.read(job.file)).toString('utf8'));
    if (fromCache.has(job)) {
      const payload = fromCache.get(job);
      const settle = settleMonth(job);
      if (settle) placeSettled(ws, job, { file: job.file, month: settle, ...(payload as Omit<SettledMonth, 'file' | 'month'>) }, source);
      else placeRecord(ws, job.file, job.placement, { source, value: payload });
      continue;
    }
    const { result, text, value } = loaded.get(job)!;
    ws.loadFindings.push(...result.f);
    // No payload: the record failed. (A worker's value can come without its text: WorkerSettings.keepText.)
    if (!text && value === undefined) continue;
    const payload = value ?? (JSON.parse(text) as unknown);
    if (result.s)
      placeSettled(ws, job, { file: job.file, month: settleMonth(job)!, ...(payload as Omit<SettledMonth, 'file' | 'month'>) }, source);
    else placeRecord(ws, job.file, job.placement, { source, value: payload, badEntries: result.b ? new Set(result.b) : undefined });
    const id = ids.get(job);
    if (cache && id && result.f.length === 0) {
      const group = groupOf(job);
      group.live.set(keyOf(id, job, result.s ? settleMonth(job) : undefined), text);
      group.changed = true;
    }
  }
  finish(ws);
  if (before !== undefined) readUnquietMonths(ws, reader, before, options.settle!.now, withoutNotes);
  if (cache) saveCache(cache, groups);
  return checkPaths(ws, reader);
}

/** One cache group (a person's records, or the home's) as this load found and leaves it. */
interface CacheGroup {
  name: string;
  cached: CachedGroup;
  /** Keys of the records present now: undefined when the payload came from the cache, else its JSON text. */
  live: Map<string, string | undefined>;
  changed: boolean;
  hits: number;
  /** Written by the worker that read all its records. */
  written?: boolean;
}

/**
 * Rewrites the groups whose payloads changed or hold records no longer present, and tidies the
 * packs after a load whose workers wrote some. A cache that cannot be written is no error.
 */
function saveCache(cache: RecordCache, groups: Map<string, CacheGroup>): void {
  for (const [name, group] of groups) {
    const stale = Object.keys(group.cached).some((key) => !group.live.has(key));
    if (group.written || (!group.changed && !stale)) continue;
    const payloads = new Map<string, string>();
    for (const [key, text] of group.live) payloads.set(key, text ?? JSON.stringify(group.cached[key]));
    try {
      cache.write(name, payloads);
    } catch {
      return;
    }
  }
  // An older pack of which every group now has a newer copy (in the workers' new packs) is removed.
  if ([...groups.values()].some((group) => group.written)) cache.tidy();
}

/**
 * How the workers read: `keepText` keeps each payload's JSON text beside its value, for the cache;
 * without a cache the text is dropped once parsed, so that it dies young rather than being copied
 * into the old generation with the records (about 130 MB less at the peak on the small home). A
 * payload whose group its worker writes (a fresh clone's cold check: all of them) is not kept
 * either: 30 MB less at the peak on the small home, and 3% off its cold check.
 */
interface WorkerSettings {
  withoutNotes: boolean;
  zone: string;
  folder?: CacheFolder;
  keepText: boolean;
}

/**
 * Reads the jobs on a worker per core (at most 8), results back in the jobs' order. Each worker
 * takes a run of whole people (the jobs are in path order), so that it holds all of a person's
 * records to write their cache group.
 */
async function readOnWorkers(root: string, jobs: WorkerJob[], settings: WorkerSettings): Promise<LoadedJob[]> {
  const count = Math.max(1, Math.min(availableParallelism(), 8, Math.ceil(jobs.length / 500)));
  const shares: WorkerJob[][] = [[]];
  const size = Math.ceil(jobs.length / count);
  jobs.forEach((job, i) => {
    const share = shares[shares.length - 1];
    if (share.length >= size && shares.length < count && job.person !== jobs[i - 1].person) shares.push([job]);
    else share.push(job);
  });
  const results = await Promise.all(shares.map((share) => runWorker(root, share, settings)));
  return results.flat();
}

/** The workers' module beside this one: loadWorker.js, or in the bundle (scripts/bundle.js) loadWorker.cjs. */
const workerModule = () => new URL(import.meta.url.endsWith('.cjs') ? './loadWorker.cjs' : './loadWorker.js', import.meta.url);

function runWorker(root: string, jobs: WorkerJob[], settings: WorkerSettings): Promise<LoadedJob[]> {
  const { withoutNotes, zone, folder, keepText } = settings;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerModule(), { workerData: { root, jobs, withoutNotes, zone, folder } });
    const loaded: LoadedJob[] = [];
    worker.on('message', (message: { results: string; texts: string[] } | null) => {
      if (message === null) {
        resolve(loaded);
        void worker.terminate();
        return;
      }
      // Parsed as each batch arrives, while the workers go on reading: not all at the end.
      const results = JSON.parse(message.results) as WorkerResult[];
      results.forEach((result, i) => {
        const text = message.texts[i];
        // A job whose group this worker writes needs no text here: the worker has kept it.
        const kept = keepText && jobs[loaded.length].group === undefined;
        loaded.push({ result, text: kept ? text : '', value: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (loaded.length < jobs.length) reject(new Error(`a loader worker stopped early (exit ${code})`));
    });
  });
}
