import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { judge, KEY_WORKER, listFindings, load, none, one, rulesOf, signedHome } from '../helpers/care.js';
import { asOf, workspaceOf } from '../helpers/memory.js';
import { judgeVetted } from '../helpers/rules.js';

/**
 * src/rules/care/keyWorker.ts (SPEC section 5.5): an active person's `key_worker` is an active
 * staff member with role key-worker on as-of's date.
 */

const PERSON = 'people/p-a/person.yaml';
/** s-ben, p-a's key worker, has a planned last working day of 2026-11-20. */
const leaving = () => signedHome().staff(KEY_WORKER, ['key-worker', 'care-staff'], { left: '2026-11-20' });

describe('key-worker-missing', () => {
  it('a planned leaving date: nothing up to and including it, an error at `key_worker` the day after', () => {
    none(judge(leaving(), '2026-11-20'), 'key-worker-missing');
    const f = one(judge(leaving(), '2026-11-21T00:00'), 'key-worker-missing');
    expect(f).toMatchObject({
      severity: 'error',
      person: 'p-a',
      file: PERSON,
      line: 4,
      due: '2026-11-20',
      subject: KEY_WORKER,
      message: 'p-a has no key worker: key worker s-ben left on 2026-11-20',
      fix: 'choose an active key worker for p-a and record it: `careplan person update p-a --key-worker <staff-id>`',
    });
  });
  it('a key worker who has left (active: false) is missing at once, whatever the leaving date', () => {
    const h = signedHome().staff(KEY_WORKER, ['key-worker'], { active: false, left: '2026-11-30' });
    expect(one(judge(h, '2026-11-05'), 'key-worker-missing')).toMatchObject({
      message: 'p-a has no key worker: key worker s-ben left on 2026-11-30',
      due: '2026-11-30',
    });
    const noDate = signedHome().staff(KEY_WORKER, ['key-worker'], { active: false });
    expect(one(judge(noDate, '2026-11-05'), 'key-worker-missing')).toMatchObject({
      message: 'p-a has no key worker: key worker s-ben is not an active staff member',
      due: '2026-11-05',
    });
  });
  it('handed to another key worker in time: nothing', () => {
    const h = leaving()
      .staff('s-kim', ['key-worker'])
      .person('p-a', { key_worker: 's-kim', team: [KEY_WORKER, 's-kim'] })
      .ack('s-kim', '2026-11-02T12:00');
    none(judge(h, '2026-11-21'), 'key-worker-missing', 'role-mismatch', 'ack-missing');
  });
  it('a key worker without the role: also a role-mismatch', () => {
    const findings = judge(
      signedHome()
        .person('p-a', { key_worker: 's-carl', team: [KEY_WORKER, 's-carl'] })
        .ack('s-carl', '2026-11-02T12:00'),
      '2026-11-05',
    );
    expect(rulesOf(findings), listFindings(findings)).toEqual(['key-worker-missing', 'role-mismatch']);
    expect(one(findings, 'key-worker-missing').message).toBe(
      'p-a has no key worker: key worker s-carl does not have the role key-worker (has care-staff)',
    );
  });
  it('a key worker not on the roster: also an unknown-ref; a staff file that fails its schema: left to the schema finding', () => {
    const unknown = judge(signedHome().person('p-a', { key_worker: 's-zed' }), '2026-11-05');
    expect(rulesOf(unknown), listFindings(unknown)).toEqual(['key-worker-missing', 'unknown-ref']);
    expect(one(unknown, 'key-worker-missing').message).toBe('p-a has no key worker: key worker s-zed is not on the roster');
    const broken = signedHome()
      .person('p-a', { key_worker: 's-zed' })
      .file('staff/s-zed.yaml', 'id: s-zed\nname: Zed\nroles: [key-worker]\n');
    const loaded = judgeVetted(workspaceOf(broken.files()), asOf('2026-11-05'));
    one(loaded, 'schema');
    none(loaded, 'key-worker-missing');
  });
  it('not for a discharged person', () => {
    none(judge(leaving().person('p-a', { status: 'discharged', discharged: '2026-11-19' }), '2026-11-25'), 'key-worker-missing');
  });
  it('careplan due lists the handover on the last working day', () => {
    const items = dueItems(load(leaving()), asOf('2026-11-16'), 7).filter((i) => i.rule === 'key-worker-missing');
    expect(items).toEqual([
      expect.objectContaining({ what: 'choose a new key worker', due: '2026-11-20', person: 'p-a', subject: KEY_WORKER }),
    ]);
  });
});
