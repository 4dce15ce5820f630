import { formatDueJson } from './dueJson.js';
import { formatDueTable, type DueReport } from './dueTable.js';
import { json, readable, type Registry } from './registry.js';

/** `careplan due --format …`. */
export const DUE_FORMATS: Registry<'due', DueReport> = {
  text: readable(formatDueTable),
  json: json(formatDueJson),
};
