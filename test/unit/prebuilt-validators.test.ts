import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import jsYaml from 'js-yaml';
import { AJV_OPTIONS, configureAjv, exportName } from '../../src/repo/schemas.js';
import { layoutKindSchema } from '../helpers/layoutSchema.js';
import { validRepository } from '../fixtures/records.js';
import { PROJECT } from '../helpers/repo.js';

const built = path.join(PROJECT, 'dist', 'validators.cjs');

/** Every way of breaking a record these tests try, applied to each field in turn. */
const BREAKAGES: ((value: unknown) => unknown)[] = [
  () => 'not-valid ../../etc',
  () => 12,
  () => null,
  () => [],
  () => ({ nmae: 1 }),
  () => '2026-13-01',
  () => '2026-02-30T10:00',
  () => '943 476 5918',
];

function mutations(record: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, set: (v: unknown) => unknown) => {
    if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const child = (node as Record<string, unknown>)[key];
        for (const broken of BREAKAGES) out.push(set({ ...(node as object), [key]: broken(child) }));
        walk(child, (v) => set(Array.isArray(node) ? Object.assign([...node], { [key]: v }) : { ...(node as object), [key]: v }));
      }
      out.push(set(Array.isArray(node) ? [...node, { unexpected: true }] : { ...(node as object), unexpected_key: true }));
    }
  };
  walk(record, (v) => v);
  return out;
}

const errorsOf = (validate: ValidateFunction, value: unknown) =>
  validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`);

describe('validators generated at build time', () => {
  it.skipIf(!existsSync(built))('judge every record and every broken variant exactly as the run-time compiled ones', async () => {
    const prebuilt = createRequire(import.meta.url)(built) as Record<string, ValidateFunction>;
    const compiled = configureAjv(new Ajv2020(AJV_OPTIONS));
    let compared = 0;
    for (const [file, text] of Object.entries(validRepository())) {
      const schema = layoutKindSchema(file);
      if (!schema) continue;
      const record = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
      const runtime = compiled.getSchema(schema)!;
      const generated = prebuilt[exportName(schema)];
      expect(generated, schema).toBeTypeOf('function');
      expect(errorsOf(generated, record)).toEqual([]);
      for (const variant of mutations(record)) {
        expect(errorsOf(generated, variant)).toEqual(errorsOf(runtime, variant));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it.skipIf(!existsSync(built))("measure a note's length as String.length, not by walking it (AJV_OPTIONS unicode: false)", () => {
    const code = readFileSync(built, 'utf8');
    expect(code).toMatch(/\.length\s*<\s*1\b/);
    expect(code).not.toContain('ucs2length');
  });
});
