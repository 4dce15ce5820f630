import type { SavedAudit } from '../model/records.generated.js';
import type { AuditDoc, Workspace } from '../model/workspace.js';
import type { Change, Metric } from './metric.js';

/** The newest audit saved for a month before `month`, as the records stood (SPEC: "the previous saved audit"). */
export function previousAudit(ws: Workspace, month: string): AuditDoc | undefined {
  return ws.audits.filter((a) => a.month < month).sort((a, b) => a.month.localeCompare(b.month)).pop();
}

interface Comparable {
  value?: number | string | null;
  numerator?: number | null;
  denominator?: number | null;
  percent?: number | null;
}

/** The number a metric is compared by: a ratio's (or status's) percentage, else its value when it is a number. */
export function comparable(metric: Comparable, asRatio: boolean): number | null {
  if (!asRatio) return typeof metric.value === 'number' ? metric.value : null;
  if (typeof metric.percent === 'number') return metric.percent;
  const { numerator, denominator } = metric;
  return typeof numerator === 'number' && typeof denominator === 'number' && denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
}

/** How a metric changed since the previous saved audit, and whether that is for the better. */
export function changeSince(metric: Metric, previous: SavedAudit): Change {
  const asRatio = metric.kind === 'ratio' || metric.kind === 'status';
  const saved = previous.metrics[metric.id];
  const before = saved ? comparable(saved, asRatio) : null;
  const now = comparable(metric, asRatio);
  const change = before === null || now === null ? null : Math.round((now - before) * 100) / 100;
  const direction = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'same';
  let verdict: Change['verdict'] = null;
  if (direction === 'same') verdict = 'same';
  else if (direction && metric.better) verdict = (direction === 'up') === (metric.better === 'higher') ? 'better' : 'worse';
  return { previousMonth: previous.month, previous: before, current: now, change, direction, verdict };
}
