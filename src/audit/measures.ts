import type { SectionId } from './metric.js';

/**
 * Every measure of the audit, by section, in report order: the ids saved audits are keyed by and
 * the CQC mapping names. A unit test checks the sections produce exactly these.
 */
export const MEASURES: Record<SectionId, readonly string[]> = {
  accuracy: ['plans-approved', 'plans-complete', 'plans-personalised', 'plans-agreed', 'new-plans-on-time', 'updates-on-time'],
  followed: [
    'ack-coverage',
    'ack-median-hours',
    'acks-on-time',
    'care-by-confirmed-staff',
    'variation-rate',
    'variation-patterns',
    'escalated-on-time',
    'spotcheck-weeks',
    'spotcheck-longest-gap',
    'staff-supervised',
  ],
  outcomes: [
    'entries',
    'goals-with-outcomes',
    'goals-achieved',
    'goals-without-progress',
    'outcome-reviews-held',
    'outcome-reviews-weekly',
  ],
  reviews: ['held', 'due', 'on-time', 'overdue'],
  governance: [
    'previous-audit-saved',
    'feedback',
    'feedback-from-person',
    'feedback-from-family',
    'feedback-from-staff',
    'feedback-from-professional',
    'feedback-from-commissioner',
    'feedback-positive',
    'feedback-neutral',
    'feedback-negative',
    'escalations-raised',
    'escalations-open',
  ],
};

export const MEASURE_IDS: readonly string[] = Object.entries(MEASURES).flatMap(([section, ids]) => ids.map((id) => `${section}.${id}`));

/**
 * Measures that earlier saved audits may hold but the audit no longer makes, with what replaced
 * them: read, never compared with a measure counted another way.
 */
export const RETIRED_MEASURES: Readonly<Record<string, { replacedBy: string; was: string }>> = {
  'followed.spotchecks-per-week': { replacedBy: 'followed.spotcheck-weeks', was: 'spot checks per week' },
};

/** The measures compared with the previous saved audit in the report's trends (SPEC section 4 / issue 5). */
export const TREND_MEASURES = ['followed.variation-rate', 'followed.ack-coverage', 'reviews.on-time'] as const;
