#!/usr/bin/env node
// Process boundary (STYLE 1): run the CLI and set the exit code; nothing else.
// dist/bundle/cli.cjs is dist/ bundled into one CommonJS file (scripts/bundle.js), loaded with the
// code cache the build made for it (loadBundle.js).
import { loadCli } from './loadBundle.js';

const { run } = loadCli();

// A reader that stops early (`careplan check | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
