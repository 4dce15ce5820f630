/** What git tells us about one commit of the change trail (read by src/repo/gitHistory.ts). */
export interface CommitInfo {
  sha: string;
  /** Parents; in verify's walk, rewritten to the commits read when a pathspec leaves some out. */
  parents: string[];
  /** Who git says made the change. */
  author: { name: string; email: string };
  /** Author time, epoch milliseconds. */
  at: number;
  /** careplan's trailers; a commit without `action` was made outside careplan (a hand edit). */
  trailers: { action?: string; person?: string; by?: string };
  changes: FileChange[];
}

/** One file a commit changed: its blob before (one per parent; undefined where absent) and after. */
export interface FileChange {
  path: string;
  before: (string | undefined)[];
  /** Undefined when the commit deleted the file. */
  after?: string;
}

/** A changed file with its contents, as the walk hands it to the analysis. */
export interface FileVersion {
  commit: CommitInfo;
  path: string;
  /** The file in each parent (undefined where it did not exist); a root commit's file has one undefined. */
  before: (Buffer | undefined)[];
  after?: Buffer;
  /** The file's blob id after the change, for look-ups. */
  afterId?: string;
}

export const shortSha = (sha: string): string => sha.slice(0, 7);
