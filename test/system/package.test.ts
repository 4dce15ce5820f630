import { execa } from 'execa';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { careplan, EXAMPLE, gitIn, PROJECT, removeDir, tempDir, writeFiles } from '../helpers/repo.js';
import { npmInstall, outsideEnv, pack } from '../helpers/pack.js';
import { STAFF } from '../helpers/trail.js';
import { planHash } from '../../src/model/planHash.js';
import { CI_NODE } from '../../src/repo/ciTemplates.js';

/**
 * careplan as people outside this repository get it: packed from a clean copy of the sources
 * (prepack builds dist/), installed into an empty folder, and run by the CI templates
 * `careplan init --ci` writes. Packed and installed once for the file: installing is the slow part.
 */

const VERSION: string = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')).version;

/** What a fresh clone holds that packing needs: the sources, without tests, examples or a build. */
async function cleanClone(into: string): Promise<void> {
  const listed = await gitIn(PROJECT, ['ls-files', '--cached', '--others', '--exclude-standard']);
  const wanted = /^(package(-lock)?\.json|tsconfig\.json|README\.md|LICENSE|(bin|src|scripts|schemas|data)\/.+)$/;
  for (const file of listed.split('\n').filter((f) => wanted.test(f) && existsSync(path.join(PROJECT, f)))) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(path.join(PROJECT, file), path.join(into, file));
  }
  // `npm ci` would install these; the project's own copy is the same lock file's result.
  symlinkSync(path.join(PROJECT, 'node_modules'), path.join(into, 'node_modules'));
}

/** Runs a command as someone who has only the installed package would: from `cwd`, outside the source tree. */
async function outside(cwd: string, command: string, args: string[], env: Record<string, string> = {}) {
  const result = await execa(command, args, { cwd, env: { ...outsideEnv(), ...env }, extendEnv: false, reject: false });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A local time `hours` before now, as records write it (minutes; UTC digits read as London time are never later). */
const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString().slice(0, 16);
const day = (hours: number) => ago(hours).slice(0, 10);

const PLAN = (updated: string, assessment: string) => ({
  version: 1,
  assessment,
  author: 's-ben',
  updated,
  about_me: 'Likes crosswords.',
  needs: [
    {
      need: 'mobility',
      preferences: ['Walks to lunch'],
      actions: [{ id: 'mob-walk', description: 'Walk beside her', status: 'active' }],
      goals: [{ id: 'mob-indep', description: 'Walks unaided', status: 'active' }],
    },
  ],
});

const AGREED = 'recorded_by: s-ben, method: verbal';

interface Commit {
  author: 's-amina' | 's-ben';
  at: string;
  action: string;
  files: Record<string, string>;
}

/**
 * A records repository whose one person was assessed `hours` ago and whose plan was signed off and
 * acknowledged just after, committed as careplan commits them (author, time, trailers), so that
 * `verify` passes. A day ago: nothing is due. Forty days ago: the plan review is overdue.
 * A new repository, or these commits added `onto` an existing one.
 */
async function home(hours: number, onto?: string): Promise<string> {
  const assessment = `${day(hours)}-initial`;
  const plan = PLAN(ago(hours - 1), assessment);
  const hash = planHash(plan);
  const staff = Object.fromEntries(
    (['s-amina', 's-ben'] as const).map((id) => [
      `staff/${id}.yaml`,
      `id: ${id}\nname: ${STAFF[id].name}\nroles: [${STAFF[id].roles}]\nemail: ${STAFF[id].email}\nactive: true\n`,
    ]),
  );
  const commits: Commit[] = [
    {
      author: 's-ben',
      at: ago(hours),
      action: 'plan',
      files: {
        'careplan.yaml': 'provider: { name: Test Home }\ntimezone: Europe/London\n',
        ...staff,
        'people/p-edith/person.yaml': [
          'id: p-edith',
          'name: Edith',
          `admitted: ${day(hours + 24)}`,
          'key_worker: s-ben',
          'team: [s-ben]',
          'status: active',
          '',
        ].join('\n'),
        [`people/p-edith/assessments/${assessment}.yaml`]:
          `type: initial\nat: ${ago(hours)}\nby: s-ben\nwith_person: true\n` +
          'needs:\n  - { id: mobility, domain: mobility, description: Unsteady }\n',
        'people/p-edith/plan.yaml': `${JSON.stringify(plan)}\n`,
      },
    },
    {
      author: 's-amina',
      at: ago(hours - 2),
      action: 'signoff',
      files: { 'people/p-edith/signoffs.yaml': `- { version: 1, plan: "${hash}", by: s-amina, at: ${ago(hours - 2)} }\n` },
    },
    {
      author: 's-ben',
      at: ago(hours - 3),
      action: 'ack',
      files: {
        'people/p-edith/acknowledgements.yaml': `- { staff: s-ben, version: 1, plan: "${hash}", at: ${ago(hours - 3)} }\n`,
        'people/p-edith/agreements.yaml': `- { version: 1, plan: "${hash}", by: person, at: ${ago(hours - 3)}, ${AGREED} }\n`,
      },
    },
  ];
  const dir = onto ?? realpathSync(tempDir('careplan-origin-'));
  if (!onto) await gitIn(dir, ['init', '--quiet', '--initial-branch=main']);
  for (const commit of commits) {
    writeFiles(dir, commit.files);
    await gitIn(dir, ['add', '--', ...Object.keys(commit.files)]);
    const who = STAFF[commit.author];
    const when = `${commit.at}:00Z`;
    await execa(
      'git',
      [
        'commit',
        '--quiet',
        '-m',
        `${commit.action} p-edith`,
        '-m',
        `Careplan-Action: ${commit.action}\nCareplan-Person: p-edith\nCareplan-By: ${commit.author}`,
      ],
      {
        cwd: dir,
        env: {
          GIT_AUTHOR_NAME: who.name,
          GIT_AUTHOR_EMAIL: who.email,
          GIT_COMMITTER_NAME: who.name,
          GIT_COMMITTER_EMAIL: who.email,
          GIT_AUTHOR_DATE: when,
          GIT_COMMITTER_DATE: when,
        },
      },
    );
  }
  return dir;
}

/** `init --ci` output for a records repository at the top of its git repository. */
async function template(system: 'github' | 'gitlab'): Promise<{ file: string; text: string }> {
  const dir = tempDir();
  const init = await careplan(['init', 'home', '--provider', 'Test Home', '--ci', system], { cwd: dir });
  expect(init.exitCode).toBe(0);
  const file = system === 'github' ? '.github/workflows/careplan.yml' : '.gitlab-ci.yml';
  const text = readFileSync(path.join(dir, 'home', file), 'utf8');
  removeDir(dir);
  return { file, text };
}

interface PipelineRun {
  failed: boolean;
  log: string;
  exitCodes: number[];
  summary?: string;
  junit?: string;
}

async function shell(script: string, cwd: string, env: Record<string, string>) {
  const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env,
    extendEnv: false,
    reject: false,
    all: true,
  });
  return { exitCode: result.exitCode ?? -1, output: String(result.all ?? '') };
}

/**
 * Runs a GitHub Actions job as the runner would, step by step in one clone: `uses:` steps are the
 * runner's (checkout and Node are already here), each `run:` in its own bash with the workflow's
 * env; $GITHUB_PATH adds to later steps' PATH; after a failure only `!cancelled()` steps run.
 */
async function runGithub(workflow: GithubWorkflow, clone: string, tarball: string, scratch: string): Promise<PipelineRun> {
  mkdirSync(scratch);
  const summary = path.join(scratch, 'summary.md');
  const githubPath = path.join(scratch, 'github_path');
  writeFileSync(summary, '');
  writeFileSync(githubPath, '');
  const base = outsideEnv({
    ...workflow.env,
    CAREPLAN_PACKAGE: tarball,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: clone,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_PATH: githubPath,
    RUNNER_TEMP: scratch,
  });
  const run: PipelineRun = { failed: false, log: '', exitCodes: [] };
  for (const step of Object.values(workflow.jobs)[0].steps) {
    if (!step.run) continue;
    if (run.failed && !/!cancelled\(\)|always\(\)/.test(step.if ?? '')) continue;
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    const result = await shell(step.run, clone, { ...base, PATH: [...added, base.PATH].join(path.delimiter) });
    run.log += `## ${step.name ?? step.run}\n${result.output}\n`;
    run.exitCodes.push(result.exitCode);
    if (result.exitCode !== 0) run.failed = true;
  }
  run.summary = readFileSync(summary, 'utf8');
  return run;
}

/** Runs a GitLab CI job's script as the runner's bash does: one shell, stopping at the first failing line. */
async function runGitlab(pipeline: GitlabPipeline, clone: string, tarball: string): Promise<PipelineRun> {
  const job = pipeline.careplan;
  const env = outsideEnv({
    ...pipeline.variables,
    ...job.variables,
    CAREPLAN_PACKAGE: tarball,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: clone,
  });
  const result = await shell(job.script.join('\n'), clone, env);
  const report = path.join(clone, job.artifacts.reports.junit);
  return {
    failed: result.exitCode !== 0,
    log: result.output,
    exitCodes: [result.exitCode],
    junit: existsSync(report) ? readFileSync(report, 'utf8') : undefined,
  };
}

interface GithubWorkflow {
  on: Record<string, unknown> & { push: { branches: string[] }; schedule: { cron: string }[] };
  env: Record<string, string>;
  jobs: Record<string, { steps: { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] }>;
}
interface GitlabPipeline {
  variables: Record<string, string>;
  careplan: {
    image: string;
    variables: Record<string, string | number>;
    script: string[];
    artifacts: { when: string; reports: { junit: string } };
  };
}

let scratch: string;
let tarball: string;
/** The empty folder careplan was installed into. */
let installed: string;
beforeAll(async () => {
  scratch = realpathSync(tempDir('careplan-package-'));
  const clone = path.join(scratch, 'clone');
  await cleanClone(clone);
  expect(existsSync(path.join(clone, 'dist'))).toBe(false);
  // With its scripts, as a release is packed: prepack builds dist/ in the clone.
  tarball = await pack(clone, scratch);
  installed = path.join(scratch, 'empty');
  mkdirSync(installed);
  await npmInstall(installed, ['--save-dev', tarball]);
}, 180_000);
afterAll(() => removeDir(scratch), 120_000);

describe('the packed careplan, installed outside the source tree', () => {
  it('ships the built code, the schemas and the data, and no sources or tests', async () => {
    const listed = (await outside(scratch, 'tar', ['-tzf', tarball])).stdout
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    expect(listed).toEqual(
      expect.arrayContaining([
        'package.json',
        'LICENSE',
        'bin/careplan.js',
        'dist/cli.js',
        'dist/validators.cjs',
        'dist/bundle/cli.cjs',
        'dist/bundle/loadWorker.cjs',
        'dist/bundle/cli.cjs.cache',
        'bin/loadBundle.js',
        'data/pre-commit.sh',
        'data/cqc-mapping.yaml',
        'schemas/plan.schema.json',
      ]),
    );
    expect(listed.filter((f) => /^(src|test|examples)\//.test(f) || f.endsWith('.map'))).toEqual([]);
    // The one script shipped: `prepare` is a no-op in an installed copy, should npm be allowed to run it there.
    expect(listed.filter((f) => f.startsWith('scripts/'))).toEqual(['scripts/prepare.js']);
  });

  it('installed in an empty folder, `careplan --version` runs the installed copy and prints the package version', async () => {
    const bin = realpathSync(path.join(installed, 'node_modules', '.bin', 'careplan'));
    expect(bin.startsWith(path.join(installed, 'node_modules', 'careplan') + path.sep)).toBe(true);
    const version = await outside(installed, path.join(installed, 'node_modules', '.bin', 'careplan'), ['--version']);
    expect(version).toMatchObject({ exitCode: 0, stdout: VERSION });
  });

  it('`careplan check --repo <a copy of the example>` prints its lapses (examples/README.md) and exits 1', async () => {
    const copy = path.join(scratch, 'sunrise-house');
    cpSync(EXAMPLE, copy, { recursive: true });
    await gitIn(copy, ['init', '--quiet', '--initial-branch=main']);
    await gitIn(copy, ['add', '-A']);
    await gitIn(copy, ['commit', '--quiet', '-m', 'Sunrise House records']);
    const check = await outside(installed, path.join(installed, 'node_modules', '.bin', 'careplan'), [
      'check',
      '--repo',
      copy,
      '--as-of',
      '2026-11-26',
    ]);
    expect(check.exitCode).toBe(1);
    const lapses = check.stdout
      .split('\n')
      .filter((l) => /^ {2}(error|warning) /.test(l))
      .map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(lapses).toEqual([
      'error escalation-missing',
      'error plan-changed-since-signoff',
      'warning plan-update-missing',
      'error review-overdue',
      'warning audit-action-overdue',
      'warning ack-missing',
    ]);
    expect(check.stdout).toContain('3 errors, 3 warnings: 7 people checked as of 2026-11-26T23:59.');
  });

  it('`npx careplan` works in a records repository that has careplan as a dev dependency, and node_modules/ is not a record', async () => {
    const init = await outside(installed, 'npx', ['--no-install', 'careplan', 'init', '.', '--provider', 'Test Home']);
    expect(init.stderr).not.toMatch(/error/i);
    expect(init.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).devDependencies.careplan).toMatch(/careplan-.*\.tgz$/);
    // init's .gitignore keeps the installed package out of git; package.json is the provider's to commit.
    expect((await gitIn(installed, ['status', '--porcelain'])).split('\n').sort()).toEqual(['?? package-lock.json', '?? package.json']);
    const check = await outside(installed, 'npx', ['--no-install', 'careplan', 'check']);
    expect(check).toMatchObject({ exitCode: 0, stderr: '' });
    expect(check.stdout).toMatch(/^No problems found: 0 people checked as of /m);
    expect(check.stdout).not.toContain('uncommitted');
  });

  // The records repository `npx careplan init` made above, with careplan as a dev dependency.
  describe('with the shipped pre-commit hook installed as docs/ci.md says', () => {
    beforeAll(async () => {
      await home(30, installed);
      const hook = path.join(installed, '.git', 'hooks', 'pre-commit');
      cpSync(path.join(installed, 'node_modules', 'careplan', 'data', 'pre-commit.sh'), hook);
      chmodSync(hook, 0o755);
    });
    const lastSubject = async () => (await gitIn(installed, ['log', '-1', '--format=%s'])).trim();

    it('a hand-made commit with an invalid record is refused, and the corrected one goes through', async () => {
      writeFiles(installed, { 'staff/s-carl.yaml': 'id: s-carl\nname: Carl\nroles: [carer]\nactive: true\n' });
      await gitIn(installed, ['add', 'staff/s-carl.yaml']);
      const refused = await outside(installed, 'git', ['commit', '-m', 'Add Carl']);
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout + refused.stderr).toMatch(/staff\/s-carl\.yaml[\s\S]*roles\[0\] must be one of/);
      expect(await lastSubject()).not.toBe('Add Carl');
      writeFiles(installed, { 'staff/s-carl.yaml': 'id: s-carl\nname: Carl\nroles: [care-staff]\nactive: true\n' });
      await gitIn(installed, ['add', 'staff/s-carl.yaml']);
      expect((await outside(installed, 'git', ['commit', '-m', 'Add Carl'])).exitCode).toBe(0);
      expect(await lastSubject()).toBe('Add Carl');
    });

    it("careplan's own commits too: `careplan outcome` adding to a list with a broken entry in the index is refused", async () => {
      const at = ago(1);
      const outcomes = `people/p-edith/outcomes/${at.slice(0, 7)}.yaml`;
      // An earlier entry by someone not on the roster: not this write's error, so careplan adds to
      // the file; committing it would put a broken record in the change trail, so the hook refuses.
      const broken = `- { at: ${at}, by: s-ghost, goal: mob-indep, result: improving }\n`;
      writeFiles(installed, { [outcomes]: broken });
      await gitIn(installed, ['add', outcomes]);
      const record = [
        '--no-install',
        'careplan',
        'outcome',
        'p-edith',
        '--goal',
        'mob-indep',
        '--result',
        'improving',
        '--at',
        at,
        '--as',
        's-ben',
      ];
      // careplan runs no hook of the repository's own accord (its .git may come from anyone): the
      // user opts in to the pre-commit hook, as docs/ci.md says.
      const refused = await outside(installed, 'npx', record, { CAREPLAN_PRE_COMMIT: '1' });
      // The trail or nothing: the hook's refusal undoes the write, and says why.
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toMatch(/could not commit[\s\S]*s-ghost[\s\S]*unknown-ref/);
      expect(refused.stderr).toContain('Nothing was written: what had been written was put back as it was.');
      expect(readFileSync(path.join(installed, outcomes), 'utf8')).toBe(broken);
      expect(await lastSubject()).toBe('Add Carl');

      writeFiles(installed, { [outcomes]: readFileSync(path.join(installed, outcomes), 'utf8').replace('s-ghost', 's-ben') });
      const recorded = await outside(installed, 'npx', record, { CAREPLAN_PRE_COMMIT: '1' });
      expect(recorded.exitCode, recorded.stderr).toBe(0);
      expect(recorded.stderr).not.toContain('not committed');
      expect(await gitIn(installed, ['log', '-1', '--format=%B'])).toContain('Careplan-Action: outcome');
      expect(await gitIn(installed, ['status', '--porcelain', '--', outcomes])).toBe('');
    });
  });
});

describe('the CI templates, run step by step against the packed careplan', () => {
  const origins: Record<'clean' | 'lapsed', string> = { clean: '', lapsed: '' };
  let github: GithubWorkflow;
  let gitlab: GitlabPipeline;
  beforeAll(async () => {
    [origins.clean, origins.lapsed, github, gitlab] = await Promise.all([
      home(30),
      home(40 * 24),
      template('github').then((t) => parseYaml(t.text)),
      template('gitlab').then((t) => parseYaml(t.text)),
    ]);
  }, 120_000);
  afterAll(() => Object.values(origins).forEach(removeDir), 60_000);

  async function clone(which: 'clean' | 'lapsed', name: string): Promise<string> {
    const dir = path.join(scratch, name);
    await gitIn(scratch, ['clone', '--quiet', origins[which], dir]);
    // node_modules restored as a CI cache would restore it (hard links to the installed copy):
    // the install step still runs, and npm still checks it against the tarball.
    await execa('cp', ['-al', path.join(installed, 'node_modules'), path.join(dir, 'node_modules')]);
    return dir;
  }

  it('pin the careplan that wrote them, in one variable, and run on the current Node LTS', () => {
    expect(github.env.CAREPLAN_PACKAGE).toBe(`careplan@${VERSION}`);
    expect(gitlab.variables.CAREPLAN_PACKAGE).toBe(`careplan@${VERSION}`);
    const steps = Object.values(github.jobs)[0].steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(CI_NODE);
    expect(gitlab.careplan.image).toBe(`node:${CI_NODE}`);
    for (const line of [...steps.map((s) => s.run ?? ''), ...gitlab.careplan.script]) expect(line).not.toMatch(/careplan@\d/);
  });

  it('GitHub: pull requests, pushes to the default branch only, every morning; the whole history for verify', () => {
    expect(Object.keys(github.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect(github.on.push).toEqual({ branches: ['main'] });
    expect(github.on.schedule).toEqual([{ cron: '0 6 * * *' }]);
    const steps = Object.values(github.jobs)[0].steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    expect(steps.filter((s) => s.run).map((s) => s.run!.trim().split('\n').pop())).toEqual([
      'echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"',
      'careplan validate',
      'careplan check --format github',
      expect.stringContaining('careplan check --fail-on never; echo \'```\'; } >> "$GITHUB_STEP_SUMMARY"'),
      'careplan verify',
    ]);
  });

  it('GitHub: a clean home passes every step, with a readable summary', async () => {
    const dir = await clone('clean', 'github-clean');
    const run = await runGithub(github, dir, tarball, path.join(scratch, 'github-clean-runner'));
    expect(run.failed, run.log).toBe(false);
    expect(run.exitCodes).toEqual([0, 0, 0, 0, 0]);
    expect(run.log).toContain('No problems found');
    expect(run.summary).toMatch(/^## careplan check\n```\n.*1 person checked as of .*\n```\n$/s);
  }, 60_000);

  it('GitHub: an overdue review fails the check step, annotated and in the summary; validate and verify still pass', async () => {
    const dir = await clone('lapsed', 'github-lapsed');
    const run = await runGithub(github, dir, tarball, path.join(scratch, 'github-lapsed-runner'));
    expect(run.failed).toBe(true);
    expect(run.exitCodes).toEqual([0, 0, 1, 0, 0]);
    expect(run.log).toMatch(/^::error file=people\/p-edith\/plan\.yaml,line=\d+,title=review-overdue \(p-edith\)::/m);
    expect(run.summary).toMatch(/error +review-overdue +plan review was due/);
  }, 60_000);

  it('GitLab: a clean home passes, with an empty-of-failures JUnit report', async () => {
    const dir = await clone('clean', 'gitlab-clean');
    const run = await runGitlab(gitlab, dir, tarball);
    expect(run.failed, run.log).toBe(false);
    expect(run.log).toContain('No problems found');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(run.junit ?? '');
    expect(junit.testsuites['@_failures']).toBe('0');
  }, 60_000);

  it('GitLab: an overdue review fails the job, readable in the log, and the JUnit report holds it', async () => {
    const dir = await clone('lapsed', 'gitlab-lapsed');
    const run = await runGitlab(gitlab, dir, tarball);
    expect(run.exitCodes).toEqual([1]);
    expect(run.log).toMatch(/error +review-overdue +plan review was due/);
    expect(run.log).toContain('fix: review the plan with p-edith');
    expect(run.junit).toContain('review-overdue');
    expect(new XMLParser({ ignoreAttributes: false }).parse(run.junit ?? '').testsuites['@_failures']).not.toBe('0');
  }, 60_000);
});
