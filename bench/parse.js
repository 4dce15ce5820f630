#!/usr/bin/env node
// Benchmark of reading YAML alone: careplan's parseYaml (fast path, then js-yaml) against js-yaml
// by itself, on the same texts held in memory, so disk and schema validation do not blur it.
// Texts: every record of a generated repository (bench/generate.js; default 200 people × 12 months of
// the `small` shape: three entries a day), and the
// same outcome logs with the notes typed as people type them (’, é, £, an emoji, a no-break space).
//
//   node bench/parse.js                     prints the numbers
//   PEOPLE=50 node bench/parse.js           smaller, for a quick look
//   BENCH_RUNS=7                            rounds (best and median are reported)
//   BENCH_RESULTS=1                         also append a section to bench/RESULTS.md
//
// Needs the built code (`npm run build`).
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { generate, parseArgs } from './generate.js';
import { parseYaml } from '../dist/model/yamlText.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
if (!process.env.PEOPLE && !process.argv.includes('--people')) {
  Object.assign(args, parseArgs(['--people', '200', ...process.argv.slice(2)]));
}
const runs = Number(process.env.BENCH_RUNS ?? 5);
generate({ ...args, git: false });

const texts = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.yaml')) texts.push(readFileSync(full, 'utf8'));
  }
};
walk(args.out);
// The generator's notes are plain ASCII; people's are not.
const typed = texts
  .filter((t) => t.startsWith('- at:'))
  .map((t) =>
    t
      .replace(/note: Walked/g, 'note: Walked (she’s keen) with')
      .replace(/note: Settled/g, 'note: Settled — chatted about Zoë’s café 😊 and')
      .replace(/fluids/g, 'fluids\u00a0£'),
  );
const bytes = (list) => list.reduce((n, t) => n + Buffer.byteLength(t), 0);

function time(fn, list) {
  const started = process.hrtime.bigint();
  for (const text of list) fn(text);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const jsYamlOnly = (text) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
const careplan = (text) => {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new Error(parsed.message);
};

const sets = [
  ['generated records', texts],
  ['outcome logs, typed notes', typed],
];
const rows = [];
for (const [name, list] of sets) {
  for (const [label, fn] of [
    ['js-yaml alone', jsYamlOnly],
    ['careplan parseYaml', careplan],
  ]) {
    time(fn, list.slice(0, 500));
    const ms = Array.from({ length: runs }, () => time(fn, list)).sort((a, b) => a - b);
    const row = { name, label, files: list.length, mb: bytes(list) / 1e6, best: ms[0], median: ms[Math.floor(runs / 2)] };
    rows.push(row);
    const times = `best ${row.best.toFixed(0)} ms  median ${row.median.toFixed(0)} ms`;
    console.log(`${name.padEnd(28)} ${label.padEnd(20)} ${row.files} files ${row.mb.toFixed(1)} MB  ${times}`);
  }
}

if (process.env.BENCH_RESULTS) {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    '',
    `## parseYaml on ${args.people} × ${args.months} (${args.shape}) (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `Node ${process.version}, ${os.platform()} ${os.release()}. ` +
      `Texts in memory, ${runs} rounds, milliseconds (best, median).`,
    '',
    '| texts | reader | files | MB | best ms | median ms |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.label} | ${r.files} | ${r.mb.toFixed(1)} | ${r.best.toFixed(0)} | ${r.median.toFixed(0)} |`),
  ];
  appendFileSync(path.join(here, 'RESULTS.md'), `${lines.join('\n')}\n`);
}
