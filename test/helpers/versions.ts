import type { CommitInfo, FileVersion } from '../../src/history/commits.js';
import { listYaml, planYaml, type PlanSpec } from './care.js';

/**
 * File versions in memory, as the git walk hands them to the history engines: a commit (who, when,
 * trailers, parents) and each changed file's contents before and after. No git.
 */

export const AMINA = { name: 'Amina Okafor', email: 'amina@test.example' };
export const BEN = { name: 'Ben Hollis', email: 'ben@test.example' };
export const JO = { name: 'Jo Bloggs', email: 'jo@elsewhere.example' };
export const STAFF_EMAILS = new Map([
  ['s-amina', AMINA.email],
  ['s-ben', BEN.email],
  ['s-carl', 'carl@test.example'],
]);

export interface CommitSpec {
  /** A letter or digit: the sha is it forty times. */
  id: string;
  /** Local time in Europe/London (GMT in November), e.g. 2026-11-12T10:00. */
  at: string;
  author?: { name: string; email: string };
  /** careplan's trailers; none for a hand edit. */
  trailers?: CommitInfo['trailers'];
  /** Parent ids; default none (a root commit). */
  parents?: string[];
}

export const sha = (id: string): string => id.repeat(40);

export function commit(spec: CommitSpec): CommitInfo {
  return {
    sha: sha(spec.id),
    parents: (spec.parents ?? []).map(sha),
    author: spec.author ?? BEN,
    at: Date.parse(`${spec.at}:00Z`),
    trailers: spec.trailers ?? {},
    changes: [],
  };
}

const bytes = (text: string | undefined) => (text === undefined ? undefined : Buffer.from(text, 'utf8'));

/** One changed file: its text before (undefined: it did not exist) and after (undefined: deleted). */
export function version(of: CommitInfo, path: string, before: string | undefined, after: string | undefined): FileVersion {
  return { commit: of, path, before: [bytes(before)], after: bytes(after) };
}

export const planText = (plan: PlanSpec): string => planYaml(plan);
export const listText = (entries: readonly object[]): string => listYaml(entries);
