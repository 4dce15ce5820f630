import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { seedRepo } from '../helpers/records.js';
import { GIT_ENV, removeDir } from '../helpers/repo.js';

/**
 * `careplan outcome` shows what the entry changes: the person rules judged on the repository as it
 * is after the write, less what they found before it. In process, on a real git repository.
 */

/** `careplan outcome PERSON --as STAFF --goal GOAL --result improving --at AT --as-of AT` and more, in process. */
async function record(repo: string, person: string, staff: string, goal: string, at: string, ...more: string[]) {
  return outcome(repo, [person, '--as', staff, '--goal', goal, '--result', 'improving', '--at', at, '--as-of', at, ...more]);
}

async function outcome(repo: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: repo,
    env: { NO_COLOR: '1', ...GIT_ENV },
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => Date.parse('2026-11-30T12:00:00Z'),
  };
  const code = await run(['outcome', ...args, '--no-input'], io);
  return { code, stdout, stderr };
}

describe('careplan outcome: warnings from the person rules', { timeout: 60_000 }, () => {
  // p-edith's plan signed off 2026-10-29T16:20; s-carl confirmed it, s-ben (her key worker) has not.
  let signed: string;
  let unsigned: string;
  beforeAll(async () => {
    [signed, unsigned] = await Promise.all([seedRepo(), seedRepo({ signed: false })]);
  });
  afterAll(() => {
    removeDir(signed);
    removeDir(unsigned);
  });

  it("care by someone who confirmed the plan: nothing to say, though older findings stand (s-ben's ack-missing)", async () => {
    const r = await record(signed, 'p-edith', 's-carl', 'mob-indep', '2026-11-02T12:40');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Recorded improving for p-edith \(goal mob-indep\) in people\/p-edith\/outcomes\/2026-11\.yaml\. \(commit /);
    expect(r.stderr).toBe('');
  });

  it('care by someone who has not confirmed the plan: care-without-ack with its fix, again at the next entry', async () => {
    const first = await record(signed, 'p-edith', 's-ben', 'mob-indep', '2026-11-02T13:00');
    expect(first.stderr).toBe(
      'careplan: warning: s-ben recorded 1 outcome entry from 2026-11-02T13:00 without having confirmed version 1 of the plan' +
        ' [care-without-ack]\n' +
        '  fix: s-ben reads the plan and confirms it before the next shift: `careplan ack p-edith --as s-ben`\n',
    );
    const second = await record(signed, 'p-edith', 's-ben', 'nut-fluids', '2026-11-02T14:00');
    expect(second.stderr).toContain('s-ben recorded 2 outcome entries from 2026-11-02T13:00 without having confirmed version 1');
    expect(second.stderr).toContain('[care-without-ack]');
  });

  it('the third variation in a week: escalation-due, with when and how to escalate', async () => {
    const variation = (at: string, text: string) => record(signed, 'p-edith', 's-carl', 'mob-indep', at, '--variation', text);
    expect((await variation('2026-11-03T12:40', 'Used wheelchair')).stderr).toBe('');
    expect((await variation('2026-11-04T12:40', 'Borrowed a frame')).stderr).toBe('');
    const third = await variation('2026-11-05T12:40', 'Walked with two staff');
    expect(third.stdout).toContain('with a variation from the plan');
    expect(third.stderr).toBe(
      'careplan: warning: 3 variations from the plan between 2026-11-03T12:40 and 2026-11-05T12:40:' +
        ' escalate to the Registered Manager by 2026-11-06T12:40 [escalation-due]\n' +
        '  fix: raise it with the Registered Manager and record it: `careplan escalate p-edith --to <manager-id> --reason "..."`\n',
    );
  });

  it('care before the plan is signed off: care-before-signoff', async () => {
    const r = await record(unsigned, 'p-edith', 's-carl', 'mob-indep', '2026-10-29T12:00');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'careplan: warning: 1 outcome entry was recorded from 2026-10-29T12:00, ' +
        'before the plan was first signed off [care-before-signoff]\n' +
        '  fix: have the plan signed off: `careplan signoff p-edith`\n',
    );
  });
});
