import type { SavedAudit } from '../model/records.generated.js';
import type { AuditDoc, Workspace } from '../model/workspace.js';
import { RETIRED_MEASURES } from './measures.js';
import type { Change, Measure, Metric } from './metric.js';
import { compareText } from '../model/textOrder.js';

/** The newest audit saved for a month before `month`, as the records stood (SPEC: "the previous saved audit"). */
export function previousAudit(ws: Workspace, month: string): AuditDoc | undefined {
  return ws.audits
    .filter((a) => a.month < month)
    .sort((a, b) => compareText(a.month, b.month))
    .pop();
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
  return typeof numerator === 'number' && typeof denominator === 'number' && denominator > 0
    ? Math.round((numerator / denominator) * 1000) / 10
    : null;
}

/** A saved audit's figures for a measure as a Measure (a saved ratio keeps no value: it is the percentage). */
export function savedMeasure(saved: SavedAudit['metrics'][string], asRatio: boolean): Measure {
  const percent = saved.percent ?? (asRatio ? comparable(saved, true) : null);
  return {
    value: saved.value ?? (asRatio ? percent : null),
    numerator: saved.numerator ?? null,
    denominator: saved.denominator ?? null,
    percent,
  };
}

/** What an earlier audit saved instead of `id`, when the measure was counted another way then. */
function retiredIn(previous: SavedAudit, id: string): string | undefined {
  const [old] = Object.entries(RETIRED_MEASURES).find(([old, r]) => r.replacedBy === id && previous.metrics[old] !== undefined) ?? [];
  return old ? RETIRED_MEASURES[old].was : undefined;
}

/**
 * How a metric changed since the previous saved audit, and whether that is for the better; with
 * the previous figures in the same unit, and `interim` when this month is not over.
 */
export function changeSince(metric: Metric, previous: SavedAudit, interim: boolean): Change {
  const asRatio = metric.kind === 'ratio' || metric.kind === 'status';
  const saved = previous.metrics[metric.id];
  const base = { previousMonth: previous.month, interim };
  if (!saved) {
    const was = retiredIn(previous, metric.id);
    return {
      ...base,
      before: null,
      ...(was ? { notComparable: `${previous.month} counted ${was}` } : {}),
      previous: null,
      current: comparable(metric, asRatio),
      change: null,
      direction: null,
      verdict: null,
    };
  }
  const before = comparable(saved, asRatio);
  const now = comparable(metric, asRatio);
  const change = before === null || now === null ? null : Math.round((now - before) * 100) / 100;
  const direction = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'same';
  let verdict: Change['verdict'] = null;
  if (direction === 'same') verdict = 'same';
  else if (direction && metric.better) verdict = (direction === 'up') === (metric.better === 'higher') ? 'better' : 'worse';
  return { ...base, before: savedMeasure(saved, asRatio), previous: before, current: now, change, direction, verdict };
}
