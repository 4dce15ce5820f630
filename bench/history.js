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
const packBytes =
  Number(/size-pack: (\d+)/.exec(execFileSync('git', ['count-objects', '-v'], { cwd: dir, encoding: 'utf8' }))?.[1] ?? 0) * 1024;

const parseClock = (text) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** One run of a command, output to /dev/null: wall ms, and CPU ms of it and its children (the shell's `times`). */
function once(label, command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/bin/sh', ['-c', '"$0" "$@" >/dev/null; status=$?; times >&2; exit $status', command, ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 26,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = String(result.stderr);
  if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${stderr.slice(0, 500)}`);
  const children = stderr.trim().split('\n').pop().trim().split(/\s+/);
  return { wall, cpu: (parseClock(children[0]) + parseClock(children[1])) * 1000 };
}

const plain = [
  ['`git log` (bare, whole history)', 'git', ['log']],
  ['`git log --raw` (whole history, with files changed)', 'git', ['log', '--raw', '--no-renames']],
  [`\`git log --raw -- people/${person}/\``, 'git', ['log', '--raw', '--no-renames', '--', `people/${person}/`]],
  [`\`careplan history ${person}\``, 'node', [BIN, 'history', person]],
  [`\`careplan history ${person} --plan --json\``, 'node', [BIN, 'history', person, '--plan', '--json']],
  ['`careplan verify` (whole history)', 'node', [BIN, 'verify']],
];
const withBloom = [plain[2], plain[3], plain[5]];

/**
 * Runs every command once per round, round after round, so a burst of other work on the machine
 * spreads over all of them instead of spoiling one; the commit-graph is rewritten without and with
 * changed-path Bloom filters each round.
 */
const samples = new Map();
const record = (key, sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
let graphSeconds = 0;
const load = os.loadavg()[0];
log(`Timing (${runs} rounds; load average ${load.toFixed(2)})...`);
for (let round = 1; round <= runs; round++) {
  // As `git gc` writes it: no Bloom filters (a rewrite keeps them unless told not to).
  execFileSync('git', ['commit-graph', 'write', '--reachable', '--no-changed-paths'], { cwd: dir, stdio: 'ignore' });
  for (const [label, command, args] of plain) record(`plain ${label}`, once(label, command, args));
  const graphStart = Date.now();
  execFileSync('git', ['commit-graph', 'write', '--reachable', '--changed-paths'], { cwd: dir, stdio: 'ignore' });
  graphSeconds = (Date.now() - graphStart) / 1000;
  for (const [label, command, args] of withBloom) record(`bloom ${label}`, once(label, command, args));
  log(`  round ${round} done (load average ${os.loadavg()[0].toFixed(2)})`);
}
execFileSync('git', ['commit-graph', 'write', '--reachable', '--no-changed-paths'], { cwd: dir, stdio: 'ignore' });

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const summarise = (prefix, list) =>
  list.map(([label]) => {
    const got = samples.get(`${prefix} ${label}`);
    const row = {
      label,
      best: Math.min(...got.map((s) => s.wall)),
      median: median(got.map((s) => s.wall)),
      cpu: median(got.map((s) => s.cpu)),
    };
    log(
      `  ${prefix.padEnd(6)} ${label.padEnd(52)} best ${seconds(row.best)} s, median ${seconds(row.median)} s, CPU ${seconds(row.cpu)} s`,
    );
    return row;
  });
const rows = summarise('plain', plain);
const bloom = summarise('bloom', withBloom);

const cpus = os.cpus();
const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim().replace('git version ', '');
const date = new Date().toISOString().slice(0, 10);
const table = (list) => list.map((r) => `| ${r.label} | ${seconds(r.best)} | ${seconds(r.median)} | ${seconds(r.cpu)} |`).join('\n');
const scaled = people !== 300 || days !== 365 ? ` (scaled down from 300 people x 365 days with BENCH_PEOPLE/BENCH_DAYS)` : '';
const section =
  `
## History and verify (${date})

Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory; ` +
  `${os.type()} ${os.release()}; Node ${process.version}; git ${gitVersion}. Load average when timing started: ${load.toFixed(2)}, ` +
  `when it ended: ${os.loadavg()[0].toFixed(2)} (other work shares this machine, so wall times vary; ` +
  `the best of the runs is the fairest figure).

Repository: ${generated.people} people, ${generated.days} days${scaled}: ${generated.commits.toLocaleString('en-GB')} commits, ` +
  `${(packBytes / 2 ** 20).toFixed(0)} MiB packed. Every day each person gets one outcome entry in its own commit; ` +
  `every 28 days (staggered) each plan gets a new version with a plan review, a sign-off and four acknowledgements, ` +
  `each its own commit; an escalation now and then. Made by \`bench/synthetic.js\` with \`git fast-import\` in ` +
  `${generated.importSeconds.toFixed(0)} s, then \`git gc\` (${generated.gcSeconds.toFixed(0)} s), ` +
  `as a maintained repository would be. \`careplan verify\` checks every append-only list version ` +
  `(${generated.commits.toLocaleString('en-GB')} commits) and every sign-off.

Seconds, ${runs} runs each (in rounds: every command once per round), output to /dev/null: wall time (best, ` +
  `median) and CPU time of the command and its git processes (user + system, median), ` +
  `which does not depend on the machine's other work; with two or more cores, git and careplan overlap, ` +
  `so wall time can be below CPU time.

| command | wall, best | wall, median | CPU |
|---|---|---|---|
${table(rows)}

With changed-path Bloom filters in the commit-graph (\`git commit-graph write --reachable --changed-paths\`, ` +
  `${graphSeconds.toFixed(0)} s once; \`git maintenance\` can keep it current), git skips commits that did not touch a person's ` +
  `folder:

| command | wall, best | wall, median | CPU |
|---|---|---|---|
${table(bloom)}
`;
process.stdout.write(section);
if (!process.env.BENCH_NO_RESULTS) {
  if (!existsSync(RESULTS))
    writeFileSync(RESULTS, '# Benchmark results\n\nEach section is one run of a benchmark script in bench/, with the machine it ran on.\n');
  appendFileSync(RESULTS, section);
  log(`Appended to ${RESULTS}`);
}
