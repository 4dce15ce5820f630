#!/usr/bin/env node
// `npm test`: lint (a second), then the typecheck and the tests side by side, since the tests keep
// both cores busy only part of the time and tsc uses one. The typecheck's report is printed after
// the tests'; either failing fails the run. Arguments go to vitest (`npm test -- test/unit`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (pkg, name) => path.join(root, 'node_modules', pkg, name);

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...args], {
      cwd: root,
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const lint = await run(bin('@biomejs/biome', 'bin/biome'), ['check', '--error-on-warnings']);
if (lint.code !== 0) process.exit(lint.code);
const [typecheck, tests] = await Promise.all([
  run(bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.test.json'], { quiet: true }),
  run(bin('vitest', 'vitest.mjs'), ['run', ...process.argv.slice(2)]),
]);
if (typecheck.code !== 0) {
  process.stdout.write(`\ntypecheck (tsc -p tsconfig.test.json) failed:\n${typecheck.output}`);
} else {
  process.stdout.write('typecheck (tsc -p tsconfig.test.json): no errors\n');
}
process.exit(typecheck.code || tests.code);
