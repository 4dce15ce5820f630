#!/usr/bin/env node
// Build step: bundles dist/ (tsc's output) into dist/bundle/, which bin/careplan.js runs. Node 20
// loads each ES module on its own (resolve, read, compile, link): importing the 98 modules an
// `outcome` needs took 76 ms, bundled 29 ms (docs/decisions.md, "Does careplan run its modules
// one by one?"). Each command stays a chunk of its own, loaded only when it runs (cli.ts imports
// them lazily), and the loader's worker is an entry of its own beside them, where
// `new URL('./loadWorker.js', import.meta.url)` finds it. Packages stay in node_modules. The
// bundle sits one folder below dist/, as dist/repo/ does, so paths from a module to the package's
// files (schemas/, data/, dist/validators.js) hold in both.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}bundle`;
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: `${dist}cli.js`, loadWorker: `${dist}repo/loadWorker.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
console.log(`bundled dist/ into dist/bundle/ (${outputs.length} files)`);
