#!/usr/bin/env node
// Whether dist/ was built from the sources as they are now. `npm run build` writes a hash of every
// input it reads to dist/.sources as its last step; `prepare` (npm ci) and the tests' global setup
// build only when that hash differs, so a fresh `npm ci && npm test` compiles once, not twice, and
// the tests that run bin/careplan.js never run stale code. Content, not mtimes: a checkout or a
// copy that keeps old dates cannot fool it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Everything the build reads. */
const INPUTS = [
  'src',
  'schemas',
  'scripts/build-validators.js',
  'scripts/bundle.js',
  'scripts/code-cache.js',
  'bin/loadBundle.js',
  'tsconfig.json',
  'package.json',
];

function filesUnder(root, rel) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** A hash of every input's path and content: renames and deletions count, not only edits. */
export function sourcesHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((rel) => filesUnder(root, rel)).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

const stampOf = (root) => path.join(root, 'dist', '.sources');

/** True when dist/ holds a complete build of the sources as they are now. */
export function builtFromSources(root = ROOT) {
  const stamp = stampOf(root);
  const complete = existsSync(path.join(root, 'dist', 'cli.js')) && existsSync(path.join(root, 'dist', 'validators.cjs'));
  return complete && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourcesHash(root);
}

/** Records that dist/ was just built from the sources as they are now (the build's last step). */
export function writeStamp(root = ROOT) {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(stampOf(root), sourcesHash(root));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === '--write') writeStamp();
