import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../model/findings.js';
import type { Versioning } from '../rules/context.js';
import { blobOf, type Survey } from './survey.js';
import { bundleFiles, codeIdentity, openCache, type RecordCache } from './recordCache.js';

/**
 * What `careplan check` found the last time it judged the present, kept under .git/careplan/ with
 * what it was judged from and for how long it holds, so that a check run again on the same records
 * within that time reads nothing but git's index and the folder listing:
 *
 * - **what it was judged from**: a fingerprint of careplan's code (every module, the schemas), git's
 *   state of the folder (what is uncommitted), and the folder itself: every YAML file's path with
 *   its blob id (git's, for a file git vouches for; else worked out from its bytes) and every link;
 * - **how long it holds**: from the moment it was judged up to the first later moment at which any
 *   rule's question about time would get another answer (model/clock.ts). A check run earlier than
 *   it was judged (a clock set back) or at or after that moment judges afresh.
 *
 * Anything else a load reads (a CQC mapping file named in careplan.yaml) is outside the
 * fingerprint, so a home that names one keeps nothing. A kept result that is cut short, damaged or
 * of another format is ignored (recordCache.ts seals it); one that cannot be written is no error.
 */
export interface KeptCheck {
  /** Every person's folder id. */
  folders: string[];
  /** Active people, sorted (those whose care is judged). */
  active: string[];
  /** careplan.yaml's timezone. */
  zone: string;
  findings: Finding[];
  /** The rule ids about people and about the home (the registry's, as the fingerprinted code has them). */
  rules: { person: string[]; home: string[] };
  /** The home's UTC offset and the span it holds for (time.ts offsetHolding), to print the moment's local time. */
  offset?: { offset: number; from: number; until: number };
}

const GROUP = 'check';

/** Where check keeps what it judged: its findings (here) and each person's (personResults.ts). */
export function resultCache(gitDir: string): RecordCache {
  return openCache(gitDir, 'result', '');
}

/** The end of a span as JSON keeps it: Infinity (nothing later changes the findings) as null. */
export function untilAsJson(until: number): number | null {
  return Number.isFinite(until) ? until : null;
}

/** A span's end read back (null is Infinity); undefined when it is not a number. */
export function untilFromJson(value: unknown): number | undefined {
  const until = value === null ? Number.POSITIVE_INFINITY : value;
  return typeof until === 'number' ? until : undefined;
}

/** The fingerprint of everything check's findings depend on but the moment; undefined when git vouches for nothing (no cache). */
export function checkFingerprint(survey: Survey, versioning: Versioning | undefined): string | undefined {
  if (!survey.content) return undefined;
  // One string hashed once: a large home lists close to 100,000 files.
  const lines = surveyLines(survey);
  return (
    createHash('sha1')
      .update(`${programIdentity()}\0${JSON.stringify(versioning ?? null)}\0`)
      .update(lines.join('\n'))
      // Links as JSON: a name may hold a newline, and each line above holds one NUL (no name can).
      .update(`\0links\0${JSON.stringify(survey.listing.links)}`)
      .digest('hex')
  );
}

const linesOf = new WeakMap<Survey, string[]>();

/** blobLines for the survey's files (worked out once a survey: the per-person fingerprints use them too). */
export function surveyLines(survey: Survey): string[] {
  let lines = linesOf.get(survey);
  if (!lines) {
    const blobs = survey.content?.blobs ?? new Map<string, string>();
    linesOf.set(survey, (lines = blobLines(survey.listing.files, blobs, (file) => blobOf(survey, file))));
  }
  return lines;
}

/**
 * "path NUL blob id" for each listed file: git's blob id where `vouched` has one, else `otherwise`'s
 * ('-' when the file cannot be read). Both lists are sorted by path, so they are walked side by side
 * rather than looked up one by one (half the time at 88,000 files). A file the walk does not match
 * (not vouched for, or sorted otherwise, as git sorts by bytes) gets `otherwise`'s answer, which
 * looks it up first: the same answer either way.
 */
export function blobLines(
  files: readonly string[],
  vouched: ReadonlyMap<string, string>,
  otherwise: (file: string) => string | undefined,
): string[] {
  const pairs = [...vouched];
  let next = 0;
  return files.map((file) => {
    while (next < pairs.length && pairs[next][0] < file) next++;
    const blob = next < pairs.length && pairs[next][0] === file ? pairs[next][1] : otherwise(file);
    return `${file}\0${blob ?? '-'}`;
  });
}

/** The kept result for this fingerprint, when it holds at `now`. */
export function keptCheck(gitDir: string, fingerprint: string, now: number): KeptCheck | undefined {
  const kept = resultCache(gitDir).read(GROUP) as Partial<{ fingerprint: string; from: number; until: number | null } & KeptCheck>;
  if (kept.fingerprint !== fingerprint || typeof kept.from !== 'number' || now < kept.from) return undefined;
  const until = untilFromJson(kept.until);
  if (until === undefined || now >= until) return undefined;
  const { folders, active, findings, zone, rules } = kept;
  if (!Array.isArray(folders) || !Array.isArray(active) || !Array.isArray(findings) || typeof zone !== 'string') return undefined;
  if (!Array.isArray(rules?.person) || !Array.isArray(rules?.home)) return undefined;
  const { offset } = kept;
  const sound = offset && [offset.offset, offset.from, offset.until].every((n) => typeof n === 'number') ? offset : undefined;
  return { folders, active, zone, findings, rules, offset: sound };
}

/** Keeps a result judged at `from` that holds until `until`. */
export function keepCheck(gitDir: string, fingerprint: string, from: number, until: number, result: KeptCheck): void {
  if (until <= from + 1) return;
  const fields: Record<string, unknown> = { fingerprint, from, until: untilAsJson(until), ...result };
  try {
    resultCache(gitDir).write(GROUP, new Map(Object.entries(fields).map(([key, value]) => [key, JSON.stringify(value)])));
  } catch {
    // Not kept: the next check judges afresh.
  }
}

let identity: string | undefined;

/**
 * Every module of careplan as it runs (the bundle's files, the .js of dist/, or the .ts of src/
 * when run from the sources), with the schemas and package.json: a change to any rule judges
 * afresh. About 7 ms from dist/'s modules; from the bundle, codeIdentity has read every file.
 */
export function programIdentity(): string {
  if (identity) return identity;
  if (bundleFiles()) return (identity = codeIdentity());
  const root = fileURLToPath(new URL('..', import.meta.url));
  const ext = path.extname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1').update(codeIdentity());
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    // dist/bundle/ is these same modules bundled; what runs from dist/'s modules is dist/'s own.
    .filter((file) => !file.startsWith(`bundle${path.sep}`))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  identity = hash.digest('hex');
  return identity;
}
