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

export function describePath(path: FieldPath): string {
  if (path.length === 0) return 'the record';
  return path.reduce<string>((acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : acc ? `${acc}.${step}` : step), '') || 'the record';
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

// Fields whose values identify a person: findings go to CI logs, so they are never quoted.
const PRIVATE_FIELDS = new Set(['nhs_number', 'name', 'preferred_name', 'date_of_birth', 'email', 'text', 'note', 'description', 'about_me']);

function isPrivate(path: FieldPath): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && PRIVATE_FIELDS.has(last);
}

function shown(value: unknown, path: FieldPath = []): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  // Whatever its type: `nhs_number: 9434765919` unquoted is a number, and still private.
  if (isPrivate(path)) return 'the value given';
  // A list or mapping may hold names and notes; its shape is said by typeName instead.
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function wanted(type: unknown): string {
  const words: Record<string, string> = {
    string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false',
    array: 'a list', object: 'a mapping of keys to values', null: 'empty',
  };
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

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
        add([...path, key], `unknown key \`${key}\` in ${field}: check its spelling (free-form additions belong under \`notes\` or \`extra\`)`);
        break;
      }
      case 'type':
        add(path, `${field} must be ${wanted(params.type)}, not ${typeName(value)}${value === null || typeof value === 'object' || isPrivate(path) ? '' : ` (${shown(value, path)})`}`);
        break;
      case 'enum':
        add(path, `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}, not ${shown(value, path)}`);
        break;
      case 'const':
        add(path, `${field} must be ${shown(params.allowedValue)}, not ${shown(value, path)}`);
        break;
      case 'format':
        add(path, `${field} must be ${FORMAT_WORDS[String(params.format)] ?? String(params.format)}, not ${shown(value, path)}`);
        break;
      case 'propertyNames':
        break;
      case 'pattern':
        if (formatFailed.has(error.instancePath)) break;
        if (error.propertyName !== undefined) {
          add([...path, error.propertyName], `key ${JSON.stringify(error.propertyName)} in ${field} is not a valid id: lowercase letters, digits and hyphens, starting with a letter or digit`);
          break;
        }
        if (error.schemaPath.includes('$defs/id')) {
          add(path, `${field} ${shown(value, path)} is not a valid id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 63 characters`);
        } else if (error.schemaPath.includes('$defs/timestamp')) {
          add(path, `${field} must be a date and time YYYY-MM-DDTHH:MM (optionally :SS and Z or ±HH:MM), not ${shown(value, path)}`);
        } else if (error.schemaPath.includes('$defs/date')) {
          add(path, `${field} must be a date YYYY-MM-DD, not ${shown(value, path)}`);
        } else if (error.schemaPath.includes('$defs/planHash')) {
          add(path, `${field} must be a plan hash "sha256:" and 64 hex digits, not ${shown(value, path)}`);
        } else if (error.schemaPath.includes('$defs/month')) {
          add(path, `${field} must be a month YYYY-MM, not ${shown(value, path)}`);
        } else if (error.schemaPath.includes('location_id')) {
          add(path, `${field} must be a CQC location id such as 1-000000001, not ${shown(value, path)}`);
        } else if (error.schemaPath.includes('/assessment/')) {
          add(path, `${field} must name an assessment by its file stem, such as 2026-10-28-initial, not ${shown(value, path)}`);
        } else if (error.schemaPath.includes('nhs_number')) {
          add(path, `${field} must be 10 digits (spaces allowed, e.g. "943 476 5919"), not ${shown(value, path)}`);
        } else {
          add(path, `${field} ${shown(value, path)} does not have the expected form (${String(params.pattern)})`);
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
      case 'maximum':
        add(path, `${field} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}, not ${shown(value, path)}`);
        break;
      default:
        add(path, `${field} ${error.message ?? 'is not valid'}`);
    }
  }
  return problems;
}
