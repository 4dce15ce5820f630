import type { Workspace } from '../model/workspace.js';
import { comparable, savedMeasure } from './compare.js';
import { median, type Metric } from './metric.js';
import { compareText } from '../model/textOrder.js';

/** Saved audits a run chart shows at most, before this month. */
export const RUN_CHART_MONTHS = 12;

export interface RunPoint {
  month: string;
  /** The figure compared: a ratio's percentage, else the value. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** From a saved audit; false for this month's own figure (not saved yet, or still running). */
  saved: boolean;
}

/** A measure month by month, NHS "Making Data Count" style: the points, and the median of the saved months as the centre line. */
export interface RunChart {
  id: string;
  label: string;
  kind: Metric['kind'];
  unit?: string;
  points: RunPoint[];
  /** Median of the saved months' values; null without one. */
  median: number | null;
}

/**
 * A run chart of `metric` over the audits saved for months before `month` (up to
 * RUN_CHART_MONTHS, newest kept), then this month. A saved audit that did not hold the measure
 * leaves no point: it counted something else.
 */
export function runChart(ws: Workspace, month: string, metric: Metric): RunChart {
  const asRatio = metric.kind === 'ratio' || metric.kind === 'status';
  const saved = ws.audits
    .filter((a) => a.month < month && a.data.metrics[metric.id] !== undefined)
    .sort((a, b) => compareText(a.month, b.month))
    .slice(-RUN_CHART_MONTHS)
    .map((a): RunPoint => {
      const m = savedMeasure(a.data.metrics[metric.id], asRatio);
      return { month: a.month, value: comparable(m, asRatio), numerator: m.numerator, denominator: m.denominator, saved: true };
    });
  const values = saved.map((p) => p.value).filter((v): v is number => v !== null);
  return {
    id: metric.id,
    label: metric.label,
    kind: metric.kind,
    ...(metric.unit ? { unit: metric.unit } : {}),
    points: [
      ...saved,
      { month, value: comparable(metric, asRatio), numerator: metric.numerator, denominator: metric.denominator, saved: false },
    ],
    median: median(values).value as number | null,
  };
}
