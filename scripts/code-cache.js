#!/usr/bin/env node
// Build step, after scripts/bundle.js: V8's code cache for dist/bundle/cli.cjs, made by compiling
// the bundle exactly as bin/loadBundle.js does, for bin/careplan.js to load it with. It holds the
// compiled top level and V8's notes on the rest, so a run skips parsing the whole file; it is only
// good for the Node version that made it, and any other ignores it (bin/loadBundle.js).
import { writeFileSync } from 'node:fs';
import { CODE_CACHE, compileBundle } from '../bin/loadBundle.js';

const cache = compileBundle().createCachedData();
writeFileSync(CODE_CACHE, cache);
console.log(`wrote dist/bundle/cli.cjs.cache (${Math.round(cache.length / 1024)} KiB, for Node ${process.versions.node})`);
