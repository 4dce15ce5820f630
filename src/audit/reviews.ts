import { addDays, localDate, parseTimestamp } from '../model/time.js';
import type { PersonFolder } from '../model/workspace.js';
import type { AuditContext } from './context.js';
import { count, countsByPerson, Tally, tallyMetric, type Metric } from './metric.js';

const section = 'reviews' as const;

/** One date a plan review fell due, and how it was met. */
export interface ReviewOccasion {
  person: string;
  due: string;
  /** The date of the review or re-approval that met it, if any by the period's end. */
  metOn?: string;
}

/**
 * The plan review dates of a person (SPEC section 2: the later of the newest plan review and the
 * newest sign-off, plus review_interval_days), each met by the next review or sign-off. Every
 * date that was the review due date at some time; a date superseded by an earlier review before it
 * fell due is still listed, met early.
 */
export function reviewOccasions(ctx: AuditContext, folder: PersonFolder): ReviewOccasion[] {
  const status = ctx.status(folder);
  if (!status.first) return [];
  const dates = new Set<string>(status.signoffs.map((s) => localDate(s.at, ctx.zone)));
  for (const r of folder.reviews) {
    if (r.data.kind !== 'plan') continue;
    const at = parseTimestamp(r.data.at, ctx.zone);
    if (at !== undefined && at >= status.first.at) dates.add(localDate(at, ctx.zone));
  }
  const events = [...dates].sort();
  return events.map((date, i) => ({ person: folder.id, due: addDays(date, ctx.policy.review_interval_days), metOn: events[i + 1] }));
}

/**
 * Section 4 (SPEC section 4): plan reviews due this month, held on time, and overdue at its end.
 * A review date counts in the month it falls in, unless a review met it before the month began;
 * a date not yet met on the period's last day is due but not yet late.
 */
export function reviewMetrics(ctx: AuditContext): Metric[] {
  const { first, endDate, start, end } = ctx.period;
  const held = new Map<string, number>();
  const due = new Map<string, number>();
  const onTime = new Tally();
  const overdue = new Tally();
  let heldTotal = 0;
  let dueTotal = 0;

  for (const f of ctx.inCare) {
    let n = 0;
    for (const r of f.reviews) {
      if (r.data.kind !== 'plan') continue;
      const at = parseTimestamp(r.data.at, ctx.zone);
      if (at !== undefined && at >= start && at <= end) n++;
    }
    held.set(f.id, n);
    heldTotal += n;

    const discharged = f.person!.data.discharged;
    const occasions = reviewOccasions(ctx, f);
    onTime.person(f.id);
    let d = 0;
    for (const o of occasions) {
      if (o.due < first || o.due > endDate || (discharged !== undefined && o.due > discharged)) continue;
      if (o.metOn !== undefined && o.metOn < first) continue;
      d++;
      if (o.metOn !== undefined) onTime.add(f.id, o.metOn <= o.due);
      else if (o.due < endDate) onTime.add(f.id, false);
    }
    due.set(f.id, d);
    dueTotal += d;

    const current = occasions[occasions.length - 1];
    if (f.person!.data.status === 'active' && current) overdue.add(f.id, current.due < endDate);
  }

  const ids = ctx.inCare.map((f) => f.id);
  return [
    {
      id: `${section}.held`,
      section,
      label: 'Plan reviews held',
      column: 'Reviews held',
      kind: 'count',
      definition: 'Plan reviews (`kind: plan`) dated this month.',
      ...count(heldTotal),
      people: countsByPerson(held, ids),
    },
    {
      id: `${section}.due`,
      section,
      label: 'Plan reviews due',
      column: 'Reviews due',
      kind: 'count',
      definition:
        `Review due dates (${ctx.policy.review_interval_days} days after the newest plan review or sign-off) falling ` +
        'this month and not met before it began.',
      ...count(dueTotal),
      people: countsByPerson(due, ids),
    },
    tallyMetric(section, ids, onTime, {
      id: 'on-time',
      label: 'Plan reviews held on time',
      column: 'Reviews on time',
      better: 'higher',
      definition:
        'Review due dates this month that were met or passed by its end; on ' +
        'time when a plan review or re-approval came on or before the date.',
    }),
    tallyMetric(section, ids, overdue, {
      id: 'overdue',
      label: 'Plans overdue for review at the end',
      column: 'Overdue at the end',
      better: 'lower',
      definition:
        "People active at the end with a signed plan; counted when the review due date was before the end's date (review-overdue).",
    }),
  ];
}
