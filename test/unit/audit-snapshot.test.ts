import { describe, expect, it } from 'vitest';
import { auditPeriod, defaultMonth, previousMonth, weeksOf } from '../../src/audit/period.js';
import { filesGitHolds, workspaceAt } from '../../src/model/asItStood.js';
import { planStatus } from '../../src/model/planState.js';
import type { Plan } from '../../src/model/records.generated.js';
import { home, KEY_WORKER, load, planYaml, signedHome } from '../helpers/care.js';
import { auditOf, nd } from '../helpers/audit.js';
import { asOf } from '../helpers/memory.js';

const NOV = ['2026-11', '2026-12-05'] as const;

describe('the audit period', () => {
  const zone = 'Europe/London';

  it('defaults to the previous full month; a month ends at the end of its last day, local time', () => {
    expect(defaultMonth(asOf('2026-11-26'), zone)).toBe('2026-10');
    expect(defaultMonth(asOf('2027-01-01T00:30'), zone)).toBe('2026-12');
    expect(previousMonth('2027-01')).toBe('2026-12');
    const october = auditPeriod('2026-10', asOf('2026-11-26'), zone)!;
    expect(october).toMatchObject({ first: '2026-10-01', last: '2026-10-31', endDate: '2026-10-31', complete: true, days: 31 });
    // The clocks went back on 25 October: the month ends at 23:59:59.999 GMT.
    expect(new Date(october.end).toISOString()).toBe('2026-10-31T23:59:59.999Z');
    expect(new Date(auditPeriod('2026-07', asOf('2026-11-26'), zone)!.end).toISOString()).toBe('2026-07-31T22:59:59.999Z');
  });

  it('the current month runs to as-of; a month not yet begun has no period', () => {
    expect(auditPeriod('2026-11', asOf('2026-11-26T09:00'), zone)).toMatchObject({
      endDate: '2026-11-26',
      complete: false,
      days: 26,
      end: asOf('2026-11-26T09:00'),
    });
    expect(auditPeriod('2026-12', asOf('2026-11-26'), zone)).toBeUndefined();
  });

  it('weeks are days 1-7, 8-14, 15-21, 22-28 and the rest, cut at the end of the period', () => {
    expect(weeksOf(auditPeriod('2026-02', asOf('2026-12-01'), zone)!).map((w) => `${w.from}..${w.to}`)).toEqual([
      '2026-02-01..2026-02-07',
      '2026-02-08..2026-02-14',
      '2026-02-15..2026-02-21',
      '2026-02-22..2026-02-28',
    ]);
    expect(weeksOf(auditPeriod('2026-11', asOf('2026-11-10'), zone)!).map((w) => `${w.from}..${w.to}`)).toEqual([
      '2026-11-01..2026-11-07',
      '2026-11-08..2026-11-10',
    ]);
  });
});

describe('the records as they stood at the end of the month', () => {
  it('leaves out what is dated after the end and people admitted after it', () => {
    const h = signedHome()
      .outcome('2026-11-30T22:00')
      .outcome('2026-12-01T08:00')
      .review('plan', '2026-12-01T10:00')
      .person('p-b', { admitted: '2026-12-01' })
      .assess('2026-12-01T10:00');
    const ws = load(h);
    const { ws: then } = workspaceAt(ws, asOf('2026-11-30'));
    expect(then.people.has('p-b')).toBe(false);
    expect(then.people.get('p-a')!.outcomes).toHaveLength(1);
    expect(then.people.get('p-a')!.reviews).toHaveLength(0);
    expect(then.files.some((f) => f.startsWith('people/p-b/') || f.includes('2026-12'))).toBe(false);
    // The workspace itself is untouched.
    expect(ws.people.get('p-a')!.outcomes).toHaveLength(2);
  });

  it('a discharge after the end had not happened; a staff member who left after it was still working', () => {
    const h = signedHome()
      .person('p-a', { status: 'discharged', discharged: '2026-12-03', team: [KEY_WORKER, 's-carl'] })
      .staff('s-carl', ['care-staff'], { active: false, left: '2026-12-02' });
    const report = auditOf(h, ...NOV);
    expect(report.people.activeAtEnd).toEqual(['p-a']);
    expect(nd(report, 'followed.ack-coverage')).toBe('1/2');
  });

  it('a response given after the end leaves the escalation open then', () => {
    const h = signedHome().escalate('2026-11-20T10:00', { response: 'Seen.', responded_at: '2026-12-01T09:00' });
    const { ws } = workspaceAt(load(h), asOf('2026-11-30'));
    expect(ws.people.get('p-a')!.escalations[0].data).not.toHaveProperty('response');
  });

  it('a plan changed after the end is judged as it stood then, from the version git held', () => {
    const h = signedHome();
    const signed: Plan = JSON.parse(JSON.stringify(h.planSpec()));
    h.plan({ version: 2, about_me: 'Likes crosswords and her garden.', updated: '2026-12-02T10:00' });
    const ws = load(h);
    expect(filesGitHolds(ws, asOf('2026-11-30')).filter((f) => f.endsWith('/plan.yaml'))).toEqual(['people/p-a/plan.yaml']);
    const git = new Map([['people/p-a/plan.yaml', [{ at: asOf('2026-12-02T10:00'), text: planYaml(signed as never), data: signed }]]]);
    const withHistory = workspaceAt(ws, asOf('2026-11-30'), git);
    expect(planStatus(withHistory.ws, withHistory.ws.people.get('p-a')!).state).toBe('approved');
    expect(withHistory.caveats).toEqual([]);
    expect(nd(auditOf(h, ...NOV, git), 'accuracy.plans-approved')).toBe('1/1');
    // Without git's version, the plan is judged as it is now, and the report says so.
    const now = auditOf(h, ...NOV);
    expect(nd(now, 'accuracy.plans-approved')).toBe('0/1');
    expect(now.caveats).toEqual([
      'people/p-a/plan.yaml was changed after 2026-11-30 and git holds no earlier version, so it is judged as it is now',
    ]);
    expect(now.findings.byRule.map((r) => r.rule)).not.toContain('future-date');
  });

  it('a plan first written after the end did not exist then', () => {
    const h = home().assess('2026-11-30T10:00').plan({ updated: '2026-12-01T10:00' }).signoff('2026-12-01T12:00');
    const first = h.planSpec();
    const report = auditOf(
      h,
      ...NOV,
      new Map([['people/p-a/plan.yaml', [{ at: asOf('2026-12-01T10:05'), text: planYaml(first), data: first }]]]),
    );
    expect(nd(report, 'accuracy.plans-complete')).toBe('0/0');
    expect(report.findings.byRule.map((r) => r.rule)).not.toContain('future-date');
  });
});
