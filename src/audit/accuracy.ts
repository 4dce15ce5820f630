import { inForceAt } from '../model/planState.js';
import { HOUR_MS, parseTimestamp, startOfDate } from '../model/time.js';
import type { PersonFolder } from '../model/workspace.js';
import type { AuditContext } from './context.js';
import { Tally, tallyMetric, type Metric } from './metric.js';

const section = 'accuracy' as const;

/** A plan is complete when every assessed need has an active action and every need entry an active goal. */
export function planComplete(folder: PersonFolder): boolean {
  const plan = folder.plan!.data;
  const assessment = folder.assessments.find((a) => a.id === plan.assessment);
  const needs = assessment ? assessment.data.needs.map((n) => n.id) : plan.needs.map((n) => n.need);
  return (
    needs.every((need) => {
      const entry = plan.needs.find((n) => n.need === need);
      if (!entry) return false;
      return entry.actions.some((a) => a.status === 'active') && entry.goals.some((g) => g.status === 'active');
    }) && plan.needs.every((n) => n.goals.some((g) => g.status === 'active'))
  );
}

/** A plan is personalised when it says what matters to the person and records preferences for every need. */
export function planPersonalised(folder: PersonFolder): boolean {
  const plan = folder.plan!.data;
  return (
    plan.about_me.trim() !== '' && plan.needs.length > 0 && plan.needs.every((n) => (n.preferences ?? []).some((p) => p.trim() !== ''))
  );
}

/** When a person's plan was due: plan_due_hours after their first assessment, or after admission with none. */
function firstPlanDue(ctx: AuditContext, folder: PersonFolder): number | undefined {
  const dueMs = ctx.policy.plan_due_hours * HOUR_MS;
  const first = folder.assessments[0];
  const from = first ? parseTimestamp(first.data.at, ctx.zone) : startOfDate(folder.person!.data.admitted, ctx.zone);
  return from === undefined ? undefined : from + dueMs;
}

/** Section 1 (SPEC section 4): plans approved, complete, personalised, agreed, written and updated on time. */
export function accuracyMetrics(ctx: AuditContext): Metric[] {
  const hours = ctx.policy.plan_due_hours;
  const { start, end } = ctx.period;
  const approved = new Tally();
  const complete = new Tally();
  const personalised = new Tally();
  const agreed = new Tally();
  const written = new Tally();
  const updated = new Tally();

  for (const f of ctx.activeAtEnd) {
    const status = ctx.status(f);
    const due = firstPlanDue(ctx, f);
    if (f.presentFiles.has('plan.yaml') || (due !== undefined && due < end)) approved.add(f.id, status.state === 'approved');
    if (f.plan) {
      complete.add(f.id, planComplete(f));
      personalised.add(f.id, planPersonalised(f));
    }
    const inForce = inForceAt(status.signoffs, end);
    if (inForce) {
      agreed.add(
        f.id,
        f.agreements.some((a) => a.data.version === inForce.entry.data.version && a.data.plan === inForce.entry.data.plan),
      );
    }
  }

  for (const f of ctx.inCare) {
    const status = ctx.status(f);
    // New plans: judged in the month the first plan fell due.
    const due = firstPlanDue(ctx, f);
    if (due !== undefined && due >= start && due <= end) {
      written.add(f.id, status.first !== undefined && status.first.at <= due);
    }
    // Reassessments (a change in needs): a new version signed off within plan_due_hours.
    for (const a of f.assessments.slice(1)) {
      const at = parseTimestamp(a.data.at, ctx.zone);
      if (at === undefined) continue;
      const updateDue = at + hours * HOUR_MS;
      if (updateDue < start || updateDue > end) continue;
      const before = inForceAt(status.signoffs, at)?.entry.data.version ?? 0;
      updated.add(
        f.id,
        status.signoffs.some((s) => s.at >= at && s.at <= updateDue && s.entry.data.version > before),
      );
    }
  }

  const ids = ctx.inCare.map((f) => f.id);
  const metric = (id: string, label: string, column: string, tally: Tally, definition: string) =>
    tallyMetric(section, ids, tally, { id, label, column, better: 'higher', definition });
  return [
    metric(
      'plans-approved',
      'Plans approved (current content signed off)',
      'Plan approved',
      approved,
      `People active at the end with a plan, or whose plan was due by then (${hours} hours after their first assessment); ` +
        `approved when the newest authorised sign-off's hash is the plan's.`,
    ),
    metric(
      'plans-complete',
      'Plans complete (every need has an action and a goal)',
      'Plan complete',
      complete,
      'Plans of people active at the end where every need of the assessment the plan reflects has an active action and an active goal.',
    ),
    metric(
      'plans-personalised',
      'Plans personalised (about me, and preferences for every need)',
      'Plan personalised',
      personalised,
      'Plans of people active at the end with `about_me` and at least one preference for every need.',
    ),
    metric(
      'plans-agreed',
      'Plans in force agreed by the person or their representative',
      'Plan agreed',
      agreed,
      'People active at the end with a version in force; agreed when an agreement names that version and hash.',
    ),
    metric(
      'new-plans-on-time',
      `New plans signed off within ${hours} hours of assessment`,
      'New plan in time',
      written,
      `People whose first plan fell due this month (${hours} hours after their first assessment); on time when ` +
        'the first authorised sign-off came by then.',
    ),
    metric(
      'updates-on-time',
      `Plans updated and signed off within ${hours} hours of a change in needs`,
      'Update in time',
      updated,
      `Reassessments whose plan update fell due this month (${hours} hours after them); on time when ` +
        'a newer version was signed off by then.',
    ),
  ];
}
