import { lineOf, type FieldPath } from '../model/positions.js';
import type { Doc, Entry } from '../model/workspace.js';

/** The file and line of a field of a record or list entry, for a finding. */
export function where(record: Doc<unknown> | Entry<unknown>, path: FieldPath = []): { file: string; line?: number } {
  const full = 'index' in record ? [record.index, ...path] : path;
  return { file: record.file, line: lineOf(record.source, full) };
}
