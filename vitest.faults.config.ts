import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: the long fault suite (test/faults/), apart from `npm test`. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    globalSetup: ['test/setup/dist.ts'],
    setupFiles: ['test/setup/environment.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    testTimeout: 0,
    hookTimeout: 60_000,
  },
});
