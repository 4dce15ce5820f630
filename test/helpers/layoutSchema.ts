import { placementOf, SCHEMA_OF } from '../../src/model/layout.js';

/** The schema file a repository path is validated against, if it is a record. */
export function layoutKindSchema(file: string): string | undefined {
  const placement = placementOf(file);
  return placement.kind in SCHEMA_OF ? SCHEMA_OF[placement.kind as keyof typeof SCHEMA_OF] : undefined;
}
