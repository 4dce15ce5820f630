import { compareText } from '../model/textOrder.js';

/** The five sections of the monthly audit (SPEC section 4), in report order. */
export const SECTIONS = [
  { id: 'accuracy', title: 'Accuracy and personalisation' },
  { id: 'followed', title: 'Plans followed' },
  { id: 'outcomes', title: 'Outcomes' },
  { id: 'reviews', title: 'Reviews' },
  { id: 'governance', title: 'Governance and feedback' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/**
 * ratio: numerator of denominator, with the percentage. count: how many (numerator = value; a
 * denominator only where the count is a share of something), or an amount in `unit` (days).
 * median: the middle value, its denominator the number of values. status: a yes/no fact, as 1 or
 * 0 of 1 (0 of 0 when it does not apply).
 */
export type MetricKind = 'ratio' | 'count' | 'median' | 'status';

/** One measure for the home or for one person: every number a reader needs to check it. */
export interface Measure {
  value: number | string | null;
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
}

export interface Metric extends Measure {
  /** `<section>.<measure>`: stable, used as the key of saved audits. */
  id: string;
  section: SectionId;
  label: string;
  kind: MetricKind;
  unit?: string;
  /** Which way is better, for comparisons with the previous audit. */
  better?: 'higher' | 'lower';
  /** How it is counted, so a reader can count it again from the records. */
  definition: string;
  /** The per-person column's heading, saying what its cells hold (the label when absent). */
  column?: string;
  /** Per person, by id; absent for measures of the home as a whole. */
  people?: Record<string, Measure>;
  /** What it evidences in CQC's framework (added from the mapping). */
  cqc?: { key_question: string; quality_statements: string[]; evidence_category: string };
  /** The same measure in the previous saved audit (added when there is one). */
  compared?: Change;
  /** The policy's target for it and whether it is met (added when policy.targets has one). */
  target?: TargetCheck;
}

/** A measure against its target from policy.targets. */
export interface TargetCheck {
  target: number;
  /** At least the target where higher is better; at most it where lower is. */
  bound: 'at least' | 'at most';
  /** 'not applicable' when there is nothing to judge (0 of 0, no value). */
  status: 'met' | 'not met' | 'not applicable';
}

/** A measure now against the previous saved audit: percentages for ratios, values otherwise. */
export interface Change {
  previousMonth: string;
  /** The previous audit's figures for the measure as saved, in the same unit as this month's; null when it saved none. */
  before: Measure | null;
  /** Why the months cannot be compared, when the previous audit counted the measure another way. */
  notComparable?: string;
  /** This month is not over: part of a month is compared with a whole one. */
  interim: boolean;
  previous: number | null;
  current: number | null;
  /** current - previous, to two decimal places; null when either is missing. */
  change: number | null;
  direction: 'up' | 'down' | 'same' | null;
  /** Whether the change is for the better, given which way the measure should go. */
  verdict: 'better' | 'worse' | 'same' | null;
}

/** A percentage to one decimal place; null when there is nothing to divide by. */
export function percentOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

export function ratio(numerator: number, denominator: number): Measure {
  const percent = percentOf(numerator, denominator);
  return { value: percent, numerator, denominator, percent };
}

export function count(n: number, of?: number): Measure {
  return { value: n, numerator: n, denominator: of ?? null, percent: of === undefined ? null : percentOf(n, of) };
}

export function median(values: readonly number[]): Measure {
  if (values.length === 0) return { value: null, numerator: null, denominator: 0, percent: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const middle = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { value: Math.round(middle * 10) / 10, numerator: null, denominator: values.length, percent: null };
}

/**
 * Counts hits out of chances, home-wide and per person, for ratio measures: every chance belongs
 * to a person, so the per-person figures add up to the home's.
 */
export class Tally {
  private readonly byPerson = new Map<string, { hits: number; of: number }>();
  hits = 0;
  of = 0;

  /** Registers a person with no chances yet, so they appear with 0 of 0. */
  person(id: string): this {
    if (!this.byPerson.has(id)) this.byPerson.set(id, { hits: 0, of: 0 });
    return this;
  }

  add(person: string, hit: boolean, times = 1): void {
    const p = this.byPerson.get(person) ?? { hits: 0, of: 0 };
    p.of += times;
    this.of += times;
    if (hit) {
      p.hits += times;
      this.hits += times;
    }
    this.byPerson.set(person, p);
  }

  home(): Measure {
    return ratio(this.hits, this.of);
  }

  /** Per person, with everyone in `ids` (0 of 0 when they had no chance). */
  people(ids: readonly string[] = []): Record<string, Measure> {
    for (const id of ids) this.person(id);
    return Object.fromEntries(
      [...this.byPerson.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, p]) => [id, ratio(p.hits, p.of)]),
    );
  }
}

/** What names a ratio measure whose figures a Tally counted. */
export interface RatioSpec {
  /** Within the section: `<section>.<id>` is the measure's id. */
  id: string;
  label: string;
  column: string;
  better: 'higher' | 'lower';
  definition: string;
}

/** A ratio measure of `section` counted in `tally`: home-wide, and for each person in `ids` (0 of 0 for those with no chance). */
export function tallyMetric(section: SectionId, ids: readonly string[], tally: Tally, spec: RatioSpec): Metric {
  return {
    id: `${section}.${spec.id}`,
    section,
    label: spec.label,
    column: spec.column,
    kind: 'ratio',
    better: spec.better,
    definition: spec.definition,
    ...tally.home(),
    people: tally.people(ids),
  };
}

/** Per-person counts. */
export function countsByPerson(counts: ReadonlyMap<string, number>, people: readonly string[]): Record<string, Measure> {
  return Object.fromEntries([...people].sort().map((id) => [id, count(counts.get(id) ?? 0)]));
}
