import { reached, type When } from './clock.js';
import type { Policy } from './policy.js';
import { momentOf } from './moment.js';
import { daysBetween, localDate, parseTimestamp } from './time.js';
import type { Entry, Escalation, OutcomeEntry } from './workspace.js';

/** A pattern of variation: variation_pattern.count entries with `variation` within variation_pattern.days. */
export interface VariationPattern {
  entries: Entry<OutcomeEntry>[];
  /** When the pattern began (its first entry) and was completed (its last). */
  firstAt: number;
  completedAt: number;
}

/** Something dated that may record a variation, and when it happened. */
export interface Timed<T> {
  item: T;
  at: number;
}

/**
 * The patterns among timed variations, oldest first. "Within N days" is N calendar days counted
 * inclusively (3 within 7 days: from a Monday to the Sunday after). Entries inside a pattern
 * already counted do not start another (SPEC section 2).
 */
export function patternsOf<T>(variations: readonly Timed<T>[], policy: Policy, zone: string): Timed<T>[][] {
  const sorted = [...variations].sort((a, b) => a.at - b.at);
  const { count, days } = policy.variation_pattern;
  const patterns: Timed<T>[][] = [];
  let i = 0;
  while (i + count <= sorted.length) {
    const last = sorted[i + count - 1];
    if (daysBetween(localDate(sorted[i].at, zone), localDate(last.at, zone)) < days) {
      patterns.push(sorted.slice(i, i + count));
      i += count;
    } else {
      i++;
    }
  }
  return patterns;
}

/** The patterns in a person's outcome entries up to `until`. */
export function variationPatterns(
  outcomes: readonly Entry<OutcomeEntry>[],
  policy: Policy,
  zone: string,
  until: When = Infinity,
): VariationPattern[] {
  const varied: Timed<Entry<OutcomeEntry>>[] = [];
  for (const entry of outcomes) {
    if (entry.data.variation === undefined) continue;
    const at = momentOf(entry, zone);
    if (at !== undefined && reached(until, at)) varied.push({ item: entry, at });
  }
  return patternsOf(varied, policy, zone).map((p) => ({
    entries: p.map((v) => v.item),
    firstAt: p[0].at,
    completedAt: p[p.length - 1].at,
  }));
}

/** The escalation that answers a pattern: the first for that person at or after the pattern's first entry. */
export function escalationFor(
  pattern: VariationPattern,
  escalations: readonly Entry<Escalation>[],
  zone: string,
  until: When = Infinity,
): { entry: Entry<Escalation>; at: number } | undefined {
  let best: { entry: Entry<Escalation>; at: number } | undefined;
  for (const entry of escalations) {
    const at = parseTimestamp(entry.data.at, zone);
    if (at === undefined || at < pattern.firstAt || !reached(until, at)) continue;
    if (!best || at < best.at) best = { entry, at };
  }
  return best;
}
