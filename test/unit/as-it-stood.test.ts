import { describe, expect, it } from 'vitest';
import { filesGitHolds, workspaceAt, type CommittedVersion } from '../../src/model/asItStood.js';
import type { Person, Staff } from '../../src/model/records.generated.js';
import { judge } from '../../src/rules/check.js';
import { futureDates } from '../../src/rules/dates.js';
import { home, KEY_WORKER, load, rulesOf, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/** A version of a file as git would hand it over: committed at `at`, with its data. */
const committed = (at: string, data: unknown): CommittedVersion => ({ at: asOf(at), text: JSON.stringify(data), data });

const PERSON: Person = {
  id: 'p-a',
  name: 'Person p-a',
  admitted: '2026-11-01',
  key_worker: KEY_WORKER,
  team: [KEY_WORKER],
  status: 'active',
};
const CARL: Staff = { id: 's-carl', name: 'Staff s-carl', roles: ['care-staff'], active: true };
const T = '2026-11-20T12:00';

describe('the records as they stood at a moment (SPEC 5.1): lists and dated records', () => {
  it('leaves out entries and records dated after it; the workspace itself is untouched', () => {
    const h = signedHome()
      .outcome('2026-11-20T11:00')
      .outcome('2026-11-20T13:00')
      .review('outcomes', '2026-11-21T10:00')
      .escalate('2026-11-19T10:00', { response: 'Seen.', responded_at: '2026-11-20T12:30' });
    const ws = load(h);
    const then = workspaceAt(ws, asOf(T)).ws;
    const a = then.people.get('p-a')!;
    expect(a.outcomes.map((o) => o.data.at)).toEqual(['2026-11-20T11:00']);
    expect(a.reviews).toEqual([]);
    expect(a.escalations[0].data).not.toHaveProperty('response');
    expect(then.files).not.toContain('people/p-a/reviews/2026-11-21-outcomes.yaml');
    expect(ws.people.get('p-a')!.outcomes).toHaveLength(2);
  });

  it('judges nothing after it as future-dated, while the real clock still catches what lies after now', () => {
    const h = signedHome().outcome('2026-11-20T13:00');
    const ws = load(h);
    const stood = workspaceAt(ws, asOf(T)).ws;
    expect(rulesOf(judge(stood, asOf(T), { now: asOf('2026-11-30T06:00') }))).not.toContain('future-date');
    // Without looking back, the clock decides: after now is future, after as-of is not.
    expect(futureDates(ws, asOf('2026-11-20T12:30')).map((f) => f.message)).toEqual([
      '`at` 2026-11-20T13:00 is after now (2026-11-20T12:30)',
    ]);
    expect(rulesOf(judge(ws, asOf('2026-11-19'), { now: asOf('2026-11-30T06:00') }))).not.toContain('future-date');
  });
});

describe('plan.yaml as it stood: by its own `updated`, whatever the commit dates', () => {
  it('takes the newest version updated by then, even one committed later', () => {
    const h = signedHome();
    const signed = structuredClone(h.planSpec());
    h.plan({ version: 2, about_me: 'Likes crosswords and her garden.', updated: '2026-11-22T10:00' });
    const ws = load(h);
    expect(filesGitHolds(ws, asOf(T))).toContain('people/p-a/plan.yaml');
    // Both versions were committed on the 25th, after the day each describes.
    const git = new Map([['people/p-a/plan.yaml', [committed('2026-11-25T09:00', signed), committed('2026-11-25T09:01', h.planSpec())]]]);
    const stood = workspaceAt(ws, asOf(T), git);
    expect(stood.ws.people.get('p-a')!.plan!.data.version).toBe(1);
    expect(stood.ws.people.get('p-a')!.plan!.source.text()).toBe(JSON.stringify(signed));
    expect(stood.caveats).toEqual([]);
    // Without git's versions, the plan is judged as it is now, and that is said.
    const blind = workspaceAt(ws, asOf(T));
    expect(blind.ws.people.get('p-a')!.plan!.data.version).toBe(2);
    expect(blind.caveats).toEqual([
      'people/p-a/plan.yaml was changed after 2026-11-20 and git holds no earlier version, so it is judged as it is now',
    ]);
    expect(filesGitHolds(ws, asOf('2026-11-23'))).not.toContain('people/p-a/plan.yaml');
  });

  it('a plan whose first version came later did not exist yet', () => {
    const h = home().assess('2026-11-19T10:00').plan({ updated: '2026-11-21T10:00' });
    const git = new Map([['people/p-a/plan.yaml', [committed('2026-11-21T10:05', h.planSpec())]]]);
    const stood = workspaceAt(load(h), asOf(T), git).ws.people.get('p-a')!;
    expect(stood.plan).toBeUndefined();
    expect(stood.presentFiles.has('plan.yaml')).toBe(false);
  });
});

describe('person.yaml as it stood', () => {
  it('by its dates alone without git: admitted later is absent, discharged later is still active', () => {
    const h = signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-25' }).person('p-b', { admitted: '2026-11-21' });
    const then = workspaceAt(load(h), asOf(T)).ws;
    expect(then.people.has('p-b')).toBe(false);
    expect(then.people.get('p-a')!.person!.data).toMatchObject({ status: 'active' });
    expect(then.people.get('p-a')!.person!.data).not.toHaveProperty('discharged');
  });

  it('a key worker changed after it: the version git committed by then', () => {
    const h = signedHome()
      .staff('s-carl', ['key-worker'])
      .person('p-a', { key_worker: 's-carl', team: ['s-carl'] });
    const ws = load(h);
    const git = new Map([
      [
        'people/p-a/person.yaml',
        [committed('2026-11-01T09:00', PERSON), committed('2026-11-24T10:00', { ...PERSON, key_worker: 's-carl', team: ['s-carl'] })],
      ],
    ]);
    expect(workspaceAt(ws, asOf(T), git).ws.people.get('p-a')!.person!.data.key_worker).toBe(KEY_WORKER);
    expect(workspaceAt(ws, asOf('2026-11-25'), git).ws.people.get('p-a')!.person!.data.key_worker).toBe('s-carl');
    // Committed only after the day it describes (a home moving onto careplan): no earlier version, so as it is now.
    const late = new Map([
      ['people/p-a/person.yaml', [committed('2026-11-24T10:00', { ...PERSON, key_worker: 's-carl', team: ['s-carl'] })]],
    ]);
    expect(workspaceAt(ws, asOf(T), late).ws.people.get('p-a')!.person!.data.key_worker).toBe('s-carl');
  });

  it('a discharge dated by then counts even when it was recorded later', () => {
    const h = signedHome().person('p-a', { status: 'discharged', discharged: '2026-11-18' });
    const git = new Map([
      [
        'people/p-a/person.yaml',
        [
          committed('2026-11-01T09:00', PERSON),
          committed('2026-11-22T10:00', { ...PERSON, status: 'discharged', discharged: '2026-11-18' }),
        ],
      ],
    ]);
    const then = workspaceAt(load(h), asOf(T), git).ws;
    expect(then.people.get('p-a')!.person!.data).toMatchObject({ status: 'discharged', discharged: '2026-11-18', key_worker: KEY_WORKER });
  });

  it('readmitted after it: the earlier stay, as it stood', () => {
    const first = { ...PERSON, admitted: '2026-10-01' };
    const left = { ...first, status: 'discharged', discharged: '2026-11-25' };
    const back = { ...first, admitted: '2026-11-28', key_worker: 's-carl' };
    const h = signedHome().staff('s-carl', ['key-worker']).person('p-a', { admitted: '2026-11-28', key_worker: 's-carl' });
    const git = new Map([
      [
        'people/p-a/person.yaml',
        [committed('2026-10-01T09:00', first), committed('2026-11-25T17:00', left), committed('2026-11-28T09:00', back)],
      ],
    ]);
    const ws = load(h);
    const during = workspaceAt(ws, asOf(T), git).ws.people.get('p-a')!.person!.data;
    expect(during).toMatchObject({ admitted: '2026-10-01', status: 'active', key_worker: KEY_WORKER });
    expect(during).not.toHaveProperty('discharged');
    expect(workspaceAt(ws, asOf('2026-11-26'), git).ws.people.get('p-a')!.person!.data).toMatchObject({
      status: 'discharged',
      discharged: '2026-11-25',
    });
    expect(workspaceAt(ws, asOf('2026-11-29'), git).ws.people.get('p-a')!.person!.data).toMatchObject({
      admitted: '2026-11-28',
      status: 'active',
      key_worker: 's-carl',
    });
    // Without git the earlier stay cannot be had: the person had not (yet) been admitted.
    expect(workspaceAt(ws, asOf(T)).ws.people.has('p-a')).toBe(false);
  });
});

describe('staff files and careplan.yaml as they stood', () => {
  it('roles changed after it: the version committed by then', () => {
    const h = signedHome().staff('s-carl', ['care-staff', 'shift-lead']);
    const git = new Map([
      [
        'staff/s-carl.yaml',
        [committed('2026-11-01T09:00', CARL), committed('2026-11-24T09:00', { ...CARL, roles: ['care-staff', 'shift-lead'] })],
      ],
    ]);
    expect(workspaceAt(load(h), asOf(T), git).ws.staff.get('s-carl')!.data.roles).toEqual(['care-staff']);
  });

  it('by their dates: left after it still working, left before it (recorded later) gone, not yet started not working', () => {
    const h = signedHome()
      .staff('s-carl', ['care-staff'], { active: false, left: '2026-11-22' })
      .staff('s-dana', ['shift-lead'], { active: false, left: '2026-11-18' })
      .staff('s-eve', ['care-staff'], { started: '2026-11-23' });
    const git = new Map([
      ['staff/s-dana.yaml', [committed('2026-11-01T09:00', { id: 's-dana', name: 'Staff s-dana', roles: ['shift-lead'], active: true })]],
    ]);
    const staff = workspaceAt(load(h), asOf(T), git).ws.staff;
    expect(staff.get('s-carl')!.data).toMatchObject({ active: true, left: '2026-11-22' });
    expect(staff.get('s-dana')!.data).toMatchObject({ active: false, left: '2026-11-18' });
    expect(staff.get('s-eve')!.data.active).toBe(false);
    expect(staff.get('s-amina')!.data.active).toBe(true);
  });

  it('a policy changed after it: the careplan.yaml committed by then', () => {
    const h = signedHome().policy({ review_interval_days: 14 });
    const git = new Map([
      [
        'careplan.yaml',
        [
          committed('2026-11-01T09:00', { provider: { name: 'Test Home' } }),
          committed('2026-11-24T09:00', { provider: { name: 'Test Home' }, policy: { review_interval_days: 14 } }),
        ],
      ],
    ]);
    const ws = load(h);
    expect(ws.policy.review_interval_days).toBe(14);
    expect(workspaceAt(ws, asOf(T), git).ws.policy.review_interval_days).toBe(28);
    expect(workspaceAt(ws, asOf(T)).ws.policy.review_interval_days).toBe(14);
  });

  it('asks git for every person, staff file and careplan.yaml, and the plans updated after it', () => {
    const h = signedHome()
      .plan({ updated: '2026-11-22T10:00' })
      .person('p-b')
      .assess('2026-11-01T10:00')
      .plan({ updated: '2026-11-01T16:00' });
    expect(filesGitHolds(load(h), asOf(T))).toEqual([
      'careplan.yaml',
      'staff/s-amina.yaml',
      'staff/s-ben.yaml',
      'staff/s-carl.yaml',
      'staff/s-dana.yaml',
      'people/p-a/person.yaml',
      'people/p-a/plan.yaml',
      'people/p-b/person.yaml',
    ]);
  });
});
