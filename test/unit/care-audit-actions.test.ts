import { describe, expect, it } from 'vitest';
import { dueItems } from '../../src/rules/due.js';
import { judge, load, none, signedHome } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

/**
 * src/rules/care/auditActions.ts (SPEC section 5.5): an action of a saved audit past its `due` date
 * has a status entry (done or dropped) in audits/actions.yaml.
 */

const AUDIT = 'audits/2026-10.yaml';
/** October's audit, saved 2026-11-05, agreed two actions: due 2026-11-13 (s-dana) and 2026-11-20. */
const audited = () => signedHome().audit('2026-10', '2026-11-05T11:40', [{ owner: 's-dana', due: '2026-11-13' }, { due: '2026-11-20' }]);
const overdue = (h: ReturnType<typeof audited>, when: string) => judge(h, when).filter((f) => f.rule === 'audit-action-overdue');

describe('audit-action-overdue', () => {
  it("nothing on the due date; a warning about the home the day after, at the action's `due`", () => {
    expect(overdue(audited(), '2026-11-13')).toEqual([]);
    const found = overdue(audited(), '2026-11-14');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      file: AUDIT,
      due: '2026-11-13',
      since: '2026-11-13',
      subject: '2026-10#1',
      message: 'action 1 of the 2026-10 audit (owner s-dana) was due 2026-11-13, 1 day ago, and is not recorded as done or dropped',
      fix:
        's-dana reports back and the Registered Manager records it: `careplan audit action 2026-10 1 --done` ' +
        '(or `--dropped` with a note saying why)',
    });
    expect(found[0].person).toBeUndefined();
    expect(found[0].line).toBeGreaterThan(1);
    expect(overdue(audited(), '2026-11-21').map((f) => f.subject)).toEqual(['2026-10#1', '2026-10#2']);
  });
  it('closed by a status entry, done or dropped, on time or late', () => {
    expect(overdue(audited().auditAction('2026-10', 1, '2026-11-12T10:00'), '2026-11-14')).toEqual([]);
    const late = audited()
      .auditAction('2026-10', 1, '2026-11-16T10:00', { status: 'dropped', note: 'Superseded' })
      .auditAction('2026-10', 2, '2026-11-20T09:00');
    expect(overdue(late, '2026-11-15').map((f) => f.subject)).toEqual(['2026-10#1']);
    expect(overdue(late, '2026-11-30')).toEqual([]);
  });
  it('a status entry for another action or another audit does not close it', () => {
    const h = audited()
      .audit('2026-09', '2026-10-06T10:00', [{ due: '2026-10-31' }])
      .auditAction('2026-09', 1, '2026-10-20T10:00')
      .auditAction('2026-10', 2, '2026-11-12T10:00');
    expect(overdue(h, '2026-11-30').map((f) => f.subject)).toEqual(['2026-10#1']);
  });
  it('an audit saved after as-of had not been saved then', () => {
    const h = signedHome().audit('2026-10', '2026-11-15T11:40', [{ due: '2026-11-13' }]);
    expect(overdue(h, '2026-11-14T12:00')).toEqual([]);
    expect(overdue(h, '2026-11-15T12:00')).toHaveLength(1);
  });
  it('careplan due lists each open action by its date', () => {
    const items = dueItems(load(audited()), asOf('2026-11-10'), 7).filter((i) => i.rule === 'audit-action-overdue');
    expect(items.map((i) => [i.what, i.subject, i.due])).toEqual([['audit action', '2026-10#1', '2026-11-13']]);
    none(judge(audited(), '2026-11-10'), 'audit-action-overdue');
  });
});
