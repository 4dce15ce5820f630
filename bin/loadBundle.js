// How bin/careplan.js loads the CLI: dist/bundle/cli.cjs (scripts/bundle.js), compiled as Node
// compiles a CommonJS file, but with the V8 code cache `npm run build` writes beside it
// (scripts/code-cache.js). Without the cache V8 parses all 1.1 MB of the bundle on every run;
// with it, 7–13 ms less a command (docs/decisions.md, "Does careplan run its modules
// one by one?"). A cache V8 does not accept (another Node version, other V8 flags, a bundle
// rebuilt since) is ignored and the bundle compiled as usual. The cache is a file of the package,
// written by its build, as trusted as the code beside it: it is never read from anywhere else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

// V8's optimising compiler (TurboFan) runs on background threads, and each loader worker compiles
// the same hot code again: on a two-core machine that took a quarter of a cold check's CPU, taken
// from the threads reading the records. Without inlining it compiles smaller graphs, sooner
// (docs/decisions.md, "Does careplan set V8's flags?"). Set before the bundle is compiled, and
// by the build before it writes the code cache, which V8 accepts only under the same flags.
v8.setFlagsFromString('--no-turbo-inlining');

export const BUNDLE = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;

/** The bundle as a script, in Node's CommonJS wrapper, with `cachedData` when given. */
export function compileBundle(cachedData) {
  const source = readFileSync(BUNDLE, 'utf8');
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: BUNDLE, cachedData });
}

/** The cache the build wrote; undefined when there is none. */
function codeCache() {
  try {
    return readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

/** The CLI's exports ({ run }). */
export function loadCli() {
  const module = { exports: {} };
  compileBundle(codeCache()).runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return module.exports;
}
