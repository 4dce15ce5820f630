import { addDays, localDate, parseTimestamp } from './time.js';
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
  const facts = new MonthFacts(file, month, zone);
  entries.forEach((entry, index) =>
    facts.add(entry.at, entry.by, entry.goal, entry.actions, entry.variation === undefined ? undefined : { index, data: entry }),
  );
  return facts.done();
}

/**
 * settledMonthOf's facts, one entry at a time: what reading a month straight from its text
 * (settledScan.ts) adds to without making the entries, so that both ways give the same facts.
 */
export class MonthFacts {
  private readonly facts: SettledMonth;
  private readonly actions = new Set<string>();

  constructor(
    file: string,
    private readonly month: string,
    private readonly zone: string,
  ) {
    this.facts = {
      file,
      month,
      entries: 0,
      inItsMonth: true,
      goals: Object.create(null) as Record<string, string>,
      actions: [],
      by: Object.create(null) as Record<string, string>,
      varied: [],
    };
  }

  /** The next entry's time, recorder, goal and actions (as they passed the schema), and the entry in full when it has a variation. */
  add(
    at: string,
    by: string,
    goal: string | undefined,
    actions: readonly string[] | undefined,
    varied?: SettledMonth['varied'][number],
  ): void {
    const { facts, zone } = this;
    facts.entries++;
    const instant = parseTimestamp(at, zone);
    if (instant === undefined) {
      facts.inItsMonth = false;
      return;
    }
    const date = localDate(instant, zone);
    if (!date.startsWith(this.month)) facts.inItsMonth = false;
    // timestampDate's answer, for a time that has parsed: as written without an offset (16 or 19
    // characters), else the local date.
    const written = at.length === 16 || at.length === 19 ? at.slice(0, 10) : date;
    if (facts.first === undefined || written < facts.first) facts.first = written;
    if (facts.lastAt === undefined || instant > facts.lastAt) {
      facts.lastAt = instant;
      facts.last = date;
    }
    if (goal !== undefined && !(date <= (facts.goals[goal] ?? ''))) facts.goals[goal] = date;
    if (!(date <= (facts.by[by] ?? ''))) facts.by[by] = date;
    for (const action of actions ?? []) this.actions.add(action);
    if (varied) facts.varied.push(varied);
  }

  done(): SettledMonth {
    this.facts.actions = [...this.actions].sort();
    return this.facts;
  }
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
