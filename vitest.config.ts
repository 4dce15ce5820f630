import { defineConfig } from 'vitest/config';
import { testTempDir } from './test/setup/ramDisk.js';

const tmp = testTempDir();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed install and the printed outputs run apart: `npm run test:system` (vitest.system.config.ts).
    exclude: ['test/system/**', '**/node_modules/**'],
    // Builds dist/ first when src/ changed, so the tests that spawn bin/careplan.js never run stale code.
    globalSetup: ['test/setup/dist.ts'],
    setupFiles: ['test/setup/environment.ts'],
    // Temporary repositories on a RAM disk when there is one (test/setup/ramDisk.ts).
    env: tmp ? { TMPDIR: tmp } : {},
    // Tests spawn git (and a few the built CLI); two cores here, so keep the pool small.
    pool: 'forks',
    // Both workers live to the end: a worker stopped while the last files run can fail the run with
    // tinypool's "Terminating worker thread" (vitest-dev/vitest#8133), though every test passed.
    poolOptions: { forks: { maxForks: 2, minForks: 2 } },
    // One module graph per worker, not per file: loading src/ again for each of ~50 files cost more
    // CPU than the tests themselves. Nothing here mocks modules, and the code keeps no state
    // between runs beyond pure caches.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
