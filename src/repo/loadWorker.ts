import { parentPort, workerData } from 'node:worker_threads';
import type { Finding } from '../model/findings.js';
import type { RecordKind } from '../model/recordKinds.js';
import { diskReader, loadRecord } from './loader.js';

/**
 * A loader worker: reads, parses and validates its share of the records and sends them back as
 * JSON text in batches (JSON.parse on the main thread is several times cheaper than parsing YAML
 * there, and cheaper than structured clone of many small objects).
 */
export interface WorkerJob {
  file: string;
  kind: RecordKind;
  person?: string;
}

export interface WorkerResult {
  /** Loader findings for the file (yaml-syntax, schema). */
  f: Finding[];
  /** The parsed record, absent when it failed. */
  v?: unknown;
  /** Indexes of list entries that failed the schema. */
  b?: number[];
}

const BATCH = 300;

if (parentPort) {
  const { root, jobs, withoutNotes } = workerData as { root: string; jobs: WorkerJob[]; withoutNotes: boolean };
  const reader = diskReader(root);
  let batch: WorkerResult[] = [];
  for (const job of jobs) {
    const findings: Finding[] = [];
    const loaded = loadRecord(reader, job.file, job.kind, findings, job.person);
    if (withoutNotes && job.kind === 'outcomes' && Array.isArray(loaded?.value)) {
      for (const entry of loaded.value as Record<string, unknown>[]) delete entry.note;
    }
    batch.push({ f: findings, v: loaded?.value, b: loaded?.badEntries ? [...loaded.badEntries] : undefined });
    if (batch.length === BATCH) {
      parentPort.postMessage(JSON.stringify(batch));
      batch = [];
    }
  }
  if (batch.length) parentPort.postMessage(JSON.stringify(batch));
  parentPort.postMessage(null);
}
