import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, gitIn, read, removeDir, tempDir, writeFiles } from '../helpers/repo.js';
import { commitCount, lastCommit, SEED_PLAN, seedRepo, workingTreeChanges } from '../helpers/records.js';

/** A refused write: exit 2, a message that says what to do, and nothing written or committed. */
async function expectRefused(
  dir: string,
  args: string[],
  says: RegExp[],
  env: Record<string, string> = {},
  now?: () => number,
): Promise<string> {
  const before = await commitCount(dir);
  const result = await careplan(args, { cwd: dir, env, now });
  expect(result.exitCode, result.stderr).toBe(2);
  for (const pattern of says) expect(result.stderr).toMatch(pattern);
  expect(await commitCount(dir)).toBe(before);
  expect(await workingTreeChanges(dir)).toBe('');
  return result.stderr;
}

describe('refused writes', () => {
  let signed: string;
  let unsigned: string;
  beforeAll(async () => {
    signed = await seedRepo();
    unsigned = await seedRepo({ signed: false });
  });
  afterAll(() => {
    removeDir(signed);
    removeDir(unsigned);
  });

  it('refuses a sign-off by someone without a sign-off role, naming who can', async () => {
    await expectRefused(
      unsigned,
      ['signoff', 'p-edith', '--as', 's-ben'],
      [
        /s-ben \(Ben Hollis, key-worker\) cannot sign plans off/,
        /policy\.signoff_roles allows only registered-manager/,
        /Ask s-amina \(Amina Okafor\) to review the plan and run: careplan signoff p-edith/,
      ],
    );
  });

  it('refuses to sign off a plan that leaves a need without an action, or breaks a record rule', async () => {
    const plan = structuredClone(SEED_PLAN);
    plan.needs[1].actions[0].status = 'stopped';
    const incomplete = await seedRepo({ signed: false, plan });
    try {
      await expectRefused(
        incomplete,
        ['signoff', 'p-edith', '--as', 's-amina'],
        [
          /p-edith's plan is not ready to sign off/,
          /need nutrition has no active action: nothing in the plan says how it is met \[need-unaddressed\]/,
          /people\/p-edith\/plan.yaml:\d+/,
          /Send it back to the key worker \(s-ben\)/,
        ],
      );
    } finally {
      removeDir(incomplete);
    }

    writeFiles(unsigned, { 'people/p-edith/plan.yaml': `${read(unsigned, 'people/p-edith/plan.yaml')}reviewd: yes\n` });
    await gitIn(unsigned, ['commit', '-qam', 'typo']);
    await expectRefused(unsigned, ['signoff', 'p-edith', '--as', 's-amina'], [/plan.yaml is not a valid plan/, /unknown key `reviewd`/]);
    await gitIn(unsigned, ['reset', '-q', '--hard', 'HEAD~1']);
  });

  it('refuses an unknown person and ids that are not ids, saying how to find the right one', async () => {
    await expectRefused(
      signed,
      ['outcome', 'p-nobody', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'improving'],
      [/There is no person p-nobody/, /careplan person list/],
    );
    await expectRefused(
      signed,
      ['outcome', '../../etc', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'improving'],
      [/person id "\.\.\/\.\.\/etc" is not a valid id/],
    );
    await expectRefused(
      signed,
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', '../../x', '--result', 'improving'],
      [/goal id "\.\.\/\.\.\/x" is not a valid id/],
    );
    await expectRefused(
      signed,
      ['staff', 'add', '../evil', '--name', 'X', '--role', 'care-staff'],
      [/staff id "\.\.\/evil" is not a valid id/],
    );
    await expectRefused(
      signed,
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-run', '--result', 'improving'],
      [/--goal mob-run is not a goal of p-edith's plan/, /Goals: mob-indep, nut-fluids/],
    );
  });

  it('refuses to record without knowing who acts, and says how to set it', async () => {
    const stderr = await expectRefused(
      signed,
      ['outcome', 'p-edith', '--goal', 'mob-indep', '--result', 'improving'],
      [/careplan needs to know who is recording an outcome: git's email author@test.example matches no staff member/],
      { CAREPLAN_AS: '' },
    );
    expect(stderr).toContain('Pass --as STAFF-ID, set CAREPLAN_AS=STAFF-ID');
    await expectRefused(
      signed,
      ['outcome', 'p-edith', '--as', 's-zed', '--goal', 'mob-indep', '--result', 'improving'],
      [/--as names s-zed, who is not on the staff roster/, /careplan staff add s-zed/],
    );
  });

  it('refuses an acknowledgement of a plan that is not approved', async () => {
    await expectRefused(
      unsigned,
      ['ack', 'p-edith', '--as', 's-carl'],
      [/Staff confirm only an approved plan/, /p-edith: plan is unsigned/, /careplan signoff PERSON/],
    );
  });

  it('names the flag for a missing value when there is no terminal', async () => {
    await expectRefused(
      signed,
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-indep'],
      [/No value for "Result"/, /Pass --result improving \(there is no terminal to ask on\)/],
    );
    await expectRefused(
      signed,
      ['review', 'p-edith', '--as', 's-ben', '--kind', 'plan', '--with-person', '--result', 'no-change', '--trigger', 'scheduled'],
      [/Pass --findings/],
    );
  });

  it('refuses a record dated after now, or judged as of a later moment (SPEC 5.1)', async () => {
    const now = () => Date.parse('2026-11-10T09:00:00Z');
    const outcome = ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'improving'];
    await expectRefused(
      signed,
      [...outcome, '--at', '2026-11-10T09:01'],
      [/--at 2026-11-10 09:01 is later than now \(2026-11-10 09:00\); a record says what has happened/],
      {},
      now,
    );
    await expectRefused(
      signed,
      [...outcome, '--as-of', '2026-11-12'],
      [/--as-of 2026-11-12 23:59 is later than now \(2026-11-10 09:00\)/],
      {},
      now,
    );
    await expectRefused(
      signed,
      [...outcome, '--at', '2026-11-02T12:00', '--as-of', '2026-11-01'],
      [/--at 2026-11-02 12:00 is after --as-of 2026-11-01 23:59/],
      {},
      now,
    );
  });
});

describe('where the record goes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  it('commits only the touched file, leaving other staged and unstaged changes alone', async () => {
    writeFiles(dir, {
      'staff/s-ben.yaml': `${read(dir, 'staff/s-ben.yaml')}notes: staged change\n`,
      'staff/s-dana.yaml': `${read(dir, 'staff/s-dana.yaml')}notes: unstaged change\n`,
    });
    await gitIn(dir, ['add', 'staff/s-ben.yaml']);
    const result = await careplan(['outcome', 'p-edith', '--goal', 'mob-indep', '--result', 'improving', '--at', '2026-11-02T12:40'], {
      cwd: dir,
      env: { GIT_AUTHOR_EMAIL: 'carl@sunrise.example' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const commit = await lastCommit(dir);
    expect(commit.files).toEqual(['people/p-edith/outcomes/2026-11.yaml']);
    // Who acted came from git's email.
    expect(commit.trailers['Careplan-By']).toEqual(['s-carl']);
    expect(await workingTreeChanges(dir)).toBe('M  staff/s-ben.yaml\n M staff/s-dana.yaml'.trim());
    await gitIn(dir, ['checkout', '-q', 'HEAD', '--', 'staff']);
  });

  it('appends after a hand-written outcome file without changing a byte of it', async () => {
    const file = 'people/p-edith/outcomes/2026-10.yaml';
    const original =
      '# October. Jo asked us to note every walk; keep this comment.\n- at: 2026-10-30T12:40   # first walk after admission\n  ' +
      "by: s-carl\n  goal: mob-indep\n  result: improving   # with her frame\n  # she said it was 'a proper stroll'\n";
    writeFiles(dir, { [file]: original });
    await gitIn(dir, ['add', file]);
    await gitIn(dir, ['commit', '-qm', 'hand-written']);
    for (const at of ['2026-10-31T12:40', '2026-10-31T18:00']) {
      const result = await careplan(['outcome', 'p-edith', '--as', 's-carl', '--goal', 'mob-indep', '--result', 'no-change', '--at', at], {
        cwd: dir,
      });
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const text = read(dir, file);
    expect(text.startsWith(original)).toBe(true);
    expect(text.slice(original.length)).toBe(
      '- at: 2026-10-31T12:40\n  by: s-carl\n  goal: mob-indep\n  result: no-change\n' +
        '- at: 2026-10-31T18:00\n  by: s-carl\n  goal: mob-indep\n  result: no-change\n',
    );
  });

  it('writes without committing with --no-commit, and takes who acts from CAREPLAN_AS', async () => {
    const before = await commitCount(dir);
    const result = await careplan(
      ['outcome', 'p-edith', '--goal', 'nut-fluids', '--result', 'no-change', '--no-commit', '--at', '2026-11-02T15:00'],
      { cwd: dir, env: { CAREPLAN_AS: 's-carl' } },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await commitCount(dir)).toBe(before);
    expect(await workingTreeChanges(dir)).toBe('M people/p-edith/outcomes/2026-11.yaml');
    expect(read(dir, 'people/p-edith/outcomes/2026-11.yaml')).toContain(
      '- at: 2026-11-02T15:00\n  by: s-carl\n  goal: nut-fluids\n  result: no-change\n',
    );
  });

  it('outside git: refuses, naming --no-commit as the only way to write without a trail', async () => {
    const plain = path.join(tempDir('careplan-nogit-'), 'records');
    cpSync(dir, plain, { recursive: true });
    rmSync(path.join(plain, '.git'), { recursive: true });
    const args = [
      'feedback',
      '--as',
      's-ben',
      '--from',
      'person',
      '--person',
      'p-edith',
      '--sentiment',
      'positive',
      '--text',
      'Likes her new room',
      '--at',
      '2026-11-03T10:00',
    ];
    try {
      const refused = await careplan(args, { cwd: plain });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain('is not in a git repository, so this change would have no change trail');
      expect(refused.stderr).toContain('or pass --no-commit to write without committing');
      expect(existsSync(path.join(plain, 'feedback/2026-11-03-person-p-edith.yaml'))).toBe(false);
      const written = await careplan([...args, '--no-commit'], { cwd: plain });
      expect(written.exitCode, written.stderr).toBe(0);
      expect(read(plain, 'feedback/2026-11-03-person-p-edith.yaml')).toContain('text: Likes her new room\n');
    } finally {
      removeDir(path.dirname(plain));
    }
  });
});
