import { raisedEscalations } from '../model/escalations.js';
import { momentOf } from '../model/moment.js';
import { inForceAt, type TimedSignoff } from '../model/planState.js';
import { teamOf } from '../model/team.js';
import { HOUR_MS } from '../model/time.js';
import { escalationFor, variationPatterns } from '../model/variation.js';
import type { AuditContext } from './context.js';
import { count, median, Tally, tallyMetric, type Measure, type Metric } from './metric.js';
import { spotcheckMetrics } from './spotchecks.js';
import { supervisionMetric } from './supervision.js';
import { compareText } from '../model/textOrder.js';

const section = 'followed' as const;

const confirms = (a: { version: number; plan: string }, s: TimedSignoff) =>
  a.version === s.entry.data.version && a.plan === s.entry.data.plan;

/**
 * Section 2 (SPEC section 4): acknowledgement coverage and time to acknowledge, care recorded by
 * staff who had confirmed the plan, variation, patterns escalated in time, spot checks.
 */
export function followedMetrics(ctx: AuditContext): Metric[] {
  const { start, end, endDate } = ctx.period;
  const p = ctx.policy;
  const coverage = new Tally();
  const ackHours: number[] = [];
  const ackHoursByPerson = new Map<string, number[]>();
  const ackOnTime = new Tally();
  const careByConfirmed = new Tally();
  const varied = new Tally();
  const escalated = new Tally();

  for (const f of ctx.activeAtEnd) {
    const inForce = inForceAt(ctx.status(f).signoffs, end);
    if (!inForce) continue;
    for (const member of teamOf(ctx.ws, f.person!.data, endDate)) {
      coverage.add(
        f.id,
        f.acknowledgements.some((a) => a.data.staff === member.data.id && confirms(a.data, inForce)),
      );
    }
  }

  for (const f of ctx.inCare) {
    const signoffs = ctx.status(f).signoffs;
    ackOnTime.person(f.id);
    // Each staff member's acknowledgements, timed once.
    const acksByStaff = new Map<string, { version: number; plan: string; at: number }[]>();
    const hours: number[] = [];
    for (const a of f.acknowledgements) {
      const at = momentOf(a, ctx.zone);
      if (at === undefined) continue;
      const list = acksByStaff.get(a.data.staff) ?? [];
      list.push({ version: a.data.version, plan: a.data.plan, at });
      acksByStaff.set(a.data.staff, list);
      if (at < start) continue;
      const signed = signoffs.filter((s) => s.at <= at && confirms(a.data, s)).pop();
      if (!signed) continue;
      const took = (at - signed.at) / HOUR_MS;
      hours.push(took);
      ackOnTime.add(f.id, took <= p.acknowledge_within_hours);
    }
    ackHours.push(...hours);
    ackHoursByPerson.set(f.id, hours);

    careByConfirmed.person(f.id);
    varied.person(f.id);
    escalated.person(f.id);
    for (const { entry, at } of ctx.entries(f)) {
      const version = inForceAt(signoffs, at);
      careByConfirmed.add(
        f.id,
        version !== undefined && (acksByStaff.get(entry.data.by) ?? []).some((a) => confirms(a, version) && a.at <= at),
      );
      varied.add(f.id, entry.data.variation !== undefined);
    }

    // A pattern is judged in the month its escalation fell due.
    for (const pattern of variationPatterns(f.outcomes, p, ctx.zone, end)) {
      const due = pattern.completedAt + p.escalation_hours * HOUR_MS;
      if (due < start || due > end) continue;
      const answer = escalationFor(pattern, raisedEscalations(f.escalations), ctx.zone, end);
      escalated.add(f.id, answer !== undefined && answer.at <= due);
    }
  }

  const ids = ctx.inCare.map((f) => f.id);
  const ratioMetric = (id: string, label: string, column: string, tally: Tally, better: 'higher' | 'lower', definition: string) =>
    tallyMetric(section, ids, tally, { id, label, column, better, definition });
  const ackMedianPeople: Record<string, Measure> = Object.fromEntries(
    [...ackHoursByPerson.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, h]) => [id, median(h)]),
  );
  return [
    ratioMetric(
      'ack-coverage',
      'Team members who confirmed the version in force',
      'Team who confirmed',
      coverage,
      'higher',
      'For each person active at the end with a version in force, each member ' +
        'of their team then; covered when they acknowledged that version and hash.',
    ),
    {
      id: `${section}.ack-median-hours`,
      section,
      label: 'Median time from sign-off to acknowledgement',
      column: 'Median hours to confirm',
      kind: 'median',
      unit: 'hours',
      better: 'lower',
      definition: 'Acknowledgements made this month, hours from the sign-off of the version they confirm; the denominator is how many.',
      ...median(ackHours),
      people: ackMedianPeople,
    },
    ratioMetric(
      'acks-on-time',
      `Acknowledgements within ${p.acknowledge_within_hours} hours of sign-off`,
      'Confirmed in time',
      ackOnTime,
      'higher',
      `Acknowledgements made this month; on time when made within ${p.acknowledge_within_hours} hours of ` +
        'the sign-off of the version they confirm.',
    ),
    ratioMetric(
      'care-by-confirmed-staff',
      'Outcome entries by staff who had confirmed the plan in force',
      'Entries by staff who confirmed',
      careByConfirmed,
      'higher',
      'Outcome entries this month; confirmed when a version was in force and the staff member had acknowledged it at or before the entry.',
    ),
    ratioMetric(
      'variation-rate',
      'Outcome entries recording a variation from the plan',
      'Entries with a variation',
      varied,
      'lower',
      'Outcome entries this month with a `variation`.',
    ),
    {
      id: `${section}.variation-patterns`,
      section,
      label: `Patterns of variation (${p.variation_pattern.count} within ${p.variation_pattern.days} days) due for escalation`,
      column: 'Patterns due',
      kind: 'count',
      better: 'lower',
      definition: `Patterns whose escalation fell due this month (${p.escalation_hours} hours after the entry that completed them).`,
      ...count(escalated.of),
      people: Object.fromEntries(Object.entries(escalated.people(ids)).map(([id, m]) => [id, count(m.denominator ?? 0)])),
    },
    ratioMetric(
      'escalated-on-time',
      `Patterns of variation escalated within ${p.escalation_hours} hours`,
      'Patterns escalated in time',
      escalated,
      'higher',
      `Patterns whose escalation fell due this month; on time when an escalation for the person came between the pattern's first ` +
        `entry and ${p.escalation_hours} hours after its last.`,
    ),
    ...spotcheckMetrics(ctx),
    supervisionMetric(ctx),
  ];
}
