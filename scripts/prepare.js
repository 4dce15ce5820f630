#!/usr/bin/env node
// npm's `prepare` (npm ci, npm install, installs from git, npm pack): build dist/ unless it is already
// up to date with its sources. `prepack` has just built it when packing, and a fresh `npm ci` in a
// working copy that was built a moment ago should not wait for the compiler twice.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
// Installed from a tarball (npm runs prepare for non-registry sources when allowed): the package
// ships dist/ and no sources, so there is nothing to build.
if (!existsSync(path.join(root, 'src'))) process.exit(0);
const built = path.join(root, 'dist', 'validators.js'); // written last by `npm run build`

function newest(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const sources = ['src', 'schemas', 'scripts/build-validators.js', 'tsconfig.json'].map((p) => path.join(root, p)).filter(existsSync);
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) {
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
