import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/workspace.js';
import { futureDates, misfiledEntries } from './dates.js';
import { duplicateIds } from './duplicates.js';
import { idMismatch } from './identity.js';
import { unknownRefs } from './references.js';

/** Rule ids of the record rules: what `careplan validate` runs and discharged people still get. */
export const RECORD_RULES = [
  'yaml-syntax', 'schema', 'id-mismatch', 'unknown-ref', 'duplicate-id', 'misfiled-entry', 'future-date', 'unexpected-file',
] as const;

/**
 * The record rules of SPEC section 2 over a loaded workspace. yaml-syntax, schema and
 * unexpected-file are found while loading (a record that fails them never reaches the others).
 */
export function recordRules(ws: Workspace, asOf: number): Finding[] {
  return [...ws.loadFindings, ...idMismatch(ws), ...unknownRefs(ws), ...duplicateIds(ws), ...misfiledEntries(ws), ...futureDates(ws, asOf)];
}
