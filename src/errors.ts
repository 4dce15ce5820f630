/** A mistake in how careplan was called or configured: exit 2, message only, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** A write refused because the resulting record would be wrong: exit 2, nothing written. */
export class RecordError extends Error {
  override name = 'RecordError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** A bug or an environment failure: exit 2 with the message; the stack only with CAREPLAN_DEBUG. */
export class InternalError extends Error {
  override name = 'InternalError';
}
