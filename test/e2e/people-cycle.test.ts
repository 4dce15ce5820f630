import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, gitIn, read, removeDir, writeFiles, type RunResult } from '../helpers/repo.js';
import { commitCount, lastCommit, recordErrors, seedRepo, workingTreeChanges } from '../helpers/records.js';

/** The clock of every step: writes are dated up to it. */
const NOW = { now: () => Date.parse('2026-11-26T12:00:00Z') };

/**
 * Records people change, as a home lives them over a month: staff roles and a leaver, a new key
 * worker and representative, escalations answered, a reassessment, a discharge and a readmission.
 * Each step is one command and one commit with the right trailers, touching only its file.
 */
describe('records people change: the whole cycle of the new commands', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
    // Hand-written comments that every edit below must keep.
    writeFiles(dir, {
      'staff/s-carl.yaml': `# Started on nights; days from November.\n${read(dir, 'staff/s-carl.yaml')}`,
      'people/p-edith/person.yaml': `# Admitted from St Luke's ward 7.\n${read(dir, 'people/p-edith/person.yaml')}`.replace(
        'status: active',
        'status: active   # reviewed weekly',
      ),
    });
    await gitIn(dir, ['commit', '-qam', 'notes by hand']);
  });
  afterAll(() => removeDir(dir));

  interface Expect {
    action: string;
    file: string;
    person?: string;
    by: string;
  }

  async function step(args: string[], expected: Expect): Promise<RunResult> {
    const before = await commitCount(dir);
    const result = await careplan(args, { cwd: dir, ...NOW });
    expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    expect(await commitCount(dir)).toBe(before + 1);
    const commit = await lastCommit(dir);
    expect(commit.trailers['Careplan-Action']).toEqual([expected.action]);
    expect(commit.trailers['Careplan-Person']).toEqual(expected.person ? [expected.person] : undefined);
    expect(commit.trailers['Careplan-By']).toEqual([expected.by]);
    expect(commit.files).toEqual([expected.file]);
    expect(recordErrors(dir)).toEqual([]);
    expect(await workingTreeChanges(dir)).toBe('');
    return result;
  }

  async function refused(args: string[]): Promise<RunResult> {
    const before = await commitCount(dir);
    const result = await careplan(args, { cwd: dir, ...NOW });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(await commitCount(dir)).toBe(before);
    expect(await workingTreeChanges(dir)).toBe('');
    return result;
  }

  const yaml = (file: string) => jsYaml.load(read(dir, file), { schema: jsYaml.CORE_SCHEMA }) as Record<string, unknown>;

  it("changes a staff member's roles and email, keeping the file's comment", async () => {
    await step(['staff', 'add', 's-eve', '--name', 'Eve Shaw', '--role', 'key-worker', '--started', '2026-09-01', '--as', 's-amina'], {
      action: 'staff-add',
      file: 'staff/s-eve.yaml',
      by: 's-amina',
    });
    const result = await step(
      ['staff', 'update', 's-carl', '--add-role', 'shift-lead', '--email', 'carl.j@sunrise.example', '--as', 's-amina'],
      { action: 'staff-update', file: 'staff/s-carl.yaml', by: 's-amina' },
    );
    expect(result.stdout).toMatch(
      /^Updated s-carl in staff\/s-carl.yaml: roles care-staff → care-staff, shift-lead; email carl.j@sunrise.example. \(commit \w{7}\)$/,
    );
    expect(read(dir, 'staff/s-carl.yaml')).toBe(
      '# Started on nights; days from November.\nid: s-carl\nname: Carl Jenkins\nroles:\n  - care-staff\n  - shift-lead\n' +
        'email: carl.j@sunrise.example\nactive: true\n',
    );
    expect((await refused(['staff', 'update', 's-carl', '--email', 'ben@sunrise.example'])).stderr).toContain(
      "ben@sunrise.example is already s-ben's email",
    );
    expect((await refused(['staff', 'update', 's-carl', '--remove-role', 'registered-manager'])).stderr).toContain(
      's-carl does not have that role',
    );
    expect((await refused(['staff', 'update', 's-carl'])).stderr).toContain('Nothing to change for s-carl');
  });

  it('gives a person a new key worker, team member and representative', async () => {
    const result = await step(
      [
        'person',
        'update',
        'p-edith',
        '--key-worker',
        's-eve',
        '--add-to-team',
        's-eve',
        '--representative',
        'Sam Clarke,son,deputy',
        '--as',
        's-amina',
      ],
      { action: 'person-update', file: 'people/p-edith/person.yaml', person: 'p-edith', by: 's-amina' },
    );
    expect(result.stdout).toContain('key worker s-ben → s-eve; team s-ben, s-carl, s-eve; representative added');
    // No personal value in what is printed or in the commit subject.
    expect(result.stdout).not.toContain('Sam');
    expect((await lastCommit(dir)).subject).toBe('Update p-edith: key worker, team, representative added');
    // Someone readmitted who was never assessed is pointed to an initial assessment, not to one started from nothing.
    const args = (...more: string[]) => [...more, '--as', 's-amina'];
    expect(
      (
        await careplan(args('person', 'add', 'p-frank', '--name', 'Frank Hill', '--admitted', '2026-11-02', '--key-worker', 's-ben'), {
          cwd: dir,
          ...NOW,
        })
      ).exitCode,
    ).toBe(0);
    expect((await careplan(args('person', 'discharge', 'p-frank', '--on', '2026-11-10'), { cwd: dir, ...NOW })).exitCode).toBe(0);
    const frank = await careplan(args('person', 'readmit', 'p-frank', '--on', '2026-11-20'), { cwd: dir, ...NOW });
    expect(frank.exitCode, frank.stderr).toBe(0);
    expect(frank.stderr).toContain('Next: assess their needs: careplan assess p-frank --type initial, then write their plan.');
    const person = read(dir, 'people/p-edith/person.yaml');
    expect(person.startsWith("# Admitted from St Luke's ward 7.\n")).toBe(true);
    expect(person).toContain('status: active   # reviewed weekly\n');
    expect(yaml('people/p-edith/person.yaml')).toMatchObject({
      key_worker: 's-eve',
      team: ['s-ben', 's-carl', 's-eve'],
      representatives: [
        { name: 'Jo Clarke', relationship: 'daughter', authority: 'lpa-health-welfare' },
        { name: 'Sam Clarke', relationship: 'son', authority: 'deputy' },
      ],
    });
    expect((await refused(['person', 'update', 'p-edith', '--key-worker', 's-carl'])).stderr).toContain(
      's-carl (Carl Jenkins) does not have the key-worker role',
    );
    expect((await refused(['person', 'update', 'p-edith', '--end-representative', 'Nobody'])).stderr).toContain(
      'has no representative of that name',
    );
  });

  it('answers escalations by appending, choosing the open one and refusing to guess', async () => {
    await step(
      [
        'escalate',
        'p-edith',
        '--as',
        's-carl',
        '--to',
        's-amina',
        '--reason',
        'Refused lunch three days running',
        '--at',
        '2026-11-12T18:00',
      ],
      { action: 'escalate', file: 'people/p-edith/escalations.yaml', person: 'p-edith', by: 's-carl' },
    );
    await step(
      [
        'escalate',
        'p-edith',
        '--as',
        's-carl',
        '--to',
        's-amina',
        '--reason',
        'Frame left in the lounge again',
        '--at',
        '2026-11-14T08:00',
      ],
      { action: 'escalate', file: 'people/p-edith/escalations.yaml', person: 'p-edith', by: 's-carl' },
    );
    const several = await refused(['escalate', 'respond', 'p-edith', '--as', 's-amina', '--response', 'GP informed']);
    expect(several.stderr).toContain(
      'p-edith has 2 open escalations: 2026-11-12T18:00 (by s-carl, to s-amina); 2026-11-14T08:00 (by s-carl, to s-amina).',
    );
    expect(several.stderr).toContain('--to-escalation 2026-11-12T18:00');
    expect(several.stderr).not.toContain('lunch');

    const before = read(dir, 'people/p-edith/escalations.yaml');
    await step(
      [
        'escalate',
        'respond',
        'p-edith',
        '--as',
        's-amina',
        '--to-escalation',
        '2026-11-12T18:00',
        '--response',
        'GP informed; plan review booked',
        '--at',
        '2026-11-13T09:10',
      ],
      { action: 'escalate-respond', file: 'people/p-edith/escalations.yaml', person: 'p-edith', by: 's-amina' },
    );
    expect(read(dir, 'people/p-edith/escalations.yaml')).toBe(
      `${before}- responds_to: 2026-11-12T18:00\n  at: 2026-11-13T09:10\n  by: s-amina\n  response: GP informed; plan review booked\n`,
    );
    // The only one still open is answered without naming it.
    const only = await step(
      ['escalate', 'respond', 'p-edith', '--as', 's-amina', '--response', 'Frame rehomed by her chair', '--at', '2026-11-14T10:00'],
      { action: 'escalate-respond', file: 'people/p-edith/escalations.yaml', person: 'p-edith', by: 's-amina' },
    );
    expect(only.stdout).toContain('response to the escalation of p-edith raised at 2026-11-14T08:00');

    expect((await refused(['escalate', 'respond', 'p-edith', '--as', 's-amina', '--response', 'More'])).stderr).toContain(
      'p-edith has no open escalation: all 2 have been answered.',
    );
    const answered = await refused([
      'escalate',
      'respond',
      'p-edith',
      '--as',
      's-amina',
      '--to-escalation',
      '2026-11-12T18:00',
      '--response',
      'Seen by GP',
    ]);
    expect(answered.stderr).toContain('The escalation raised at 2026-11-12T18:00 was already answered at 2026-11-13T09:10 by s-amina.');
    expect(answered.stderr).toContain('pass --again');
    await step(
      [
        'escalate',
        'respond',
        'p-edith',
        '--as',
        's-amina',
        '--to-escalation',
        '2026-11-12T18:00',
        '--again',
        '--response',
        'Seen by GP',
        '--at',
        '2026-11-15T09:00',
      ],
      { action: 'escalate-respond', file: 'people/p-edith/escalations.yaml', person: 'p-edith', by: 's-amina' },
    );
    // history shows the appended answers as responses, not as escalations raised by the manager.
    const history = (await careplan(['history', 'p-edith'], { cwd: dir, ...NOW })).stdout;
    expect(history.match(/escalation raised by/g)).toHaveLength(2);
    expect(history).toContain('response recorded to the escalation of 2026-11-12 18:00 by s-amina');
    expect(history).toContain('response recorded to the escalation of 2026-11-14 08:00 by s-amina');
    const early = await refused([
      'escalate',
      'respond',
      'p-edith',
      '--as',
      's-amina',
      '--to-escalation',
      '2026-11-14T08:00',
      '--again',
      '--response',
      'x',
      '--at',
      '2026-11-14T07:00',
    ]);
    expect(early.stderr).toContain('would be dated before the escalation it answers (2026-11-14T08:00)');
  });

  it('reassesses from the latest, replacing a risk and keeping both new preferences', async () => {
    await step(
      [
        'assess',
        'p-edith',
        '--as',
        's-eve',
        '--type',
        'review',
        '--from-latest',
        '--with-person',
        '--at',
        '2026-11-16T10:00',
        '--remove-risk',
        'mobility=1',
        '--risk',
        'mobility=high,frat,16:Falls',
        '--preference',
        'nutrition=Small portions',
        '--preference',
        'nutrition=Tea with two sugars',
      ],
      { action: 'assess', file: 'people/p-edith/assessments/2026-11-16-review.yaml', person: 'p-edith', by: 's-eve' },
    );
    const needs = yaml('people/p-edith/assessments/2026-11-16-review.yaml').needs as {
      id: string;
      risks?: unknown[];
      preferences?: string[];
    }[];
    expect(needs[0].risks).toEqual([{ description: 'Falls', tool: 'frat', score: 16, level: 'high' }]);
    expect(needs[1].preferences).toEqual(['Milky tea, no sugar', 'Small portions', 'Tea with two sugars']);
  });

  it('records a leaver, refusing a last day before their last record, and moves their people on', async () => {
    await step(['ack', 'p-edith', '--as', 's-eve', '--at', '2026-11-17T08:00'], {
      action: 'ack',
      file: 'people/p-edith/acknowledgements.yaml',
      person: 'p-edith',
      by: 's-eve',
    });
    const tooEarly = await refused(['staff', 'leave', 's-eve', '--on', '2026-11-16', '--as', 's-amina']);
    expect(tooEarly.stderr).toContain('s-eve has records dated after --on 2026-11-16:');
    expect(tooEarly.stderr).toContain('people/p-edith/acknowledgements.yaml:');
    expect((await refused(['staff', 'leave', 's-eve', '--on', '2026-12-01', '--as', 's-amina'])).stderr).toContain(
      '--on 2026-12-01 is after today (2026-11-26)',
    );

    const left = await step(['staff', 'leave', 's-eve', '--on', '2026-11-18', '--as', 's-amina'], {
      action: 'staff-leave',
      file: 'staff/s-eve.yaml',
      by: 's-amina',
    });
    expect(left.stderr).toContain(
      's-eve was key worker of p-edith: give each a new key worker, e.g. careplan person update p-edith --key-worker STAFF',
    );
    expect(left.stderr).toContain('careplan person update p-edith --remove-from-team s-eve');
    expect(yaml('staff/s-eve.yaml')).toMatchObject({ active: false, left: '2026-11-18' });
    expect((await refused(['staff', 'leave', 's-eve', '--as', 's-amina'])).stderr).toContain('s-eve already left, on 2026-11-18.');
    expect((await refused(['person', 'update', 'p-edith', '--add-to-team', 's-eve'])).stderr).toContain(
      '--add-to-team names s-eve, who is no longer active (left 2026-11-18)',
    );

    await step(
      [
        'person',
        'update',
        'p-edith',
        '--key-worker',
        's-ben',
        '--remove-from-team',
        's-eve',
        '--end-representative',
        'sam clarke',
        '--as',
        's-amina',
      ],
      { action: 'person-update', file: 'people/p-edith/person.yaml', person: 'p-edith', by: 's-amina' },
    );
    expect(yaml('people/p-edith/person.yaml')).toMatchObject({
      key_worker: 's-ben',
      team: ['s-ben', 's-carl'],
      representatives: [{ name: 'Jo Clarke' }],
    });
    expect((yaml('people/p-edith/person.yaml').representatives as unknown[]).length).toBe(1);
  });

  it("closes a discharged person's records and opens them again on readmission", async () => {
    await step(['person', 'discharge', 'p-edith', '--on', '2026-11-21', '--as', 's-amina'], {
      action: 'person-discharge',
      file: 'people/p-edith/person.yaml',
      person: 'p-edith',
      by: 's-amina',
    });
    const closed = await refused([
      'outcome',
      'p-edith',
      '--as',
      's-carl',
      '--goal',
      'mob-indep',
      '--result',
      'improving',
      '--at',
      '2026-11-22T12:00',
    ]);
    expect(closed.stderr).toContain(
      'p-edith was discharged on 2026-11-21; readmit with `careplan person readmit p-edith --on 2026-11-26` first.',
    );
    expect((await refused(['person', 'readmit', 'p-edith', '--on', '2026-11-20'])).stderr).toContain(
      '--on 2026-11-20 is before p-edith was discharged (2026-11-21)',
    );

    const back = await step(['person', 'readmit', 'p-edith', '--on', '2026-11-24', '--as', 's-amina'], {
      action: 'person-readmit',
      file: 'people/p-edith/person.yaml',
      person: 'p-edith',
      by: 's-amina',
    });
    expect(back.stderr).toContain('Next: reassess their needs: careplan assess p-edith --type change-in-needs --from-latest');
    const person = read(dir, 'people/p-edith/person.yaml');
    expect(person.startsWith("# Admitted from St Luke's ward 7.\n")).toBe(true);
    expect(person).toContain('admitted: 2026-11-24\n');
    expect(person).toContain('status: active   # reviewed weekly\n');
    expect(person).not.toContain('discharged');
    // The earlier stay is in git.
    expect(await gitIn(dir, ['show', 'HEAD~1:people/p-edith/person.yaml'])).toContain('discharged: 2026-11-21');
    expect((await refused(['person', 'readmit', 'p-edith', '--on', '2026-11-25'])).stderr).toContain(
      'p-edith is not discharged (admitted 2026-11-24)',
    );

    await step(
      [
        'outcome',
        'p-edith',
        '--as',
        's-carl',
        '--goal',
        'mob-indep',
        '--result',
        'improving',
        '--note',
        'Walked to lunch',
        '--at',
        '2026-11-24T12:40',
      ],
      { action: 'outcome', file: 'people/p-edith/outcomes/2026-11.yaml', person: 'p-edith', by: 's-carl' },
    );
  });
});
