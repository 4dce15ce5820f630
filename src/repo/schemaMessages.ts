import type { ErrorObject } from 'ajv';
import type { FieldPath } from '../model/positions.js';
import { plural } from '../model/words.js';

/** A schema failure in the care domain's words: where, what is wrong, what would be right. */
export interface SchemaProblem {
  path: FieldPath;
  message: string;
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'a real calendar date YYYY-MM-DD',
  'careplan-timestamp': 'a real date and time YYYY-MM-DDTHH:MM (optionally :SS and Z or ±HH:MM)',
  'nhs-number': 'an NHS number whose modulus 11 check digit is right (10 digits, spaces allowed)',
  email: 'an email address',
};

export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * What a finding may quote of a record. Findings go to CI logs, and a value in the wrong field may be
 * a name, an NHS number or a clinical note, so a value is quoted only when its own shape shows it is
 * none of those: an id-like word (lowercase letters, digits and hyphens, with a letter), a date, a
 * time or a month, true or false. Numbers only where the schema wants a number (a limit). Anything
 * else is described by its kind ("the text given", "a list").
 */
const QUOTABLE = [/^(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{0,62}$/, /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?$/];

/** A key of a mapping that may be named: shaped like careplan's own field names and ids. */
const NAMEABLE_KEY = /^[a-z][a-z0-9_.-]{0,62}$/;

export function describePath(path: FieldPath): string {
  if (path.length === 0) return 'the record';
  return path.reduce<string>((acc, step) => {
    if (typeof step === 'number') return `${acc}[${step}]`;
    const name = NAMEABLE_KEY.test(step) ? step : '(key)';
    return acc ? `${acc}.${name}` : name;
  }, '');
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** The value as a finding may show it: quoted when its shape is safe (see QUOTABLE), else its kind. */
function shown(value: unknown, numbers = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numbers && Number.isFinite(value) ? String(value) : 'the number given';
  if (typeof value === 'string') return QUOTABLE.some((shape) => shape.test(value)) ? JSON.stringify(value) : 'the text given';
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

function typeName(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function wanted(type: unknown): string {
  const words: Record<string, string> = {
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of keys to values',
    null: 'empty',
  };
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

const ID_WORDS = 'lowercase letters, digits and hyphens, starting with a letter or digit, at most 63 characters';

/**
 * Turns ajv's errors into one problem per real mistake. Errors that only restate another (a failed
 * `if`/`then`, the `anyOf` wrapper, a pattern beside a failed format) are dropped.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const formatFailed = new Set(errors.filter((e) => e.keyword === 'format').map((e) => e.instancePath));
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const add = (path: FieldPath, message: string) => {
    const key = `${path.join('/')}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ path, message });
    }
  };
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    const field = describePath(path);
    const value = valueAt(data, path);
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'if':
      case 'oneOf':
        break;
      case 'anyOf':
        if (error.schemaPath.endsWith('/items/anyOf') || error.schemaPath === '#/anyOf') {
          add(path, `${field} needs a \`goal\` or \`actions\` (or both): say what the entry is about`);
        } else {
          add(path, `${field} does not match any allowed form`);
        }
        break;
      case 'required':
        if (anyOfAt.has(error.instancePath) && error.schemaPath.includes('anyOf')) break;
        add(path, `${field} is missing the required key \`${String(params.missingProperty)}\``);
        break;
      case 'additionalProperties': {
        const key = String(params.additionalProperty);
        // A key is named only when shaped like a field name: a misspelt `sttaus`, never "Edith Clarke".
        const which = NAMEABLE_KEY.test(key) ? `unknown key \`${key}\`` : 'a key that is not one of its fields';
        add([...path, key], `${which} in ${field}: check its spelling (free-form additions belong under \`notes\` or \`extra\`)`);
        break;
      }
      case 'type':
        add(path, `${field} must be ${wanted(params.type)}, not ${typeName(value)}`);
        break;
      case 'enum':
        add(path, `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}, not ${shown(value)}`);
        break;
      case 'const':
        add(path, `${field} must be ${JSON.stringify(params.allowedValue)}, not ${shown(value)}`);
        break;
      case 'format':
        add(path, `${field} must be ${FORMAT_WORDS[String(params.format)] ?? String(params.format)}, not ${shown(value)}`);
        break;
      case 'propertyNames':
        break;
      case 'pattern':
        if (formatFailed.has(error.instancePath)) break;
        if (error.propertyName !== undefined) {
          const key = NAMEABLE_KEY.test(error.propertyName) ? `key ${JSON.stringify(error.propertyName)}` : 'a key';
          const where = [...path, error.propertyName];
          add(where, `${key} in ${field} is not a valid id: lowercase letters, digits and hyphens, starting with a letter or digit`);
          break;
        }
        if (error.schemaPath.includes('$defs/id')) {
          // A value that fails the id pattern is not an id, so it may be anything: never quoted.
          add(path, `${field} is not a valid id: ${ID_WORDS}`);
        } else if (error.schemaPath.includes('$defs/timestamp')) {
          add(path, `${field} must be a date and time YYYY-MM-DDTHH:MM (optionally :SS and Z or ±HH:MM), not ${shown(value)}`);
        } else if (error.schemaPath.includes('$defs/date')) {
          add(path, `${field} must be a date YYYY-MM-DD, not ${shown(value)}`);
        } else if (error.schemaPath.includes('$defs/planHash')) {
          add(path, `${field} must be a plan hash "sha256:" and 64 hex digits, not ${shown(value)}`);
        } else if (error.schemaPath.includes('$defs/month')) {
          add(path, `${field} must be a month YYYY-MM, not ${shown(value)}`);
        } else if (error.schemaPath.includes('location_id')) {
          add(path, `${field} must be a CQC location id such as 1-000000001, not ${shown(value)}`);
        } else if (error.schemaPath.includes('/assessment/')) {
          add(path, `${field} must name an assessment by its file stem, such as 2026-10-28-initial, not ${shown(value)}`);
        } else if (error.schemaPath.includes('signingKey')) {
          add(path, `${field} must be an SSH public key line (ssh-ed25519 AAAA…, from a .pub file) or a GPG fingerprint (40 hex digits)`);
        } else if (error.schemaPath.includes('nhs_number')) {
          // Never quoted, whatever its shape: the value of an NHS number field is one.
          add(path, `${field} must be 10 digits (spaces allowed, e.g. "943 476 5919"), not the text given`);
        } else {
          add(path, `${field} does not have the expected form (${String(params.pattern)}): not ${shown(value)}`);
        }
        break;
      case 'minLength':
        add(path, `${field} must not be empty`);
        break;
      case 'minItems':
        add(path, `${field} must list at least ${plural(Number(params.limit), 'item')}`);
        break;
      case 'uniqueItems':
        add(path, `${field} lists the same item twice (items ${String(params.j)} and ${String(params.i)})`);
        break;
      case 'minimum':
      case 'maximum': {
        const bound = error.keyword === 'minimum' ? 'at least' : 'at most';
        add(path, `${field} must be ${bound} ${String(params.limit)}, not ${shown(value, true)}`);
        break;
      }
      default:
        add(path, `${field} ${error.message ?? 'is not valid'}`);
    }
  }
  return problems;
}
