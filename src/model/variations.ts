import type { Policy } from './policy.js';
import { daysBetween, localDate, parseTimestamp } from './time.js';

export interface TimedVariation<T> {
  item: T;
  at: number;
}

/**
 * Patterns of variation (SPEC section 2, escalation-missing): variation_pattern.count entries with
 * a `variation` within variation_pattern.days, counted as calendar days inclusively (3 within 7
 * days: a Monday to the Sunday after), as `careplan check` counts them; entries inside a counted
 * pattern start no other. Each pattern lists its entries, oldest first; the last one completed it.
 */
export function variationPatterns<T extends { at: string; variation?: string }>(entries: readonly T[], policy: Policy, zone: string): TimedVariation<T>[][] {
  const timed = entries
    .filter((e) => e.variation !== undefined)
    .map((item) => ({ item, at: parseTimestamp(item.at, zone) }))
    .filter((e): e is TimedVariation<T> => e.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const { count, days } = policy.variation_pattern;
  const patterns: TimedVariation<T>[][] = [];
  let i = 0;
  while (i + count <= timed.length) {
    const last = timed[i + count - 1];
    if (daysBetween(localDate(timed[i].at, zone), localDate(last.at, zone)) < days) {
      patterns.push(timed.slice(i, i + count));
      i += count;
    } else {
      i++;
    }
  }
  return patterns;
}
