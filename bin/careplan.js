#!/usr/bin/env node
// Process boundary (STYLE 1): run the CLI and set the exit code; nothing else.
// dist/bundle/ is dist/ bundled (scripts/bundle.js): one file per command rather than a hundred modules.
import { run } from '../dist/bundle/cli.js';

// A reader that stops early (`careplan check | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
