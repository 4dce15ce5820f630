import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Workspace } from '../model/workspace.js';
import { placeRecord } from '../model/slots.js';
import { checkPaths, diskReader, emptyWorkspace, finish, FileSource, listRecordFiles, loadWorkspace, plan, type LoadOptions } from './loader.js';
import type { WorkerJob, WorkerResult } from './loadWorker.js';

export interface ParallelLoadOptions extends LoadOptions {
  /**
   * Leave the free-text `note` of outcome entries behind in the workers. The rules, `due` and the
   * audit never read it; not carrying a million notes across threads saves time and memory, and
   * keeps personal detail out of memory that the command does not need.
   */
  withoutNotes?: boolean;
}

/** Below this many records one thread is quicker than starting workers. */
const DEFAULT_PARALLEL_FROM = 3000;

/**
 * Loads a large repository with a worker per core reading, parsing and validating records in
 * parallel; a small one loads on this thread. Same workspace either way (a test compares them).
 * CAREPLAN_PARALLEL_FROM sets the threshold (0 disables workers).
 */
export async function loadWorkspaceParallel(root: string, options: ParallelLoadOptions = {}, env: Record<string, string | undefined> = process.env): Promise<Workspace> {
  const from = env.CAREPLAN_PARALLEL_FROM === undefined ? DEFAULT_PARALLEL_FROM : Number(env.CAREPLAN_PARALLEL_FROM);
  const listing = listRecordFiles(root);
  const files = listing.files;
  const reader = diskReader(root, listing);
  if (!(from > 0) || files.length < from) return loadWorkspace(root, options, reader);

  const ws = emptyWorkspace(root);
  const jobs = plan(ws, files, options);
  const count = Math.max(1, Math.min(availableParallelism(), 8, Math.ceil(jobs.length / 500)));
  const shares: WorkerJob[][] = Array.from({ length: count }, () => []);
  jobs.forEach((job, i) => shares[i % count].push({ file: job.file, kind: job.placement.kind, person: job.person }));
  const results = await Promise.all(shares.map((share) => runWorker(root, share, options.withoutNotes ?? false)));

  jobs.forEach((job, i) => {
    const result = results[i % count][Math.floor(i / count)];
    ws.loadFindings.push(...result.f);
    if (result.v === undefined) return;
    const source = new FileSource(() => Buffer.from(reader.read(job.file)).toString('utf8'));
    placeRecord(ws, job.file, job.placement, { source, value: result.v, badEntries: result.b ? new Set(result.b) : undefined });
  });
  return checkPaths(finish(ws), reader);
}

function runWorker(root: string, jobs: WorkerJob[], withoutNotes: boolean): Promise<WorkerResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./loadWorker.js', import.meta.url), { workerData: { root, jobs, withoutNotes } });
    const results: WorkerResult[] = [];
    worker.on('message', (message: string | null) => {
      if (message === null) {
        resolve(results);
        void worker.terminate();
      } else {
        for (const result of JSON.parse(message) as WorkerResult[]) results.push(result);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (results.length < jobs.length) reject(new Error(`a loader worker stopped early (exit ${code})`));
    });
  });
}
