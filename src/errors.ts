/** A mistake in how careplan was called or configured: exit 2, message only, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A write refused because the resulting record would be wrong: exit 2, nothing written. */
export class RecordError extends Error {
  override name = 'RecordError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A bug or an environment failure: exit 2 with the message; the stack only with CAREPLAN_DEBUG. */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** Why git cannot give careplan what it needs: not installed, or no repository or history to read. */
export type GitProblem = 'not-installed' | 'not-a-repository' | 'outside-work-tree' | 'no-commits';

/** git is missing, or the records have no git history to read: exit 2, the cause and the fix. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly problem: GitProblem,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
