import { describe, expect, it } from 'vitest';
import { careplan, EXAMPLE } from '../helpers/repo.js';

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
});
