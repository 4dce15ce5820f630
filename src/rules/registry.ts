import type { Severity } from '../model/findings.js';
import acknowledgement from './care/acknowledgement.js';
import auditActions from './care/auditActions.js';
import escalation from './care/escalation.js';
import escalationResponse from './care/escalationResponse.js';
import goals from './care/goals.js';
import governance from './care/governance.js';
import keyWorker from './care/keyWorker.js';
import outcomes from './care/outcomes.js';
import plan from './care/plan.js';
import planContent from './care/planContent.js';
import planUpdate from './care/planUpdate.js';
import versioning from './care/repository.js';
import review from './care/review.js';
import roles from './care/roles.js';
import signoffs from './care/signoffs.js';
import supervision from './care/supervision.js';
import dates from './dates.js';
import discharge from './discharge.js';
import duplicates from './duplicates.js';
import identity from './identity.js';
import loading from './loading.js';
import references from './references.js';
import symlinks from './symlinks.js';
import type { Rule, Scope } from './rule.js';

/**
 * Every rule `careplan check` runs, in the order it runs them (findings keep that order until a
 * formatter sorts them). Adding a rule: its file (meta + check), one line here, its test and its
 * section in docs/rules.md.
 */
export const REGISTRY: readonly Rule[] = [
  loading,
  symlinks,
  identity,
  references,
  duplicates,
  dates,
  discharge,
  keyWorker,
  plan,
  planContent,
  planUpdate,
  signoffs,
  review,
  acknowledgement,
  outcomes,
  goals,
  escalation,
  escalationResponse,
  roles,
  governance,
  supervision,
  auditActions,
  versioning,
];

/** One rule id with everything its rule declares about it. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  scope: Scope;
  /** What it adds to `careplan due`; undefined when it is no task. */
  due?: string;
  /** Its section's anchor in docs/rules.md. */
  docs: string;
  /** Whether its findings can name a person, or never do. */
  about: 'person' | 'home';
  /** The rule that reports it. */
  rule: Rule;
}

/** Each id with its rule's declarations; an id declared twice is a programming error. */
export function ruleTable(registry: readonly Rule[]): ReadonlyMap<string, RuleInfo> {
  const table = new Map<string, RuleInfo>();
  for (const rule of registry) {
    for (const [id, meta] of Object.entries(rule.meta)) {
      const other = table.get(id);
      if (other) throw new Error(`rule id ${id} is registered twice (by ${other.rule.name} and ${rule.name})`);
      const about = meta.about ?? (rule.scope === 'home' ? 'home' : 'person');
      table.set(id, { id, severity: meta.severity, scope: rule.scope, due: meta.due, docs: meta.docs, about, rule });
    }
  }
  return table;
}

/** Every rule id `careplan check` can report: a public interface (SPEC section 2). */
export const RULES: ReadonlyMap<string, RuleInfo> = ruleTable(REGISTRY);

/** The severity a rule id is reported with; undefined for an id no rule reports (an old saved audit's). */
export function severityOf(id: string): Severity | undefined {
  return RULES.get(id)?.severity;
}

/** Rule ids whose findings can name a person, and those that never do (JUnit's suites). */
export function idsAbout(about: 'person' | 'home'): string[] {
  return [...RULES.values()].filter((r) => r.about === about).map((r) => r.id);
}
