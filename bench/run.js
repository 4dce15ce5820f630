#!/usr/bin/env node
// `npm run bench`: careplan against baselines on the same generated repositories, in the same run,
// for each shape of home (bench/generate.js SHAPES), so that a lead on one shape cannot hide a loss
// on another. Whole processes, in rounds (each command once a round, so a change in the machine's
// load falls on all of them alike); medians of wall time and of CPU time (user + system, which does
// not depend on other work on the machine), peak memory from GNU time. Results are appended to
// bench/RESULTS.md with the date, the machine and its load.
//
//   node bench/run.js [--homes small@1000,mixed@200] [--few N] [--months N] [--runs K] [--everyday R]
//   node bench/run.js [--people N] [--shapes small,large,weekly,mixed] ...   (each shape at N people)
//
// By default every shape at 1,000 people, and the issue's own home (mixed at 200 people). Per
// home: ajv-cli validating only the outcome files (the baseline), `careplan check` cold (no cache,
// as on a fresh clone), warm (nothing changed), after one new outcome entry, and cold a week on
// (with findings); and at the home's size and at `--few` people (default 10): the everyday commands
// (`outcome`, `ack`, `validate FILE`, `plan show`) beside a bare `git commit` of one file. For scale, a node
// that does nothing and a `git status` of the records. Outputs of check, due and audit with and
// without the cache are compared byte for byte, and check's kept findings with --no-cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, parseArgs, SHAPES } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.dirname(here);
const argv = process.argv.slice(2);
const get = (flag, fallback) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : fallback);
/**
 * The homes benched: each shape at 1,000 people, and the issue's own home (the `mixed` shape at
 * 200 people, where `check` was measured at 2.4× ajv-cli), or `--homes shape@people,...`, or every
 * `--shapes` at `--people`.
 */
const DEFAULT_HOMES = [...Object.keys(SHAPES).map((shape) => `${shape}@1000`), 'mixed@200'];
const homes = (
  argv.includes('--homes')
    ? get('--homes').split(',')
    : argv.includes('--shapes') || argv.includes('--people') || process.env.SHAPES || process.env.PEOPLE
      ? get('--shapes', process.env.SHAPES ?? Object.keys(SHAPES).join(','))
          .split(',')
          .map((shape) => `${shape}@${get('--people', process.env.PEOPLE ?? 1000)}`)
      : DEFAULT_HOMES
).map((home) => {
  const [shape, people] = home.split('@');
  if (!SHAPES[shape] || !(Number(people) > 0)) throw new Error(`--homes: ${home} is not shape@people (shapes: ${Object.keys(SHAPES)})`);
  return { shape, people: Number(people) };
});
const runs = Number(get('--runs', process.env.RUNS ?? 3));
/**
 * The everyday commands run this many times a round, at both sizes in turn: each takes a fifth of a
 * second, so three medians moved their 1,000-against-10 ratio by 0.05 either way between runs on
 * this shared machine (1.15 and 1.21 for the same build), as wide as what the goal asks to tell.
 */
const everydayRepeats = Number(get('--everyday', process.env.EVERYDAY ?? 3));
const few = Number(get('--few', process.env.FEW ?? 10));
const node = process.execPath;
const bin = path.join(project, 'bin', 'careplan.js');
const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid' };

/** The YAML's own size (not the disk blocks du counts: most records are far smaller than a block). */
/**
 * Reads every file of the work tree and git's index, so that the next command finds them in the
 * page cache, as it would just after a clone wrote them. Between rounds this machine reclaims
 * memory it thinks idle, page cache included: read from the disk, a cold check of the weekly home
 * took 6.5 s rather than 2.8 s, while ajv-cli, which reads only the outcome files, had read most of
 * its own. Both are given the same start.
 */
function intoPageCache(dir) {
  for (const [full, entry] of workTree(dir)) if (entry.isFile()) readFileSync(full);
  if (existsSync(path.join(dir, '.git', 'index'))) readFileSync(path.join(dir, '.git', 'index'));
}

function yamlSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const [full, entry] of workTree(dir)) {
    if (entry.name.endsWith('.yaml')) {
      bytes += statSync(full).size;
      files++;
    }
  }
  return { mb: bytes / 1e6, files };
}

/** Every entry of the work tree but folders, as [path, entry]: hidden files and folders (.git) left out. */
function* workTree(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* workTree(full);
    else yield [full, entry];
  }
}

/** One whole process under GNU time: wall seconds, CPU seconds (user + system), peak MiB, exit code, stdout. */
function once(command, args, cwd = project) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, system, kb] = (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: user + system, peak: kb / 1024, exit: result.status, stdout: result.stdout, stderr: result.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The date a week after `date` (YYYY-MM-DD). */
const weekLater = (date) => new Date(Date.parse(`${date}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);

/** What a `check --format json` run found, in words: "1,036 warnings, 0 errors". */
function findingsIn(sample) {
  try {
    const { errors, warnings } = JSON.parse(sample.stdout).summary;
    return `${warnings.toLocaleString('en-GB')} warnings, ${errors.toLocaleString('en-GB')} errors`;
  } catch {
    return 'its output could not be read';
  }
}

/** Collects runs per label; `row(label)` gives the medians. */
function recorder() {
  const samples = new Map();
  return {
    add(label, sample) {
      if (!samples.has(label)) samples.set(label, []);
      samples.get(label).push(sample);
      return sample;
    },
    row(label) {
      const s = samples.get(label) ?? [];
      return {
        label,
        wall: median(s.map((x) => x.wall)),
        cpu: median(s.map((x) => x.cpu)),
        peak: Math.max(...s.map((x) => x.peak)),
        exit: s.map((x) => x.exit).join('/'),
        n: s.length,
      };
    },
  };
}

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', env }).trim();
const careplan = (repo, ...args) => [bin, ...args, '--repo', repo];

/** A team member of p-00003 (who has confirmed the plan) and a carer who is not on the team. */
function staffFor(repo) {
  const person = readFileSync(path.join(repo, 'people', 'p-00003', 'person.yaml'), 'utf8');
  const team = /team: \[([^\]]*)\]/
    .exec(person)[1]
    .split(',')
    .map((s) => s.trim());
  const carers = readdirSync(path.join(repo, 'staff'))
    .map((f) => f.replace('.yaml', ''))
    .filter((id) => /care-staff/.test(readFileSync(path.join(repo, 'staff', `${id}.yaml`), 'utf8')));
  return { member: team[team.length - 1], outsider: carers.find((id) => !team.includes(id)) };
}

/** The everyday commands on one repository, once each; the repository is put back after each write. */
function everyday(rec, size, repo, base) {
  const { member, outsider } = staffFor(repo);
  // A write not committed (--no-commit) may leave a new file git does not track: removed too, or the
  // next write would find it there and commit it as someone's uncommitted change.
  const reset = () => {
    git(repo, 'reset', '-q', '--hard', base);
    git(repo, 'clean', '-fdq', '--', 'people', 'staff');
  };
  rec.add(
    `outcome@${size}`,
    once(
      node,
      careplan(repo, 'outcome', 'p-00003', '--goal', 'g-1', '--result', 'improving', '--note', 'Walked to the garden.', '--as', member),
    ),
  );
  reset();
  // careplan's own part: the same write, not committed (git's part grows with its index, careplan's must not).
  rec.add(
    `outcome --no-commit@${size}`,
    once(
      node,
      careplan(
        repo,
        'outcome',
        'p-00003',
        '--goal',
        'g-1',
        '--result',
        'improving',
        '--note',
        'Walked to the garden.',
        '--as',
        member,
        '--no-commit',
      ),
    ),
  );
  reset();
  rec.add(`ack@${size}`, once(node, careplan(repo, 'ack', 'p-00003', '--as', outsider, '--yes')));
  reset();
  rec.add(`validate@${size}`, once(node, careplan(repo, 'validate', 'people/p-00003/plan.yaml')));
  rec.add(`plan show@${size}`, once(node, careplan(repo, 'plan', 'show', 'p-00003')));
  writeFileSync(path.join(repo, 'bench-scratch.txt'), `A file for the bench to commit, changed at ${Date.now()}.\n`);
  rec.add(`git commit@${size}`, once('git', ['commit', '-q', '-m', 'Bench: one file', '--', 'bench-scratch.txt'], repo));
  reset();
}

/** check, due and audit with and without the cache: byte for byte the same? */
function sameWithAndWithoutCache(repo) {
  const month = (() => {
    const d = new Date();
    d.setUTCDate(0);
    return d.toISOString().slice(0, 7);
  })();
  // As of the end of today (not now, which moves between runs), so that the outputs can be compared byte for byte.
  const today = new Date().toISOString().slice(0, 10);
  const commands = [
    ['check', '--format', 'json', '--as-of', today],
    ['due', '--within', '14', '--json', '--as-of', today],
    ['audit', '--month', month, '--format', 'json'],
  ];
  const differ = [];
  for (const args of commands) {
    const cached = once(node, careplan(repo, ...args));
    const again = once(node, careplan(repo, ...args));
    const bare = once(node, careplan(repo, ...args, '--no-cache'));
    if (cached.stdout !== bare.stdout || again.stdout !== bare.stdout || cached.exit !== bare.exit) differ.push(args[0]);
  }
  // As of now: the second check prints the findings the first kept (checkResult.ts); only the moment differs.
  const now = ['check', '--format', 'json'];
  const withoutMoment = (run) => `${run.exit}\n${run.stdout.replace(/"asOf": "[^"]*"/, '')}`;
  const runs = [once(node, careplan(repo, ...now)), once(node, careplan(repo, ...now)), once(node, careplan(repo, ...now, '--no-cache'))];
  if (new Set(runs.map(withoutMoment)).size !== 1) differ.push('check (kept findings)');
  return differ;
}

// ajv-cli resolves references by $id; the shipped schemas have none (they refer relatively), so
// the baseline gets copies with ids. Nothing is fetched: ajv only uses them as names.
const schemaDir = path.join(here, 'out', 'schemas');
mkdirSync(schemaDir, { recursive: true });
for (const name of ['defs', 'outcomes']) {
  const schema = JSON.parse(readFileSync(path.join(project, 'schemas', `${name}.schema.json`), 'utf8'));
  schema.$id = `https://careplan.invalid/schemas/${name}.schema.json`;
  writeFileSync(path.join(schemaDir, `${name}.schema.json`), JSON.stringify(schema));
}
const ajv = (repo) => [
  path.join(project, 'node_modules', 'ajv-cli', 'dist', 'index.js'),
  'validate',
  '--spec=draft2020',
  '--strict=true',
  '--strict-required=false',
  '--all-errors',
  '-c',
  './bench/ajv-formats.cjs',
  '-s',
  path.join(schemaDir, 'outcomes.schema.json'),
  '-r',
  path.join(schemaDir, 'defs.schema.json'),
  '-d',
  `${path.relative(project, repo)}/people/*/outcomes/*.yaml`,
];

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '?');
const results = path.join(here, 'RESULTS.md');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
const system = `${os.platform()} ${os.release()}`;
const machine = `${cpuModel}, ${os.cpus().length} cores, ${memory}, Node ${process.version}, ${system}, ${git(project, '--version')}`;

const months = get('--months', process.env.MONTHS ?? '12');
for (const { shape, people: many } of homes) {
  const big = parseArgs(['--people', String(many), '--months', months, '--shape', shape]);
  const small = parseArgs(['--people', String(few), '--months', String(big.months), '--shape', shape]);
  for (const args of [big, small]) {
    const t0 = Date.now();
    console.log(`generating ${shape}: ${args.people} people × ${args.months} months (in ${path.relative(project, args.out)}) ...`);
    generate({ ...args, git: true });
    console.log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const meta = JSON.parse(readFileSync(path.join(big.out, '.generated'), 'utf8'));
  const size = yamlSize(big.out);
  const bases = new Map([big.out, small.out].map((repo) => [repo, git(repo, 'rev-parse', 'HEAD')]));
  const loadBefore = load();
  const rec = recorder();
  let weekOn;
  const cacheDir = path.join(big.out, '.git', 'careplan');
  for (let round = 1; round <= runs; round++) {
    console.log(`${shape}: round ${round} of ${runs} (load ${load()})`);
    intoPageCache(big.out);
    rec.add('ajv', once(node, ajv(big.out)));
    // What any check must spend: starting node, and asking git what is uncommitted.
    rec.add('node', once(node, ['-e', '0']));
    rec.add('git status', once('git', ['status', '--porcelain', '-z', '--untracked-files=all'], big.out));
    rmSync(cacheDir, { recursive: true, force: true });
    intoPageCache(big.out);
    rec.add('cold', once(node, careplan(big.out, 'check', '--format', 'json')));
    rec.add('warm', once(node, careplan(big.out, 'check', '--format', 'json')));
    const { member } = staffFor(big.out);
    once(node, careplan(big.out, 'outcome', 'p-00003', '--goal', 'g-1', '--result', 'improving', '--note', 'Walked.', '--as', member));
    rec.add('after one entry', once(node, careplan(big.out, 'check', '--format', 'json')));
    git(big.out, 'reset', '-q', '--hard', bases.get(big.out));
    rec.add('no cache', once(node, careplan(big.out, 'check', '--format', 'json', '--no-cache')));
    // The home a week on with nothing recorded, cold: findings (a real home always has some), each
    // with its line, which the checks above, judged the day the home was made, never need.
    rmSync(cacheDir, { recursive: true, force: true });
    weekOn = rec.add('week on', once(node, careplan(big.out, 'check', '--format', 'json', '--as-of', weekLater(meta.end))));
    for (let i = 0; i < everydayRepeats; i++) {
      everyday(rec, 'many', big.out, bases.get(big.out));
      everyday(rec, 'few', small.out, bases.get(small.out));
    }
  }
  const differ = sameWithAndWithoutCache(big.out);
  const loadAfter = load();

  const ajvRow = rec.row('ajv');
  const rows = [
    ['ajv-cli 5 validating only the outcome files (baseline)', 'ajv'],
    ['`careplan check`, cold (no cache, as on a fresh clone)', 'cold'],
    ['`careplan check`, warm (nothing changed)', 'warm'],
    ['`careplan check` after one new outcome entry', 'after one entry'],
    ['`careplan check --no-cache` (every record read in full)', 'no cache'],
    [`\`careplan check --as-of\` a week on, cold (${findingsIn(weekOn)})`, 'week on'],
    ['for scale: `node -e 0`', 'node'],
    ['for scale: `git status` of the records (what any check asks git)', 'git status'],
  ].map(([text, label]) => ({ text, ...rec.row(label) }));
  const goals = [
    ['cold ≤ 0.5× ajv-cli', rec.row('cold').wall / ajvRow.wall, 0.5],
    ['warm ≤ 0.1× ajv-cli', rec.row('warm').wall / ajvRow.wall, 0.1],
    ['after one entry ≤ 0.15× ajv-cli', rec.row('after one entry').wall / ajvRow.wall, 0.15],
  ];
  const daily = ['outcome', 'outcome --no-commit', 'ack', 'validate', 'plan show', 'git commit'].map((name) => {
    const a = rec.row(`${name}@few`);
    const b = rec.row(`${name}@many`);
    return { name, few: a, many: b };
  });
  const commitMany = rec.row('git commit@many').wall;
  const met = (ratio, limit) => (ratio <= limit ? 'met' : '**not met**');
  const people = meta.people.toLocaleString('en-GB');
  const outcomeToCommit = rec.row('outcome@many').wall / commitMany;
  const named = (name) => (name === 'git commit' ? 'git commit' : `careplan ${name}`);
  const same = differ.length ? `**differ** (${differ.join(', ')})` : 'byte-identical';
  const files = size.files.toLocaleString('en-GB');
  const section = [
    '',
    `## ${shape}: ${people} people × ${meta.months} months (${new Date().toISOString().slice(0, 10)}, \`npm run bench\`)`,
    '',
    `Machine: ${machine}. Load average before: ${loadBefore}; after: ${loadAfter} (the machine is shared, so wall times`,
    `vary with other work; CPU time does not, and every ratio compares figures from the same rounds).`,
    `Repository (bench/generate.js, shape \`${shape}\`: ${JSON.stringify(SHAPES[shape])}):`,
    `${meta.entries.toLocaleString('en-GB')} outcome entries, ${fmt(size.mb, 0)} MB of YAML in ${files} files,`,
    `records to ${meta.end} (the day before), a well-run home (no findings).`,
    `Medians of ${runs} runs, whole process: wall seconds, CPU seconds (user + system), peak memory.`,
    'Before ajv-cli and before the cold check, every file of the work tree is read once, so that both start',
    'with the records in the page cache, as just after a clone.',
    '',
    '| command | wall | CPU | peak MiB | × ajv-cli (wall) | exit |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.text} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${fmt(r.peak, 0)} | ${fmt(r.wall / ajvRow.wall)} | ${r.exit} |`),
    '',
    `Goals: ${goals.map(([text, ratio, limit]) => `${text}: ${fmt(ratio)} ${met(ratio, limit)}`).join('; ')};` +
      ` peak ≤ 1 GiB: ${fmt(rec.row('cold').peak, 0)} MiB ${met(rec.row('cold').peak, 1024)}.`,
    `Outputs of check, due and audit with and without the cache: ${same}.`,
    '',
    `Everyday commands on p-00003 at ${few} and at ${people} people (wall seconds, medians of ${runs * everydayRepeats} runs, ` +
      `the two sizes in turn; CPU in brackets):`,
    '',
    `| command | ${few} people | ${meta.people} people | ${meta.people} / ${few} | × git commit at ${meta.people} |`,
    '|---|---:|---:|---:|---:|',
    ...daily.map(
      ({ name, few: a, many: b }) =>
        `| \`${named(name)}\` | ${fmt(a.wall)} (${fmt(a.cpu)}) | ${fmt(b.wall)} (${fmt(b.cpu)}) ` +
        `| ${fmt(b.wall / a.wall)} | ${fmt(b.wall / commitMany)} |`,
    ),
    '',
    `Exit codes (each run): ${daily.map(({ name, few: a, many: b }) => `${name} ${a.exit} / ${b.exit}`).join('; ')}.`,
    `Goals: everyday commands within 20% at ${few} and ${meta.people} people: ${daily
      .filter((d) => d.name !== 'git commit' && d.name !== 'outcome --no-commit')
      .map((d) => `${d.name} ${fmt(d.many.wall / d.few.wall)} ${met(d.many.wall / d.few.wall, 1.2)}`)
      .join(', ')}` + `; \`outcome\` ≤ 4× git commit: ${fmt(outcomeToCommit)} ${met(outcomeToCommit, 4)}.`,
    '',
  ];
  if (!existsSync(results))
    writeFileSync(results, '# Benchmark results\n\nAppended by `npm run bench` (and `node bench/history.js`); newest last.\n');
  appendFileSync(results, section.join('\n'));
  console.log(section.join('\n'));
}
console.log(`results appended to ${path.relative(project, results)}`);
