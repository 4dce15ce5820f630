import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { isCalendarDate, isTimestamp } from '../model/time.js';
import { isValidNhsNumber } from '../model/nhsNumber.js';

/** The JSON Schemas shipped with the package: the single source of truth for record shapes. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020, formats: string[]) => void }).default;

export function schemaFiles(): string[] {
  return readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json')).sort();
}

export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;
}

let shared: Ajv2020 | undefined;

// The shipped schemas are checked against the draft 2020-12 meta-schema by the test suite
// (test/unit/schemas.test.ts), not on every start: that check cost every command ~150 ms.
const compiled = new Map<string, ValidateFunction>();

function ajv(): Ajv2020 {
  if (shared) return shared;
  const instance = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: false });
  addFormats(instance, ['date', 'email']);
  instance.addFormat('date', { type: 'string', validate: isCalendarDate });
  instance.addFormat('careplan-timestamp', { type: 'string', validate: isTimestamp });
  instance.addFormat('nhs-number', { type: 'string', validate: isValidNhsNumber });
  // json-schema-to-typescript's hint for the generated types; no meaning for validation.
  instance.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const file of schemaFiles()) instance.addSchema(readSchema(file), file);
  shared = instance;
  return instance;
}

/** A compiled validator for one schema file, e.g. 'plan.schema.json'. */
export function validatorFor(schemaFile: string): ValidateFunction {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    validate = ajv().getSchema(schemaFile);
    if (!validate) throw new Error(`no schema ${schemaFile} in ${SCHEMAS_DIR}`);
    compiled.set(schemaFile, validate);
  }
  return validate;
}

export type SchemaError = ErrorObject;
