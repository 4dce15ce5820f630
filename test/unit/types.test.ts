import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without type declarations
import { generate, OUTPUT } from '../../scripts/gen-types.js';
import { RECORD_KINDS } from '../../src/model/recordKinds.js';
import { PROJECT } from '../helpers/repo.js';

describe('src/model/records.generated.ts', () => {
  it('is exactly what scripts/gen-types.js makes from the schemas now (run `npm run gen:types` after changing a schema)', async () => {
    expect(path.resolve(OUTPUT as string)).toBe(path.join(PROJECT, 'src', 'model', 'records.generated.ts'));
    const committed = readFileSync(OUTPUT as string, 'utf8');
    const fresh = (await generate()) as string;
    expect(fresh).toBe(committed);
  });

  it('declares a type for every record schema', () => {
    const committed = readFileSync(path.join(PROJECT, 'src', 'model', 'records.generated.ts'), 'utf8');
    for (const { typeName: name } of Object.values(RECORD_KINDS)) {
      expect(committed).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
    }
  });
});
