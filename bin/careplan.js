#!/usr/bin/env node
// Process boundary (STYLE 1): run the CLI and set the exit code; nothing else.
import { run } from '../dist/cli.js';

process.exitCode = await run(process.argv.slice(2));
