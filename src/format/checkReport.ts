import type { FailOn, Finding } from '../model/findings.js';

/** What `careplan check` found, with everything any of its output formats says about it. */
export interface CheckReport {
  findings: readonly Finding[];
  /** The moment judged, ISO 8601 in UTC (for machines). */
  asOf: string;
  /** The same moment in the home's local time (for people). */
  asOfLocal: string;
  /** The people checked, sorted. */
  people: readonly string[];
  /** The rules run for each person and for the home: JUnit's test cases. */
  rules: { person: readonly string[]; home: readonly string[] };
  failOn: FailOn;
  /** The records folder's path inside its git work tree ('' at the top), so annotations name the right file. */
  workTreePrefix: string;
}
