import type { HandoverReport } from '../history/handover.js';
import { formatHandoverJson } from './handoverJson.js';
import { formatHandoverText } from './handoverText.js';
import type { Registry } from './registry.js';

/** `careplan handover --format …`. */
export const HANDOVER_FORMATS: Registry<'handover', HandoverReport> = {
  text: formatHandoverText,
  json: formatHandoverJson,
};
