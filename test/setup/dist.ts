import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: builds dist/ before any test runs whenever the sources differ from those
 * of the last build, so the tests that spawn bin/careplan.js (which runs dist/) can never pass on
 * stale code. The in-process tests import src/ directly and need no build.
 */

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything the build reads. */
const INPUTS = ['src', 'schemas', 'scripts/build-validators.js', 'tsconfig.json', 'package.json'];
const STAMP = path.join(PROJECT, 'dist', '.sources');

function filesUnder(rel: string): string[] {
  const abs = path.join(PROJECT, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(PROJECT, path.join(e.parentPath, e.name)));
}

/** A hash of every input's path and content: renames and deletions count, not only edits. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder).sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(PROJECT, file)))
      .update('\0');
  return hash.digest('hex');
}

export function buildIfStale(): void {
  const sources = sourcesHash();
  const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : '';
  if (built === sources && existsSync(path.join(PROJECT, 'dist', 'cli.js'))) return;
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed, so the tests that run bin/careplan.js cannot run:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, sources);
}

export default function setup(project: { onTestsRerun?: (cb: () => void) => void }): void {
  buildIfStale();
  // Watch mode: a rerun after an edit builds again first.
  project.onTestsRerun?.(buildIfStale);
}
