import type { CareplanConfig } from './records.generated.js';

/** The provider's care planning policy, every number from careplan.yaml or its default (SPEC section 1). */
export interface Policy {
  plan_due_hours: number;
  review_interval_days: number;
  review_warn_days: number;
  signoff_roles: string[];
  acknowledge_within_hours: number;
  outcome_gap_days: number;
  no_progress_days: number;
  outcome_review_days: number;
  escalation_hours: number;
  variation_pattern: { count: number; days: number };
  spotcheck_days: number;
  audit_due_day: number;
  lookback_days: number;
  /** An escalation is answered within this long (escalation-unanswered, SPEC section 5.5). */
  escalation_response_hours: number;
  /** Each member of the care team is supervised at least this often (supervision-overdue, SPEC section 5.4). */
  supervision_days: number;
  /** A sign-off's commit must be signed by a key listed for the signer (`careplan verify`, `signoff-unsigned`). */
  require_signed_signoffs: boolean;
  /**
   * The audit's targets by measure id (the measures of src/audit/measures.ts): a percentage for a
   * share, else the measure's own unit (days, hours, a count). At least the target for a measure
   * where higher is better, at most it where lower is. Defaults below; careplan.yaml's
   * `policy.targets` overrides them one by one, and `null` removes one.
   */
  targets: Record<string, number>;
}

/**
 * The targets a home is held to unless careplan.yaml says otherwise: what the care planning
 * process itself asks (every plan signed off before use, every team member confirms it, every
 * pattern escalated…), so 100% or none overdue. The longest gap between spot checks follows
 * `spotcheck_days` unless a target is set for it.
 */
export const DEFAULT_TARGETS: Readonly<Record<string, number>> = Object.freeze({
  'accuracy.plans-approved': 100,
  'accuracy.plans-complete': 100,
  'accuracy.plans-personalised': 100,
  'accuracy.plans-agreed': 100,
  'accuracy.new-plans-on-time': 100,
  'accuracy.updates-on-time': 100,
  'followed.ack-coverage': 100,
  'followed.acks-on-time': 100,
  'followed.care-by-confirmed-staff': 100,
  'followed.escalated-on-time': 100,
  'followed.spotcheck-weeks': 100,
  'followed.staff-supervised': 100,
  'outcomes.goals-with-outcomes': 100,
  'outcomes.outcome-reviews-weekly': 100,
  'reviews.on-time': 100,
  'reviews.overdue': 0,
});

/** The measure whose default target is the policy's own spotcheck_days. */
export const SPOTCHECK_GAP_MEASURE = 'followed.spotcheck-longest-gap';

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  plan_due_hours: 48,
  review_interval_days: 28,
  review_warn_days: 7,
  signoff_roles: ['registered-manager'],
  acknowledge_within_hours: 72,
  outcome_gap_days: 7,
  no_progress_days: 28,
  outcome_review_days: 7,
  escalation_hours: 24,
  variation_pattern: { count: 3, days: 7 },
  spotcheck_days: 7,
  audit_due_day: 10,
  lookback_days: 28,
  escalation_response_hours: 48,
  supervision_days: 56,
  require_signed_signoffs: false,
  targets: { ...DEFAULT_TARGETS, [SPOTCHECK_GAP_MEASURE]: 7 },
});

export const DEFAULT_TIMEZONE = 'Europe/London';

export function resolvePolicy(config: CareplanConfig | undefined): Policy {
  const { notes: _notes, targets: givenTargets, ...given } = config?.policy ?? {};
  const policy = { ...DEFAULT_POLICY, ...given } as Policy;
  const targets: Record<string, number | null> = { ...DEFAULT_TARGETS, [SPOTCHECK_GAP_MEASURE]: policy.spotcheck_days };
  const { notes: _targetNotes, ...overrides } = givenTargets ?? {};
  Object.assign(targets, overrides);
  policy.targets = Object.fromEntries(Object.entries(targets).filter((e): e is [string, number] => typeof e[1] === 'number'));
  return policy;
}
