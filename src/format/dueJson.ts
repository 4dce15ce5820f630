import type { DueReport } from './dueTable.js';

/** `careplan due --json`: as-of, the days looked ahead, and the items soonest first. */
export function formatDueJson(report: DueReport): string {
  return `${JSON.stringify({ asOf: report.asOf, within: report.within, items: report.items }, null, 2)}\n`;
}
