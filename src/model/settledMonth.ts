import { addDays, localDate, parseTimestamp, timestampDate } from './time.js';
import type { Policy } from './policy.js';
import type { OutcomeEntry } from './workspace.js';

/**
 * A month of a person's outcome entries that ended before every rule's window (lookback_days,
 * no_progress_days), reduced to what the rules still need of it. Every rule about past outcome
 * entries judges only its window, except a few that carry facts across all history: the latest
 * entry for each goal (outcomes-missing), the earliest record of the home (audit-missing), and the
 * entries with a variation (patterns of variation may span months), which are kept in full. A
 * month whose facts could make a finding in its own right (quietMonth, rules/settled.ts) is read in
 * full instead. A month of three entries a day is 90 entries; its facts are a dozen values.
 */
export interface SettledMonth {
  file: string;
  month: string;
  /** How many entries the file holds. */
  entries: number;
  /** Every entry happened (local date) in the file's month: none is misfiled. */
  inItsMonth: boolean;
  /** The earliest date of an entry as `timestampDate` gives it; undefined for an empty list. */
  first?: string;
  /** The latest local date of an entry, and its instant. */
  last?: string;
  lastAt?: number;
  /** Per goal, the latest local date of an entry naming it. */
  goals: Record<string, string>;
  /** Every action an entry names. */
  actions: string[];
  /** Per staff member, the latest local date of an entry they recorded. */
  by: Record<string, string>;
  /** Entries with a variation, in full, with their place in the file. */
  varied: { index: number; data: OutcomeEntry }[];
}

/** The facts of one valid month file's entries (every entry passed the schema). */
export function settledMonthOf(file: string, month: string, entries: readonly OutcomeEntry[], zone: string): SettledMonth {
  const facts: SettledMonth = {
    file,
    month,
    entries: entries.length,
    inItsMonth: true,
    goals: Object.create(null),
    actions: [],
    by: Object.create(null),
    varied: [],
  };
  const actions = new Set<string>();
  entries.forEach((entry, index) => {
    const at = parseTimestamp(entry.at, zone);
    if (at === undefined) {
      facts.inItsMonth = false;
      return;
    }
    const date = localDate(at, zone);
    if (date.slice(0, 7) !== month) facts.inItsMonth = false;
    const written = timestampDate(entry.at, zone);
    if (written !== undefined && (facts.first === undefined || written < facts.first)) facts.first = written;
    if (facts.lastAt === undefined || at > facts.lastAt) {
      facts.lastAt = at;
      facts.last = date;
    }
    if (entry.goal !== undefined && !(date <= (facts.goals[entry.goal] ?? ''))) facts.goals[entry.goal] = date;
    if (!(date <= (facts.by[entry.by] ?? ''))) facts.by[entry.by] = date;
    for (const action of entry.actions ?? []) actions.add(action);
    if (entry.variation !== undefined) facts.varied.push({ index, data: entry });
  });
  facts.actions = [...actions].sort();
  return facts;
}

/** The last day of a YYYY-MM month. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
}

/**
 * The first date inside some rule's window over outcome entries, as of `asOf`: entries dated
 * before it are judged only through the facts SettledMonth keeps. The windows are lookback_days
 * (care-without-ack, care-before-signoff, escalations) and no_progress_days (no-progress).
 */
export function settledBefore(asOf: number, zone: string, policy: Policy): string {
  return addDays(localDate(asOf, zone), -Math.max(policy.lookback_days, policy.no_progress_days));
}
