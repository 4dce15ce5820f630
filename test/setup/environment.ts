import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/repo.js';

// Test files share a worker process (vitest.config.ts: isolate false), so what one file sets in
// process.env (a git identity, a PATH without git) must not reach the next: put it back after each file.
const saved = { ...process.env };
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

// And the temporary folders the file made, whether its tests removed them or not.
afterAll(() => removeTempDirs());
