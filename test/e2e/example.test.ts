import { describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, careplan, careplanBin, EXAMPLE, PROJECT, removeDir, tempDir, writeFiles } from '../helpers/repo.js';

function tempCopy(): string {
  const dir = path.join(tempDir(), 'home');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The deliberate lapses examples/README.md lists (Peggy's unsigned update is two findings), and nothing else. */
const LAPSES = [
  { rule: 'escalation-missing', severity: 'error', person: 'p-george', file: 'people/p-george/outcomes/2026-11.yaml' },
  { rule: 'plan-changed-since-signoff', severity: 'error', person: 'p-margaret', file: 'people/p-margaret/plan.yaml' },
  { rule: 'plan-update-missing', severity: 'warning', person: 'p-margaret', file: 'people/p-margaret/reviews/2026-11-18-outcomes.yaml' },
  { rule: 'review-overdue', severity: 'error', person: 'p-arthur', file: 'people/p-arthur/plan.yaml' },
  { rule: 'ack-missing', severity: 'warning', person: 'p-edith' },
  { rule: 'audit-action-overdue', severity: 'warning', person: undefined, file: 'audits/2026-10.yaml' },
];

describe('examples/sunrise-house', () => {
  it('validates clean', async () => {
    const result = await careplan(['validate', '--repo', EXAMPLE, '--as-of', '2026-11-26']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^No problems found \(\d+ files checked\)\.$/);
  });

  it('check finds exactly the lapses the example README lists', async () => {
    const result = await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    const found = report.findings.map((f: Record<string, string>) => ({
      rule: f.rule,
      severity: f.severity,
      person: f.person,
      ...(f.rule === 'ack-missing' ? {} : { file: f.file }),
    }));
    expect(found).toHaveLength(LAPSES.length);
    expect(found).toEqual(expect.arrayContaining(LAPSES));
    expect(report.findings.find((f: Record<string, string>) => f.rule === 'ack-missing').message).toContain('s-kwame');
    const action = report.findings.find((f: Record<string, string>) => f.rule === 'audit-action-overdue');
    expect(action.message).toContain('action 3 of the 2026-10 audit');
    expect(report.summary).toMatchObject({ errors: 3, warnings: 3, people: 7 });
  });

  it("the saved audits' findings by rule are what the rules (the new ones too) find at each month's end", async () => {
    const { parseYaml } = await import('../../src/model/yamlText.js');
    const { readFileSync } = await import('node:fs');
    for (const month of ['2026-09', '2026-10']) {
      type Saved = { value: { findings: { by_rule: Record<string, number> } } };
      const saved = parseYaml(readFileSync(`${EXAMPLE}/audits/${month}.yaml`, 'utf8')) as Saved;
      const result = await careplan(['audit', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--month', month, '--format', 'json']);
      const byRule = JSON.parse(result.stdout).findings.byRule as { rule: string; count: number }[];
      const counted = Object.fromEntries(byRule.filter((r) => r.count > 0).map((r) => [r.rule, r.count]));
      expect(counted, month).toEqual(saved.value.findings.by_rule);
    }
  });

  it('uses the records of SPEC section 5, and the new rules stay quiet where they are kept up', async () => {
    const result = await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--format', 'json']);
    const rules = JSON.parse(result.stdout).findings.map((f: { rule: string }) => f.rule);
    // A supervision a month for each care role, Olive's escalation answered the next morning, the key
    // worker who left handed over in time, goals all still ahead, nothing after Walter's discharge.
    for (const quiet of ['supervision-overdue', 'escalation-unanswered', 'key-worker-missing', 'goal-overdue', 'care-after-discharge']) {
      expect(rules, quiet).not.toContain(quiet);
    }
    const { readdirSync, readFileSync } = await import('node:fs');
    const supervised = new Set(readdirSync(`${EXAMPLE}/supervisions`).map((f) => f.slice(11, -5)));
    expect([...supervised].sort()).toEqual(['s-ben', 's-carl', 's-dana', 's-fatima', 's-joy', 's-kwame', 's-leah', 's-priya', 's-tomasz']);
    expect(readFileSync(`${EXAMPLE}/people/p-olive/escalations.yaml`, 'utf8')).toContain('responds_to: 2026-11-21T20:15');
    const olive = readFileSync(`${EXAMPLE}/people/p-olive/plan.yaml`, 'utf8');
    expect(olive).toMatch(/id: eat-fluids, .*target: 1200, unit: ml, direction: increase/);
    expect(readFileSync(`${EXAMPLE}/staff/s-priya.yaml`, 'utf8')).toMatch(/active: false\nleft: 2026-11-26/);
  });

  it('exits 0 with --fail-on never and 1 with --fail-on warning', async () => {
    expect((await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--fail-on', 'never'])).exitCode).toBe(0);
    expect(
      (await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--fail-on', 'warning', '--person', 'p-edith'])).exitCode,
    ).toBe(1);
    expect((await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--person', 'p-edith'])).exitCode).toBe(0);
  });

  // Worker threads load dist/repo/loadWorker.js, so the parallel runs go through the built bin.
  it('loading with worker threads gives exactly the report a single thread gives', async () => {
    const args = ['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--format', 'json'];
    const parallel = await careplanBin(args, { env: { CAREPLAN_PARALLEL_FROM: '1' } });
    const single = await careplan(args, { env: { CAREPLAN_PARALLEL_FROM: '0' } });
    expect(parallel.stdout).toBe(single.stdout);
    expect(JSON.parse(parallel.stdout).findings).toHaveLength(LAPSES.length);
    const broken = tempCopy();
    writeFiles(broken, {
      'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T12:00\n  by: s-ben\n  result: great\n',
      'staff/s-zed.yaml': 'id: [oops\n',
    });
    const brokenArgs = ['validate', '--repo', broken, '--as-of', '2026-11-26', '--format', 'json'];
    const a = await careplanBin(['check', ...brokenArgs.slice(1)], { env: { CAREPLAN_PARALLEL_FROM: '1' } });
    const b = await careplan(['check', ...brokenArgs.slice(1)], { env: { CAREPLAN_PARALLEL_FROM: '0' } });
    expect(a.stdout).toBe(b.stdout);
    const rules = JSON.parse(a.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['schema', 'yaml-syntax']));
    removeDir(broken);
  });

  it('with several workers, the workspace and the report are a single thread’s', async () => {
    // Over 1,000 files, so that a machine of two cores or more reads on two workers or more: a review
    // a day for each person, some broken.
    const big = tempCopy();
    const people = ['p-arthur', 'p-edith', 'p-george', 'p-margaret', 'p-nora', 'p-olive', 'p-rajinder', 'p-walter'];
    const files: Record<string, string> = {};
    for (const [n, id] of people.entries()) {
      for (let day = 1; day <= 130; day++) {
        const date = new Date(Date.UTC(2026, 4, day)).toISOString().slice(0, 10);
        const broken = (day + n) % 37 === 0;
        const review = `kind: outcomes\nat: ${date}T15:00\nby: s-ben\nperiod: { from: ${date}, to: ${date} }\ngoals: []\n`;
        files[`people/${id}/reviews/${date}-outcomes.yaml`] = broken
          ? `kind: outcomes\nat: ${date}T15:00\nby: [s-ben\n`
          : `${review}plan_update_needed: ${day % 2 === 0}\n`;
      }
    }
    writeFiles(big, files);
    // The workspace itself, in the order its records and findings were placed (the built modules:
    // the workers run dist/repo/loadWorker.js).
    const built = (await import(
      pathToFileURL(path.join(PROJECT, 'dist/repo/parallelLoader.js')).href
    )) as typeof import('../../src/repo/parallelLoader.js');
    const placed = async (from: string) => {
      const ws = await built.loadWorkspaceParallel(big, { withoutNotes: true }, { CAREPLAN_PARALLEL_FROM: from });
      return JSON.stringify({ findings: ws.loadFindings, people: [...ws.people], spotchecks: ws.spotchecks, staff: [...ws.staff] });
    };
    expect(await placed('1')).toBe(await placed('0'));
    for (const command of ['check', 'validate']) {
      const args = [command, '--repo', big, '--as-of', '2026-11-26', '--format', 'json'];
      const parallel = await careplanBin(args, { env: { CAREPLAN_PARALLEL_FROM: '1' } });
      const single = await careplan(args, { env: { CAREPLAN_PARALLEL_FROM: '0' } });
      expect(parallel.stdout).toBe(single.stdout);
      expect(parallel.stdout).toContain('"rule": "yaml-syntax"');
    }
    removeDir(big);
  }, 60_000);

  it('stops quietly when the reader of its output goes away (careplan check | head -1)', async () => {
    const { execa } = await import('execa');
    const result = await execa(
      'sh',
      ['-c', `node ${BIN} due --repo ${EXAMPLE} --as-of 2026-11-26 --within 60 | head -1; echo "careplan exited $?"`],
      { reject: false, env: { NO_COLOR: '1' } },
    );
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});
