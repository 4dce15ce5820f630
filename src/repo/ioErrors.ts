import { RecordError } from '../errors.js';

/** What the file system said, in words a care home's manager can act on. */
const CAUSES: Record<string, { cause: string; fix: string }> = {
  ENOSPC: { cause: 'the disk is full (ENOSPC)', fix: 'Free some space on the disk that holds the records, then run the command again.' },
  EDQUOT: { cause: 'your disk quota is used up (EDQUOT)', fix: 'Free some space, or ask for a larger quota, then run the command again.' },
  EROFS: {
    cause: 'the file system is read-only (EROFS)',
    fix: 'Keep the records on a disk you can write to (or remount it read-write), then run the command again.',
  },
  EACCES: {
    cause: 'permission was refused (EACCES)',
    fix: "Check that you may write to the records folder (ls -l, and the folder's owner), then run the command again.",
  },
  EPERM: {
    cause: 'the operation is not permitted (EPERM)',
    fix: "Check the records folder's permissions and any lock on the file (another program, a sync client), then run again.",
  },
  EIO: {
    cause: 'the disk reported an input/output error (EIO)',
    fix: 'Check the disk (it may be failing or disconnected) before writing more records.',
  },
  EMFILE: { cause: 'too many files are open (EMFILE)', fix: 'Close other programs, then run the command again.' },
  ENFILE: { cause: 'the system has too many files open (ENFILE)', fix: 'Close other programs, then run the command again.' },
  ENAMETOOLONG: {
    cause: 'a file name is too long for the file system (ENAMETOOLONG)',
    fix: 'Keep the records in a folder with a shorter path.',
  },
  EBUSY: { cause: 'the file is busy (EBUSY)', fix: 'Close the program holding it (an editor, a sync client), then run the command again.' },
  ETXTBSY: { cause: 'the file is busy (ETXTBSY)', fix: 'Close the program holding it, then run the command again.' },
};

/** The file system's refusal of a read or write, named: exit 2 with the cause and the fix, never "a bug in careplan". */
export class IoError extends RecordError {
  override name = 'IoError';
  constructor(
    readonly code: string,
    message: string,
    hint: string,
  ) {
    super(message, hint);
  }
}

/** The error code of a file system error careplan can name; undefined for anything else. */
export function namedIoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code in CAUSES ? code : undefined;
}

/**
 * `error` as an IoError saying what careplan was doing (`doing`: "writing people/p-edith/…") and
 * what happened to the records (`outcome`: "Nothing was written."); any other error unchanged.
 */
export function asIoError(error: unknown, doing: string, outcome: string): unknown {
  const code = namedIoCode(error);
  if (!code || error instanceof IoError) return error;
  const { cause, fix } = CAUSES[code];
  return new IoError(code, `careplan could not finish ${doing}: ${cause}. ${outcome}`.trim(), fix);
}

/** The words for an I/O error that reached the top without being named on the way (cli.ts). */
export function describeIoError(error: unknown): { message: string; hint: string } | undefined {
  const code = namedIoCode(error);
  if (!code) return undefined;
  const { cause, fix } = CAUSES[code];
  const where = (error as NodeJS.ErrnoException).path;
  return { message: `${cause}${where ? ` at ${where}` : ''}.`, hint: fix };
}
