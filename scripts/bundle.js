#!/usr/bin/env node
// Build step: bundles dist/ (tsc's output) into dist/bundle/, which bin/careplan.js runs: the CLI as
// one CommonJS file (cli.cjs), and the loader's worker as another (loadWorker.cjs), beside it, where
// parallelLoader.ts finds it. Node 20 loads each ES module on its own (resolve, read, compile, link,
// evaluate): importing the 98 modules an `outcome` needs took 76 ms, and even bundled into 45 ES
// chunks, loaded as each command needed them, the loading was some 25 ms of every command. One
// CommonJS file is read and compiled at once, and V8 compiles each function when it first runs, so
// the commands a run does not use cost little (docs/decisions.md, "Does careplan run its modules
// one by one?"). The bundle sits one folder below dist/, as dist/repo/ does, so paths from a
// module to the package's files (schemas/, data/, dist/validators.cjs) hold in both; each module's
// import.meta.url is the bundle file's.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}bundle`;
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: `${dist}cli.js`, loadWorker: `${dist}repo/loadWorker.js` },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Bundled in: commander and js-yaml, which every command loads (as CommonJS from node_modules they
  // were some thirty files). Left in node_modules: what is required only when needed (yaml, ajv's
  // compiler, chalk: one copy each, whoever loads them), cli-table3, and inquirer, an ES module.
  external: ['yaml', 'yaml/*', 'ajv', 'ajv/*', 'chalk', 'cli-table3', 'inquirer'],
  define: { 'import.meta.url': 'import_meta_url' },
  // bin/careplan.js compiles cli.cjs itself, with V8's code cache (bin/loadBundle.js), and code
  // compiled that way has no import(): inquirer, the one package imported when needed, is required
  // (its CommonJS build) instead.
  supported: { 'dynamic-import': false },
  banner: { js: 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.cjs'));
console.log(`bundled dist/ into dist/bundle/ (${outputs.map((file) => path.basename(file)).join(', ')})`);
