#!/usr/bin/env node
// npm's `prepare` (npm ci, npm install, installs from git, npm pack): build dist/ unless it is already
// up to date with its sources (the stamp the build writes). `prepack` has just built it when packing, and a fresh `npm ci` in a
// working copy that was built a moment ago should not wait for the compiler twice.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
// Installed from a tarball (npm runs prepare for non-registry sources when allowed): the package
// ships dist/ and no sources, so there is nothing to build.
if (!existsSync(path.join(root, 'src'))) process.exit(0);
const built = path.join(root, 'dist', 'validators.cjs'); // written by `npm run build`
// The build stamps dist/ with a hash of its sources (scripts/sources-stamp.js, not shipped: only read here, in a working copy).
const { builtFromSources } = await import('./sources-stamp.js');
if (builtFromSources(root)) {
  console.log('dist/ is up to date with src/ and schemas/');
  process.exit(0);
}
let compiler = true;
try {
  createRequire(import.meta.url).resolve('typescript/package.json');
} catch {
  compiler = false;
}
if (!compiler) {
  // An install without devDependencies (npm ci --omit=dev) cannot build; a built dist/ still runs.
  if (existsSync(built)) process.exit(0);
  console.error('careplan: cannot build dist/: TypeScript is not installed. Run `npm ci` (with devDependencies), then `npm run build`.');
  process.exit(1);
}
execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
