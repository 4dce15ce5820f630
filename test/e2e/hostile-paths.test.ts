import { execaSync } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, copyRepo, read, removeDir, tempDir, writeFiles } from '../helpers/repo.js';
import { AT, changedFiles, headOf, linkAt, snapshot, twoPeopleRepo, WRITES } from '../helpers/hostile.js';

/**
 * Issue 13, "What broke" 1 and 2: writes followed symlinks in and out of the repository, the
 * loader skipped them silently, and `cqc_mapping` read (and printed) any file on the machine.
 */

let base: string;
let elsewhere: string;
const OUTCOMES = 'people/p-edith/outcomes/2026-11.yaml';
/** Another home's outcomes: what a link could copy in, or a write could change. */
const otherEntry = (i: number) => `- { at: 2026-11-0${1 + (i % 9)}T10:00, by: s-zed, goal: x-goal, result: improving }`;
const OTHER_HOME = `${Array.from({ length: 87 }, (_, i) => otherEntry(i)).join('\n')}\n`;

beforeAll(async () => {
  base = await twoPeopleRepo();
  elsewhere = tempDir('careplan-elsewhere-');
});
afterAll(() => [base, elsewhere].forEach(removeDir));

function fresh(): string {
  return copyRepo(base);
}

describe('a link in the records folder', () => {
  it("a month file linked to another home's: outcome refuses, copies nothing in, and check/validate report `symlink`", async () => {
    const dir = fresh();
    const other = path.join(elsewhere, 'other-home-2026-11.yaml');
    writeFileSync(other, OTHER_HOME);
    mkdirSync(path.join(dir, path.dirname(OUTCOMES)), { recursive: true });
    linkAt(dir, OUTCOMES, other);
    const head = await headOf(dir);
    const before = snapshot(dir);

    const result = await careplan(WRITES.outcome, { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${OUTCOMES} is a symbolic link, and careplan never writes through a link`);
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
    expect(readFileSync(other, 'utf8')).toBe(OTHER_HOME);
    expect(await headOf(dir)).toBe(head);

    const validate = await careplan(['validate', '--format', 'json'], { cwd: dir });
    expect(validate.exitCode).toBe(1);
    expect(JSON.parse(validate.stdout).findings).toContainEqual(
      expect.objectContaining({ rule: 'symlink', severity: 'error', file: OUTCOMES, person: 'p-edith' }),
    );
    const named = await careplan(['validate', OUTCOMES], { cwd: dir });
    expect(named.exitCode).toBe(1);
    expect(named.stdout).toContain(`${OUTCOMES} is a symbolic link, so careplan does not read it`);
    const check = await careplan(['check', '--format', 'json', '--fail-on', 'never', '--as-of', AT], { cwd: dir });
    expect(
      JSON.parse(check.stdout)
        .findings.filter((f: { rule: string }) => f.rule === 'symlink')
        .map((f: { file: string }) => f.file),
    ).toEqual([OUTCOMES]);
    // The other home's entries are not read: none of them is judged here.
    expect(check.stdout).not.toContain('x-goal');
  });

  it('outcomes/ or audits/ linked to a folder outside: outcome and audit --save write nothing there', async () => {
    const dir = fresh();
    const outsideOutcomes = path.join(elsewhere, 'outcomes-folder');
    mkdirSync(outsideOutcomes, { recursive: true });
    linkAt(dir, 'people/p-edith/outcomes', outsideOutcomes);
    const outsideAudits = path.join(elsewhere, 'audits-folder');
    mkdirSync(outsideAudits, { recursive: true });
    mkdirSync(path.join(dir, 'audits'), { recursive: true });
    linkAt(dir, 'audits', outsideAudits);
    const head = await headOf(dir);

    const outcome = await careplan(WRITES.outcome, { cwd: dir });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toContain('people/p-edith/outcomes is a symbolic link, and careplan never writes through a link');
    const audit = await careplan(WRITES['audit --save'], { cwd: dir });
    expect(audit.exitCode).toBe(2);
    expect(audit.stderr).toContain('audits is a symbolic link, and careplan never writes through a link');
    // Refused before the report is printed, as every refusal of --save is.
    expect(audit.stdout).toBe('');
    expect(snapshot(outsideOutcomes).size + snapshot(outsideAudits).size).toBe(0);
    expect(await headOf(dir)).toBe(head);

    const validate = await careplan(['validate', 'people/p-edith', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(validate.stdout).findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toEqual([
      'symlink people/p-edith/outcomes',
    ]);
  });

  it('a linked plan.yaml is reported as a link, not as "no plan.yaml"', async () => {
    const dir = fresh();
    const real = path.join(elsewhere, 'plan.yaml');
    writeFileSync(real, read(dir, 'people/p-edith/plan.yaml'));
    linkAt(dir, 'people/p-edith/plan.yaml', real);
    const result = await careplan(['validate', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(result.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'symlink', file: 'people/p-edith/plan.yaml', person: 'p-edith' }),
    ]);
  });

  it("a person's folder, or .careplan/, linked elsewhere: person add and every other write refuse", async () => {
    const dir = fresh();
    mkdirSync(path.join(elsewhere, 'p-gina'), { recursive: true });
    linkAt(dir, 'people/p-gina', path.join(elsewhere, 'p-gina'));
    const add = await careplan(WRITES['person add'], { cwd: dir });
    expect(add.exitCode).toBe(2);
    expect(add.stderr).toContain('people/p-gina is a symbolic link');
    expect(snapshot(path.join(elsewhere, 'p-gina')).size).toBe(0);

    const lockFolder = path.join(elsewhere, 'lock-folder');
    mkdirSync(lockFolder, { recursive: true });
    linkAt(dir, '.careplan', lockFolder);
    const outcome = await careplan(WRITES.outcome, { cwd: dir });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toContain('.careplan is a symbolic link');
    expect(snapshot(lockFolder).size).toBe(0);
  });
});

describe('cqc_mapping names a file careplan may read, and is never echoed', () => {
  const SECRET = 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\nEdith Clarke: DNACPR in place\n';

  async function configured(
    dir: string,
    value: string,
  ): Promise<{ check: string; validate: string; audit: { exitCode: number; stdout: string; stderr: string } }> {
    writeFiles(dir, { 'careplan.yaml': `${read(base, 'careplan.yaml')}cqc_mapping: ${JSON.stringify(value)}\n` });
    const check = await careplan(['check', '--format', 'json', '--fail-on', 'never', '--as-of', AT], { cwd: dir });
    const validate = await careplan(['validate'], { cwd: dir });
    const audit = await careplan(['audit', '--month', '2026-10', '--as-of', '2026-11-26'], { cwd: dir });
    return { check: check.stdout, validate: `${validate.exitCode}\n${validate.stdout}`, audit };
  }

  const mappingFinding = (check: string) =>
    JSON.parse(check).findings.filter(
      (f: { file?: string; rule: string; message: string }) =>
        f.rule !== 'uncommitted' && (f.file === 'careplan.yaml' || f.message.includes('mapping')),
    );

  it(
    'outside the repository (/etc/…, /dev/zero, ../): a finding in ' + 'check and validate, a refusal in audit, nothing of it printed',
    async () => {
      const dir = fresh();
      const secret = path.join(elsewhere, 'shadow');
      writeFileSync(secret, SECRET);
      for (const value of [secret, '/dev/zero', `../${path.basename(elsewhere)}/shadow`]) {
        const { check, validate, audit } = await configured(dir, value);
        expect(mappingFinding(check)).toEqual([
          expect.objectContaining({ rule: 'schema', severity: 'error', file: 'careplan.yaml', line: expect.any(Number) }),
        ]);
        expect(mappingFinding(check)[0].message).toContain('is outside the records repository');
        expect(validate.startsWith('1\n')).toBe(true);
        expect(audit.exitCode).toBe(2);
        expect(audit.stdout).toBe('');
        expect(audit.stderr).toContain('is outside the records repository; careplan reads a CQC mapping only from a file inside it');
        for (const output of [check, validate, audit.stderr]) {
          // Not even the path careplan.yaml gives: to a finding it is free text.
          expect(output).not.toContain(value);
          expect(output).not.toContain('hashhash');
          expect(output).not.toContain('DNACPR');
        }
      }
    },
  );

  it('inside but a link, a pipe, a folder or too large: each named without reading it', async () => {
    const dir = fresh();
    const secret = path.join(elsewhere, 'mapping-target.yaml');
    writeFileSync(secret, SECRET);
    linkAt(dir, 'mapping.yaml', secret);
    const link = await configured(dir, 'mapping.yaml');
    // The link is reported where it stands, and where careplan.yaml names it.
    expect(mappingFinding(link.check)).toEqual([
      expect.objectContaining({ rule: 'symlink', file: 'careplan.yaml' }),
      expect.objectContaining({ rule: 'symlink', file: 'mapping.yaml' }),
    ]);
    expect(link.audit.stderr).toContain('careplan.yaml: cqc_mapping leads through a symbolic link, and careplan never follows a link');

    execaSync('mkfifo', [path.join(dir, '.careplan-pipe')]);
    const pipe = await configured(dir, '.careplan-pipe');
    expect(mappingFinding(pipe.check)[0].message).toContain('is not a regular file');
    expect(pipe.audit.exitCode).toBe(2);

    writeFiles(dir, { '.careplan/big-mapping.yaml': `notes: "${'x'.repeat(1100 * 1024)}"\n` });
    const big = await configured(dir, '.careplan/big-mapping.yaml');
    expect(mappingFinding(big.check)[0].message).toContain('over the 1.0 MiB limit for a CQC mapping');
    expect(big.audit.stderr).toContain('over the 1.0 MiB limit for a CQC mapping');
    for (const output of [link.check, link.validate, link.audit.stderr]) expect(output).not.toContain('hashhash');
  });

  it('inside and readable but not a mapping: unsound keys are named only when they are words', async () => {
    const dir = fresh();
    writeFiles(dir, {
      '.careplan/mapping.yaml':
        'Edith Clarke DNACPR: yes\nmeasures:\n  "Edith Clarke NHS 943 476 5919": { key_question: Safe }\n  accuracy.plans-aproved: {}\n',
    });
    const { check, audit } = await configured(dir, '.careplan/mapping.yaml');
    const messages = JSON.parse(check)
      .findings.filter((f: { file?: string }) => f.file === '.careplan/mapping.yaml')
      .map((f: { message: string }) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown key that is not a word (not shown)'),
        expect.stringContaining('measures.accuracy.plans-aproved: no such measure'),
      ]),
    );
    expect(audit.exitCode).toBe(2);
    for (const output of [check, audit.stderr]) {
      expect(output).not.toContain('Edith');
      expect(output).not.toContain('943 476');
    }
  });
});

describe('writes of every kind into a linked folder, from the same repository', () => {
  it.each(Object.keys(WRITES))('%s: refused, nothing written outside', async (name) => {
    const dir = fresh();
    const target = path.join(tempDir('careplan-linked-'), 'people');
    mkdirSync(path.dirname(target), { recursive: true });
    // The whole of people/ and audits/ and feedback/ lead elsewhere: every write lands in one of them.
    for (const folder of ['people', 'audits', 'feedback']) {
      const outside = path.join(path.dirname(target), folder);
      mkdirSync(path.join(dir, folder), { recursive: true });
      execaSync('cp', ['-a', `${path.join(dir, folder)}/.`, outside]);
      linkAt(dir, folder, outside);
    }
    const before = snapshot(path.dirname(target));
    const result = await careplan(WRITES[name], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(changedFiles(before, snapshot(path.dirname(target)))).toEqual([]);
    removeDir(path.dirname(target));
  });
});
