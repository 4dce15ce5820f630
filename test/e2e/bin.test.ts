import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplanBin, gitIn, removeDir, tempDir, writeFiles, type RunResult } from '../helpers/repo.js';

/**
 * The thin tier: every command once through the real process (bin/careplan.js running dist/,
 * which test/setup/dist.ts builds from src/ first). It holds what in-process tests cannot: the
 * build and the bin work, exit codes reach the shell, results go to stdout and status to stderr.
 * What each command does is tested in-process (test/e2e/*.test.ts through run(argv, io)).
 */
describe('bin/careplan.js: each command once, as a process', () => {
  let root: string;
  let repo: string;
  const input = (name: string) => path.join(root, name);
  const inRepo = (args: string[]) => careplanBin(args, { cwd: repo });

  beforeAll(() => {
    root = tempDir('careplan-bin-');
    repo = path.join(root, 'home');
    writeFiles(root, {
      'needs.yaml': 'needs:\n  - { id: mobility, domain: mobility, description: Unsteady walking, preferences: [Walks to lunch] }\n',
      'plan.yaml':
        'about_me: Retired teacher.\nneeds:\n  - need: mobility\n    actions: [{ id: mob-walk, description: ' +
        'Walk beside her to lunch }]\n    goals: [{ id: mob-indep, description: Walks to lunch unaided }]\n',
    });
  });
  afterAll(() => removeDir(root));

  /** A write: exit 0, what was recorded on stdout, no warning on stderr, one commit (on the last) with the action's trailer. */
  async function records(args: string[], action: string, says: RegExp): Promise<RunResult> {
    const before = await head();
    const result = await inRepo(args);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(says);
    expect(result.stderr).not.toMatch(/warning|error/);
    expect(await head()).toEqual({ sha: expect.not.stringMatching(before.sha), parent: before.sha, action });
    return result;
  }

  /** The newest commit, its parent and its Careplan-Action trailer, in one git run. */
  async function head(): Promise<{ sha: string; parent: string; action: string }> {
    const [sha, parent = '', action = ''] = (await gitIn(repo, ['log', '-1', '--format=%H%n%P%n%(trailers:key=Careplan-Action,valueonly)']))
      .trim()
      .split('\n');
    return { sha, parent, action };
  }

  it('init: the summary on stdout, what to do next on stderr', async () => {
    const result = await careplanBin(['init', 'home', '--provider', 'Smoke House'], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`Created a careplan records repository for Smoke House in ${repo}`);
    expect(result.stderr).toMatch(/^Next: add your staff/);
  });

  // Each write command once, in the order a home starts: [what, arguments, Careplan-Action, stdout says].
  const writes: [string, () => string[], string, RegExp][] = [
    [
      'staff add',
      () => ['staff', 'add', 's-amina', '--name', 'Amina Okafor', '--role', 'registered-manager', '--as', 's-amina'],
      'staff-add',
      /^Added s-amina/,
    ],
    [
      'staff add (a second)',
      () => ['staff', 'add', 's-ben', '--name', 'Ben Hollis', '--role', 'key-worker,shift-lead', '--as', 's-amina'],
      'staff-add',
      /^Added s-ben/,
    ],
    [
      'person add',
      () => ['person', 'add', 'p-edith', '--name', 'Edith Clarke', '--admitted', '2026-10-28', '--key-worker', 's-ben', '--as', 's-amina'],
      'person-add',
      /^Added p-edith/,
    ],
    [
      'assess',
      () => ['assess', 'p-edith', '--as', 's-ben', '--from', input('needs.yaml'), '--with-person', '--at', '2026-10-28T14:00'],
      'assess',
      /^Recorded the initial assessment/,
    ],
    [
      'plan create',
      () => ['plan', 'create', 'p-edith', '--as', 's-ben', '--from', input('plan.yaml'), '--at', '2026-10-29T10:00'],
      'plan-create',
      /^Drafted p-edith's plan/,
    ],
    ['signoff', () => ['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-10-29T16:20'], 'signoff', /^Signed off version 1/],
    ['ack', () => ['ack', 'p-edith', '--as', 's-ben', '--at', '2026-10-30T08:00'], 'ack', /First confirmation: the whole plan/],
    [
      'agree',
      () => ['agree', 'p-edith', '--as', 's-ben', '--by', 'person', '--method', 'verbal', '--at', '2026-10-30T11:00'],
      'agree',
      /p-edith/,
    ],
    [
      'outcome',
      () => [
        'outcome',
        'p-edith',
        '--as',
        's-ben',
        '--goal',
        'mob-indep',
        '--result',
        'improving',
        '--at',
        '2026-11-02T12:40',
        '--as-of',
        '2026-11-02T13:00',
      ],
      'outcome',
      /^Recorded improving for p-edith/,
    ],
    [
      'review',
      () => ['review', 'p-edith', '--kind', 'outcomes', '--as', 's-ben', '--trend', 'mob-indep=improving', '--at', '2026-11-05T15:00'],
      'review',
      /Recorded the weekly outcome review/,
    ],
    [
      'escalate',
      () => ['escalate', 'p-edith', '--as', 's-ben', '--reason', 'Fell twice', '--at', '2026-11-05T18:00'],
      'escalate',
      /^Recorded the escalation/,
    ],
    ['spotcheck', () => ['spotcheck', '--as', 's-ben', '--people', 'p-edith', '--at', '2026-11-06T10:00'], 'spotcheck', /p-edith/],
    [
      'feedback',
      () => [
        'feedback',
        '--as',
        's-ben',
        '--from',
        'family',
        '--person',
        'p-edith',
        '--sentiment',
        'positive',
        '--text',
        'Lovely',
        '--at',
        '2026-11-06T11:00',
      ],
      'feedback',
      /^Recorded positive feedback/,
    ],
    [
      'supervise',
      () => ['supervise', 's-ben', '--as', 's-amina', '--findings', 'Plans read and followed', '--at', '2026-11-06T12:00'],
      'supervise',
      /^Recorded s-amina's supervision of s-ben/,
    ],
    [
      'audit --save',
      () => ['audit', '--month', '2026-10', '--save', '--as', 's-amina', '--action', 'Goals;s-ben;2026-11-20', '--as-of', '2026-11-07'],
      'audit',
      /^Monthly audit/,
    ],
    [
      'audit action',
      () => ['audit', 'action', '2026-10', '1', '--done', '--as', 's-amina', '--at', '2026-11-07T23:59', '--as-of', '2026-11-07'],
      'audit-action',
      /^Closed action 1 of the audit of 2026-10 as done/,
    ],
  ];
  for (const [what, args, action, says] of writes) {
    it(`${what}: writes and commits its record`, async () => {
      await records(args(), action, says);
    });
  }

  it("git commits in the machine's time zone, though careplan reads local times in the home's (src/localTime.ts)", async () => {
    // The home is in Europe/London (GMT in November); the machine says Lima (UTC-5), as git shows.
    const args = ['outcome', 'p-edith', '--as', 's-ben', '--goal', 'mob-indep', '--result', 'no-change'];
    const result = await careplanBin([...args, '--at', '2026-11-02T14:00', '--as-of', '2026-11-02T15:00'], {
      cwd: repo,
      env: { TZ: 'America/Lima' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await gitIn(repo, ['log', '-1', '--format=%ad %cd', '--date=format:%z'])).toMatch(/^-0500 -0500\s*$/);
  });

  it('the reports print to stdout only and exit 0 (validate, check, due, audit, verify, history, handover, lists, plan show)', async () => {
    const reports: [string[], RegExp][] = [
      [['validate', '--as-of', '2026-11-07'], /^No problems found \(\d+ files checked\)\.$/],
      [['check', '--as-of', '2026-11-07', '--format', 'json'], /"findings"/],
      [['due', '--as-of', '2026-11-07'], /p-edith/],
      [['audit', '--month', '2026-10', '--as-of', '2026-11-07'], /^Monthly audit: Smoke House, October 2026/],
      [['verify'], /No problems found/],
      [['history', 'p-edith'], /^Change trail of p-edith from git/],
      [['handover', '--as-of', '2026-11-06T12:00', '--since', '2026-11-05T00:00'], /^Handover: since 2026-11-05 00:00/],
      [['staff', 'list'], /s-amina\s+Amina Okafor/],
      [['person', 'list'], /p-edith\s+Edith Clarke/],
      [['plan', 'show', 'p-edith', '--as-of', '2026-11-07'], /^Edith Clarke, p-edith\nPlan version 1: approved/],
    ];
    // Read-only, so all at once.
    const results = await Promise.all(reports.map(([args]) => inRepo(args)));
    for (const [i, [args, says]] of reports.entries()) {
      const result = results[i];
      expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(says);
      expect(result.stderr, args.join(' ')).toBe('');
    }
  });

  it('exit codes reach the shell: 1 for findings at --fail-on, 2 for usage errors, with the error on stderr only', async () => {
    // By March the plan review is overdue: an error.
    const findings = await inRepo(['check', '--as-of', '2027-03-01']);
    expect(findings.exitCode).toBe(1);
    expect(findings.stdout).toContain('review-overdue');
    expect(findings.stderr).toBe('');
    for (const args of [
      ['check', '--format', 'xml'],
      ['frobnicate'],
      ['outcome', 'p-nobody', '--as', 's-ben', '--goal', 'g', '--result', 'improving'],
    ]) {
      const result = await inRepo(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(/error/);
      expect(result.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('person discharge', async () => {
    await records(
      ['person', 'discharge', 'p-edith', '--on', '2026-11-07', '--as', 's-amina'],
      'person-discharge',
      /^Discharged p-edith on 2026-11-07/,
    );
  });

  it('--version and --help', async () => {
    expect(await careplanBin(['--version'])).toEqual({ exitCode: 0, stdout: '0.1.0', stderr: '' });
    const help = await careplanBin(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: careplan/);
    expect(help.stdout).toMatch(/Examples:\n/);
  });
});
