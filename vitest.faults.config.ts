import { defineConfig } from 'vitest/config';
import { testTempDir } from './test/setup/ramDisk.js';

const tmp = testTempDir();

/** `npm run test:faults`: the long fault suite (test/faults/), apart from `npm test`. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    globalSetup: ['test/setup/dist.ts'],
    setupFiles: ['test/setup/environment.ts'],
    // Temporary repositories on a RAM disk when there is one (test/setup/ramDisk.ts).
    env: tmp ? { TMPDIR: tmp } : {},
    pool: 'forks',
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    testTimeout: 0,
    hookTimeout: 60_000,
  },
});
