import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { careplan, fixtureRepo, gitRepo, removeDir, writeFiles, gitIn, PROJECT, type FixtureRepo } from '../helpers/repo.js';
import { planHash } from '../../src/model/planHash.js';

const PLAN = {
  version: 1,
  assessment: '2026-11-01-initial',
  author: 's-ben',
  updated: '2026-11-02T10:00',
  about_me: 'Likes crosswords.',
  needs: [
    {
      need: 'mobility',
      preferences: ['Walks to lunch'],
      actions: [{ id: 'mob-walk', description: 'Walk beside her', status: 'active' }],
      goals: [{ id: 'mob-indep', description: 'Walks unaided', status: 'active' }],
    },
  ],
};

/** The clock for the tests below: after the records of early December (nothing can be recorded after the clock). */
const DECEMBER = () => Date.parse('2026-12-07T12:00:00Z');

/** A small home: one person whose plan was signed on 2 November and never reviewed since. */
function records(): Record<string, string> {
  const hash = planHash(PLAN);
  const agreement = `- { version: 1, plan: "${hash}", by: person, at: 2026-11-03T11:00, recorded_by: s-ben, method: verbal }\n`;
  return {
    'careplan.yaml': 'provider: { name: Test Home }\n',
    'staff/s-amina.yaml': 'id: s-amina\nname: Amina\nroles: [registered-manager]\nactive: true\n',
    'staff/s-ben.yaml': 'id: s-ben\nname: Ben\nroles: [key-worker, shift-lead]\nactive: true\n',
    'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\nadmitted: 2026-11-01\nkey_worker: s-ben\nteam: [s-ben]\nstatus: active\n',
    'people/p-edith/assessments/2026-11-01-initial.yaml':
      'type: initial\nat: 2026-11-01T10:00\nby: s-ben\nwith_person: true\n' +
      'needs:\n  - { id: mobility, domain: mobility, description: Unsteady }\n',
    'people/p-edith/plan.yaml': `${JSON.stringify(PLAN)}\n`,
    'people/p-edith/signoffs.yaml': `- { version: 1, plan: "${hash}", by: s-amina, at: 2026-11-02T16:00 }\n`,
    'people/p-edith/acknowledgements.yaml': `- { staff: s-ben, version: 1, plan: "${hash}", at: 2026-11-03T08:00 }\n`,
    'people/p-edith/agreements.yaml': agreement,
    'people/p-edith/outcomes/2026-12.yaml': '- { at: 2026-12-05T12:00, by: s-ben, goal: mob-indep, result: improving }\n',
    'people/p-edith/reviews/2026-12-05-outcomes.yaml':
      'kind: outcomes\nat: 2026-12-05T15:00\nby: s-ben\nperiod: { from: 2026-11-28, to: 2026-12-04 }\n' +
      'goals: [{ goal: mob-indep, trend: improving }]\nplan_update_needed: false\n',
    'spotchecks/2026-12-04-s-ben.yaml': 'at: 2026-12-04T10:00\nby: s-ben\npeople: [p-edith]\nfindings: []\n',
    'audits/2026-11.yaml':
      'month: 2026-11\nsaved_at: 2026-12-02T10:00\nsaved_by: s-amina\nmetrics: {}\nfindings: { by_rule: {} }\nactions: []\n',
  };
}

// The small home, committed once; tests that change it take a copy.
let home: FixtureRepo;
beforeAll(async () => {
  home = await fixtureRepo(records());
});
afterAll(() => home.remove());

describe('careplan check on a temporary repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = home.dir;
  });

  it('finds the overdue review, exits 1 by default and 0 with --fail-on never', async () => {
    const result = await careplan(['check', '--as-of', '2026-12-06', '--format', 'json'], { cwd: repo, now: DECEMBER });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toMatchObject({ errors: 1, people: 1 });
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['review-overdue']);
    expect(report.findings[0]).toMatchObject({ severity: 'error', person: 'p-edith', file: 'people/p-edith/plan.yaml', due: '2026-11-30' });
    expect((await careplan(['check', '--as-of', '2026-12-06', '--fail-on', 'never'], { cwd: repo, now: DECEMBER })).exitCode).toBe(0);
  });

  it('a plan review two days before it falls due is a warning, not an error: exit 0', async () => {
    const reviewed = home.copy();
    writeFiles(reviewed, {
      'people/p-edith/reviews/2026-11-10-plan.yaml':
        'kind: plan\nat: 2026-11-10T11:00\nby: s-ben\nwith_person: true\n' +
        'trigger: scheduled\nfindings: Walking better.\nresult: no-change\n',
    });
    await gitIn(reviewed, ['add', '-A']);
    await gitIn(reviewed, ['commit', '--quiet', '-m', 'review']);
    const result = await careplan(['check', '--as-of', '2026-12-06'], { cwd: reviewed, now: DECEMBER });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('review-due');
    expect(result.stdout).toContain('plan review is due 2026-12-08, in 2 days');
    expect(result.stdout.trim().split('\n').pop()).toBe('0 errors, 1 warning: 1 person checked as of 2026-12-06T23:59.');
  });

  it('--format github writes one workflow annotation per finding on the file and line', async () => {
    const result = await careplan(['check', '--as-of', '2026-12-06', '--format', 'github'], { cwd: repo, now: DECEMBER });
    expect(result.exitCode).toBe(1);
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    const match = /^::(error|warning) file=([^,]+),line=(\d+),title=([^:]+)::(.*)$/.exec(annotations[0]);
    expect(match).not.toBeNull();
    expect(match![1]).toBe('error');
    expect(match![2]).toBe('people/p-edith/plan.yaml');
    expect(Number(match![3])).toBeGreaterThan(0);
    expect(match![4]).toBe('review-overdue (p-edith)');
    expect(match![5]).toContain('plan review was due 2026-11-30');
  });

  it('--format junit writes valid JUnit XML: a suite per person, a case per rule, failures for errors', async () => {
    const result = await careplan(['check', '--as-of', '2026-12-06', '--format', 'junit'], { cwd: repo, now: DECEMBER });
    expect(result.exitCode).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(result.stdout);
    const suites = [xml.testsuites.testsuite].flat();
    expect(suites.map((s: { name: string }) => s.name)).toEqual(['home', 'p-edith']);
    const edith = suites.find((s: { name: string }) => s.name === 'p-edith');
    const cases = [edith.testcase].flat();
    expect(Number(edith.tests)).toBe(cases.length);
    expect(cases.map((c: { name: string }) => c.name)).toContain('ack-missing');
    const failing = cases.filter((c: { failure?: unknown }) => c.failure);
    expect(failing.map((c: { name: string }) => c.name)).toEqual(['review-overdue']);
    expect(Number(xml.testsuites.failures)).toBe(1);
    expect(failing[0].failure.type).toBe('review-overdue');
  });

  it('--person narrows the report; an unknown person is a usage error', async () => {
    const result = await careplan(['check', '--as-of', '2026-12-06', '--person', 'p-edith', '--format', 'json'], {
      cwd: repo,
      now: DECEMBER,
    });
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    const unknown = await careplan(['check', '--person', 'p-nobody'], { cwd: repo });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('there is no people/p-nobody/');
  });

  it('reports uncommitted record changes, and an --as-of it cannot read is a usage error', async () => {
    const dirty = home.copy();
    writeFiles(dirty, {
      'feedback/2026-12-05-visit.yaml': 'at: 2026-12-05T10:00\nfrom: family\nsentiment: positive\ntext: Lovely visit.\n',
    });
    const result = await careplan(['check', '--format', 'json'], { cwd: dirty, now: DECEMBER });
    const uncommitted = JSON.parse(result.stdout).findings.filter((f: { rule: string }) => f.rule === 'uncommitted');
    expect(uncommitted).toHaveLength(1);
    expect(uncommitted[0].message).toContain('feedback/2026-12-05-visit.yaml');
    // Looking back, git's state today says nothing about then (as in the audit).
    const then = await careplan(['check', '--as-of', '2026-12-06', '--format', 'json'], { cwd: dirty, now: DECEMBER });
    expect(JSON.parse(then.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('uncommitted');
    const bad = await careplan(['check', '--as-of', 'next tuesday'], { cwd: dirty });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--as-of "next tuesday" is not a date or timestamp');
  });

  it('due lists the overdue review and what comes due, soonest first', async () => {
    const result = await careplan(['due', '--as-of', '2026-12-06', '--within', '7', '--json'], { cwd: repo, now: DECEMBER });
    expect(result.exitCode).toBe(0);
    const { items } = JSON.parse(result.stdout);
    expect(items[0]).toMatchObject({ what: 'plan review', person: 'p-edith', due: '2026-11-30', overdue: true });
    const dues = items.map((i: { due: string }) => i.due);
    expect(dues).toEqual([...dues].sort());
    expect(items.some((i: { what: string }) => i.what === 'weekly outcome review')).toBe(true);
    const table = await careplan(['due', '--as-of', '2026-12-06'], { cwd: repo, now: DECEMBER });
    expect(table.stdout).toContain('plan review');
    expect(table.stdout).toContain('OVERDUE');
  });
});

describe('CI set-ups', () => {
  it('records in a sub-folder: `init --ci github` writes the workflow at the top, where GitHub reads it, with --repo', async () => {
    const dir = await gitRepo({ 'README.md': 'records\n' });
    await gitIn(dir, ['branch', '--move', 'trunk']);
    const init = await careplan(['init', 'records', '--provider', 'Test Home', '--ci', 'github'], { cwd: dir });
    expect(init.exitCode).toBe(0);
    expect((await gitIn(dir, ['ls-files'])).split('\n').filter((f) => f.includes('.github/'))).toEqual(['.github/workflows/careplan.yml']);
    const workflow = parseYaml(readFileSync(path.join(dir, '.github/workflows/careplan.yml'), 'utf8'));
    expect(workflow.on.push).toEqual({ branches: ['trunk'] });
    const runs: string[] = workflow.jobs.careplan.steps.map((s: { run?: string }) => s.run ?? '');
    const commands = runs.filter((r) => /^careplan [^\n]+$/.test(r)).map((r) => r.split(' ').slice(1));
    expect(commands).toEqual([
      ['validate', '--repo', 'records'],
      ['check', '--repo', 'records', '--format', 'github'],
      ['verify', '--repo', 'records'],
    ]);
    writeFiles(path.join(dir, 'records'), records());
    const check = await careplan([...commands[1], '--as-of', '2026-12-06'], { cwd: dir, now: DECEMBER });
    expect(check.stdout).toMatch(/^::error file=records\/people\/p-edith\/plan\.yaml,line=\d+,title=review-overdue/m);
    removeDir(dir);
  });

  it('records in a sub-folder: `init --ci gitlab` writes the pipeline at the top, with --repo and a JUnit report', async () => {
    const dir = await gitRepo({ 'README.md': 'records\n' });
    await careplan(['init', 'records', '--provider', 'Test Home', '--ci', 'gitlab'], { cwd: dir });
    const pipeline = parseYaml(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8'));
    expect(pipeline.careplan.script.filter((line: string) => line.startsWith('careplan '))).toEqual([
      'careplan check --repo records --format junit > careplan-junit.xml || [ $? -eq 1 ]',
      'careplan validate --repo records',
      'careplan check --repo records',
      'careplan verify --repo records',
    ]);
    expect(pipeline.careplan.artifacts.reports.junit).toBe('careplan-junit.xml');
    removeDir(dir);
  });

  it('the pre-commit hook refuses a commit with an invalid record and lets a valid one through', async () => {
    const repo = home.copy();
    const hook = readFileSync(path.join(PROJECT, 'data/pre-commit.sh'), 'utf8');
    writeFiles(repo, { '.git/hooks/pre-commit': hook });
    await gitIn(repo, ['update-index', '--chmod=+x', '--add', '--', 'careplan.yaml']).catch(() => undefined);
    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(repo, '.git/hooks/pre-commit'), 0o755);
    const env = { CAREPLAN: `node ${path.join(PROJECT, 'bin/careplan.js')}` };
    const { execa } = await import('execa');
    const gitEnv = {
      ...env,
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@x',
      NO_COLOR: '1',
    };

    writeFiles(repo, { 'staff/s-carl.yaml': 'id: s-carl\nname: Carl\nroles: [carer]\nactive: true\n' });
    await execa('git', ['add', 'staff/s-carl.yaml'], { cwd: repo });
    const refused = await execa('git', ['commit', '-m', 'add Carl'], { cwd: repo, env: gitEnv, reject: false });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('staff/s-carl.yaml');
    expect(refused.stdout + refused.stderr).toContain('roles[0] must be one of');
    expect(await gitIn(repo, ['log', '--oneline'])).not.toContain('add Carl');

    writeFiles(repo, { 'staff/s-carl.yaml': 'id: s-carl\nname: Carl\nroles: [care-staff]\nactive: true\n' });
    await execa('git', ['add', 'staff/s-carl.yaml'], { cwd: repo });
    const accepted = await execa('git', ['commit', '-m', 'add Carl'], { cwd: repo, env: gitEnv, reject: false });
    expect(accepted.exitCode).toBe(0);
    expect(await gitIn(repo, ['log', '--oneline'])).toContain('add Carl');
  });
});
