import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtFromSources } from '../../scripts/sources-stamp.js';

/**
 * Vitest global setup: builds dist/ before any test runs whenever the sources differ from those
 * of the last build, so the tests that spawn bin/careplan.js (which runs dist/) can never pass on
 * stale code. The in-process tests import src/ directly and need no build.
 */

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function buildIfStale(): void {
  // The build writes dist/.sources last (scripts/sources-stamp.js): after `npm ci` (prepare built it) nothing is built again.
  if (builtFromSources(PROJECT)) return;
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed, so the tests that run bin/careplan.js cannot run:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

export default function setup(project: { onTestsRerun?: (cb: () => void) => void }): void {
  buildIfStale();
  // Watch mode: a rerun after an edit builds again first.
  project.onTestsRerun?.(buildIfStale);
}
