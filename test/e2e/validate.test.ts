import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fx from '../fixtures/records.js';
import { careplan, fixtureRepo, removeDir, tempDir, writeFiles, type FixtureRepo, type RunResult } from '../helpers/repo.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

// The valid repository is committed once; each case copies it and breaks the copy, as a person
// editing records does before committing (the pre-commit hook validates exactly that).
let valid: FixtureRepo;
beforeAll(async () => {
  valid = await fixtureRepo(fx.validRepository());
});
afterAll(() => valid.remove());

function repoWith(changes: Record<string, string | Buffer | null> = {}): string {
  const dir = valid.copy();
  for (const [file, content] of Object.entries(changes)) {
    if (content === null) rmSync(path.join(dir, file));
    else writeFiles(dir, { [file]: content });
  }
  return dir;
}

function validate(dir: string, ...args: string[]): Promise<RunResult> {
  return careplan(['validate', '--as-of', fx.AS_OF, ...args], { cwd: dir });
}

/** No stack trace and no internal error, whatever went wrong. */
function expectNoCrash(result: RunResult): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.stdout).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
}

/** The text report's line for a finding in `file` at `line`. */
function findingLine(stdout: string, file: string, line: number | 'file'): string {
  const sections = stdout.split(/\n(?=\S)/);
  const section = sections.find((s) => s.split('\n')[0] === file);
  expect(section, `no findings for ${file} in:\n${stdout}`).toBeDefined();
  const where = line === 'file' ? 'file' : `line ${line}`;
  const found = section!.split('\n').find((l) => l.trimStart().startsWith(`${where} `));
  expect(found, `no finding at ${where} of ${file} in:\n${stdout}`).toBeDefined();
  return found!;
}

describe('careplan validate on a clean repository', () => {
  let dir: string;
  beforeAll(async () => {
    dir = repoWith();
  });

  it('exits 0 with one quiet summary line', async () => {
    const result = await validate(dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('No problems found (17 files checked).');
    expectNoCrash(result);
  });

  it('finds the repository from a folder inside it', async () => {
    const result = await careplan(['validate', '--as-of', fx.AS_OF], { cwd: path.join(dir, 'people', 'p-edith') });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^No problems found/);
  });

  it('--repo names it from elsewhere', async () => {
    const result = await careplan(['validate', '--repo', dir, '--as-of', fx.AS_OF], { cwd: tempDir() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/17 files checked/);
  });

  it('--format json has asOf, summary and findings', async () => {
    const result = await validate(dir, '--format', 'json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toEqual({ asOf: '2026-11-26T23:59:59.999Z', summary: { errors: 0, warnings: 0, files: 17 }, findings: [] });
  });

  it('--as-of garbage exits 2 naming the flag', async () => {
    const result = await careplan(['validate', '--as-of', 'garbage'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--as-of "garbage"');
    expect(result.stdout).toBe('');
    expectNoCrash(result);
  });

  it('an unknown --format exits 2', async () => {
    const result = await validate(dir, '--format', 'xml');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/xml/);
  });
});

interface Break {
  what: string;
  file: string;
  from: string;
  to: string;
  /** A word the finding's message must contain: the field. */
  field: string;
  /** Text on the line the finding must point at (in the broken file). */
  at: string;
  /** Errors expected in all (a misspelt required key is also a missing one). */
  errors?: number;
}

const BREAKS: Break[] = [
  {
    what: 'careplan.yaml',
    file: 'careplan.yaml',
    from: 'plan_due_hours: 48',
    to: 'plan_due_hours: two days',
    field: 'plan_due_hours',
    at: 'plan_due_hours',
  },
  { what: 'staff', file: 'staff/s-ben.yaml', from: 'active: true', to: 'active: sometimes', field: 'active', at: 'active' },
  { what: 'person', file: 'people/p-edith/person.yaml', from: 'status: active', to: 'status: away', field: 'status', at: 'status' },
  {
    what: 'assessment',
    file: 'people/p-edith/assessments/2026-10-28-initial.yaml',
    from: 'level: high',
    to: 'level: extreme',
    field: 'level',
    at: 'level: extreme',
  },
  { what: 'plan', file: 'people/p-edith/plan.yaml', from: 'about_me:', to: 'about_mee:', field: 'about_mee', at: 'about_mee', errors: 2 },
  { what: 'sign-offs', file: 'people/p-edith/signoffs.yaml', from: 'version: 1', to: 'version: first', field: 'version', at: 'version' },
  {
    what: 'acknowledgements',
    file: 'people/p-edith/acknowledgements.yaml',
    from: 'at: 2026-10-30T07:55',
    to: 'at: 2026-10-30 07:55',
    field: 'at',
    at: 'at:',
  },
  {
    what: 'agreements',
    file: 'people/p-edith/agreements.yaml',
    from: 'method: signed',
    to: 'method: nodded',
    field: 'method',
    at: 'method',
  },
  {
    what: 'outcomes',
    file: 'people/p-edith/outcomes/2026-11.yaml',
    from: 'result: no-change',
    to: 'result: same',
    field: 'result',
    at: 'result: same',
  },
  {
    what: 'plan review',
    file: 'people/p-edith/reviews/2026-11-25-plan.yaml',
    from: 'trigger: scheduled',
    to: 'trigger: monthly',
    field: 'trigger',
    at: 'trigger',
  },
  {
    what: 'outcome review',
    file: 'people/p-edith/reviews/2026-11-09-outcomes.yaml',
    from: 'plan_update_needed: false',
    to: 'plan_update_needed: perhaps',
    field: 'plan_update_needed',
    at: 'plan_update_needed',
  },
  { what: 'escalations', file: 'people/p-edith/escalations.yaml', from: 'to: s-amina', to: 'to: Amina', field: 'to', at: 'to: Amina' },
  {
    what: 'spot check',
    file: 'spotchecks/2026-11-10-s-dana.yaml',
    from: 'people: [p-edith]',
    to: 'people: p-edith',
    field: 'people',
    at: 'people',
  },
  {
    what: 'feedback',
    file: 'feedback/2026-11-14-walks.yaml',
    from: 'sentiment: positive',
    to: 'sentiment: glowing',
    field: 'sentiment',
    at: 'sentiment',
  },
  { what: 'saved audit', file: 'audits/2026-10.yaml', from: 'due: 2026-12-15', to: 'due: 2026-12-32', field: 'due', at: 'due: 2026-12-32' },
];

describe('breaking one field of each record type', () => {
  const results = new Map<string, { result: RunResult; text: string }>();
  // Fifteen copies, each validated once here; the cases below read the results.
  beforeAll(async () => {
    await Promise.all(
      BREAKS.map(async (b) => {
        const original = fx.validRepository()[b.file];
        expect(original, b.file).toContain(b.from);
        const text = original.replace(b.from, b.to);
        const dir = repoWith({ [b.file]: text });
        results.set(b.what, { result: await validate(dir), text });
      }),
    );
  });

  for (const b of BREAKS) {
    it(`${b.what}: exits 1 naming ${b.file}, the line and \`${b.field}\``, () => {
      const { result, text } = results.get(b.what)!;
      expect(result.exitCode).toBe(1);
      const line = findingLine(result.stdout, b.file, fx.lineContaining(text, b.at));
      expect(line).toContain(b.field);
      expect(line).toMatch(/error/);
      const errors = b.errors ?? 1;
      expect(result.stdout).toMatch(new RegExp(`^${errors} errors?, 0 warnings \\(17 files checked\\)\\.$`, 'm'));
      expectNoCrash(result);
    });
  }
});

describe('bad input gets a clear error, never a stack trace', () => {
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefghij'
    .split('')
    .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)
    .join('\n')}\n`;
  // Each bad input sits in its own file of one repository, so one run meets them all; a crash on
  // any of them fails every case below.
  /** content null: the file is written by the case before (person.yaml holds two bad fields). */
  const cases: { what: string; file: string; content: string | Buffer | null; expect: RegExp; line?: number | 'file' }[] = [
    { what: 'malformed YAML', file: 'staff/s-ben.yaml', content: 'id: s-ben\nname: "Ben\nroles: [key-worker]\n', expect: /yaml-syntax/ },
    { what: 'a duplicate key', file: 'staff/s-dana.yaml', content: `${fx.STAFF_DANA}name: Dana P\n`, expect: /twice/, line: 5 },
    { what: 'a YAML alias bomb', file: 'audits/2026-10.yaml', content: bomb, expect: /alias bomb/, line: 'file' },
    {
      what: 'a binary file',
      file: 'staff/s-bin.yaml',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      expect: /binary/,
      line: 'file',
    },
    {
      what: 'a file that is not UTF-8',
      file: 'staff/s-latin.yaml',
      content: Buffer.from(
        fx.STAFF_BEN.replace(/Ben Hart|s-ben/g, (m) => (m === 's-ben' ? 's-latin' : 'B\xe9n Hart')),
        'latin1',
      ),
      expect: /not UTF-8/,
      line: 'file',
    },
    { what: 'an empty file', file: 'staff/s-empty.yaml', content: '', expect: /empty/, line: 'file' },
    {
      what: 'a file of only comments',
      file: 'staff/s-new.yaml',
      content: '# starts on Monday; see *HR*\n',
      expect: /no record/,
      line: 'file',
    },
    {
      what: 'a file over the size limit',
      file: 'feedback/2026-11-14-walks.yaml',
      content: `text: "${'a'.repeat(11 * 1024 * 1024)}"\n`,
      expect: /MiB limit/,
      line: 'file',
    },
    {
      what: 'an id like ../../etc',
      file: 'people/p-edith/plan.yaml',
      content: fx.PLAN.replace('id: mob-walk', 'id: ../../etc'),
      expect: /id .*not a valid id/,
      line: fx.lineContaining(fx.PLAN, 'mob-walk'),
    },
    {
      what: 'a date 2026-13-01',
      file: 'people/p-edith/person.yaml',
      content: fx.PERSON.replace('admitted: 2026-10-28', 'admitted: 2026-13-01').replace('943 476 5919', '943 476 5918'),
      expect: /admitted must be a real calendar date/,
      line: 6,
    },
    {
      what: 'a wrong NHS number check digit',
      file: 'people/p-edith/person.yaml',
      content: null,
      expect: /nhs_number .*check digit/,
      line: 5,
    },
  ];
  let result: RunResult;
  beforeAll(async () => {
    const changes = Object.fromEntries(cases.filter((c) => c.content !== null).map((c) => [c.file, c.content]));
    result = await validate(repoWith(changes));
  });

  it('exit 1, no stack trace, every bad file reported', () => {
    expectNoCrash(result);
    expect(result.exitCode).toBe(1);
  });

  for (const c of cases) {
    it(`${c.what}: a finding for the file${c.line === undefined ? '' : ' and line'}`, () => {
      expect(result.stdout).toContain(`${c.file}\n`);
      expect(result.stdout).toMatch(c.expect);
      if (c.line !== undefined) expect(findingLine(result.stdout, c.file, c.line)).toMatch(c.expect);
    });
  }

  it('the NHS number is never echoed into the report (CI logs are not private)', () => {
    expect(result.stdout).not.toContain('5918');
  });

  it('a missing careplan.yaml: exit 2, saying to run careplan init or pass --repo', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFiles(dir, { 'staff/s-ben.yaml': fx.STAFF_BEN });
    const result = await careplan(['validate'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/No careplan\.yaml found/);
    expect(result.stderr).toMatch(/careplan init/);
    expect(result.stderr).toMatch(/--repo/);
    expect(result.stdout).toBe('');
    expectNoCrash(result);
  });

  it('--repo naming a folder without careplan.yaml: exit 2', async () => {
    const result = await careplan(['validate', '--repo', 'no-such-folder'], { cwd: tempDir() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/no careplan\.yaml/);
    expect(result.stderr).toMatch(/careplan init no-such-folder/);
    expectNoCrash(result);
  });

  it('a broken careplan.yaml is a finding, not a crash', async () => {
    const dir = repoWith({ 'careplan.yaml': 'provider: [\n' });
    const result = await validate(dir);
    expect(result.exitCode).toBe(1);
    expect(findingLine(result.stdout, 'careplan.yaml', 2)).toMatch(/yaml-syntax/);
    expectNoCrash(result);
  });
});

describe('careplan validate PATH…', () => {
  let dir: string;
  const brokenPlan = fx.PLAN.replace('status: active }\n', 'status: paused }\n');
  beforeAll(async () => {
    dir = repoWith({ 'people/p-edith/plan.yaml': brokenPlan, 'staff/s-ben.yaml': fx.STAFF_BEN.replace('active: true', 'active: 1') });
  });

  it('checks only the files named', async () => {
    const result = await validate(dir, 'people/p-edith/person.yaml');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('No problems found (1 file checked).');
  });

  it("reports a named file's findings and no other file's", async () => {
    const result = await validate(dir, 'people/p-edith/plan.yaml');
    expect(result.exitCode).toBe(1);
    expect(findingLine(result.stdout, 'people/p-edith/plan.yaml', fx.lineContaining(brokenPlan, 'paused'))).toMatch(/status/);
    expect(result.stdout).not.toContain('staff/s-ben.yaml');
    expect(result.stdout).toMatch(/1 file checked/);
  });

  it('takes several files and folders, relative to where it runs', async () => {
    const result = await careplan(['validate', '--as-of', fx.AS_OF, '../../staff/s-ben.yaml', '.'], {
      cwd: path.join(dir, 'people', 'p-edith'),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('staff/s-ben.yaml\n');
    expect(result.stdout).toContain('people/p-edith/plan.yaml\n');
  });

  it('with --repo, paths inside the repository may be given relative to it', async () => {
    const result = await careplan(['validate', '--repo', dir, '--as-of', fx.AS_OF, 'staff/s-ben.yaml'], { cwd: tempDir() });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('staff/s-ben.yaml\n');
    expect(result.stdout).not.toContain('plan.yaml');
  });

  it('a path that does not exist, or lies outside the repository: exit 2', async () => {
    const missing = await validate(dir, 'people/p-edith/plan.yml');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    const outside = await validate(dir, '/etc/hostname');
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toMatch(/outside the records repository/);
    expectNoCrash(missing);
    expectNoCrash(outside);
  });

  it('--format json lists the findings with rule, severity, file and line', async () => {
    const result = await validate(dir, '--format', 'json');
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.asOf).toBe('2026-11-26T23:59:59.999Z');
    expect(report.summary).toMatchObject({ errors: 2, warnings: 0 });
    expect(
      report.findings.map((f: { rule: string; severity: string; file: string; line: number }) => [f.rule, f.severity, f.file, f.line]),
    ).toEqual([
      ['schema', 'error', 'people/p-edith/plan.yaml', fx.lineContaining(brokenPlan, 'paused')],
      ['schema', 'error', 'staff/s-ben.yaml', 4],
    ]);
  });
});

describe('warnings and --fail-on', () => {
  let dir: string;
  beforeAll(async () => {
    dir = repoWith({ 'notes.yaml': 'todo: tidy the staff folder\n' });
  });
  it('a stray YAML file is a warning: exit 0 by default, 1 with --fail-on warning', async () => {
    const result = await validate(dir);
    expect(result.exitCode).toBe(0);
    expect(findingLine(result.stdout, 'notes.yaml', 'file')).toMatch(/warning .*unexpected-file/);
    expect(result.stdout).toMatch(/0 errors, 1 warning \(18 files checked\)/);
    expect((await validate(dir, '--fail-on', 'warning')).exitCode).toBe(1);
  });
});
