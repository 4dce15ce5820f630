import { formatHistoryJson } from './historyJson.js';
import { formatHistoryText, type HistoryReport } from './historyText.js';
import { json, readable, type Registry } from './registry.js';

/** `careplan history PERSON --format …`. */
export const HISTORY_FORMATS: Registry<'history', HistoryReport> = {
  text: readable(formatHistoryText),
  json: json(formatHistoryJson),
};
