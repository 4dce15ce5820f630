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
}

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
});

export const DEFAULT_TIMEZONE = 'Europe/London';

export function resolvePolicy(config: CareplanConfig | undefined): Policy {
  const { notes: _notes, ...given } = config?.policy ?? {};
  return { ...DEFAULT_POLICY, ...given } as Policy;
}
