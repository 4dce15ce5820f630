import jsYaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { careplan, gitIn, read, removeDir, writeFiles } from '../helpers/repo.js';
import { SEED_PLAN, seedRepo } from '../helpers/records.js';

const NOW = { now: () => Date.parse('2026-11-26T12:00:00Z') };
const load = (text: string) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Record<string, unknown>;

/** The smaller things a home met in its first weeks, each put right. */
describe('write commands say and do what they mean', () => {
  const dirs: string[] = [];
  const repo = async (options?: Parameters<typeof seedRepo>[0]) => {
    const dir = await seedRepo(options);
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach(removeDir));
  const run = (dir: string, args: string[]) => careplan(args, { cwd: dir, ...NOW });

  it('calls an edit of a plan nobody has signed an edit of the draft, not an update "to version 1"', async () => {
    const dir = await repo({ signed: false });
    const result = await run(dir, [
      'plan',
      'update',
      'p-edith',
      '--as',
      's-ben',
      '--about-me',
      'Retired teacher; crosswords and Moss the cat',
      '--at',
      '2026-10-29T12:00',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Updated p-edith's draft plan, version 1 \(not yet signed off\):/);
    expect(result.stdout).not.toContain('to version 1');
    expect(await gitIn(dir, ['log', '-1', '--format=%s'])).toBe("Update p-edith's draft plan, version 1 (not yet signed off)");
  });

  it('after a plan review that updated a plan already updated and signed, asks for nothing more', async () => {
    const dir = await repo();
    const plain = await run(dir, [
      'review',
      'p-edith',
      '--as',
      's-ben',
      '--kind',
      'plan',
      '--trigger',
      'scheduled',
      '--with-person',
      '--findings',
      'Needs more support at lunch',
      '--result',
      'updated',
      '--at',
      '2026-11-10T10:00',
    ]);
    expect(plain.stderr).toContain("Record the plan's changes with `careplan plan update p-edith`");

    const update = [
      'plan',
      'update',
      'p-edith',
      '--as',
      's-ben',
      '--about-me',
      'Retired teacher; likes lunch in her room on Sundays',
      '--at',
      '2026-11-20T10:00',
    ];
    const reviewed = [
      'review',
      'p-edith',
      '--as',
      's-ben',
      '--kind',
      'plan',
      '--trigger',
      'request',
      '--with-person',
      '--findings',
      'Sunday lunch changed',
      '--result',
      'updated',
      '--at',
      '2026-11-20T11:00',
    ];
    const unsigned = await repo();
    expect((await run(unsigned, update)).exitCode).toBe(0);
    const pending = await run(unsigned, reviewed);
    expect(pending.exitCode, pending.stderr).toBe(0);
    expect(pending.stderr).toContain(
      "p-edith's plan was already updated (version 2); next the Registered Manager signs it off: careplan signoff p-edith",
    );

    expect((await run(dir, update)).exitCode).toBe(0);
    expect((await run(dir, ['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-20T15:00'])).exitCode).toBe(0);
    const signed = await run(dir, [
      'review',
      'p-edith',
      '--as',
      's-amina',
      '--kind',
      'plan',
      '--trigger',
      'request',
      '--with-person',
      '--findings',
      'Agreed with Edie',
      '--result',
      'updated',
      '--at',
      '2026-11-21T16:00',
    ]);
    expect(signed.exitCode, signed.stderr).toBe(0);
    expect(signed.stderr).toContain(
      "p-edith's plan was already updated for it: version 2, signed off by s-amina at 2026-11-20T15:00; nothing more to do.",
    );
    expect(signed.stderr).not.toContain('plan update');
  });

  it('says in review --help what it records without a terminal, and does that', async () => {
    const help = (await careplan(['review', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain("it does not (without a terminal, the default unless a goal's trend is worsening)");
    expect(help).not.toContain('it does not (the default without a terminal)');

    const dir = await repo();
    const result = await run(dir, [
      'review',
      'p-edith',
      '--as',
      's-ben',
      '--kind',
      'outcomes',
      '--since',
      '2026-11-01',
      '--until',
      '2026-11-07',
      '--at',
      '2026-11-08T10:00',
      '--trend',
      'mob-indep=worsening',
      '--trend',
      'nut-fluids=stable',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(load(read(dir, 'people/p-edith/reviews/2026-11-08-outcomes.yaml')).plan_update_needed).toBe(true);
    expect(result.stderr).toContain(
      'careplan: note: recording that the plan needs updating, since mob-indep is worsening; pass --no-plan-update-needed if it does not.',
    );
  });

  it('does not demand a trend for a goal that was discontinued', async () => {
    const plan = structuredClone(SEED_PLAN);
    plan.needs[1].goals[0].status = 'discontinued';
    const dir = await repo({ plan });
    writeFiles(dir, {
      'people/p-edith/outcomes/2026-11.yaml': '- { at: 2026-11-02T12:00, by: s-carl, goal: nut-fluids, result: no-change }\n',
    });
    await gitIn(dir, ['add', '-A']);
    await gitIn(dir, ['commit', '-qm', 'outcome']);
    const result = await run(dir, [
      'review',
      'p-edith',
      '--as',
      's-ben',
      '--kind',
      'outcomes',
      '--since',
      '2026-11-01',
      '--until',
      '2026-11-07',
      '--at',
      '2026-11-08T10:00',
      '--trend',
      'mob-indep=stable',
      '--no-plan-update-needed',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('nut-fluids (Drinks at least 1500 ml a day) [discontinued]: 1 entry: no-change 1');
    expect(load(read(dir, 'people/p-edith/reviews/2026-11-08-outcomes.yaml')).goals).toEqual([{ goal: 'mob-indep', trend: 'stable' }]);
    // Given, it is still recorded.
    const given = await run(dir, [
      'review',
      'p-edith',
      '--as',
      's-ben',
      '--kind',
      'outcomes',
      '--since',
      '2026-11-01',
      '--until',
      '2026-11-07',
      '--at',
      '2026-11-09T10:00',
      '--trend',
      'mob-indep=stable',
      '--trend',
      'nut-fluids=no-data',
      '--no-plan-update-needed',
    ]);
    expect(given.exitCode, given.stderr).toBe(0);
    expect(load(read(dir, 'people/p-edith/reviews/2026-11-09-outcomes.yaml')).goals).toEqual([
      { goal: 'mob-indep', trend: 'stable' },
      { goal: 'nut-fluids', trend: 'no-data' },
    ]);
  });

  it('warns of a sign-off committed under another email in words that verify bears out', async () => {
    const dir = await repo({ signed: false });
    const signed = await run(dir, ['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-10-29T16:20']);
    expect(signed.exitCode, signed.stderr).toBe(0);
    expect(signed.stderr).toContain(
      "careplan: warning: signing as s-amina (amina@sunrise.example), but git commits as author@test.example: the commit's author will be" +
        ' author@test.example, and only its Careplan-By trailer names s-amina as the signer (`careplan verify` accepts that trailer',
    );
    expect(signed.stderr).not.toContain('will report');
    const verify = await run(dir, ['verify']);
    expect(verify.exitCode, verify.stdout).toBe(0);
    expect(`${verify.stdout}${verify.stderr}`).not.toContain('signoff-not-by-signer');
  });
});
