import { formatDueJson } from './dueJson.js';
import { formatDueTable, type DueReport } from './dueTable.js';
import type { Registry } from './registry.js';

/** `careplan due --format …`. */
export const DUE_FORMATS: Registry<'due', DueReport> = {
  text: formatDueTable,
  json: formatDueJson,
};
