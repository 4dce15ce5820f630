import { Ajv2020 } from 'ajv/dist/2020.js';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../src/model/recordKinds.js';
import { describeSchemaErrors } from '../../src/repo/schemaMessages.js';
import { readSchema, schemaFiles, validatorFor } from '../../src/repo/schemas.js';
import * as fx from '../fixtures/records.js';

type Data = Record<string, unknown> | unknown[];

function load(text: string): Data {
  return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Data;
}

/** A deep copy of `data` changed by `change`. */
function changed<T extends Data>(data: T, change: (copy: any) => void): T {
  const copy = structuredClone(data);
  change(copy);
  return copy;
}

/** Problems in the care domain's words, as `path: message` lines; empty when valid. */
function problems(schema: string, data: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return describeSchemaErrors(validate.errors ?? [], data).map((p) => `${p.path.join('.')}: ${p.message}`);
}

function expectValid(schema: string, data: unknown): void {
  expect(problems(schema, data)).toEqual([]);
}

/** Invalid, and some problem sits at `path` with a message containing each of `words`. */
function expectProblem(schema: string, data: unknown, path: string, ...words: string[]): void {
  const found = problems(schema, data);
  expect(found.length, `expected ${schema} to reject the record`).toBeGreaterThan(0);
  const atPath = found.filter((p) => p.startsWith(`${path}: `));
  expect(atPath, `no problem at ${path} among:\n${found.join('\n')}`).not.toEqual([]);
  for (const word of words) expect(atPath.join('\n')).toContain(word);
}

const RECORD_SCHEMAS = Object.values(RECORD_KINDS).map((kind) => kind.schema.replace(/\.schema\.json$/, ''));

describe('the shipped schemas', () => {
  it('are one per record type plus the shared definitions', () => {
    expect(schemaFiles()).toEqual([...RECORD_SCHEMAS, 'defs'].map((n) => `${n}.schema.json`).sort());
  });

  it('each is a valid draft 2020-12 schema (the CLI skips this check on start, so the suite must make it)', () => {
    const meta = new Ajv2020({ strict: false, validateFormats: false });
    for (const file of schemaFiles()) {
      const schema = readSchema(file);
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(meta.validateSchema(schema), `${file}: ${meta.errorsText(meta.errors)}`).toBe(true);
    }
    // A schema that breaks the meta-schema is caught: the check is not vacuous.
    expect(meta.validateSchema({ type: 'object', required: 'id' })).toBe(false);
  });

  it('every record schema compiles', () => {
    for (const name of RECORD_SCHEMAS) expect(typeof validatorFor(`${name}.schema.json`)).toBe('function');
  });

  it('set no string length but minLength 1, where code units (ajv is told unicode: false) and code points agree', () => {
    const lengths: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'minLength' || key === 'maxLength') lengths.push({ [key]: value });
          walk(value);
        }
      }
    };
    for (const file of schemaFiles()) walk(readSchema(file));
    expect(lengths.length).toBeGreaterThan(0);
    expect(
      lengths.every((l) => JSON.stringify(l) === '{"minLength":1}'),
      JSON.stringify(lengths),
    ).toBe(true);
    // An emoji alone is one code point and two code units: not empty either way.
    const entry = { at: '2026-01-01T09:00', by: 's-1', goal: 'g-1', result: 'improving' };
    expect(problems('outcomes.schema.json', [{ ...entry, note: '😀' }])).toEqual([]);
    expectProblem('outcomes.schema.json', [{ ...entry, note: '' }], '0.note');
  });
});

describe('careplan.schema.json', () => {
  const S = 'careplan.schema.json';
  const valid = load(fx.CONFIG) as Record<string, any>;
  it('accepts a valid careplan.yaml, and one with only the provider name', () => {
    expectValid(S, valid);
    expectValid(S, { provider: { name: 'Oak Lodge' } });
  });
  it('rejects a missing provider', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.provider),
      '',
      'required key `provider`',
    ));
  it('rejects an unknown key (a typo of policy)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.polcy = {})),
      'polcy',
      'unknown key `polcy`',
    ));
  it('rejects an unknown policy key', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.policy.review_days = 28)),
      'policy.review_days',
      'unknown key',
    ));
  it('rejects a policy number that is not a whole number', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.policy.plan_due_hours = '48h')),
      'policy.plan_due_hours',
      'whole number',
    ));
  it('rejects a sign-off role that is not a role', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.policy = { signoff_roles: ['manager'] })),
      'policy.signoff_roles.0',
      'registered-manager',
    ));
  it('rejects a malformed CQC location id', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.provider.location_id = 'ABC')),
      'provider.location_id',
      'CQC location id such as 1-000000001',
    ));
  it('rejects an audit due day past the 28th', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.policy.audit_due_day = 31)),
      'policy.audit_due_day',
      'at most 28',
    ));
  it('accepts anything under notes and extra', () => {
    expectValid(
      S,
      changed(valid, (c) => {
        c.notes = { anything: [1, { deep: true }] };
        c.extra = { crm_id: 42, tags: ['a'] };
        c.provider.notes = 'free text';
      }),
    );
  });
});

describe('staff.schema.json', () => {
  const S = 'staff.schema.json';
  const valid = load(fx.STAFF_AMINA) as Record<string, any>;
  it('accepts a valid staff member, and one who has left', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c, { active: false, left: '2026-12-31' })),
    );
  });
  it('rejects a missing name', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.name),
      '',
      'required key `name`',
    ));
  it('rejects an unknown key (a typo of roles)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.role = ['key-worker'])),
      'role',
      'unknown key `role`',
    ));
  it('rejects an unknown role', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.roles = ['nurse'])),
      'roles.0',
      'must be one of',
      'key-worker',
      '"nurse"',
    ));
  it('rejects no roles at all', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.roles = [])),
      'roles',
      'at least 1',
    ));
  it('rejects ids that are paths or capitalised', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.id = '../../etc')),
      'id',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.id = 'S-Amina')),
      'id',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.id = 'a'.repeat(64))),
      'id',
      'not a valid id',
    );
  });
  it('rejects active that is not true or false', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.active = 'yes')),
      'active',
      'true or false',
    ));
  it('rejects a malformed email', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.email = 'amina at home')),
      'email',
      'email address',
    ));
  it('rejects impossible dates', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.left = '2026-13-01')),
      'left',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.left = '2026-02-30')),
      'left',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.left = '31/12/2026')),
      'left',
      'date',
    );
  });
  it('accepts anything under notes and extra', () => {
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c, { notes: ['x', 1], extra: { payroll: 'A1', nested: { deep: [null] } } })),
    );
  });
  it('rejects extra that is not a mapping', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.extra = 'text')),
      'extra',
      'mapping',
    ));
});

describe('person.schema.json', () => {
  const S = 'person.schema.json';
  const valid = load(fx.PERSON) as Record<string, any>;
  it('accepts a valid person, and a discharged one', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c, { status: 'discharged', discharged: '2026-12-01' })),
    );
  });
  it('rejects a missing key worker', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.key_worker),
      '',
      'required key `key_worker`',
    ));
  it('rejects discharged without a discharge date', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.status = 'discharged')),
      '',
      'required key `discharged`',
    ));
  it('rejects an unknown key (a typo of admitted)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.admited = '2026-10-28')),
      'admited',
      'unknown key `admited`',
    ));
  it('rejects an unknown status', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.status = 'inactive')),
      'status',
      'active, discharged',
    ));
  it('rejects ids like ../../etc and P-Edith', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.id = '../../etc')),
      'id',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.id = 'P-Edith')),
      'id',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.key_worker = 's_ben')),
      'key_worker',
      'not a valid id',
    );
  });
  it('rejects impossible dates', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.admitted = '2026-13-01')),
      'admitted',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.admitted = '2026-02-30')),
      'admitted',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.date_of_birth = '1938-4-2')),
      'date_of_birth',
      'date',
    );
  });
  it('checks the NHS number check digit', () => {
    expectValid(
      S,
      changed(valid, (c) => (c.nhs_number = '943 476 5919')),
    );
    expectValid(
      S,
      changed(valid, (c) => (c.nhs_number = '9434765919')),
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.nhs_number = '943 476 5918')),
      'nhs_number',
      'check digit',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.nhs_number = '943 476 591')),
      'nhs_number',
    );
  });
  it('never quotes an NHS number or name back, whatever its type (findings go to CI logs)', () => {
    const text = problems(
      S,
      changed(valid, (c) => {
        c.nhs_number = '943 476 5918';
        c.name = '';
      }),
    ).join('\n');
    expect(text).not.toContain('5918');
    // Unquoted in YAML, an NHS number is a number: still private.
    const unquoted = problems(
      S,
      changed(valid, (c) => (c.nhs_number = 9434765919)),
    );
    expect(unquoted.join('\n')).toMatch(/nhs_number must be text, not a number/);
    expect(unquoted.join('\n')).not.toContain('9434765919');
    // A mapping where a list belongs holds a name: say its shape, not its content.
    const mapping = problems(
      S,
      changed(valid, (c) => (c.representatives = c.representatives[0])),
    );
    expect(mapping).toEqual(['representatives: representatives must be a list, not a mapping']);
  });
  it('rejects an unknown representative authority and a representative without a relationship', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.representatives[0].authority = 'power-of-attorney')),
      'representatives.0.authority',
      'lpa-health-welfare',
    );
    expectProblem(
      S,
      changed(valid, (c) => delete c.representatives[0].relationship),
      'representatives.0',
      'required key `relationship`',
    );
  });
  it('rejects the same team member twice', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.team = ['s-ben', 's-ben'])),
      'team',
      'same item twice',
    ));
  it('accepts anything under notes and extra', () => {
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c, { notes: 'Likes Radio 4', extra: { room: 12, diet: { soft: true } } })),
    );
  });
});

describe('assessment.schema.json', () => {
  const S = 'assessment.schema.json';
  const valid = load(fx.ASSESSMENT) as Record<string, any>;
  it('accepts a valid assessment, with and without seconds and offsets', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => (c.at = '2026-10-28T14:00:30Z')),
    );
    expectValid(
      S,
      changed(valid, (c) => (c.at = '2026-10-28T14:00+01:00')),
    );
  });
  it('rejects missing needs and an empty list of needs', () => {
    expectProblem(
      S,
      changed(valid, (c) => delete c.needs),
      '',
      'required key `needs`',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.needs = [])),
      'needs',
      'at least 1',
    );
  });
  it('rejects an unknown key in a need (a typo of risks)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].risk = [])),
      'needs.0.risk',
      'unknown key `risk`',
    ));
  it('rejects an unknown type, domain and risk level', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.type = 'first')),
      'type',
      'initial, review, change-in-needs',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].domain = 'walking')),
      'needs.0.domain',
      'mobility',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].risks[0].level = 'severe')),
      'needs.0.risks.0.level',
      'low, medium, high',
    );
  });
  it('rejects a bad need id', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].id = 'Mobility')),
      'needs.0.id',
      'not a valid id',
    ));
  it('rejects bad timestamps', () => {
    for (const at of [
      '2026-10-28 14:00',
      '2026-10-28T25:00',
      '2026-02-30T10:00',
      '2026-10-28T14:00+15:00',
      '2026-10-28',
      '2026-10-28T14:60',
    ]) {
      expectProblem(
        S,
        changed(valid, (c) => (c.at = at)),
        'at',
        'date and time',
      );
    }
  });
  it('rejects a score that is not a number and with_person that is not a boolean', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].risks[0].score = 'high')),
      'needs.0.risks.0.score',
      'number',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.with_person = 'yes')),
      'with_person',
      'true or false',
    );
  });
  it('accepts anything under notes and extra', () => {
    expectValid(
      S,
      changed(valid, (c) => {
        c.notes = { done_in: 'lounge' };
        c.needs[0].extra = { ref: 7 };
        c.needs[0].risks[0].notes = [1];
      }),
    );
  });
});

describe('plan.schema.json', () => {
  const S = 'plan.schema.json';
  const valid = load(fx.PLAN) as Record<string, any>;
  it('accepts a valid plan, and one with a text target and stopped action', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => {
        c.needs[0].goals[0].target = 'most days';
        c.needs[0].actions[0].status = 'stopped';
      }),
    );
  });
  it('rejects missing about_me', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.about_me),
      '',
      'required key `about_me`',
    ));
  it('rejects an unknown key (a typo of goals)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].goal = [])),
      'needs.0.goal',
      'unknown key `goal`',
    ));
  it('rejects unknown action and goal statuses', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].actions[0].status = 'paused')),
      'needs.0.actions.0.status',
      'active, stopped',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].goals[0].status = 'done')),
      'needs.0.goals.0.status',
      'active, achieved, discontinued',
    );
  });
  it('rejects a version that is not a positive whole number', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.version = 0)),
      'version',
      'at least 1',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.version = 1.5)),
      'version',
      'whole number',
    );
  });
  it('rejects an assessment that is not an assessment file stem', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.assessment = '../assessments/x')),
      'assessment',
      'file stem',
    ));
  it('rejects bad ids, dates and timestamps', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].goals[0].id = '../../etc')),
      'needs.0.goals.0.id',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.needs[0].goals[0].by = '2027-02-30')),
      'needs.0.goals.0.by',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.updated = '2026-13-01T10:00')),
      'updated',
      'date and time',
    );
  });
  it('accepts anything under notes and extra', () => {
    expectValid(
      S,
      changed(valid, (c) => {
        c.extra = { v: 1 };
        c.needs[0].notes = 'x';
        c.needs[0].goals[0].extra = { y: [] };
      }),
    );
  });
});

describe('signoffs.schema.json', () => {
  const S = 'signoffs.schema.json';
  const valid = load(fx.SIGNOFFS) as any[];
  it('accepts a valid list and an empty one', () => {
    expectValid(S, valid);
    expectValid(S, []);
  });
  it('rejects a list entry without a hash', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c[0].plan),
      '0',
      'required key `plan`',
    ));
  it('rejects an unknown key (notes misspelt)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].nots = 'x')),
      '0.nots',
      'unknown key `nots`',
    ));
  it('rejects a malformed plan hash', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].plan = 'sha256:abc')),
      '0.plan',
      'plan hash',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].plan = `SHA256:${'A1'.repeat(32)}`)),
      '0.plan',
      'plan hash',
    );
  });
  it('rejects a bad signer id and timestamp', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].by = 'Amina')),
      '0.by',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].at = '2026-10-29')),
      '0.at',
      'date and time',
    );
  });
  it('rejects a mapping where a list belongs', () => expectProblem(S, valid[0], '', 'a list'));
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c[0], { notes: [1], extra: { a: { b: 2 } } })),
    ));
});

describe('acknowledgements.schema.json', () => {
  const S = 'acknowledgements.schema.json';
  const valid = load(fx.ACKNOWLEDGEMENTS) as any[];
  it('accepts a valid list', () => expectValid(S, valid));
  it('rejects a missing staff member', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c[0].staff),
      '0',
      'required key `staff`',
    ));
  it('rejects an unknown key (a typo of version)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].verison = 1)),
      '0.verison',
      'unknown key',
    ));
  it('rejects a version given as text', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].version = 'v1')),
      '0.version',
      'whole number',
    ));
  it('rejects a bad staff id and a bad timestamp', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].staff = '../../etc')),
      '0.staff',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].at = '2026-02-29T07:55')),
      '0.at',
      'date and time',
    );
  });
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c[0], { notes: 'read twice', extra: { device: 'tablet' } })),
    ));
});

describe('agreements.schema.json', () => {
  const S = 'agreements.schema.json';
  const valid = load(fx.AGREEMENTS) as any[];
  const representative = {
    version: 1,
    plan: fx.HASH,
    by: 'representative',
    name: 'Jo Clarke',
    relationship: 'daughter',
    authority: 'lpa-health-welfare',
    at: '2026-10-30T11:00',
    recorded_by: 's-ben',
    method: 'verbal',
  };
  it('accepts the person agreeing, a representative, and best interests with a note', () => {
    expectValid(S, valid);
    expectValid(S, [representative]);
    expectValid(
      S,
      changed(valid, (c) =>
        Object.assign(c[0], { method: 'best-interests', note: 'Lacks capacity for this decision; MCA assessment 2026-10-29' }),
      ),
    );
  });
  it('rejects a missing method', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c[0].method),
      '0',
      'required key `method`',
    ));
  it('rejects a representative without their authority', () =>
    expectProblem(S, [changed(representative as any, (c) => delete c.authority)], '0', 'required key `authority`'));
  it('rejects best interests without a note', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].method = 'best-interests')),
      '0',
      'required key `note`',
    ));
  it('rejects unknown by and method values', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].by = 'daughter')),
      '0.by',
      'person, representative',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].method = 'email')),
      '0.method',
      'signed, verbal, easy-read, best-interests',
    );
  });
  it('rejects an unknown key (a typo of recorded_by)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].recordedby = 's-ben')),
      '0.recordedby',
      'unknown key',
    ));
  it('rejects a bad recorder id and timestamp', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].recorded_by = 'S-Ben')),
      '0.recorded_by',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].at = 'yesterday')),
      '0.at',
      'date and time',
    );
  });
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c[0], { notes: { witness: 'Ben' }, extra: {} })),
    ));
});

describe('outcomes.schema.json', () => {
  const S = 'outcomes.schema.json';
  const valid = load(fx.OUTCOMES) as any[];
  it('accepts valid entries: with a goal, with actions only', () => {
    expectValid(S, valid);
    expectValid(S, [{ at: '2026-11-02T12:40', by: 's-ben', actions: ['mob-walk'], result: 'achieved' }]);
  });
  it('rejects an entry with neither goal nor actions, naming both', () => {
    expectProblem(
      S,
      changed(valid, (c) => {
        delete c[1].goal;
      }),
      '1',
      '`goal` or `actions`',
    );
  });
  it('rejects a missing result', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c[0].result),
      '0',
      'required key `result`',
    ));
  it('rejects an unknown key (a typo of variation)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].varation = 'x')),
      '0.varation',
      'unknown key `varation`',
    ));
  it('rejects an unknown result', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].result = 'better')),
      '0.result',
      'improving',
    ));
  it('rejects bad goal and action ids, and an action named twice', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].goal = 'Mob Indep')),
      '0.goal',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].actions = ['../x'])),
      '0.actions.0',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].actions = ['mob-walk', 'mob-walk'])),
      '0.actions',
      'same item twice',
    );
  });
  it('rejects a bad timestamp', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].at = '2026-11-31T12:40')),
      '0.at',
      'date and time',
    ));
  it('rejects an empty note', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].note = '')),
      '0.note',
      'must not be empty',
    ));
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c[0], { notes: 42, extra: { mood: 'bright' } })),
    ));
});

describe('review.schema.json', () => {
  const S = 'review.schema.json';
  const plan = load(fx.PLAN_REVIEW) as Record<string, any>;
  const outcomes = load(fx.OUTCOME_REVIEW) as Record<string, any>;
  it('accepts a valid plan review and a valid outcome review', () => {
    expectValid(S, plan);
    expectValid(S, outcomes);
  });
  it('rejects a missing kind, and an unknown kind', () => {
    expectProblem(
      S,
      changed(plan, (c) => delete c.kind),
      '',
      'required key `kind`',
    );
    // Without a kind, neither branch applies: one problem, not every key of one kind listed as missing.
    expect(
      problems(
        S,
        changed(plan, (c) => delete c.kind),
      ),
    ).toEqual([': the record is missing the required key `kind`']);
    expectProblem(
      S,
      changed(plan, (c) => (c.kind = 'weekly')),
      'kind',
      'plan, outcomes',
    );
  });
  it('plan review: rejects a missing trigger, an unknown trigger and result, an unknown key', () => {
    expectProblem(
      S,
      changed(plan, (c) => delete c.trigger),
      '',
      'required key `trigger`',
    );
    expectProblem(
      S,
      changed(plan, (c) => (c.trigger = 'monthly')),
      'trigger',
      'scheduled',
    );
    expectProblem(
      S,
      changed(plan, (c) => (c.result = 'changed')),
      'result',
      'no-change, updated',
    );
    expectProblem(
      S,
      changed(plan, (c) => (c.finding = 'x')),
      'finding',
      'unknown key `finding`',
    );
  });
  it('plan review: rejects the outcome review fields', () => {
    expectProblem(
      S,
      changed(plan, (c) => (c.plan_update_needed = false)),
      'plan_update_needed',
      'unknown key',
    );
  });
  it('outcome review: rejects a missing period, an unknown trend, an unknown key', () => {
    expectProblem(
      S,
      changed(outcomes, (c) => delete c.period),
      '',
      'required key `period`',
    );
    expectProblem(
      S,
      changed(outcomes, (c) => (c.goals[0].trend = 'better')),
      'goals.0.trend',
      'improving, stable, worsening, no-data',
    );
    expectProblem(
      S,
      changed(outcomes, (c) => (c.period.until = '2026-11-08')),
      'period.until',
      'unknown key',
    );
    expectProblem(
      S,
      changed(outcomes, (c) => (c.with_person = true)),
      'with_person',
      'unknown key',
    );
  });
  it('rejects bad ids, dates and timestamps', () => {
    expectProblem(
      S,
      changed(outcomes, (c) => (c.goals[0].goal = 'P-Edith')),
      'goals.0.goal',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(outcomes, (c) => (c.period.to = '2026-13-01')),
      'period.to',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(plan, (c) => (c.at = '2026-11-25T11:00:61')),
      'at',
      'date and time',
    );
    expectProblem(
      S,
      changed(plan, (c) => (c.by = '../../etc')),
      'by',
      'not a valid id',
    );
  });
  it('accepts anything under notes and extra', () => {
    expectValid(
      S,
      changed(plan, (c) => Object.assign(c, { notes: ['a'], extra: { room: 'office' } })),
    );
    expectValid(
      S,
      changed(outcomes, (c) => {
        c.notes = 'x';
        c.goals[0].extra = { n: 1 };
      }),
    );
  });
});

describe('escalations.schema.json', () => {
  const S = 'escalations.schema.json';
  const valid = load(fx.ESCALATIONS) as any[];
  it('accepts a valid list, with a response time', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => (c[0].responded_at = '2026-11-12T19:30')),
    );
  });
  it('rejects a missing reason', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c[0].reason),
      '0',
      'required key `reason`',
    ));
  it('rejects an unknown key (a typo of response)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].responce = 'x')),
      '0.responce',
      'unknown key',
    ));
  it('rejects a bad recipient id and timestamp', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c[0].to = 'Registered Manager')),
      '0.to',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c[0].responded_at = '2026-11-12T18')),
      '0.responded_at',
      'date and time',
    );
  });
  it('rejects an empty reason', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c[0].reason = '')),
      '0.reason',
      'must not be empty',
    ));
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c[0], { notes: null, extra: { ticket: 'GP-1' } })),
    ));
});

describe('spotcheck.schema.json', () => {
  const S = 'spotcheck.schema.json';
  const valid = load(fx.SPOTCHECK) as Record<string, any>;
  it('accepts a valid spot check, and one with nothing found', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => (c.findings = [])),
    );
  });
  it('rejects missing findings and no people', () => {
    expectProblem(
      S,
      changed(valid, (c) => delete c.findings),
      '',
      'required key `findings`',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.people = [])),
      'people',
      'at least 1',
    );
  });
  it('rejects an unknown key (a typo of people)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.persons = [])),
      'persons',
      'unknown key',
    ));
  it('rejects a finding without a description', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.findings[0].description),
      'findings.0',
      'required key `description`',
    ));
  it('rejects bad person ids and timestamps', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.people = ['../../etc'])),
      'people.0',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.at = '2026-11-10T15:00+1')),
      'at',
      'date and time',
    );
  });
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => {
        c.notes = 'quiet shift';
        c.findings[0].extra = { severity: 2 };
      }),
    ));
});

describe('feedback.schema.json', () => {
  const S = 'feedback.schema.json';
  const valid = load(fx.FEEDBACK) as Record<string, any>;
  it('accepts valid feedback, with and without a person', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(valid, (c) => {
        delete c.person;
        c.from = 'commissioner';
        c.sentiment = 'neutral';
      }),
    );
  });
  it('rejects missing text', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.text),
      '',
      'required key `text`',
    ));
  it('rejects an unknown key (a typo of sentiment)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.sentimant = 'positive')),
      'sentimant',
      'unknown key',
    ));
  it('rejects unknown sources and sentiments', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.from = 'neighbour')),
      'from',
      'person, family, staff, professional, commissioner',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.sentiment = 'happy')),
      'sentiment',
      'positive, neutral, negative',
    );
  });
  it('rejects a bad person id and timestamp', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.person = 'P-Edith')),
      'person',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.at = '2026-11-14T10:00:00.000Z')),
      'at',
      'date and time',
    );
  });
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => Object.assign(c, { notes: [{ any: 'thing' }], extra: { survey: 'Q4' } })),
    ));
});

describe('audit.schema.json', () => {
  const S = 'audit.schema.json';
  const valid = load(fx.AUDIT) as Record<string, any>;
  it('accepts a valid saved audit, with counted findings listed', () => {
    expectValid(S, valid);
    expectValid(
      S,
      changed(
        valid,
        (c) =>
          (c.findings.items = [
            { rule: 'review-overdue', severity: 'error', person: 'p-edith', file: 'people/p-edith/plan.yaml', message: 'Review overdue' },
          ]),
      ),
    );
  });
  it('rejects missing actions', () =>
    expectProblem(
      S,
      changed(valid, (c) => delete c.actions),
      '',
      'required key `actions`',
    ));
  it('rejects an unknown key (a typo of metrics)', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.metric = {})),
      'metric',
      'unknown key',
    ));
  it('rejects an unknown key inside a metric', () =>
    expectProblem(
      S,
      changed(valid, (c) => (c.metrics['plans.approved'].pct = 1)),
      'metrics.plans.approved.pct',
      'unknown key',
    ));
  it('rejects a rule name that is not an id, naming the key only when it is shaped like one', () => {
    const found = problems(
      S,
      changed(valid, (c) => (c.findings.by_rule = { 'Review Overdue': 1, Review_overdue: 2 })),
    );
    expect(found).toEqual([
      'findings.by_rule.Review Overdue: a key in findings.by_rule is not a valid ' +
        'id: lowercase letters, digits and hyphens, starting with a letter or digit',
      'findings.by_rule.Review_overdue: a key in findings.by_rule is not a valid ' +
        'id: lowercase letters, digits and hyphens, starting with a letter or digit',
    ]);
    expect(
      problems(
        S,
        changed(valid, (c) => (c.findings.by_rule = { review_overdue: 1 })),
      ),
    ).toEqual([
      'findings.by_rule.review_overdue: key "review_overdue" in findings.by_rule is not ' +
        'a valid id: lowercase letters, digits and hyphens, starting with a letter or digit',
    ]);
  });
  it('rejects an unknown severity and a negative count', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.findings.items = [{ rule: 'x', severity: 'fatal', message: 'm' }])),
      'findings.items.0.severity',
      'error, warning',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.findings.by_rule['review-overdue'] = -1)),
      'findings.by_rule.review-overdue',
      'at least 0',
    );
  });
  it('rejects a bad month, owner id and due date', () => {
    expectProblem(
      S,
      changed(valid, (c) => (c.month = '2026-13')),
      'month',
      'a month YYYY-MM',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.actions[0].owner = '../../etc')),
      'actions.0.owner',
      'not a valid id',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.actions[0].due = '2026-02-30')),
      'actions.0.due',
      'real calendar date',
    );
    expectProblem(
      S,
      changed(valid, (c) => (c.saved_at = '2026-11-05')),
      'saved_at',
      'date and time',
    );
  });
  it('accepts anything under notes and extra', () =>
    expectValid(
      S,
      changed(valid, (c) => {
        c.notes = 'Discussed at governance';
        c.actions[0].extra = { done: false };
      }),
    ));
});
