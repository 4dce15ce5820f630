import { parseTimestamp } from './time.js';
import type { Entry } from './workspace.js';

/**
 * When a list entry happened, parsed once and kept on the entry: several rules look at every
 * outcome entry, and a large repository holds a million of them. A workspace has one timezone.
 */
export function momentOf(entry: Entry<{ at: string }>, zone: string): number | undefined {
  if (entry.moment === undefined) entry.moment = parseTimestamp(entry.data.at, zone) ?? null;
  return entry.moment ?? undefined;
}
