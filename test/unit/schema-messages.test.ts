import { describe, expect, it } from 'vitest';
import { describeSchemaErrors } from '../../src/repo/schemaMessages.js';
import { validatorFor } from '../../src/repo/schemas.js';

/** The messages a record's schema problems make. */
function messages(schema: string, data: unknown): string[] {
  const validate = validatorFor(schema);
  return validate(data) ? [] : describeSchemaErrors(validate.errors ?? [], data).map((p) => p.message);
}

const outcome = (entry: Record<string, unknown>) => [
  { at: '2026-11-02T12:40', by: 's-carl', goal: 'mob-indep', result: 'improving', ...entry },
];
const person = (fields: Record<string, unknown>) => ({
  id: 'p-edith',
  name: 'Edith Clarke',
  admitted: '2026-10-28',
  key_worker: 's-ben',
  status: 'active',
  ...fields,
});

describe('schema messages quote only what cannot be personal data', () => {
  it('a clinical note or a name in the wrong field is described, never quoted', () => {
    expect(messages('outcomes.schema.json', outcome({ result: 'DNACPR in place' }))).toEqual([
      '[0].result must be one of achieved, improving, no-change, worsening, declined, not-attempted, not the text given',
    ]);
    expect(messages('person.schema.json', person({ key_worker: 'Ben Hollis', admitted: 'Edith Clarke' }))).toEqual([
      'admitted must be a real calendar date YYYY-MM-DD, not the text given',
      'key_worker is not a valid id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 63 characters',
    ]);
  });

  it('an NHS number is never quoted: not in its own field, not as a date, not as a number', () => {
    const found = messages('person.schema.json', person({ nhs_number: '943 476 5918', date_of_birth: '9434765919', admitted: 9434765919 }));
    expect(found.join('\n')).not.toMatch(/943/);
    expect(found).toContain(
      'nhs_number must be an NHS number whose modulus 11 check digit is right (10 digits, spaces allowed), not the text given',
    );
    expect(found).toContain('admitted must be text, not a number');
  });

  it('a typo of an enum word, a date that is not in the calendar and a number out of range are quoted: they help and tell nothing', () => {
    expect(messages('outcomes.schema.json', outcome({ result: 'improvng', at: '2026-02-30T12:00' }))).toEqual([
      '[0].at must be a real date and time YYYY-MM-DDTHH:MM (optionally :SS and Z or ±HH:MM), not "2026-02-30T12:00"',
      '[0].result must be one of achieved, improving, no-change, worsening, declined, not-attempted, not "improvng"',
    ]);
    expect(messages('careplan.schema.json', { provider: { name: 'X' }, policy: { review_interval_days: -3 } })).toEqual([
      'policy.review_interval_days must be at least 1, not -3',
    ]);
  });

  it('an unknown key is named when shaped like a field name, a misspelling; otherwise only where it is', () => {
    expect(messages('person.schema.json', person({ sttaus: 'x', 'Edith Clarke DNACPR': 'y' }))).toEqual([
      'unknown key `sttaus` in the record: check its spelling (free-form additions belong under `notes` or `extra`)',
      'a key that is not one of its fields in the record: check its spelling (free-form additions belong under `notes` or `extra`)',
    ]);
  });
});
