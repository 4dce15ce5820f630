import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, read, removeDir, tempDir, writeFiles, type RunResult } from '../helpers/repo.js';
import { commitCount, lastCommit, NEEDS_YAML, PLAN_INPUT_YAML, recordErrors, workingTreeChanges } from '../helpers/records.js';

/**
 * The seed's whole cycle, as staff live it, without a terminal: every step is one command, one
 * commit with the right trailers and only the files it touched, and the records stay valid.
 */
describe('recording the day: the whole care planning cycle', () => {
  let root: string;
  let repo: string;
  let inputs: string;

  beforeAll(async () => {
    root = tempDir('careplan-cycle-');
    inputs = path.join(root, 'inputs');
    repo = path.join(root, 'sunrise');
    writeFiles(inputs, {
      'needs.yaml': NEEDS_YAML,
      'plan.yaml': PLAN_INPUT_YAML,
      'night.yaml': `needs:
  - need: night-safety
    actions:
      - { id: ns-mat, description: Sensor mat by the bed; go to her as soon as it sounds, frequency: nightly }
    goals:
      - { id: ns-nofalls, description: No falls at night, measure: falls a month, target: 0, by: 2027-02-28 }
`,
    });
    const init = await careplan(['init', repo, '--provider', 'Sunrise House']);
    expect(init.exitCode, init.stderr).toBe(0);
  });
  afterAll(() => removeDir(root));

  interface Expect {
    action: string;
    files: string[];
    person?: string[];
    by?: string;
  }

  /** Runs one step and checks it made exactly one commit, as expected, leaving valid records. */
  async function step(args: string[], expected: Expect): Promise<RunResult> {
    const before = await commitCount(repo);
    const result = await careplan(args, { cwd: repo });
    expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    expect(await commitCount(repo)).toBe(before + 1);
    const commit = await lastCommit(repo);
    expect(commit.trailers['Careplan-Action']).toEqual([expected.action]);
    if (expected.person) expect(commit.trailers['Careplan-Person']).toEqual(expected.person);
    if (expected.by) expect(commit.trailers['Careplan-By']).toEqual([expected.by]);
    expect(commit.files).toEqual([...expected.files].sort());
    expect(recordErrors(repo)).toEqual([]);
    expect(await workingTreeChanges(repo)).toBe('');
    return result;
  }

  /** A refused step: exit 2, nothing written, nothing committed. */
  async function refused(args: string[]): Promise<RunResult> {
    const before = await commitCount(repo);
    const result = await careplan(args, { cwd: repo });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(await commitCount(repo)).toBe(before);
    expect(await workingTreeChanges(repo)).toBe('');
    return result;
  }

  it('starts a repository, a roster and a person', async () => {
    expect((await lastCommit(repo)).trailers['Careplan-Action']).toEqual(['init']);
    await step(
      [
        'staff',
        'add',
        's-amina',
        '--name',
        'Amina Okafor',
        '--role',
        'registered-manager',
        '--email',
        'amina@sunrise.example',
        '--as',
        's-amina',
      ],
      { action: 'staff-add', files: ['staff/s-amina.yaml'], by: 's-amina' },
    );
    for (const [id, name, role] of [
      ['s-ben', 'Ben Hollis', 'key-worker'],
      ['s-carl', 'Carl Jenkins', 'care-staff'],
      ['s-dana', 'Dana Morgan', 'shift-lead'],
    ]) {
      await step(['staff', 'add', id, '--name', name, '--role', role, '--as', 's-amina'], {
        action: 'staff-add',
        files: [`staff/${id}.yaml`],
        by: 's-amina',
      });
    }
    await step(
      [
        'person',
        'add',
        'p-edith',
        '--name',
        'Edith Clarke',
        '--preferred-name',
        'Edie',
        '--admitted',
        '2026-10-28',
        '--key-worker',
        's-ben',
        '--team',
        's-ben,s-carl',
        '--representative',
        'Jo Clarke,daughter,lpa-health-welfare',
        '--as',
        's-amina',
      ],
      { action: 'person-add', files: ['people/p-edith/person.yaml'], person: ['p-edith'], by: 's-amina' },
    );
    expect(read(repo, 'staff/s-ben.yaml')).toBe('id: s-ben\nname: Ben Hollis\nroles: [ key-worker ]\nactive: true\n');
  });

  it("assesses, drafts the plan, refuses a carer's sign-off and takes the Registered Manager's", async () => {
    await step(
      ['assess', 'p-edith', '--as', 's-ben', '--from', path.join(inputs, 'needs.yaml'), '--with-person', '--at', '2026-10-28T14:00'],
      { action: 'assess', files: ['people/p-edith/assessments/2026-10-28-initial.yaml'], person: ['p-edith'], by: 's-ben' },
    );
    await step(['plan', 'create', 'p-edith', '--as', 's-ben', '--from', path.join(inputs, 'plan.yaml'), '--at', '2026-10-29T10:00'], {
      action: 'plan-create',
      files: ['people/p-edith/plan.yaml'],
      person: ['p-edith'],
      by: 's-ben',
    });
    const plan = read(repo, 'people/p-edith/plan.yaml');
    expect(plan).toContain('version: 1\nassessment: 2026-10-28-initial\nauthor: s-ben\nupdated: 2026-10-29T10:00\n');
    expect(plan).toContain(
      '      - { id: mob-walk, description: Walk beside Edie to the dining room, frequency: daily at 12:30, status: active }\n',
    );
    // nutrition's preferences come from the assessment, since the key worker gave none.
    expect(plan).toContain('  - need: nutrition\n    preferences:\n      - Milky tea, no sugar\n');

    const carer = await refused(['signoff', 'p-edith', '--as', 's-carl', '--at', '2026-10-29T16:00']);
    expect(carer.stderr).toContain('s-carl (Carl Jenkins, care-staff) cannot sign plans off');
    expect(carer.stderr).toContain('Ask s-amina (Amina Okafor) to review the plan and run: careplan signoff p-edith');

    const signed = await step(
      ['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-10-29T16:20', '--note', 'Checked against assessment'],
      { action: 'signoff', files: ['people/p-edith/signoffs.yaml'], person: ['p-edith'], by: 's-amina' },
    );
    expect(signed.stdout).toMatch(/^Signed off version 1 of p-edith's plan/);
    expect(read(repo, 'people/p-edith/signoffs.yaml')).toMatch(
      /^- version: 1\n  plan: sha256:[0-9a-f]{64}\n  by: s-amina\n  at: 2026-10-29T16:20\n  note: Checked against assessment\n$/,
    );

    const again = await refused(['signoff', 'p-edith', '--as', 's-amina']);
    expect(again.stderr).toContain('was already signed off by s-amina at 2026-10-29T16:20');
  });

  it("has the team confirm the plan and the person's representative agree to it", async () => {
    const carl = await step(['ack', 'p-edith', '--as', 's-carl', '--at', '2026-10-30T07:55'], {
      action: 'ack',
      files: ['people/p-edith/acknowledgements.yaml'],
      person: ['p-edith'],
      by: 's-carl',
    });
    expect(carl.stdout).toContain('First confirmation: the whole plan');
    expect(carl.stdout).toContain('mob-walk: Walk beside Edie to the dining room (daily at 12:30)');
    // Without a person: every approved plan of the people Ben supports that he has not confirmed.
    await step(['ack', '--as', 's-ben', '--at', '2026-10-30T08:10'], {
      action: 'ack',
      files: ['people/p-edith/acknowledgements.yaml'],
      person: ['p-edith'],
      by: 's-ben',
    });
    await step(
      [
        'agree',
        'p-edith',
        '--as',
        's-ben',
        '--representative',
        'Jo Clarke',
        '--method',
        'verbal',
        '--note',
        'By phone',
        '--at',
        '2026-10-30T11:00',
      ],
      { action: 'agree', files: ['people/p-edith/agreements.yaml'], person: ['p-edith'], by: 's-ben' },
    );
    expect(read(repo, 'people/p-edith/agreements.yaml')).toContain(
      '  by: representative\n  name: Jo Clarke\n  relationship: daughter\n  authority: lpa-health-welfare\n',
    );
  });

  it('records outcomes with variations, flags the pattern, escalates and reviews the week', async () => {
    const file = 'people/p-edith/outcomes/2026-11.yaml';
    const first = await step(
      [
        'outcome',
        'p-edith',
        '--as',
        's-carl',
        '--goal',
        'mob-indep',
        '--actions',
        'mob-walk',
        '--result',
        'no-change',
        '--note',
        'Walked to lunch in the wheelchair',
        '--variation',
        'Used wheelchair; frame away for repair',
        '--at',
        '2026-11-02T12:40',
        '--as-of',
        '2026-11-02T12:40',
      ],
      { action: 'outcome', files: [file], person: ['p-edith'], by: 's-carl' },
    );
    expect(first.stderr).not.toContain('escalat');
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
        '--variation',
        'Borrowed frame from the office',
        '--at',
        '2026-11-03T12:40',
      ],
      { action: 'outcome', files: [file], person: ['p-edith'], by: 's-carl' },
    );
    const third = await step(
      [
        'outcome',
        'p-edith',
        '--as',
        's-carl',
        '--goal',
        'nut-fluids',
        '--result',
        'worsening',
        '--variation',
        'Drinks offered two-hourly; short-staffed',
        '--at',
        '2026-11-04T15:00',
        '--as-of',
        '2026-11-04T15:00',
      ],
      { action: 'outcome', files: [file], person: ['p-edith'], by: 's-carl' },
    );
    expect(third.stderr).toContain(
      'careplan: warning: 3 variations from the plan between 2026-11-02T12:40 and ' +
        '2026-11-04T15:00: escalate to the Registered Manager by 2026-11-05T15:00 [escalation-due]',
    );
    expect(read(repo, file)).toMatch(
      /^- at: 2026-11-02T12:40\n  by: s-carl\n  goal: mob-indep\n  actions:\n    - mob-walk\n  result: no-change\n/,
    );

    const escalation = await step(
      ['escalate', 'p-edith', '--as', 's-carl', '--reason', 'Three variations in three days', '--at', '2026-11-04T18:00'],
      { action: 'escalate', files: ['people/p-edith/escalations.yaml'], person: ['p-edith'], by: 's-carl' },
    );
    expect(escalation.stdout).toContain('2026-11-04T15:00 s-carl nut-fluids: Drinks offered two-hourly; short-staffed');
    expect(read(repo, 'people/p-edith/escalations.yaml')).toBe(
      '- at: 2026-11-04T18:00\n  by: s-carl\n  to: s-amina\n  reason: Three variations in three days\n',
    );

    const weekly = await step(
      [
        'review',
        'p-edith',
        '--kind',
        'outcomes',
        '--as',
        's-ben',
        '--trend',
        'mob-indep=improving',
        '--trend',
        'nut-fluids=worsening',
        '--comment',
        'nut-fluids=Refused drinks twice',
        '--plan-update-needed',
        '--at',
        '2026-11-05T15:00',
      ],
      { action: 'review', files: ['people/p-edith/reviews/2026-11-05-outcomes.yaml'], person: ['p-edith'], by: 's-ben' },
    );
    expect(weekly.stdout).toContain('Outcomes for p-edith from 2026-10-29 to 2026-11-05:');
    expect(weekly.stdout).toContain(
      'mob-indep (Walks to lunch with her frame without help): 2 entries: no-change 1, improving 1; 2 variations',
    );
    expect(read(repo, 'people/p-edith/reviews/2026-11-05-outcomes.yaml')).toBe(
      'kind: outcomes\nat: 2026-11-05T15:00\nby: s-ben\nperiod:\n  from: 2026-10-29\n  to: 2026-11-05\n' +
        'goals:\n  - { goal: mob-indep, trend: improving }\n  - { goal: nut-fluids, trend: ' +
        'worsening, comment: Refused drinks twice }\nplan_update_needed: true\n',
    );
    await step(
      [
        'spotcheck',
        '--as',
        's-dana',
        '--people',
        'p-edith',
        '--finding',
        'p-edith: Fluid chart not totalled -> Shown to the team at handover',
        '--at',
        '2026-11-05T16:00',
      ],
      { action: 'spotcheck', files: ['spotchecks/2026-11-05-s-dana.yaml'], person: ['p-edith'], by: 's-dana' },
    );
    await step(
      [
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
        'Mum says staff walk with her the way she likes.',
        '--at',
        '2026-11-06T10:00',
      ],
      { action: 'feedback', files: ['feedback/2026-11-06-family-p-edith.yaml'], person: ['p-edith'], by: 's-ben' },
    );
  });

  it('reassesses after a change in needs, updates and re-signs the plan, re-confirms it and reviews it', async () => {
    await step(
      [
        'assess',
        'p-edith',
        '--as',
        's-ben',
        '--type',
        'change-in-needs',
        '--from-latest',
        '--need',
        'night-safety:safety:Gets up at night without calling',
        '--risk',
        'night-safety=high:Falls at night',
        '--preference',
        'night-safety=Landing light on and her door ajar',
        '--with-person',
        '--at',
        '2026-11-11T11:00',
      ],
      { action: 'assess', files: ['people/p-edith/assessments/2026-11-11-change-in-needs.yaml'], person: ['p-edith'], by: 's-ben' },
    );
    const planBefore = read(repo, 'people/p-edith/plan.yaml');
    const update = await step(
      ['plan', 'update', 'p-edith', '--as', 's-ben', '--from', path.join(inputs, 'night.yaml'), '--at', '2026-11-11T15:00'],
      { action: 'plan-update', files: ['people/p-edith/plan.yaml'], person: ['p-edith'], by: 's-ben' },
    );
    expect(update.stdout).toContain("Updated p-edith's plan to version 2 (was 1: version 1 had been signed off)");
    expect(update.stdout).toContain('night-safety: action ns-mat added');
    const planAfter = read(repo, 'people/p-edith/plan.yaml');
    expect(planAfter).toContain('version: 2\nassessment: 2026-11-11-change-in-needs\n');
    // Everything the key worker wrote before is kept byte for byte; the new need comes at the end.
    const unchanged = planBefore
      .split('\n')
      .filter((line) => !/^(version|assessment|updated):/.test(line))
      .join('\n')
      .trimEnd();
    expect(
      planAfter
        .split('\n')
        .filter((line) => !/^(version|assessment|updated):/.test(line))
        .join('\n'),
    ).toContain(unchanged);
    expect(planAfter).toContain('  - need: night-safety\n    preferences:\n      - Landing light on and her door ajar\n');

    const show = await careplan(['plan', 'show', 'p-edith', '--as-of', '2026-11-11T16:00'], { cwd: repo });
    expect(show.stdout).toContain('Plan version 2: changed since sign-off (version 1 was signed off by s-amina at 2026-10-29T16:20)');
    expect(show.stdout).toContain('by 2026-11-13T15:00: sign-off of the changed plan (version 2)');

    await step(['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-12T09:00'], {
      action: 'signoff',
      files: ['people/p-edith/signoffs.yaml'],
      person: ['p-edith'],
      by: 's-amina',
    });
    const reack = await step(['ack', 'p-edith', '--as', 's-carl', '--at', '2026-11-12T10:00'], {
      action: 'ack',
      files: ['people/p-edith/acknowledgements.yaml'],
      person: ['p-edith'],
      by: 's-carl',
    });
    expect(reack.stdout).toContain('What changed since version 1, which you confirmed at 2026-10-30T07:55:');
    expect(reack.stdout).toContain('- need night-safety added');
    expect(reack.stdout).toContain('- night-safety: goal ns-nofalls added: "No falls at night"');

    await step(
      [
        'review',
        'p-edith',
        '--kind',
        'plan',
        '--as',
        's-ben',
        '--trigger',
        'change-in-needs',
        '--with-person',
        '--findings',
        'Night safety added after her fall; walking plan unchanged',
        '--result',
        'updated',
        '--at',
        '2026-11-12T11:00',
      ],
      { action: 'review', files: ['people/p-edith/reviews/2026-11-12-plan.yaml'], person: ['p-edith'], by: 's-ben' },
    );

    const json = JSON.parse(
      (await careplan(['plan', 'show', 'p-edith', '--json', '--as-of', '2026-11-12T12:00'], { cwd: repo })).stdout,
    ) as { state: string; version: number; due: { what: string; due: string }[] };
    expect(json.state).toBe('approved');
    expect(json.version).toBe(2);
    expect(json.due).toContainEqual(expect.objectContaining({ what: 'review', due: '2026-12-10' }));

    const validate = await careplan(['validate', '--as-of', '2026-11-30'], { cwd: repo });
    expect(validate.exitCode, validate.stdout).toBe(0);
  });
});
