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

/**
 * Finds the patterns in a person's outcome entries. "Within N days" is N calendar days counted
 * inclusively (3 within 7 days: from a Monday to the Sunday after). Entries inside a pattern
 * already counted do not start another (SPEC section 2).
 */
export function variationPatterns(outcomes: readonly Entry<OutcomeEntry>[], policy: Policy, zone: string, until = Infinity): VariationPattern[] {
  const varied = outcomes
    .filter((e) => e.data.variation !== undefined)
    .map((entry) => ({ entry, at: momentOf(entry, zone) }))
    .filter((v): v is { entry: Entry<OutcomeEntry>; at: number } => v.at !== undefined && v.at <= until)
    .sort((a, b) => a.at - b.at);
  const { count, days } = policy.variation_pattern;
  const patterns: VariationPattern[] = [];
  let i = 0;
  while (i + count <= varied.length) {
    const first = varied[i];
    const last = varied[i + count - 1];
    if (daysBetween(localDate(first.at, zone), localDate(last.at, zone)) < days) {
      patterns.push({ entries: varied.slice(i, i + count).map((v) => v.entry), firstAt: first.at, completedAt: last.at });
      i += count;
    } else {
      i++;
    }
  }
  return patterns;
}

/** The escalation that answers a pattern: the first for that person at or after the pattern's first entry. */
export function escalationFor(pattern: VariationPattern, escalations: readonly Entry<Escalation>[], zone: string, until = Infinity): { entry: Entry<Escalation>; at: number } | undefined {
  let best: { entry: Entry<Escalation>; at: number } | undefined;
  for (const entry of escalations) {
    const at = parseTimestamp(entry.data.at, zone);
    if (at === undefined || at < pattern.firstAt || at > until) continue;
    if (!best || at < best.at) best = { entry, at };
  }
  return best;
}
