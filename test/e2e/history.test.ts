import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan } from '../helpers/repo.js';
import { edieHistory, History, OUTSIDER, planFile, planVersions } from '../helpers/trail.js';

describe('careplan history', () => {
  let h: History;
  let c: Record<string, string>;
  beforeAll(async () => {
    h = await History.create();
    c = await edieHistory(h);
    // A hand edit outside careplan, by someone git knows only by name and email.
    const [, , v3] = planVersions();
    const edited = structuredClone(v3);
    edited.needs[0].preferences.push('Wears her own shoes, not slippers');
    c.hand = await h.commit(
      'tweak',
      { 'people/p-edith/plan.yaml': planFile(edited).text },
      { author: OUTSIDER, date: '2026-11-22T09:00:00+00:00' },
    );
  });
  afterAll(() => h.remove());

  it('--plan shows each plan version with its semantic diff and approvals', async () => {
    const r = await careplan(['history', 'p-edith', '--plan'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('Plan versions of p-edith from git: 4, oldest first.');
    expect(out).toMatch(
      new RegExp(
        'version 1 {2}2026-10-29 10:00 {2}by s-ben {2}[0-9a-f]{7}\\n {4}new plan: 2 needs \\(mobility, cognition\\), 2 actions, 2 ' +
          'goals\\n {4}signed off by s-amina \\(2026-10-29 16:20\\); acknowledged by s-carl; agreed by the person \\(signed\\)',
      ),
    );
    expect(out).toContain(
      '    mobility: action mob-walk reworded: "Walk beside Edie to lunch" → "Walk beside Edie to the dining room with her walker"',
    );
    expect(out).toContain('    need nutrition added');
    expect(out).toContain('    nutrition: action nut-drinks added: "Offer a drink every hour"');
    expect(out).toContain('    nutrition: goal nut-fluids added: "Drinks 1500 ml a day"');
    expect(out).toContain('    cognition: action cog-board stopped: "Update the whiteboard each morning"');
    expect(out).toContain('    mobility: goal mob-indep achieved: "Walks to lunch without help"');
    expect(out).toContain('    nutrition: goal nut-fluids target changed: 6 → 7');
    expect(out).toContain('signed off by s-amina (2026-11-20 15:00); acknowledged by s-carl');
    // The hand edit: still numbered 3, by someone outside the staff list, never signed.
    expect(out).toMatch(/version 3 {2}2026-11-22 09:00 {2}by Jo Bloggs <jo@elsewhere.example> \(edited by hand, not with careplan\)/);
    expect(out).toContain(
      '    mobility: preferences changed: "Walks to lunch with a carer beside her; Wears her own shoes, not slippers"\n    not signed off',
    );
  });

  it('--plan --json gives three careplan versions with exactly their changes', async () => {
    const r = await careplan(['history', 'p-edith', '--plan', '--json'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    const { person, entries } = JSON.parse(r.stdout);
    expect(person).toBe('p-edith');
    const careplanMade = entries.filter((e: { handEdit: boolean }) => !e.handEdit);
    expect(careplanMade.map((e: { version: number; commit: string }) => [e.version, e.commit])).toEqual([
      [1, c.plan1],
      [2, c.plan2],
      [3, c.plan3],
    ]);
    const [first, second, third] = careplanMade;
    expect(first.first).toBe(true);
    expect(second.changes).toEqual([
      {
        what: 'action',
        change: 'reworded',
        need: 'mobility',
        id: 'mob-walk',
        text: 'Walk beside Edie to the dining room with her walker',
        before: 'Walk beside Edie to lunch',
      },
      { what: 'need', change: 'added', need: 'nutrition', id: 'nutrition' },
      { what: 'action', change: 'added', need: 'nutrition', id: 'nut-drinks', text: 'Offer a drink every hour' },
      { what: 'goal', change: 'added', need: 'nutrition', id: 'nut-fluids', text: 'Drinks 1500 ml a day' },
    ]);
    expect(third.changes).toEqual([
      { what: 'goal', change: 'achieved', need: 'mobility', id: 'mob-indep', text: 'Walks to lunch without help' },
      { what: 'action', change: 'stopped', need: 'cognition', id: 'cog-board', text: 'Update the whiteboard each morning' },
      { what: 'goal', change: 'changed', need: 'nutrition', id: 'nut-fluids', field: 'target', text: '7', before: '6' },
    ]);
    expect(third.signoffs).toEqual([{ by: 's-amina', at: '2026-11-20T15:00', commit: c.sign3 }]);
    expect(second.acknowledgements).toEqual([{ staff: 's-dana', at: '2026-11-13T07:30', commit: c.ack2 }]);
    expect(entries[3]).toMatchObject({
      handEdit: true,
      author: { name: 'Jo Bloggs', email: 'jo@elsewhere.example' },
      version: 3,
      versionUnchanged: true,
      signoffs: [],
    });
    expect(entries[3].by).toBeUndefined();
  });

  it('shows the whole timeline: assessment, sign-offs, acknowledgements, agreement, escalation, review, but not outcomes', async () => {
    const r = await careplan(['history', 'p-edith'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout
      .split('\n')
      .filter((l) => /^\d{4}-/.test(l))
      .map((l) => l.replace(/ {2}[0-9a-f]{7}$/, ''));
    expect(lines).toEqual([
      '2026-10-28 15:00  initial assessment 2026-10-28-initial added by s-ben',
      '2026-10-28 15:00  person record added by s-ben',
      '2026-10-29 10:00  plan version 1 written by s-ben',
      '2026-10-29 16:20  version 1 signed off by s-amina at 2026-10-29 16:20',
      '2026-10-30 07:55  version 1 acknowledged by s-carl at 2026-10-30 07:55',
      '2026-10-30 11:00  version 1 agreed by the person (signed) at 2026-10-30 11:00, recorded by s-ben',
      '2026-11-12 10:00  plan version 2 (was 1) by s-ben',
      '2026-11-12 16:00  version 2 signed off by s-amina at 2026-11-12 16:00',
      '2026-11-13 07:30  version 2 acknowledged by s-dana at 2026-11-13 07:30',
      '2026-11-15 18:00  escalation raised by s-carl to s-amina at 2026-11-15 18:00; committed by s-carl',
      '2026-11-20 08:30  plan review added (updated) by s-ben',
      '2026-11-20 09:00  plan version 3 (was 2) by s-ben',
      '2026-11-20 15:00  version 3 signed off by s-amina at 2026-11-20 15:00',
      '2026-11-21 07:45  version 3 acknowledged by s-carl at 2026-11-21 07:45',
      '2026-11-22 09:00  plan content changed, still numbered version 3, by ' +
        'Jo Bloggs <jo@elsewhere.example> (edited by hand, not with careplan)',
    ]);
    expect(r.stdout).not.toContain('Drank from a beaker');
    expect(r.stdout).not.toContain('Refused lunch');
  });

  it('--since keeps the later changes only', async () => {
    const r = await careplan(['history', 'p-edith', '--since', '2026-11-20', '--json'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    const { since, entries } = JSON.parse(r.stdout);
    expect(since).toBe('2026-11-20T00:00');
    expect(entries.map((e: { type: string }) => e.type)).toEqual(['review', 'plan', 'signoff', 'acknowledgement', 'plan']);
    // The diff of the first version shown is still against the version before it.
    expect(entries[1].previousVersion).toBe(2);
  });

  it('--version N (history, and plan show) prints that version as committed: the signed-off content, not a later hand edit', async () => {
    const r = await careplan(['history', 'p-edith', '--version', '3'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    // (careplan() strips the final newline of stdout, as execa does)
    expect(`${r.stdout}\n`).toBe(planFile(planVersions()[2]).text);
    expect(r.stderr).toMatch(
      new RegExp(
        '^p-edith plan version 3, committed in [0-9a-f]{7} on 2026-11-20 09:00; signed off by s-amina at 2026-11-20 15:00 \\(2 ' +
          'different contents carried this number; this is the one signed off\\)$',
      ),
    );
    const v1 = await careplan(['history', 'p-edith', '--version', '1', '--json'], { cwd: h.dir });
    const json = JSON.parse(v1.stdout);
    expect(json).toMatchObject({
      person: 'p-edith',
      version: 1,
      commit: c.plan1,
      chosen: 'signed',
      plan: { version: 1, needs: [{ need: 'mobility' }, { need: 'cognition' }] },
    });
    expect(json.hash).toBe(planFile(planVersions()[0]).hash);
    const shown = await careplan(['plan', 'show', 'p-edith', '--version', '3'], { cwd: h.dir });
    expect(shown.exitCode).toBe(0);
    expect(`${shown.stdout}\n`).toBe(planFile(planVersions()[2]).text);
    expect(shown.stderr).toBe(r.stderr);
  });

  it('--version N --as-of T: the version as git held it then, with only the sign-offs made by then', async () => {
    const morning = await careplan(['history', 'p-edith', '--version', '3', '--as-of', '2026-11-20T12:00'], { cwd: h.dir });
    expect(morning.exitCode).toBe(0);
    expect(`${morning.stdout}\n`).toBe(planFile(planVersions()[2]).text);
    expect(morning.stderr).toMatch(/^p-edith plan version 3, committed in [0-9a-f]{7} on 2026-11-20 09:00; never signed off$/);
    const before = await careplan(['history', 'p-edith', '--version', '3', '--as-of', '2026-11-19'], { cwd: h.dir });
    expect(before.exitCode).toBe(2);
    expect(before.stderr).toContain('git holds no plan version 3 for p-edith as of 2026-11-19 23:59.');
    expect(before.stderr).toContain('Versions in git: 1, 2.');
  });

  it('refuses a version git does not hold, naming those it does', async () => {
    const r = await careplan(['history', 'p-edith', '--version', '7'], { cwd: h.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('git holds no plan version 7 for p-edith.');
    expect(r.stderr).toContain('Versions in git: 1, 2, 3.');
  });

  it('refuses a person with no records and a malformed id', async () => {
    const none = await careplan(['history', 'p-nobody'], { cwd: h.dir });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('There are no records of p-nobody, now or in git history.');
    const bad = await careplan(['history', 'Edith Clarke'], { cwd: h.dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('is not a person id');
  });

  it('help ends with examples', async () => {
    const r = await careplan(['history', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ careplan history p-edith\n/);
  });
});
