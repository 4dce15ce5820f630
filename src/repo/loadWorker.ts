import { parentPort, workerData } from 'node:worker_threads';
import type { Finding } from '../model/findings.js';
import type { RecordKind } from '../model/recordKinds.js';
import { diskReader, readDecoded, readRecord, readSettledMonth, type LoadedRecord, type RecordReader } from './loader.js';
import { PackWriter, type CacheFolder } from './recordCache.js';

/** One record to read, parse and validate. */
export interface WorkerJob {
  file: string;
  kind: RecordKind;
  person?: string;
  /** Set for an outcome month that ended before every rule's window: send its facts (SettledMonth), not its entries. */
  settle?: string;
  /** The cache key of the payload, when it can be kept. */
  key?: string;
  /** The cache group this worker writes once it has read all the group's records (every one is a fresh read). */
  group?: string;
}

export interface WorkerResult {
  /** Loader findings for the file (yaml-syntax, schema). */
  f: Finding[];
  /** Indexes of list entries that failed the schema. */
  b?: number[];
  /** The payload is a settled month's facts, not the record. */
  s?: 1;
}

/** What the thread that judges gets back: the result, and the payload as JSON text ('' when the record failed). */
export interface LoadedJob {
  result: WorkerResult;
  /** Also '' when the payload came from a worker and no cache keeps it: then `value` alone is set. */
  text: string;
  /** The payload already parsed from `text` (on arrival from a worker, while the others still read). */
  value?: unknown;
}

/**
 * Reads, parses and validates one record, on a worker or on the judging thread alike. The payload
 * travels as JSON text (JSON.parse is several times cheaper than YAML, and cheaper than structured
 * clone of many small objects), and the same text is what the cache keeps. Outcome notes are left
 * behind when the command does not read them: no rule, `due` or the audit does.
 */
export function loadJob(reader: RecordReader, job: WorkerJob, zone: string, withoutNotes: boolean): LoadedJob {
  const findings: Finding[] = [];
  const result: WorkerResult = { f: findings };
  const decoded = readDecoded(reader, job.file, findings, job.person);
  if (!decoded) return { result, text: '' };
  let loaded: LoadedRecord | undefined;
  if (job.settle !== undefined) {
    // A settled month: its facts when it is valid (loader.ts, readSettledMonth).
    const read = readSettledMonth(decoded, reader, job.file, job.person, job.settle, zone, withoutNotes, findings);
    if ('facts' in read) {
      const { file: _file, month: _month, ...facts } = read.facts;
      result.s = 1;
      return { result, text: JSON.stringify(facts) };
    }
    loaded = read.loaded;
  } else {
    loaded = readRecord(decoded, reader, job.file, job.kind, findings, job.person);
  }
  if (!loaded) return { result, text: '' };
  if (loaded.badEntries) result.b = [...loaded.badEntries];
  if (withoutNotes && job.kind === 'outcomes' && Array.isArray(loaded.value)) {
    for (const entry of loaded.value as Record<string, unknown>[]) delete entry.note;
  }
  return { result, text: JSON.stringify(loaded.value) };
}

const BATCH = 300;

if (parentPort) {
  const { root, jobs, withoutNotes, zone, folder } = workerData as {
    root: string;
    jobs: WorkerJob[];
    withoutNotes: boolean;
    zone: string;
    folder?: CacheFolder;
  };
  const reader = diskReader(root);
  // Per group this worker writes: how many of its records are still to read, and the payloads so far.
  const groups = new Map<string, { left: number; payloads: [string, string][] }>();
  for (const job of jobs) {
    if (job.group === undefined) continue;
    const group = groups.get(job.group) ?? { left: 0, payloads: [] };
    group.left++;
    groups.set(job.group, group);
  }
  let results: WorkerResult[] = [];
  let texts: string[] = [];
  const send = () => {
    parentPort!.postMessage({ results: JSON.stringify(results), texts });
    results = [];
    texts = [];
  };
  // The groups this worker writes go into one pack (recordCache.ts): one file created, not one a person.
  let pack = folder && new PackWriter(folder);
  const unwritten = () => {
    // A cache that cannot be written is no error: the next run reads these records again.
    pack?.abandon();
    pack = undefined;
  };
  for (const job of jobs) {
    const { result, text } = loadJob(reader, job, zone, withoutNotes);
    results.push(result);
    texts.push(text);
    const group = job.group === undefined ? undefined : groups.get(job.group);
    if (group && pack) {
      if (job.key && text && result.f.length === 0) group.payloads.push([job.key, text]);
      if (--group.left === 0) {
        try {
          pack.add(job.group!, group.payloads);
        } catch {
          unwritten();
        }
        groups.delete(job.group!);
      }
    }
    if (results.length === BATCH) send();
  }
  try {
    pack?.finish();
  } catch {
    unwritten();
  }
  if (results.length) send();
  parentPort.postMessage(null);
}
