import type { HistoryReport } from './historyText.js';

/** `careplan history PERSON --json`: each entry with its plan changes as structured objects. */
export function formatHistoryJson(report: HistoryReport): string {
  const until = report.until ? { until: report.until } : {};
  return `${JSON.stringify({ person: report.person, since: report.since ?? null, ...until, entries: report.entries }, null, 2)}\n`;
}
