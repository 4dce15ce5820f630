import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/model/yamlText.js';
import { validatorFor } from '../../src/repo/schemas.js';
import { home, KEY_WORKER, MANAGER } from '../helpers/care.js';
import { careplan, fixtureRepo, gitIn, read, type FixtureRepo } from '../helpers/repo.js';

/** A small home with October's records: p-a signed off 5 Oct, outcomes through October, a review overdue. */
function records(): Record<string, string> {
  const h = home()
    .staff(MANAGER, ['registered-manager'], { email: 'amina@home.example' })
    .person('p-a', { admitted: '2026-10-01' })
    .assess('2026-10-03T10:00')
    .plan({ updated: '2026-10-03T16:00' })
    .signoff('2026-10-05T09:00')
    .ack(KEY_WORKER, '2026-10-05T10:00')
    .agree('2026-10-05T11:00')
    .outcome('2026-10-06T12:00')
    .variation('2026-10-07T12:00')
    .outcome('2026-10-20T12:00', { result: 'achieved' });
  return h.files();
}

// Committed once; each test changes its own copy.
let october: FixtureRepo;
beforeAll(async () => {
  october = await fixtureRepo(records());
});
afterAll(() => october.remove());
const repo = async (): Promise<string> => october.copy();

const AS_OF = ['--as-of', '2026-11-05'];

describe('careplan audit --save', () => {
  it('writes audits/YYYY-MM.yaml that validates, commits it alone with the trailers, and refuses to save the month twice', async () => {
    const dir = await repo();
    writeFileSync(path.join(dir, 'notes.txt'), 'not a record\n');
    const first = await careplan(
      [
        'audit',
        ...AS_OF,
        '--save',
        '--as',
        MANAGER,
        '--format',
        'json',
        '--action',
        'Hold the plan review for p-a; with her daughter;s-ben;2026-11-12',
      ],
      { cwd: dir },
    );
    expect(first.stderr).toMatch(/^Saved audits\/2026-10\.yaml and committed it \([0-9a-f]{7}\)\.$/);
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(first.stdout).month).toBe('2026-10');
    // The report printed while saving shows the actions being agreed (issue 10), as the next audit will.
    expect(JSON.parse(first.stdout).actions.agreed).toEqual([
      {
        audit: '2026-10',
        number: 1,
        description: 'Hold the plan review for p-a; with her daughter',
        owner: 's-ben',
        due: '2026-11-12',
        status: 'open',
      },
    ]);

    const text = read(dir, 'audits/2026-10.yaml');
    const parsed = parseYaml(text);
    expect(parsed.ok).toBe(true);
    const saved = (parsed as { value: Record<string, any> }).value;
    expect(validatorFor('audit.schema.json')(saved)).toBe(true);
    expect(saved).toMatchObject({ month: '2026-10', saved_at: '2026-11-05T23:59', saved_by: MANAGER });
    expect(saved.actions).toEqual([{ description: 'Hold the plan review for p-a; with her daughter', owner: 's-ben', due: '2026-11-12' }]);
    // October: 3 entries, 1 with a variation; the review due 2 Nov is not yet a finding on 31 Oct.
    expect(saved.metrics['followed.variation-rate']).toEqual({
      label: 'Outcome entries recording a variation from the plan',
      numerator: 1,
      denominator: 3,
      percent: 33.3,
    });
    expect(saved.metrics['outcomes.entries']).toMatchObject({ value: 3 });
    expect(saved.findings.by_rule).toEqual({ 'outcome-review-overdue': 1, 'spotcheck-overdue': 1, 'outcomes-missing': 1, 'review-due': 1 });
    expect(saved.findings.items).toHaveLength(4);

    const log = await gitIn(dir, ['log', '-1', '--format=%B']);
    expect(log).toContain('Audit for 2026-10 saved');
    expect(log).toContain('Careplan-Action: audit');
    expect(log).toContain(`Careplan-By: ${MANAGER}`);
    expect((await gitIn(dir, ['show', '--name-only', '--format=', 'HEAD'])).trim()).toBe('audits/2026-10.yaml');
    expect(await gitIn(dir, ['status', '--porcelain'])).toContain('?? notes.txt');

    const again = await careplan(['audit', ...AS_OF, '--save', '--as', MANAGER], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`the audit for 2026-10 is already saved in audits/2026-10.yaml (saved 2026-11-05T23:59 by ${MANAGER})`);
    expect(again.stderr).toContain('--force');
    expect(again.stdout).toBe('');
    expect(read(dir, 'audits/2026-10.yaml')).toBe(text);

    const forced = await careplan(['audit', '--as-of', '2026-11-06', '--save', '--force', '--as', MANAGER], { cwd: dir });
    expect(forced.exitCode).toBe(0);
    expect(read(dir, 'audits/2026-10.yaml')).toContain('saved_at: 2026-11-06T23:59');
    expect((await gitIn(dir, ['log', '--format=%s', '--', 'audits/2026-10.yaml'])).split('\n')).toHaveLength(2);
    // The saved audit is a valid record to careplan itself.
    expect((await careplan(['validate', '--as-of', '2026-11-06'], { cwd: dir })).exitCode).toBe(0);
  });

  it("who saves: --as, else CAREPLAN_AS, else the staff member with git's email; with none, exit 2 saying how to set it", async () => {
    const dir = await repo();
    const none = await careplan(['audit', ...AS_OF, '--save'], { cwd: dir });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('careplan needs to know who is saving the audit');
    expect(none.stderr).toContain('--as STAFF-ID');
    expect(none.stderr).toContain('CAREPLAN_AS');
    expect(none.stderr).toContain('git config user.email');
    expect(none.stdout).toBe('');

    expect((await careplan(['audit', ...AS_OF, '--save', '--no-commit'], { cwd: dir, env: { CAREPLAN_AS: 's-dana' } })).exitCode).toBe(0);
    expect(read(dir, 'audits/2026-10.yaml')).toContain('saved_by: s-dana');
    expect(await gitIn(dir, ['status', '--porcelain'])).toContain('?? audits/');

    // git's email: the one it would author the commit with (user.email, unless GIT_AUTHOR_EMAIL
    // overrides it, as the test environment does), matched case-insensitively.
    await gitIn(dir, ['config', 'user.email', 'Amina@Home.example']);
    const byEmail = await careplan(['audit', ...AS_OF, '--save', '--force'], { cwd: dir, env: { GIT_AUTHOR_EMAIL: 'Amina@Home.example' } });
    expect(byEmail.exitCode).toBe(0);
    expect(read(dir, 'audits/2026-10.yaml')).toContain(`saved_by: ${MANAGER}`);

    const unknown = await careplan(['audit', ...AS_OF, '--save', '--force', '--as', 's-nobody'], { cwd: dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--as names s-nobody, who is not on the staff roster');
  });

  it('refuses a month that is not over, a bad --action, and --save options without --save', async () => {
    const dir = await repo();
    const current = await careplan(['audit', ...AS_OF, '--month', '2026-11', '--save', '--as', MANAGER], { cwd: dir });
    expect(current.exitCode).toBe(2);
    expect(current.stderr).toContain('November 2026 is not over yet');
    const owner = await careplan(['audit', ...AS_OF, '--save', '--as', MANAGER, '--action', 'Do it;s-nobody;2026-11-10'], { cwd: dir });
    expect(owner.exitCode).toBe(2);
    expect(owner.stderr).toContain('owner s-nobody is not on the staff roster');
    const parts = await careplan(['audit', ...AS_OF, '--save', '--as', MANAGER, '--action', 'Do it'], { cwd: dir });
    expect(parts.exitCode).toBe(2);
    expect(parts.stderr).toContain('needs three parts');
    const stray = await careplan(['audit', ...AS_OF, '--force'], { cwd: dir });
    expect(stray.exitCode).toBe(2);
    expect(stray.stderr).toContain('--force only applies with --save');
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe('');
  });
});

describe('careplan audit output', () => {
  it('--out picks the format from the extension and writes the file; an unknown extension is a usage error', async () => {
    const dir = await repo();
    for (const [file, start] of [
      ['a.html', '<!DOCTYPE html>'],
      ['a.md', '# Monthly audit'],
      ['a.csv', 'scope,person,section'],
      ['a.json', '{'],
      ['a.txt', 'Monthly audit'],
    ] as const) {
      const result = await careplan(['audit', ...AS_OF, '--out', file], { cwd: dir });
      expect(result.exitCode, file).toBe(0);
      expect(result.stdout, file).toBe('');
      expect(result.stderr, file).toContain(`to ${file}`);
      expect(readFileSync(path.join(dir, file), 'utf8').startsWith(start), file).toBe(true);
    }
    // No colour codes in a file, and none on stdout that is not a terminal.
    expect(read(dir, 'a.txt')).not.toContain('\u001b[');
    expect((await careplan(['audit', ...AS_OF], { cwd: dir, env: { NO_COLOR: '' } })).stdout).not.toContain('\u001b[');
    const bad = await careplan(['audit', ...AS_OF, '--out', 'a.pdf'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('cannot tell the format from ".pdf"');
    expect((await careplan(['audit', ...AS_OF, '--out', 'b.pdf', '--format', 'html'], { cwd: dir })).exitCode).toBe(0);
  });

  it('every format reports by id only: no names, notes or free text from the records', async () => {
    const dir = await repo();
    for (const format of ['text', 'markdown', 'html', 'json', 'csv']) {
      const result = await careplan(['audit', ...AS_OF, '--format', format], { cwd: dir });
      expect(result.exitCode).toBe(0);
      expect(result.stdout, format).toContain('p-a');
      expect(result.stdout, format).not.toContain('Person p-a');
      expect(result.stdout, format).not.toContain('Likes crosswords');
      expect(result.stdout, format).not.toContain('Care differed from the plan');
    }
  });

  it('--month must be a month that has begun', async () => {
    const dir = await repo();
    const bad = await careplan(['audit', ...AS_OF, '--month', '2026-13'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--month "2026-13" is not a month');
    const future = await careplan(['audit', ...AS_OF, '--month', '2026-12'], { cwd: dir });
    expect(future.exitCode).toBe(2);
    expect(future.stderr).toContain('has not begun');
  });

  it('a repository CQC mapping overrides the shipped one; an unsound one is a configuration error naming the problem', async () => {
    const dir = await repo();
    const config = read(dir, 'careplan.yaml');
    writeFileSync(path.join(dir, 'careplan.yaml'), `${config}cqc_mapping: .careplan/cqc-mapping.yaml\n`);
    const missing = await careplan(['audit', ...AS_OF], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('careplan.yaml: cqc_mapping: there is no such file; the audit was not made.');

    const mapping = path.join(dir, '.careplan', 'cqc-mapping.yaml');
    (await import('node:fs')).mkdirSync(path.dirname(mapping), { recursive: true });
    writeFileSync(
      mapping,
      'measures:\n  accuracy.plans-approved: { key_question: Well-led, quality_statements: "Governance", evidence_category: ' +
        'processes }\n  accuracy.plans-aproved: { key_question: Safe, quality_statements: [x], evidence_category: processes }\n',
    );
    const unsound = await careplan(['audit', ...AS_OF], { cwd: dir });
    expect(unsound.exitCode).toBe(2);
    expect(unsound.stderr).toContain('.careplan/cqc-mapping.yaml (cqc_mapping in careplan.yaml) is not a sound CQC mapping');
    expect(unsound.stderr).toContain('measures.accuracy.plans-approved.quality_statements must be a list');
    expect(unsound.stderr).toContain('measures.accuracy.plans-aproved: no such measure');

    writeFileSync(
      mapping,
      'framework: CQC framework, 2027 revision\nmeasures:\n  accuracy.plans-approved: { key_question: ' +
        'Well-led, quality_statements: [Oversight of care plans], evidence_category: processes }\n',
    );
    const good = await careplan(['audit', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(good.exitCode).toBe(0);
    const report = JSON.parse(good.stdout);
    expect(report.framework).toBe('CQC framework, 2027 revision');
    const metrics = report.sections.flatMap((s: { metrics: unknown[] }) => s.metrics);
    expect(metrics.find((m: { id: string }) => m.id === 'accuracy.plans-approved').cqc.quality_statements).toEqual([
      'Oversight of care plans',
    ]);
    // Measures the override leaves out keep the shipped mapping.
    expect(metrics.find((m: { id: string }) => m.id === 'outcomes.entries').cqc.quality_statements).toEqual([
      'Monitoring and improving outcomes',
    ]);
    // The override lives in a hidden folder, so check does not call it an unexpected file.
    expect((await careplan(['check', ...AS_OF, '--format', 'json', '--fail-on', 'never'], { cwd: dir })).stdout).not.toContain(
      'unexpected-file',
    );
  });

  it('--help ends with real examples', async () => {
    const help = await careplan(['audit', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n(  \$ careplan audit.*\n){3}$/);
  });
});
