#!/usr/bin/env node
// `npm run bench`: careplan against baselines on the same generated repository, in the same run.
// Whole-process wall time and peak memory (GNU time's %M) per command; results are appended to
// bench/RESULTS.md with the date and the machine. Sizes: --people --months --per-day (defaults
// 1000 × 12 × 3, about 1.1 million outcome entries), or PEOPLE/MONTHS/PER_DAY in the environment.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, parseArgs } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.dirname(here);
const args = parseArgs(process.argv.slice(2));
const AS_OF = '2026-11-30';

/** The YAML's own size (not the disk blocks du counts: most records are far smaller than a block). */
function yamlSize(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) {
        bytes += statSync(full).size;
        files++;
      }
    }
  };
  walk(dir);
  return `${(bytes / 1e6).toFixed(0)} MB of YAML in ${files.toLocaleString('en-GB')} files`;
}

/** Runs a command under GNU time; returns seconds, peak RSS in MiB and the exit code. */
function measure(label, command, argv) {
  const useTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...argv], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } })
    : spawnSync(command, argv, { cwd: project, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  let peak = '?';
  if (useTime) {
    const last = result.stderr.trim().split('\n').pop() ?? '';
    const [, kb] = last.split(' ');
    peak = (Number(kb) / 1024).toFixed(0);
  }
  const row = { label, seconds: wall.toFixed(2), peakMiB: peak, exit: result.status };
  console.log(`${label.padEnd(48)} ${row.seconds.padStart(7)} s ${String(peak).padStart(6)} MiB  exit ${result.status}`);
  return row;
}

console.log(`generating ${args.people} people × ${args.months} months × ${args.perDay} a day (cached in ${path.relative(project, args.out)}) ...`);
generate({ ...args, git: true });
const meta = JSON.parse(readFileSync(path.join(args.out, '.generated'), 'utf8'));

// ajv-cli resolves references by $id; the shipped schemas have none (they refer relatively), so
// the baseline gets copies with ids. Nothing is fetched: ajv only uses them as names.
const schemaDir = path.join(here, 'out', 'schemas');
mkdirSync(schemaDir, { recursive: true });
for (const name of ['defs', 'outcomes']) {
  const schema = JSON.parse(readFileSync(path.join(project, 'schemas', `${name}.schema.json`), 'utf8'));
  schema.$id = `https://careplan.invalid/schemas/${name}.schema.json`;
  writeFileSync(path.join(schemaDir, `${name}.schema.json`), JSON.stringify(schema));
}

const node = process.execPath;
const bin = path.join(project, 'bin', 'careplan.js');
const rel = path.relative(project, args.out);
const rows = [
  measure('baseline: read + parse every file (js-yaml)', node, [path.join(here, 'baseline-jsyaml.js'), rel]),
  measure('baseline: ajv-cli validate outcome files', node, [path.join(project, 'node_modules', 'ajv-cli', 'dist', 'index.js'), 'validate', '--spec=draft2020', '--strict=true', '--strict-required=false', '--all-errors', '-c', './bench/ajv-formats.cjs', '-s', path.join(schemaDir, 'outcomes.schema.json'), '-r', path.join(schemaDir, 'defs.schema.json'), '-d', `${rel}/people/*/outcomes/*.yaml`]),
  measure('careplan validate', node, [bin, 'validate', '--repo', rel, '--as-of', AS_OF, '--format', 'json']),
  measure('careplan check', node, [bin, 'check', '--repo', rel, '--as-of', AS_OF, '--format', 'json']),
];
if (/^\s+audit\b/m.test(spawnSync(node, [bin, '--help'], { encoding: 'utf8' }).stdout)) {
  rows.push(measure('careplan audit', node, [bin, 'audit', '--repo', rel, '--as-of', AS_OF, '--month', '2026-10', '--format', 'json']));
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const section = [
  '',
  `## check on ${meta.people} × ${meta.months} × ${meta.perDay} (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
  `Repository: ${meta.entries.toLocaleString('en-GB')} outcome entries, ${yamlSize(args.out)}, as of ${AS_OF}. One run each, whole process, wall time; peak RSS from GNU time.`,
  '',
  '| command | seconds | peak MiB | exit |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${r.seconds} | ${r.peakMiB} | ${r.exit} |`),
  '',
];
const results = path.join(here, 'RESULTS.md');
if (!existsSync(results)) writeFileSync(results, '# Benchmark results\n\nAppended by `npm run bench` (and `node bench/history.js`); newest last.\n');
appendFileSync(results, section.join('\n'));
console.log(`results appended to ${path.relative(project, results)}`);
