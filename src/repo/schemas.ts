import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { formats } from './formats.js';
import { SCHEMAS_DIR, schemaFiles } from './schemaFiles.js';

/** The JSON Schemas shipped with the package: the single source of truth for record shapes. */
export { SCHEMAS_DIR, schemaFiles } from './schemaFiles.js';

export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;
}

let shared: Ajv2020 | undefined;

// The shipped schemas are checked against the draft 2020-12 meta-schema by the test suite
// (test/unit/schemas.test.ts), not on every start: that check cost every command ~150 ms.
const compiled = new Map<string, ValidateFunction>();

// unicode: false measures a string's length in UTF-16 code units (String.length) rather than
// counting its code points one by one: every note of a million outcome entries was walked to the
// end to learn that it is not empty. The only length the schemas set is minLength 1, where the two
// agree (test/unit/schemas.test.ts holds them to that). ajv 8 still honours the option but calls it
// deprecated each time it compiles; that one notice is not printed (every other one is).
const UNICODE_NOTICE = 'DEPRECATED: option unicode.';
export const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  validateSchema: false,
  unicode: false,
  logger: {
    log: (...args: unknown[]) => console.log(...args),
    warn: (...args: unknown[]) => {
      if (!String(args[0]).startsWith(UNICODE_NOTICE)) console.warn(...args);
    },
    error: (...args: unknown[]) => console.error(...args),
  },
} as const;

/** An ajv instance with careplan's formats, keyword and every shipped schema added (keyed by file name). */
export function configureAjv(instance: Ajv2020): Ajv2020 {
  for (const [name, validate] of Object.entries(formats)) instance.addFormat(name, { type: 'string', validate });
  // json-schema-to-typescript's hint for the generated types; no meaning for validation.
  instance.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const file of schemaFiles()) instance.addSchema(readSchema(file), file);
  return instance;
}

// ajv itself is loaded only to compile schemas (from source, or a schema the build did not cover):
// loading it costs every command ~50 ms, and the prebuilt validators need only its small runtime.
const require = createRequire(import.meta.url);

function ajv(): Ajv2020 {
  shared ??= configureAjv(new (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020(AJV_OPTIONS));
  return shared;
}

/** The name a schema file's validator is exported under in the build's dist/validators.cjs. */
export function exportName(schemaFile: string): string {
  return schemaFile.replace(/\.schema\.json$/, '').replace(/[^A-Za-z0-9]/g, '_');
}

// Validators generated at build time (scripts/build-validators.js) spare every command compiling
// the schemas (~300 ms). Running from source (the unit tests), there are none and ajv compiles.
// Required when a schema is first needed, as the CommonJS the build writes (the command runs one
// CommonJS bundle: scripts/bundle.js); a file that is there but cannot be loaded is an error, not
// a silent 300 ms.
const PREBUILT = fileURLToPath(new URL('../validators.cjs', import.meta.url));
let prebuilt: Record<string, ValidateFunction> | null | undefined;

function prebuiltValidators(): Record<string, ValidateFunction> | undefined {
  if (prebuilt === undefined) prebuilt = existsSync(PREBUILT) ? (require(PREBUILT) as Record<string, ValidateFunction>) : null;
  return prebuilt ?? undefined;
}

/** A compiled validator for one schema file, e.g. 'plan.schema.json'. */
export function validatorFor(schemaFile: string): ValidateFunction {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    validate = prebuiltValidators()?.[exportName(schemaFile)] ?? ajv().getSchema(schemaFile);
    if (!validate) throw new Error(`no schema ${schemaFile} in ${SCHEMAS_DIR}`);
    compiled.set(schemaFile, validate);
  }
  return validate;
}

export type SchemaError = ErrorObject;
