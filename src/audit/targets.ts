import type { Metric, TargetCheck } from './metric.js';

/** Whether a measure is a share of something (a ratio, a yes/no status, a count out of a total): its targets are percentages. */
export function isShare(metric: Pick<Metric, 'kind' | 'denominator'>): boolean {
  return metric.kind === 'ratio' || metric.kind === 'status' || (metric.kind === 'count' && metric.denominator !== null);
}

/** The figure a target is set in: the percentage of a share, else the value. */
export function targetFigure(metric: Pick<Metric, 'kind' | 'value' | 'denominator' | 'percent'>): number | null {
  if (isShare(metric)) return metric.percent;
  return typeof metric.value === 'number' ? metric.value : null;
}

/**
 * A measure against the policy's target (policy.targets): met when at least it (at most it, for a
 * measure where lower is better); not applicable when there is nothing to judge yet (0 of 0).
 */
export function checkTarget(metric: Metric, target: number): TargetCheck {
  const bound = metric.better === 'lower' ? 'at most' : 'at least';
  const figure = targetFigure(metric);
  const status = figure === null ? 'not applicable' : (bound === 'at least' ? figure >= target : figure <= target) ? 'met' : 'not met';
  return { target, bound, status };
}
