import { describe, expect, it } from 'vitest';
import { asIoError, describeIoError, IoError } from '../../src/repo/ioErrors.js';

/** Issue 13, "What broke" 5: EROFS and ENOSPC were reported as "a bug in careplan". */

const errno = (code: string, path?: string) => Object.assign(new Error(`${code}: failed`), { code, path });

describe('file system errors are named, with the fix', () => {
  it('asIoError says what careplan was doing, the cause, and what happened to the records', () => {
    const error = asIoError(errno('ENOSPC'), 'writing people/p-edith/outcomes/2026-11.yaml', 'Nothing was written.');
    expect(error).toBeInstanceOf(IoError);
    expect((error as IoError).message).toBe(
      'careplan could not finish writing people/p-edith/outcomes/2026-11.yaml: the disk is full (ENOSPC). Nothing was written.',
    );
    expect((error as IoError).hint).toBe('Free some space on the disk that holds the records, then run the command again.');
  });

  it('read-only, permission, quota: each its own words; anything else is left as it was', () => {
    expect((asIoError(errno('EROFS'), 'x', '') as IoError).message).toContain('the file system is read-only (EROFS)');
    expect((asIoError(errno('EACCES'), 'x', '') as IoError).message).toContain('permission was refused (EACCES)');
    expect((asIoError(errno('EDQUOT'), 'x', '') as IoError).message).toContain('your disk quota is used up (EDQUOT)');
    const other = new Error('something else');
    expect(asIoError(other, 'x', '')).toBe(other);
  });

  it('describeIoError: what cli.ts prints for an I/O error that reached the top unnamed', () => {
    expect(describeIoError(errno('EROFS', '/srv/records/people'))).toEqual({
      message: 'the file system is read-only (EROFS) at /srv/records/people.',
      hint: 'Keep the records on a disk you can write to (or remount it read-write), then run the command again.',
    });
    expect(describeIoError(new Error('not an I/O error'))).toBeUndefined();
  });
});
