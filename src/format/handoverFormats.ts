import type { HandoverReport } from '../history/handover.js';
import { formatHandoverJson } from './handoverJson.js';
import { formatHandoverText } from './handoverText.js';
import { json, readable, type Registry } from './registry.js';

/** `careplan handover --format …`. */
export const HANDOVER_FORMATS: Registry<'handover', HandoverReport> = {
  text: readable(formatHandoverText),
  json: json(formatHandoverJson),
};
