import { createHash } from 'node:crypto';

/**
 * Canonical JSON as SPEC section 1 defines it: object keys sorted by JavaScript's default string
 * order, no whitespace, values as JSON.stringify writes them. Comments and layout of plan.yaml
 * therefore never change the hash; content does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export function planHash(plan: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(plan), 'utf8').digest('hex')}`;
}
