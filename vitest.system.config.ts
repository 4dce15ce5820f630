import { defineConfig } from 'vitest/config';
import { testTempDir } from './test/setup/ramDisk.js';

const tmp = testTempDir();

/**
 * `npm run test:system`: the tests of careplan as others meet it, which need more than node and git:
 * the packed tarball installed from npm's cache and run by the CI templates (test/system/package),
 * and what people print, rendered by Debian's headless Chromium (the audit on A4, the easy-read
 * plan, axe-core). `.ci/run` runs them after `npm test`, which stays the fast loop (under a minute).
 */
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    globalSetup: ['test/setup/dist.ts'],
    setupFiles: ['test/setup/environment.ts'],
    // Temporary repositories on a RAM disk when there is one (test/setup/ramDisk.ts).
    env: tmp ? { TMPDIR: tmp } : {},
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
