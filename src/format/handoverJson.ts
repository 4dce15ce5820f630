import type { HandoverReport } from '../history/handover.js';

/** `careplan handover --json`: the report as it is built, for a shift board or a script. */
export function formatHandoverJson(report: HandoverReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
