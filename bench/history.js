#!/usr/bin/env node
// Benchmark of the change trail: `careplan history <one person>` and `careplan verify` on a
// synthetic repository with a long history, next to a bare `git log` over the same history.
// Appends a section to bench/RESULTS.md.
//
//   node bench/history.js                      300 people, a year of daily commits (about 137,000)
//   BENCH_PEOPLE=50 BENCH_DAYS=90 node bench/history.js   smaller, for a quick look
//   BENCH_RUNS=5                               runs per command (best and median are reported)
//   BENCH_DIR=/path                            where the repository is made (kept and reused)
//   BENCH_NO_RESULTS=1                         print only; do not touch bench/RESULTS.md
//
// Needs the built CLI (`npm run build`).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './synthetic.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '..', 'bin', 'careplan.js');
const RESULTS = path.join(HERE, 'RESULTS.md');
if (!existsSync(path.join(HERE, '..', 'dist', 'cli.js'))) {
  console.error('bench/history.js needs the built CLI: run `npm run build` first.');
  process.exit(2);
}

const people = Number(process.env.BENCH_PEOPLE ?? 300);
const days = Number(process.env.BENCH_DAYS ?? 365);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dir = process.env.BENCH_DIR ?? path.join(os.tmpdir(), `careplan-bench-history-${people}x${days}`);
const person = `p-${String(Math.ceil(people / 2)).padStart(3, '0')}`;
const marker = path.join(dir, '.git', 'careplan-bench.json');
const log = (text) => process.stderr.write(`${text}\n`);
const seconds = (ms) => (ms / 1000).toFixed(2);

let generated;
if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version === 1) {
  generated = JSON.parse(readFileSync(marker, 'utf8'));
  log(`Reusing ${dir} (${generated.commits} commits).`);
} else {
  rmSync(dir, { recursive: true, force: true });
  log(`Generating ${people} people x ${days} days in ${dir} with git fast-import...`);
  const start = Date.now();
  const counts = await generateRepository(dir, { people, days, log });
  const importSeconds = (Date.now() - start) / 1000;
  log('git gc (as a maintained repository would have been)...');
  const gcStart = Date.now();
  execFileSync('git', ['gc', '--quiet'], { cwd: dir, stdio: 'inherit' });
  generated = { version: 1, ...counts, importSeconds, gcSeconds: (Date.now() - gcStart) / 1000 };
  writeFileSync(marker, JSON.stringify(generated));
}
const packBytes = Number(/size-pack: (\d+)/.exec(execFileSync('git', ['count-objects', '-v'], { cwd: dir, encoding: 'utf8' }))?.[1] ?? 0) * 1024;

/** Wall time of a command, best and median of `runs`, output to /dev/null; fails loudly on a bad exit. */
function time(label, command, args, { expectExit = 0 } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== expectExit) throw new Error(`${label} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const row = { label, best: times[0], median: times[Math.floor(times.length / 2)] };
  log(`  ${label.padEnd(52)} best ${seconds(row.best)} s, median ${seconds(row.median)} s`);
  return row;
}

const load = os.loadavg()[0];
log(`Timing (${runs} runs each; load average ${load.toFixed(2)})...`);
const rows = [
  time('`git log` (bare, whole history)', 'git', ['log']),
  time('`git log --raw` (whole history, with files changed)', 'git', ['log', '--raw', '--no-renames']),
  time(`\`git log --raw -- people/${person}/\``, 'git', ['log', '--raw', '--no-renames', '--', `people/${person}/`]),
  time(`\`careplan history ${person}\``, 'node', [BIN, 'history', person]),
  time(`\`careplan history ${person} --plan --json\``, 'node', [BIN, 'history', person, '--plan', '--json']),
  time('`careplan verify` (whole history)', 'node', [BIN, 'verify']),
];
log('Writing a commit-graph with changed-path Bloom filters (git commit-graph write --reachable --changed-paths)...');
const graphStart = Date.now();
execFileSync('git', ['commit-graph', 'write', '--reachable', '--changed-paths'], { cwd: dir, stdio: 'ignore' });
const graphSeconds = (Date.now() - graphStart) / 1000;
const bloom = [
  time(`\`git log --raw -- people/${person}/\``, 'git', ['log', '--raw', '--no-renames', '--', `people/${person}/`]),
  time(`\`careplan history ${person}\``, 'node', [BIN, 'history', person]),
  time('`careplan verify` (whole history)', 'node', [BIN, 'verify']),
];
// Leave the repository as generated (the Bloom filters would make the next run's first table unfair).
execFileSync('git', ['commit-graph', 'write', '--reachable'], { cwd: dir, stdio: 'ignore' });

const cpus = os.cpus();
const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim().replace('git version ', '');
const date = new Date().toISOString().slice(0, 10);
const table = (list) => list.map((r) => `| ${r.label} | ${seconds(r.best)} | ${seconds(r.median)} |`).join('\n');
const scaled = people !== 300 || days !== 365 ? ` (scaled down from 300 people x 365 days with BENCH_PEOPLE/BENCH_DAYS)` : '';
const section = `
## History and verify (${date})

Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory; ${os.type()} ${os.release()}; Node ${process.version}; git ${gitVersion}. Load average when timing started: ${load.toFixed(2)} (other work shares this machine, so wall times vary).

Repository: ${generated.people} people, ${generated.days} days${scaled}: ${generated.commits.toLocaleString('en-GB')} commits, ${(packBytes / 2 ** 20).toFixed(0)} MiB packed. Every day each person gets one outcome entry in its own commit; every 28 days (staggered) each plan gets a new version with a plan review, a sign-off and four acknowledgements, each its own commit; an escalation now and then. Made by \`bench/synthetic.js\` with \`git fast-import\` in ${generated.importSeconds.toFixed(0)} s, then \`git gc\` (${generated.gcSeconds.toFixed(0)} s), as a maintained repository would be. \`careplan verify\` checks every append-only list version (${generated.commits.toLocaleString('en-GB')} commits) and every sign-off.

Wall time in seconds, ${runs} runs each, output to /dev/null:

| command | best | median |
|---|---|---|
${table(rows)}

With changed-path Bloom filters in the commit-graph (\`git commit-graph write --reachable --changed-paths\`, ${graphSeconds.toFixed(0)} s once; \`git maintenance\` can keep it current), git skips commits that did not touch a person's folder:

| command | best | median |
|---|---|---|
${table(bloom)}
`;
process.stdout.write(section);
if (!process.env.BENCH_NO_RESULTS) {
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, '# Benchmark results\n\nEach section is one run of a benchmark script in bench/, with the machine it ran on.\n');
  appendFileSync(RESULTS, section);
  log(`Appended to ${RESULTS}`);
}
