import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Apart from schemas.ts, which loads the prebuilt validators: naming the schema files (the
// caches' keys do) should not cost loading them.

/** The shipped JSON Schemas' folder. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The schema files, sorted. */
export function schemaFiles(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
}
