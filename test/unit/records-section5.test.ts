import { describe, expect, it } from 'vitest';
import { answerTo, raisedEscalations } from '../../src/model/escalations.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { describeSchemaErrors } from '../../src/repo/schemaMessages.js';
import { validatorFor } from '../../src/repo/schemas.js';
import { recordRules } from '../../src/rules/record.js';
import { workspaceOf } from '../helpers/memory.js';

/** Problems as `path: message` lines; empty when valid. */
function problems(schema: string, data: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return describeSchemaErrors(validate.errors ?? [], data).map((p) => `${p.path.join('.')}: ${p.message}`);
}

const STAFF = {
  'staff/s-amina.yaml': 'id: s-amina\nname: Amina\nroles: [registered-manager]\nactive: true\n',
  'staff/s-carl.yaml': 'id: s-carl\nname: Carl\nroles: [care-staff]\nactive: true\nstarted: 2026-09-01\n',
};
const PERSON = { 'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\nadmitted: 2026-11-01\nkey_worker: s-amina\nstatus: active\n' };

describe('SPEC section 5 records', () => {
  it('an escalation list holds escalations raised and later answers to them, each complete', () => {
    const raised = { at: '2026-11-12T18:00', by: 's-carl', to: 's-amina', reason: 'Refused lunch three days running' };
    const answer = { responds_to: '2026-11-12T18:00', at: '2026-11-13T09:10', by: 's-amina', response: 'GP informed' };
    expect(problems('escalations.schema.json', [raised, answer])).toEqual([]);
    expect(problems('escalations.schema.json', [{ ...answer, response: undefined }]).join('\n')).toContain('response');
    expect(problems('escalations.schema.json', [{ ...answer, reason: 'x' }]).join('\n')).toContain('reason');
    expect(problems('escalations.schema.json', [{ at: raised.at, by: 's-carl', to: 's-amina' }]).join('\n')).toContain('reason');
  });

  it('an answer appended later answers the escalation raised at its responds_to, however the moment is written', () => {
    const ws = workspaceOf({
      ...STAFF,
      ...PERSON,
      'people/p-edith/escalations.yaml': [
        '- { at: 2026-11-12T18:00, by: s-carl, to: s-amina, reason: Refused lunch }',
        '- { at: 2026-11-14T18:00, by: s-carl, to: s-amina, reason: Refused tea }',
        '- { responds_to: "2026-11-12T18:00:00", at: 2026-11-13T09:10, by: s-amina, response: GP informed }',
        '',
      ].join('\n'),
    });
    const list = ws.people.get('p-edith')!.escalations;
    const [first, second] = raisedEscalations(list);
    expect(raisedEscalations(list)).toHaveLength(2);
    expect(answerTo(first, list, ws.timezone)).toMatchObject({ response: 'GP informed', by: 's-amina', at: '2026-11-13T09:10' });
    expect(answerTo(first, list, ws.timezone, Date.parse('2026-11-13T09:00:00Z'))).toBeUndefined();
    expect(answerTo(second, list, ws.timezone)).toBeUndefined();
    expect(recordRules(ws, Date.parse('2026-11-30T00:00:00Z'))).toEqual([]);
  });

  it('an answer to no escalation is an unknown reference', () => {
    const ws = workspaceOf({
      ...STAFF,
      ...PERSON,
      'people/p-edith/escalations.yaml': '- { responds_to: 2026-11-12T18:00, at: 2026-11-13T09:10, by: s-amina, response: GP informed }\n',
    });
    const findings = recordRules(ws, Date.parse('2026-11-30T00:00:00Z'));
    expect(findings.map((f) => [f.rule, f.line, f.message])).toEqual([
      ['unknown-ref', 1, '`responds_to` is 2026-11-12T18:00, and p-edith has no escalation raised then'],
    ]);
  });

  it('supervisions load into the workspace; the file name names the staff member supervised', () => {
    const text =
      'at: 2026-11-18T14:00\nby: s-amina\nstaff: s-carl\nkind: supervision\ntopics: [care-plan-adherence]\n' +
      'actions:\n  - { description: Explain every variation, due: 2026-11-25 }\npeople: [p-edith]\n';
    const ws = workspaceOf({
      ...STAFF,
      ...PERSON,
      'supervisions/2026-11-18-s-carl.yaml': text,
      'supervisions/2026-11-19-s-amina.yaml': text.replace('18T', '19T'),
    });
    expect(ws.supervisions.map((s) => [s.date, s.staffId, s.data.kind])).toEqual([
      ['2026-11-18', 's-carl', 'supervision'],
      ['2026-11-19', 's-amina', 'supervision'],
    ]);
    const findings = recordRules(ws, Date.parse('2026-11-30T00:00:00Z'));
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['id-mismatch', 'supervisions/2026-11-19-s-amina.yaml']]);
    expect(problems('supervision.schema.json', { at: '2026-11-18T14:00', by: 's-amina', staff: 's-carl', kind: 'chat' }).join()).toContain(
      'kind',
    );
  });

  it("audits/actions.yaml closes a saved audit's actions by their place in it", () => {
    const audit =
      'month: 2026-10\nsaved_at: 2026-11-05T11:40\nsaved_by: s-amina\nmetrics: {}\nfindings: { by_rule: {} }\n' +
      'actions:\n  - { description: Review plans, owner: s-amina, due: 2026-11-20 }\n';
    const ws = workspaceOf({
      ...STAFF,
      'audits/2026-10.yaml': audit,
      'audits/actions.yaml':
        '- { audit: 2026-10, action: 1, status: done, at: 2026-11-20T10:00, by: s-amina, note: Plans reviewed }\n' +
        '- { audit: 2026-10, action: 2, status: dropped, at: 2026-11-21T10:00, by: s-amina }\n' +
        '- { audit: 2026-09, action: 1, status: done, at: 2026-11-21T10:00, by: s-amina }\n',
    });
    expect(ws.auditActions.map((a) => [a.data.audit, a.data.action, a.data.status])).toEqual([
      ['2026-10', 1, 'done'],
      ['2026-10', 2, 'dropped'],
      ['2026-09', 1, 'done'],
    ]);
    expect(ws.audits.map((a) => a.month)).toEqual(['2026-10']);
    const findings = recordRules(ws, Date.parse('2026-11-30T00:00:00Z'));
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['unknown-ref', 2],
      ['unknown-ref', 3],
    ]);
    expect(
      problems('audit-actions.schema.json', [{ audit: '2026-10', action: 0, status: 'open', at: '2026-11-20T10:00', by: 's-amina' }]),
    ).toHaveLength(2);
  });

  it('measured outcomes: a goal has a unit and a direction, an entry a numeric value', () => {
    expect(
      problems('outcomes.schema.json', [{ at: '2026-11-02T12:40', by: 's-carl', goal: 'weight', result: 'improving', value: 52.4 }]),
    ).toEqual([]);
    expect(
      problems('outcomes.schema.json', [{ at: '2026-11-02T12:40', by: 's-carl', goal: 'weight', result: 'improving', value: '52 kg' }]),
    ).not.toEqual([]);
    const goal = { id: 'weight', description: 'Keeps her weight', target: 52, unit: 'kg', direction: 'maintain', status: 'active' };
    const plan = {
      version: 1,
      assessment: '2026-11-01-initial',
      author: 's-ben',
      updated: '2026-11-02T10:00',
      about_me: 'x',
      needs: [{ need: 'nutrition', actions: [{ id: 'a', description: 'b', status: 'active' }], goals: [goal] }],
    };
    expect(problems('plan.schema.json', plan)).toEqual([]);
    plan.needs[0].goals[0].direction = 'sideways';
    expect(problems('plan.schema.json', plan).join()).toContain('direction');
  });

  it('policy: escalations answered within 48 hours, staff supervised every 56 days, unless careplan.yaml says otherwise', () => {
    expect(DEFAULT_POLICY).toMatchObject({ escalation_response_hours: 48, supervision_days: 56 });
    const ws = workspaceOf({ 'careplan.yaml': 'provider: { name: T }\npolicy: { supervision_days: 28, escalation_response_hours: 24 }\n' });
    expect(ws.policy).toMatchObject({ escalation_response_hours: 24, supervision_days: 28 });
  });
});
