import { localDate, localTimestamp } from './time.js';

/** The length of the steps `localDate` is worked out in (time.ts caches it per quarter hour). */
const QUARTER_HOUR = 900_000;
/** How far ahead a clock looks for the next change of local date: past any day, however long. */
const DATE_LOOKAHEAD = 26 * 4;

/**
 * The moment rules judge as of, which remembers what they asked of it. Every question a rule can
 * put to the moment (has this instant been reached? has it passed? what is the local date?) goes
 * through a clock, which notes the earliest later moment at which the same question would get
 * another answer: `until`. Judged at any moment from this one up to (not including) `until`, the
 * same records give the same findings, so `careplan check` can keep its findings that long
 * (checkResult.ts). The moment itself is not handed out as a number: the type checker then finds
 * any comparison that would bypass the clock.
 */
export class Clock {
  readonly #ms: number;
  readonly #zone: string;
  #until = Number.POSITIVE_INFINITY;
  #date: string | undefined;

  constructor(ms: number, zone: string) {
    this.#ms = ms;
    this.#zone = zone;
  }

  /** The earliest moment after this one at which an answer given so far would differ (Infinity: none). */
  get until(): number {
    return this.#until;
  }

  /** Whether instant `t` (epoch ms) has come: the moment is at or after it. */
  reached(t: number): boolean {
    if (this.#ms >= t) return true;
    this.#note(t);
    return false;
  }

  /** Whether instant `t` is past: the moment is after it. */
  passed(t: number): boolean {
    if (this.#ms > t) return true;
    this.#note(t + 1);
    return false;
  }

  /** The moment's local calendar date in the home's timezone. */
  get date(): string {
    if (this.#date === undefined) {
      this.#date = localDate(this.#ms, this.#zone);
      this.#note(this.#nextDate());
    }
    return this.#date;
  }

  /** The moment's local wall-clock time (time.ts's localTimestamp): an answer that holds for this instant only. */
  get timestamp(): string {
    this.#note(this.#ms + 1);
    return localTimestamp(this.#ms, this.#zone);
  }

  /**
   * The first instant whose local date is not this moment's date: found step by step through the
   * quarter hours `localDate` is worked out in, so it is exactly where `localDate` changes, in any
   * zone (including days clocks go back across midnight). If none is found within a day and a
   * bit, the next step, so nothing is kept longer than is known.
   */
  #nextDate(): number {
    const date = this.#date as string;
    let step = Math.floor(this.#ms / QUARTER_HOUR) + 1;
    for (let i = 0; i < DATE_LOOKAHEAD; i++, step++) {
      if (localDate(step * QUARTER_HOUR, this.#zone) !== date) return step * QUARTER_HOUR;
    }
    return (Math.floor(this.#ms / QUARTER_HOUR) + 1) * QUARTER_HOUR;
  }

  #note(t: number): void {
    if (t < this.#until) this.#until = t;
  }
}

/** A moment to judge as of: a plain instant (epoch ms), or a clock that notes what was asked of it. */
export type When = number | Clock;

/** Whether instant `t` has come as of `when`. */
export function reached(when: When, t: number): boolean {
  return typeof when === 'number' ? when >= t : when.reached(t);
}

/** Whether instant `t` is past as of `when`. */
export function passed(when: When, t: number): boolean {
  return typeof when === 'number' ? when > t : when.passed(t);
}

/** The local date of `when` in `zone`. */
export function dateAt(when: When, zone: string): string {
  return typeof when === 'number' ? localDate(when, zone) : when.date;
}

/** The local wall-clock time of `when` in `zone` (YYYY-MM-DDTHH:MM). */
export function timestampAt(when: When, zone: string): string {
  return typeof when === 'number' ? localTimestamp(when, zone) : when.timestamp;
}
