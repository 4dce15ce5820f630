import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSupervisionAction } from '../../src/model/supervision.js';
import { careplan, read, removeDir, writeFiles } from '../helpers/repo.js';
import { commitCount, lastCommit, recordErrors, seedRepo, workingTreeChanges } from '../helpers/records.js';
import { gitIn } from '../helpers/repo.js';

/** `careplan supervise` in process, on a seed repository (s-amina manager, s-ben key worker, s-carl care staff, s-dana shift lead). */
describe('careplan supervise', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedRepo();
  });
  afterAll(() => removeDir(dir));

  /** A refused write: exit 2, what the message says, and nothing written or committed. */
  async function refused(args: string[]): Promise<string> {
    const before = await commitCount(dir);
    const result = await careplan(['supervise', ...args], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(await commitCount(dir)).toBe(before);
    expect(await workingTreeChanges(dir)).toBe('');
    return result.stderr;
  }

  it('records a supervision with its topics, findings, actions and people discussed, as one commit', async () => {
    const result = await careplan(
      [
        'supervise',
        's-carl',
        '--as',
        's-dana',
        '--at',
        '2026-11-18T14:00',
        '--topic',
        'care-plan-adherence',
        '--topic',
        'recording,care-plan-adherence',
        '--findings',
        'Records are timely; two variations not explained.',
        '--action',
        'Explain every variation in the note;2026-11-25',
        '--action',
        'Read the moving and handling policy; ask if unsure',
        '--people',
        'p-edith',
      ],
      { cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const recorded = /^Recorded s-dana's supervision of s-carl \(2 actions, 1 person discussed\) in supervisions\/2026-11-18-s-carl\.yaml/;
    expect(result.stdout).toMatch(recorded);
    expect(result.stdout).toMatch(/ \(commit [0-9a-f]{7}\)$/);
    expect(result.stderr).toBe('');
    expect(read(dir, 'supervisions/2026-11-18-s-carl.yaml')).toBe(
      [
        'at: 2026-11-18T14:00',
        'by: s-dana',
        'staff: s-carl',
        'kind: supervision',
        'topics: [ care-plan-adherence, recording ]',
        'findings: Records are timely; two variations not explained.',
        'actions:',
        '  - { description: Explain every variation in the note, due: 2026-11-25 }',
        '  - { description: Read the moving and handling policy; ask if unsure }',
        'people: [ p-edith ]',
        '',
      ].join('\n'),
    );
    const commit = await lastCommit(dir);
    expect(commit.subject).toBe('Supervision of s-carl by s-dana');
    expect(commit.trailers).toEqual({ 'Careplan-Action': ['supervise'], 'Careplan-Person': ['p-edith'], 'Careplan-By': ['s-dana'] });
    expect(commit.files).toEqual(['supervisions/2026-11-18-s-carl.yaml']);
    expect(recordErrors(dir)).toEqual([]);
  });

  it('an observation by the Registered Manager with findings only: no topics, actions or people', async () => {
    const result = await careplan(
      [
        'supervise',
        's-ben',
        '--as',
        's-amina',
        '--kind',
        'observation',
        '--findings',
        'Walked with Edie as her plan says',
        '--at',
        '2026-11-19T10:00',
      ],
      { cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Recorded s-amina's observation of s-ben \(no actions\) in supervisions\/2026-11-19-s-ben\.yaml\./);
    expect(read(dir, 'supervisions/2026-11-19-s-ben.yaml')).toBe(
      'at: 2026-11-19T10:00\nby: s-amina\nstaff: s-ben\nkind: observation\nfindings: Walked with Edie as her plan says\n',
    );
    expect((await lastCommit(dir)).trailers).toEqual({ 'Careplan-Action': ['supervise'], 'Careplan-By': ['s-amina'] });
  });

  it('refuses a supervisor without a supervising role, naming the roles and who can', async () => {
    const stderr = await refused(['s-carl', '--as', 's-ben', '--findings', 'x', '--at', '2026-11-20T10:00']);
    expect(stderr).toContain(
      's-ben (key-worker) cannot record a supervision: ' +
        'supervisions are by a registered-manager, deputy-manager, senior-leader or shift-lead.',
    );
    expect(stderr).toContain('Nothing was written. s-amina or s-dana can record it (--as).');
  });

  it('refuses a second supervision of the same person on the same day, whoever records it', async () => {
    const stderr = await refused(['s-carl', '--as', 's-amina', '--findings', 'Again', '--at', '2026-11-18T16:30']);
    expect(stderr).toContain(
      's-carl already has a supervision recorded on 2026-11-18 (by s-dana) in supervisions/2026-11-18-s-carl.yaml; ' +
        'careplan keeps one a day for each staff member.',
    );
    expect(stderr).toContain('Add to that file');
  });

  it('refuses supervising oneself, someone not on the roster or not yet working, and people who are not there', async () => {
    expect(await refused(['s-dana', '--as', 's-dana', '--findings', 'x', '--at', '2026-11-20T10:00'])).toContain(
      's-dana cannot supervise themselves',
    );
    expect(await refused(['s-zed', '--as', 's-dana', '--findings', 'x', '--at', '2026-11-20T10:00'])).toContain(
      's-zed is not on the staff roster.',
    );
    expect(
      await refused(['s-carl', '--as', 's-dana', '--findings', 'x', '--people', 'p-edith,p-nobody', '--at', '2026-11-20T10:00']),
    ).toContain('--people names p-nobody, who has no people/p-nobody/person.yaml.');
    writeFiles(dir, { 'staff/s-eve.yaml': 'id: s-eve\nname: Eve\nroles: [care-staff]\nactive: true\nstarted: 2026-12-01\n' });
    await gitIn(dir, ['add', '-A']);
    await gitIn(dir, ['commit', '-qm', 'Eve starts in December']);
    expect(await refused(['s-eve', '--as', 's-dana', '--findings', 'x', '--at', '2026-11-20T10:00'])).toContain(
      's-eve (Eve) started on 2026-12-01, so had no supervision on 2026-11-20.',
    );
  });

  it('refuses an action due before the supervision or with no description, a kind that is none; asks for findings by flag', async () => {
    expect(
      await refused(['s-carl', '--as', 's-dana', '--findings', 'x', '--action', 'Read the policy;2026-11-01', '--at', '2026-11-20T10:00']),
    ).toContain('--action "Read the policy;2026-11-01" is due 2026-11-01, before the supervision on 2026-11-20.');
    expect(await refused(['s-carl', '--as', 's-dana', '--findings', 'x', '--action', ';2026-11-30', '--at', '2026-11-20T10:00'])).toContain(
      'it has no description',
    );
    expect(await refused(['s-carl', '--as', 's-dana', '--kind', 'chat', '--findings', 'x'])).toContain(
      "argument 'chat' is invalid. Allowed choices are supervision, observation, corrective.",
    );
    expect(await refused(['s-carl', '--as', 's-dana', '--at', '2026-11-20T10:00'])).toContain('Pass --findings');
  });
});

describe('parseSupervisionAction', () => {
  it('a description, then optionally ; and a due date; only a date after the last ; is one', () => {
    expect(parseSupervisionAction('Explain every variation;2026-11-25')).toEqual({
      description: 'Explain every variation',
      due: '2026-11-25',
    });
    expect(parseSupervisionAction(' Read the policy; ask if unsure ')).toEqual({ description: 'Read the policy; ask if unsure' });
    expect(parseSupervisionAction('Shadow Dana;')).toEqual({ description: 'Shadow Dana' });
    expect(parseSupervisionAction('Shadow Dana;2026-02-30')).toBe('2026-02-30 is not a calendar date');
    expect(parseSupervisionAction(' ; 2026-11-25')).toBe('it has no description of what is to be done');
  });
});
