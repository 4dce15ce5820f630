import type { HistoryReport } from './historyText.js';

/** `careplan history PERSON --json`: each entry with its plan changes as structured objects, and measured goals' values. */
export function formatHistoryJson(report: HistoryReport): string {
  return `${JSON.stringify({ person: report.person, since: report.since ?? null, entries: report.entries, measures: report.measures }, null, 2)}\n`;
}
