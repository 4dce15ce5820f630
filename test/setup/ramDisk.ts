import { accessSync, constants, statfsSync } from 'node:fs';

/**
 * Where the tests make their temporary repositories: a RAM disk (/dev/shm) when there is a roomy
 * one, else the system's temporary folder. careplan fsyncs every record it writes and git writes
 * many small files; on this project's virtual disk that was a third of `npm test`'s time.
 * CAREPLAN_TEST_TMPDIR chooses the folder; a small /dev/shm (Docker's 64 MB) is not used.
 */
export function testTempDir(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.CAREPLAN_TEST_TMPDIR) return env.CAREPLAN_TEST_TMPDIR;
  try {
    accessSync('/dev/shm', constants.W_OK);
    const disk = statfsSync('/dev/shm');
    return disk.bavail * disk.bsize >= 2 ** 30 ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}
