import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/model/yamlText.js';
import { careplan, EXAMPLE } from '../helpers/repo.js';
import { baseRecords, edieHistory, History, OUTSIDER, planFile, planVersions } from '../helpers/trail.js';

/**
 * As of a moment in the past (SPEC 5.1), through the commands, on a real git history: Edie's plan
 * v1, its sign-off, v2 signed on 12 November, v3 on the 20th; then, committed by hand on the 22nd,
 * a draft v4 dated the 16th with a new goal, and a new key worker.
 */
const T = '2026-11-14T09:00';
const NOW = () => Date.parse('2026-11-30T12:00:00Z');

describe('careplan as of a moment in the past', () => {
  let h: History;
  beforeAll(async () => {
    h = await History.create();
    await edieHistory(h);
    const v4 = planVersions()[2];
    v4.version = 4;
    v4.updated = '2026-11-16T10:00';
    v4.needs[2].goals.push({ id: 'nut-weight', description: 'Keeps her weight', status: 'active' });
    const person = baseRecords()['people/p-edith/person.yaml'].replace('key_worker: s-ben', 'key_worker: s-dana');
    await h.commit(
      'Edie: draft v4 and a new key worker, typed in late',
      { 'people/p-edith/plan.yaml': planFile(v4).text, 'people/p-edith/person.yaml': person },
      {
        author: OUTSIDER,
        date: '2026-11-22T09:00:00+00:00',
      },
    );
  });
  afterAll(() => h.remove());

  const run = (args: string[], now = NOW) => careplan(args, { cwd: h.dir, now });

  it('check judges the plan that stood then, and later records are left out, not future-dated', async () => {
    const today = JSON.parse((await run(['check', '--person', 'p-edith', '--format', 'json'])).stdout);
    expect(today.findings.map((f: { rule: string }) => f.rule)).toContain('plan-changed-since-signoff');
    const r = await run(['check', '--as-of', T, '--person', 'p-edith', '--format', 'json']);
    expect(r.stderr).toBe('');
    const then = JSON.parse(r.stdout);
    // Version 2 was signed on the 12th and nothing else was due: only the weekly review, overdue since the first sign-off.
    expect(then.findings.map((f: { rule: string }) => f.rule)).toEqual(['outcome-review-overdue']);
    expect(then.asOf).toBe('2026-11-14T09:00:00.000Z');
  });

  it('future-date is judged by the real clock: records after now are reported, records after a past --as-of are not', async () => {
    const beforeLunch = () => Date.parse('2026-11-21T12:00:00Z');
    const now = await run(['check', '--person', 'p-edith', '--format', 'json'], beforeLunch);
    const future = JSON.parse(now.stdout).findings.filter((f: { rule: string }) => f.rule === 'future-date');
    expect(future.map((f: { message: string }) => f.message)).toEqual(['`at` 2026-11-21T12:40 is after now (2026-11-21T12:00)']);
    const then = await run(['check', '--as-of', T, '--person', 'p-edith', '--format', 'json'], beforeLunch);
    expect(JSON.parse(then.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('future-date');
    // A future --as-of does not let records dated after now pass.
    const ahead = await run(['check', '--as-of', '2026-11-25', '--person', 'p-edith', '--format', 'json'], beforeLunch);
    expect(JSON.parse(ahead.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('future-date');
  });

  it('plan show shows the plan as it stood, with the key worker of then', async () => {
    const r = await run(['plan', 'show', 'p-edith', '--as-of', T]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Edith Clarke (Edie), p-edith',
      'Plan version 2: approved (signed off by s-amina at 2026-11-12T16:00)',
      'Reflects assessment 2026-10-28-initial; written by s-ben, updated 2026-11-12T10:00; key worker s-ben',
      'As it stood at 2026-11-14 09:00 (the plan is now version 4)',
    ]);
    expect(r.stdout).toContain('by 2026-11-15T16:00: acknowledgement of version 2 by s-ben, s-carl');
    expect(r.stdout).not.toContain('nut-weight');
    const json = JSON.parse((await run(['plan', 'show', 'p-edith', '--as-of', T, '--json'])).stdout);
    expect(json).toMatchObject({ person: 'p-edith', asOf: T, state: 'approved', version: 2, signed: { version: 2 } });
    const now = await run(['plan', 'show', 'p-edith']);
    expect(now.stdout).toContain('Plan version 4: changed since sign-off');
    expect(now.stdout).toContain('key worker s-dana');
    const before = await run(['plan', 'show', 'p-edith', '--as-of', '2026-10-28T16:00']);
    expect(before.exitCode).toBe(2);
    expect(before.stderr).toContain('p-edith had no plan yet as of 2026-10-28 16:00');
  });

  it('history stops at the moment, each change dated by the record where it has a date', async () => {
    const r = await run(['history', 'p-edith', '--as-of', T]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'Change trail of p-edith from git up to 2026-11-14 09:00: 9 changes, oldest first (daily outcome entries are not listed).',
    );
    expect(lines[lines.length - 1]).toMatch(/^2026-11-13 07:30 {2}version 2 acknowledged by s-dana/);
    // Draft v4 was committed on the 22nd but dated the 16th: as of the 17th it is there, the escalation of the 15th too.
    const later = await run(['history', 'p-edith', '--as-of', '2026-11-17', '--plan', '--json']);
    const plans = JSON.parse(later.stdout);
    expect(plans.until).toBe('2026-11-17T23:59');
    expect(plans.entries.map((e: { version: number }) => e.version)).toEqual([1, 2, 4]);
    // Sign-offs after the moment are not yet attached to their version.
    expect(plans.entries[1].signoffs.map((s: { at: string }) => s.at)).toEqual(['2026-11-12T16:00']);
  });

  it('handover compares with the plans as they stood, not as they are now', async () => {
    const r = await run(['handover', '--since', '2026-11-12T12:00', '--as-of', T]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'Handover: since 2026-11-12 12:00 (as of 2026-11-14 09:00)',
        '',
        'Plans changed or approved (1)',
        '  p-edith (Edie): version 2 approved by s-amina at 2026-11-12 16:00',
        '    What changed since version 1:',
        '      mobility: action mob-walk reworded: "Walk beside Edie to lunch" → "Walk beside Edie to the dining room with her walker"',
        '      need nutrition added: "Forgets to drink"',
        '      nutrition: action nut-drinks added: "Offer a drink every hour"',
        '      nutrition: goal nut-fluids added: "Drinks 1500 ml a day"',
        '    Not yet acknowledged version 2: s-ben (Ben Hollis), s-carl (Carl Jenkins)',
        '',
        'Escalations (0)',
        '  none',
        '',
        'Variations from the plan (0)',
        '  none',
      ].join('\n'),
    );
  });

  it('due lists what was due then', async () => {
    const r = await run(['due', '--as-of', T, '--person', 'p-edith', '--json']);
    const items = JSON.parse(r.stdout).items.map((i: { due: string; what: string; subject?: string }) =>
      `${i.due} ${i.what} ${i.subject ?? ''}`.trim(),
    );
    expect(items).toEqual(
      expect.arrayContaining(['2026-11-15T16:00 staff acknowledgement s-ben', '2026-11-15T16:00 staff acknowledgement s-carl']),
    );
    expect(items.join('\n')).not.toContain('version 4');
    expect(items.some((i: string) => i.includes('nut-weight'))).toBe(false);
  });
});

/** The example's plans changed after September and October: their versions then are in git, unless the clone is shallow. */
const exampleHistory = (() => {
  try {
    return (
      execFileSync('git', ['log', '--format=%H', '--', 'people/p-margaret/plan.yaml'], { cwd: EXAMPLE, encoding: 'utf8' })
        .trim()
        .split('\n').length >= 2
    );
  } catch {
    return false;
  }
})();

describe.runIf(exampleHistory)("examples/sunrise-house: check as of a month end finds what that month's saved audit counted", () => {
  const saved = readdirSync(path.join(EXAMPLE, 'audits'))
    .filter((f) => /^\d{4}-\d{2}\.yaml$/.test(f))
    .sort();

  it('has saved audits to compare with', () => {
    expect(saved).toEqual(expect.arrayContaining(['2026-09.yaml', '2026-10.yaml']));
  });

  it.each(saved)('audits/%s', async (file) => {
    const audit = parseYaml(readFileSync(path.join(EXAMPLE, 'audits', file), 'utf8'));
    if (!audit.ok) throw new Error(`${file}: ${audit.message}`);
    const { month, findings } = audit.value as { month: string; findings: { by_rule: Record<string, number> } };
    const [year, m] = month.split('-').map(Number);
    const end = `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
    const r = await careplan(['check', '--repo', EXAMPLE, '--as-of', end, '--format', 'json', '--fail-on', 'never']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const counts: Record<string, number> = {};
    for (const f of JSON.parse(r.stdout).findings as { rule: string }[]) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    expect(counts).toEqual(findings.by_rule);
    expect(counts).not.toHaveProperty('future-date');
  });
});
