import { planStatus, type PlanStatus } from './planState.js';
import { reviewDueDate } from './reviewDue.js';
import { teamOf } from './team.js';
import { addDays, HOUR_MS, localDate, localTimestamp, parseTimestamp } from './time.js';
import type { PersonFolder, Workspace } from './workspace.js';
import { compareText } from './textOrder.js';

/** One thing about a plan that falls (or fell) due, for `plan show`. */
export interface PlanDue {
  what: 'signoff' | 'update' | 'review' | 'outcome-review' | 'acknowledgement' | 'agreement';
  /** A date, or a timestamp for the hour-based deadlines. */
  due: string;
  overdue: boolean;
  text: string;
  /** Staff still to acknowledge, for `acknowledgement`. */
  staff?: string[];
}

/** What is due for a person's plan as of a moment: pure, from the loaded records. */
export function planDue(ws: Workspace, folder: PersonFolder, asOf: number): { status: PlanStatus; due: PlanDue[] } {
  const status = planStatus(ws, folder);
  const zone = ws.timezone;
  const policy = ws.policy;
  const due: PlanDue[] = [];
  const plan = folder.plan?.data;
  const at = (value: string | undefined) => (value === undefined ? undefined : parseTimestamp(value, zone));
  const byHours = (from: number, hours: number) => from + hours * HOUR_MS;
  const asOfDate = localDate(asOf, zone);
  const add = (what: PlanDue['what'], ms: number, text: string, extra: Partial<PlanDue> = {}) =>
    due.push({ what, due: localTimestamp(ms, zone), overdue: ms < asOf, text, ...extra });

  const newestAssessment = folder.assessments[folder.assessments.length - 1];
  if (!plan) return { status, due };
  const planAssessment = folder.assessments.find((a) => a.id === plan.assessment);
  if (status.state === 'unsigned') {
    const from = at(planAssessment?.data.at);
    if (from !== undefined) add('signoff', byHours(from, policy.plan_due_hours), 'first sign-off');
  }
  if (status.state === 'changed-since-signoff') {
    const from = at(plan.updated);
    if (from !== undefined) add('signoff', byHours(from, policy.plan_due_hours), `sign-off of the changed plan (version ${plan.version})`);
  }
  if (newestAssessment && planAssessment && newestAssessment.id !== plan.assessment) {
    const from = at(newestAssessment.data.at);
    if (from !== undefined && (at(planAssessment.data.at) ?? 0) < from)
      add('update', byHours(from, policy.plan_due_hours), `plan update for assessment ${newestAssessment.id}`);
  }
  const review = reviewDueDate(ws, folder, asOf);
  if (review) due.push({ what: 'review', due: review.due, overdue: asOfDate > review.due, text: 'plan review' });

  const first = status.first;
  if (first) {
    let latest = first.at;
    for (const r of folder.reviews) {
      const t = at(r.data.at);
      if (r.data.kind === 'outcomes' && t !== undefined && t <= asOf && t > latest) latest = t;
    }
    const dueDate = addDays(localDate(latest, zone), policy.outcome_review_days);
    due.push({ what: 'outcome-review', due: dueDate, overdue: asOfDate > dueDate, text: 'weekly outcome review' });
  }
  const newest = status.newest;
  if (newest && status.state === 'approved' && folder.person) {
    const { version, plan: hash } = newest.entry.data;
    const acked = new Set(
      folder.acknowledgements.filter((a) => a.data.version === version && a.data.plan === hash).map((a) => a.data.staff),
    );
    const missing = teamOf(ws, folder.person.data, asOfDate)
      .map((s) => s.data.id)
      .filter((s) => !acked.has(s));
    if (missing.length)
      add(
        'acknowledgement',
        byHours(newest.at, policy.acknowledge_within_hours),
        `acknowledgement of version ${version} by ${missing.join(', ')}`,
        { staff: missing },
      );
    const agreed = folder.agreements.some((a) => a.data.version === version && a.data.plan === hash);
    if (!agreed)
      add(
        'agreement',
        byHours(newest.at, policy.acknowledge_within_hours),
        `agreement to version ${version} by the person or their representative`,
      );
  }
  due.sort((a, b) => compareText(a.due, b.due));
  return { status, due };
}
