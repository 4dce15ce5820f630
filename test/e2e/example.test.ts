import { describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { BIN, careplan, careplanBin, EXAMPLE, removeDir, tempDir, writeFiles } from '../helpers/repo.js';

function tempCopy(): string {
  const dir = path.join(tempDir(), 'home');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The four deliberate lapses examples/README.md lists, and nothing else. */
const LAPSES = [
  { rule: 'escalation-missing', severity: 'error', person: 'p-george', file: 'people/p-george/outcomes/2026-11.yaml' },
  { rule: 'plan-changed-since-signoff', severity: 'error', person: 'p-margaret', file: 'people/p-margaret/plan.yaml' },
  { rule: 'review-overdue', severity: 'error', person: 'p-arthur', file: 'people/p-arthur/plan.yaml' },
  { rule: 'ack-missing', severity: 'warning', person: 'p-edith' },
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
    const found = report.findings.map((f: Record<string, string>) => ({ rule: f.rule, severity: f.severity, person: f.person, ...(f.rule === 'ack-missing' ? {} : { file: f.file }) }));
    expect(found).toHaveLength(LAPSES.length);
    expect(found).toEqual(expect.arrayContaining(LAPSES));
    expect(report.findings.find((f: Record<string, string>) => f.rule === 'ack-missing').message).toContain('s-kwame');
    expect(report.summary).toMatchObject({ errors: 3, warnings: 1, people: 7 });
  });

  it('exits 0 with --fail-on never and 1 with --fail-on warning', async () => {
    expect((await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--fail-on', 'never'])).exitCode).toBe(0);
    expect((await careplan(['check', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--fail-on', 'warning', '--person', 'p-edith'])).exitCode).toBe(1);
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
    writeFiles(broken, { 'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T12:00\n  by: s-ben\n  result: great\n', 'staff/s-zed.yaml': 'id: [oops\n' });
    const brokenArgs = ['validate', '--repo', broken, '--as-of', '2026-11-26', '--format', 'json'];
    const a = await careplanBin(['check', ...brokenArgs.slice(1)], { env: { CAREPLAN_PARALLEL_FROM: '1' } });
    const b = await careplan(['check', ...brokenArgs.slice(1)], { env: { CAREPLAN_PARALLEL_FROM: '0' } });
    expect(a.stdout).toBe(b.stdout);
    const rules = JSON.parse(a.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['schema', 'yaml-syntax']));
    removeDir(broken);
  });

  it('stops quietly when the reader of its output goes away (careplan check | head -1)', async () => {
    const { execa } = await import('execa');
    const result = await execa('sh', ['-c', `node ${BIN} due --repo ${EXAMPLE} --as-of 2026-11-26 --within 60 | head -1; echo "careplan exited $?"`], { reject: false, env: { NO_COLOR: '1' } });
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});

