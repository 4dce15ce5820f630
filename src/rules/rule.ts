import type { Finding, Severity } from '../model/findings.js';
import type { PersonFolder } from '../model/workspace.js';
import type { RuleContext } from './context.js';

/**
 * How a rule is run. `record`: over every record, whoever it is about (what `careplan validate`
 * runs and all a discharged person gets). `person`: once for each active person. `home`: once for
 * the home as a whole.
 */
export type Scope = 'record' | 'person' | 'home';

/** What one rule id promises: a public interface (SPEC section 2), documented in docs/rules.md. */
export interface RuleMeta {
  severity: Severity;
  /** What a finding of it adds to `careplan due`, in the words of whoever has to do it; absent when it is no task. */
  due?: string;
  /** The anchor of its section in docs/rules.md. */
  docs: string;
  /**
   * Whether its findings can name a person (`person`) or never do (`home`): JUnit lists a rule
   * in each person's suite or in the home's. By default home rules are about the home, the rest
   * about people.
   */
  about?: 'person' | 'home';
}

/** A rule's ids and what each promises; one rule file may report a small family of ids. */
export type RuleMetas = Readonly<Record<string, RuleMeta>>;

/** A rule (or a small family reporting several ids): its meta and the pure function that judges. */
export type Rule =
  | { name: string; scope: 'record' | 'home'; meta: RuleMetas; check: (ctx: RuleContext) => Finding[] }
  | { name: string; scope: 'person'; meta: RuleMetas; check: (ctx: RuleContext, folder: PersonFolder) => Finding[] };

/** Everything a finding says but its id and severity, which come from the rule's meta. */
export type FindingFields = Omit<Finding, 'rule' | 'severity'>;

/**
 * The way a rule makes a finding: only one of its own ids, with the severity its meta gives, so
 * the severity is written once and a rule cannot report an id it did not declare.
 */
export function findingOf<M extends RuleMetas>(meta: M): (id: keyof M & string, fields: FindingFields) => Finding {
  return (id, fields) => ({ rule: id, severity: meta[id].severity, ...fields });
}
