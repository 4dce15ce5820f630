import { formatHistoryJson } from './historyJson.js';
import { formatHistoryText, type HistoryReport } from './historyText.js';
import type { Registry } from './registry.js';

/** `careplan history PERSON --format …`. */
export const HISTORY_FORMATS: Registry<'history', HistoryReport> = {
  text: formatHistoryText,
  json: formatHistoryJson,
};
