import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { RECORD_KINDS } from '../../src/model/recordKinds.js';
import { validatorFor } from '../../src/repo/schemas.js';
import { careplan, gitIn, removeDir, tempDir, writeFiles, type RunResult } from '../helpers/repo.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function scratch(): string {
  const dir = tempDir('careplan-init-');
  dirs.push(dir);
  return dir;
}

/** Every file under dir (outside .git), with its content: to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(child);
      else out[child] = readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return out;
}

function expectNoCrash(result: RunResult): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error/);
}

const RECORD_SCHEMAS = Object.values(RECORD_KINDS).map((kind) => kind.schema);

describe('careplan init DIR --provider NAME', () => {
  let parent: string;
  let dir: string;
  let result: RunResult;
  const provider = 'Tŷ Gwyn: "St Mary\'s" #1';
  beforeAll(async () => {
    parent = scratch();
    dir = path.join(parent, 'records');
    result = await careplan(['init', 'records', '--provider', provider, '--location-id', '1-000000001'], { cwd: parent });
  });

  it('exits 0 and says what it made, results on stdout and next steps on stderr', () => {
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Created a careplan records repository for ${provider} in ${dir}`);
    expect(result.stderr).toMatch(/careplan staff add/);
    expectNoCrash(result);
  });

  it('writes a careplan.yaml that parses and validates, with every policy default written out', () => {
    const config = parseYaml(readFileSync(path.join(dir, 'careplan.yaml'), 'utf8'));
    const validate = validatorFor('careplan.schema.json');
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.provider).toEqual({ name: provider, location_id: '1-000000001' });
    expect(config.timezone).toBe('Europe/London');
    expect(config.policy).toMatchObject({
      plan_due_hours: 48,
      review_interval_days: 28,
      signoff_roles: ['registered-manager'],
      variation_pattern: { count: 3, days: 7 },
      lookback_days: 28,
    });
    expect(Object.keys(config.policy).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
    expect(readFileSync(path.join(dir, 'careplan.yaml'), 'utf8')).toMatch(/plan_due_hours: 48 +# /);
  });

  it('makes the record folders', () => {
    for (const folder of ['staff', 'people', 'spotchecks', 'feedback', 'audits']) {
      expect(statSync(path.join(dir, folder)).isDirectory(), folder).toBe(true);
    }
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('.careplan/lock');
  });

  it('wires every record schema to its files for VS Code, with the schema files in the repository', () => {
    const settings = JSON.parse(readFileSync(path.join(dir, '.vscode', 'settings.json'), 'utf8'));
    const mapping: Record<string, string[]> = settings['yaml.schemas'];
    expect(
      Object.keys(mapping)
        .map((p) => path.basename(p))
        .sort(),
    ).toEqual([...RECORD_SCHEMAS].sort());
    const globs = Object.fromEntries(Object.entries(mapping).map(([p, g]) => [path.basename(p), g]));
    expect(globs['careplan.schema.json']).toEqual(['careplan.yaml']);
    expect(globs['plan.schema.json']).toEqual(['people/*/plan.yaml']);
    expect(globs['outcomes.schema.json']).toEqual(['people/*/outcomes/*.yaml']);
    expect(globs['review.schema.json']).toEqual(['people/*/reviews/*.yaml']);
    for (const [schemaPath, list] of Object.entries(mapping)) {
      expect(list.length).toBeGreaterThan(0);
      const abs = path.join(dir, schemaPath);
      expect(existsSync(abs), schemaPath).toBe(true);
      // Every $ref names a schema file beside it, so the editor resolves it without the package.
      const refs = [...readFileSync(abs, 'utf8').matchAll(/"\$ref": "([^"#]+)#/g)].map((m) => m[1]);
      for (const ref of refs) expect(existsSync(path.join(path.dirname(abs), ref)), `${schemaPath} → ${ref}`).toBe(true);
    }
    const recommended = JSON.parse(readFileSync(path.join(dir, '.vscode', 'extensions.json'), 'utf8'));
    expect(recommended.recommendations).toContain('redhat.vscode-yaml');
  });

  it('is a git repository with exactly one commit, trailer Careplan-Action: init, and nothing left uncommitted', async () => {
    expect(existsSync(path.join(dir, '.git'))).toBe(true);
    expect((await gitIn(dir, ['rev-list', '--count', 'HEAD'])).trim()).toBe('1');
    const trailers = await gitIn(dir, ['log', '-1', '--format=%(trailers:key=Careplan-Action,valueonly)']);
    expect(trailers.trim()).toBe('init');
    expect(await gitIn(dir, ['log', '-1', '--format=%s'])).toContain(provider);
    expect((await gitIn(dir, ['status', '--porcelain'])).trim()).toBe('');
    const tracked = (await gitIn(dir, ['ls-files'])).split('\n');
    expect(tracked).toEqual(
      expect.arrayContaining(['careplan.yaml', '.vscode/settings.json', '.careplan/schemas/plan.schema.json', 'people/.gitkeep']),
    );
  });

  it('careplan validate accepts it', async () => {
    const validation = await careplan(['validate'], { cwd: dir });
    expect(validation.exitCode).toBe(0);
    expect(validation.stdout).toMatch(/^No problems found/);
    expect(validation.stderr).toBe('');
  });

  it('refuses to run again over it: exit 2, nothing changed', async () => {
    const before = snapshot(dir);
    const head = await gitIn(dir, ['rev-parse', 'HEAD']);
    const again = await careplan(['init', '.', '--provider', 'Someone Else'], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(again.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
    expect(await gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expectNoCrash(again);
  });
});

describe('careplan init refusals', () => {
  it('without --provider and without a terminal: exit 2 naming --provider, nothing written', async () => {
    const parent = scratch();
    const result = await careplan(['init', 'home'], { cwd: parent });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--provider');
    expect(existsSync(path.join(parent, 'home'))).toBe(false);
    expectNoCrash(result);
  });

  it('a malformed CQC location id or an unknown timezone: exit 2, nothing written', async () => {
    const parent = scratch();
    const location = await careplan(['init', 'a', '--provider', 'Oak Lodge', '--location-id', 'ABC'], { cwd: parent });
    expect(location.exitCode).toBe(2);
    expect(location.stderr).toMatch(/location_id/);
    expect(location.stderr).toMatch(/1-000000001/);
    const zone = await careplan(['init', 'b', '--provider', 'Oak Lodge', '--timezone', 'Europe/Londn'], { cwd: parent });
    expect(zone.exitCode).toBe(2);
    expect(zone.stderr).toMatch(/Europe\/Londn/);
    expect(readdirSync(parent)).toEqual([]);
    expectNoCrash(location);
    expectNoCrash(zone);
  });

  it('DIR is a file, or lies under one: exit 2 with a clear error, not an internal error', async () => {
    const parent = scratch();
    writeFiles(parent, { records: 'not a folder\n' });
    const file = await careplan(['init', 'records', '--provider', 'Oak Lodge'], { cwd: parent });
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toMatch(/is a file, not a folder/);
    const under = await careplan(['init', 'records/home', '--provider', 'Oak Lodge'], { cwd: parent });
    expect(under.exitCode).toBe(2);
    expect(under.stderr).toMatch(/Cannot create/);
    expectNoCrash(file);
    expectNoCrash(under);
    expect(readFileSync(path.join(parent, 'records'), 'utf8')).toBe('not a folder\n');
  });

  it('in a folder that already holds careplan.yaml: exit 2, the folder untouched', async () => {
    const dir = scratch();
    writeFiles(dir, { 'careplan.yaml': 'provider: { name: Existing }\n', 'notes.txt': 'mine\n' });
    const before = snapshot(dir);
    const result = await careplan(['init', '--provider', 'New'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/careplan\.yaml already exists/);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
  });
});

describe('careplan init --ci github', () => {
  let dir: string;
  let result: RunResult;
  beforeAll(async () => {
    const parent = scratch();
    dir = path.join(parent, 'home');
    result = await careplan(['init', 'home', '--provider', 'Oak Lodge', '--ci', 'github'], { cwd: parent });
  });

  it('writes a workflow that runs careplan check --format github on push and on a schedule', async () => {
    expect(result.exitCode).toBe(0);
    const workflow = parseYaml(readFileSync(path.join(dir, '.github', 'workflows', 'careplan.yml'), 'utf8'));
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'schedule']));
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
    const runs: string[] = Object.values(workflow.jobs as Record<string, { steps: { run?: string }[] }>).flatMap((job) =>
      job.steps.map((step) => step.run ?? ''),
    );
    expect(
      runs.some((run) => /\bcareplan\b.* check\b.*--format github\b/.test(run)),
      runs.join('\n'),
    ).toBe(true);
    // The change trail needs the whole history (verify, history), not a shallow clone.
    const checkout = Object.values(workflow.jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>)
      .flatMap((job) => job.steps)
      .find((step) => step.uses?.startsWith('actions/checkout'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('commits the workflow with the rest', async () => {
    expect((await gitIn(dir, ['ls-files', '.github'])).trim()).toBe('.github/workflows/careplan.yml');
    expect((await gitIn(dir, ['status', '--porcelain'])).trim()).toBe('');
  });

  it('the repository still validates: the workflow is not a record', async () => {
    const validation = await careplan(['validate'], { cwd: dir });
    expect(validation.exitCode).toBe(0);
    expect(validation.stdout).not.toMatch(/unexpected-file/);
  });
});
