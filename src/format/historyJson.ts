import type { HistoryReport } from './historyText.js';

/** `careplan history PERSON --json`: each entry with its plan changes as structured objects, and measured goals' values. */
export function formatHistoryJson(report: HistoryReport): string {
  const { person, since, until, entries, measures } = report;
  return `${JSON.stringify({ person, since: since ?? null, ...(until ? { until } : {}), entries, measures }, null, 2)}\n`;
}
