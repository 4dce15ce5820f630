import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { home, judge, KEY_WORKER, load, none, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/**
 * src/rules/care/supervision.ts (SPEC sections 5.4, 5.5): every active key worker, shift lead and
 * care staff member has a supervision within supervision_days (56) before as-of, counted from the
 * newest supervision, else `started`, else the repository's first sign-off.
 */

const overdue = (h: ReturnType<typeof home>, when: string) => judge(h, when).filter((f) => f.rule === 'supervision-overdue');
const who = (h: ReturnType<typeof home>, when: string) => overdue(h, when).map((f) => f.subject);

describe('supervision-overdue', () => {
  // signedHome: s-ben (key worker), s-carl (care staff), s-dana (shift lead) and s-amina (Registered
  // Manager); the first sign-off is 2026-11-02, so with no supervision each is due by 2026-12-28.
  it('with no supervision, from the first sign-off: nothing on day 56, a warning per care role about the home on day 57', () => {
    expect(who(signedHome(), '2026-12-28')).toEqual([]);
    const found = overdue(signedHome(), '2026-12-29');
    expect(found.map((f) => f.subject)).toEqual(['s-ben', 's-carl', 's-dana']);
    expect(found[1]).toMatchObject({
      severity: 'warning',
      file: 'staff/s-carl.yaml',
      line: 1,
      since: '2026-11-02',
      due: '2026-12-28',
      message: 's-carl has had no supervision since the first plan was signed off 2026-11-02 (policy: every 56 days)',
      fix:
        'a registered manager, deputy manager, senior leader or shift lead supervises s-carl and records it: ' +
        '`careplan supervise s-carl`',
    });
    expect(found[1].person).toBeUndefined();
  });
  it('from the newest supervision, of any kind', () => {
    const h = signedHome()
      .supervise('s-carl', '2026-11-20T14:00')
      .supervise('s-carl', '2026-12-10T14:00', { kind: 'observation', by: 's-dana' });
    expect(who(h, '2027-02-04')).not.toContain('s-carl');
    const f = overdue(h, '2027-02-05').find((x) => x.subject === 's-carl');
    expect(f).toMatchObject({
      since: '2026-12-10',
      due: '2027-02-04',
      message: 's-carl was last supervised 2026-12-10, 57 days ago (policy: every 56 days)',
    });
  });
  it('from `started` when there is no supervision yet; not before they start', () => {
    const h = signedHome().staff('s-carl', ['care-staff'], { started: '2026-12-01' });
    expect(who(h, '2027-01-26')).toEqual(['s-ben', 's-dana']);
    const f = overdue(h, '2027-01-27').find((x) => x.subject === 's-carl');
    expect(f?.message).toBe('s-carl has had no supervision since starting on 2026-12-01 (policy: every 56 days)');
    const notYet = signedHome().staff('s-carl', ['care-staff'], { started: '2027-03-01' });
    expect(who(notYet, '2027-02-20')).toEqual(['s-ben', 's-dana']);
  });
  it('a supervision after as-of has not happened yet', () => {
    const h = signedHome().supervise('s-carl', '2026-12-30T10:00');
    expect(who(h, '2026-12-29')).toContain('s-carl');
  });
  it('staff who have left, are not active, or have no care role are not judged', () => {
    const h = signedHome()
      .staff('s-carl', ['care-staff'], { active: false, left: '2026-12-01' })
      .staff('s-dana', ['shift-lead'], { left: '2026-12-20' })
      .staff('s-grace', ['deputy-manager']);
    expect(who(h, '2026-12-29')).toEqual(['s-ben']);
  });
  it('nothing before anyone is signed off or started: there is no clock yet', () => {
    expect(who(home().assess('2026-09-01T10:00').plan(), '2027-03-01')).toEqual([]);
  });
  it('supervision_days in careplan.yaml', () => {
    const h = signedHome().policy({ supervision_days: 28 });
    expect(who(h, '2026-11-30')).toEqual([]);
    expect(who(h, '2026-12-01')).toEqual(['s-ben', 's-carl', 's-dana']);
  });
  it("careplan due lists each staff member's supervision by its date", () => {
    const h = signedHome().supervise('s-carl', '2026-11-20T14:00').supervise('s-dana', '2026-11-20T14:00');
    const items = dueItems(load(h), asOf('2026-12-24'), 7).filter((i) => i.rule === 'supervision-overdue');
    expect(items.map((i) => [i.what, i.subject, i.due, i.overdue])).toEqual([['staff supervision', KEY_WORKER, '2026-12-28', false]]);
    none(judge(h, '2026-12-24'), 'supervision-overdue');
  });
});
