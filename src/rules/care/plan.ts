import type { Finding } from '../../model/findings.js';
import { planStatus } from '../../model/planState.js';
import { HOUR_MS, parseTimestamp, startOfDate } from '../../model/time.js';
import type { AssessmentDoc, PersonFolder } from '../../model/workspace.js';
import { local, dateOf, withinLookback, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const CHANGED = 'plan-changed-since-signoff--plan-change-pending';
const meta = {
  'assessment-missing': { severity: 'error', due: 'initial assessment', docs: 'assessment-missing' },
  'plan-missing': { severity: 'error', due: 'write the care plan', docs: 'plan-missing--plan-due' },
  // Before a plan is written (plan-missing) and before it is signed off (plan-unsigned).
  'plan-due': { severity: 'warning', due: 'write or sign off the care plan', docs: 'plan-missing--plan-due' },
  'plan-unsigned': { severity: 'error', due: 'sign off the care plan', docs: 'plan-unsigned--plan-due' },
  'plan-changed-since-signoff': { severity: 'error', due: 'sign off plan changes', docs: CHANGED },
  'plan-change-pending': { severity: 'warning', due: 'sign off plan changes', docs: CHANGED },
  'plan-late': { severity: 'warning', docs: 'plan-late' },
  'plan-outdated': { severity: 'error', due: 'update the plan after reassessment', docs: 'plan-outdated--plan-update-due' },
  'plan-update-due': { severity: 'warning', due: 'update the plan after reassessment', docs: 'plan-outdated--plan-update-due' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

function assessedAt(ctx: RuleContext, a: AssessmentDoc): number | undefined {
  return parseTimestamp(a.data.at, ctx.zone);
}

/**
 * The plan's life from assessment to approval (policy steps 1-3): assessment-missing,
 * plan-missing / plan-due, plan-unsigned / plan-due, plan-changed-since-signoff /
 * plan-change-pending, plan-late, plan-outdated / plan-update-due.
 */
export function planLifecycle(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const person = folder.id;
  const dueMs = ctx.policy.plan_due_hours * HOUR_MS;
  const hours = ctx.policy.plan_due_hours;
  const personDoc = folder.person!;
  const hasAssessmentFile = [...folder.presentFiles].some((f) => f.startsWith('assessments/'));

  if (!hasAssessmentFile) {
    const admitted = startOfDate(personDoc.data.admitted, ctx.zone);
    const due = admitted + dueMs;
    if (ctx.asOf.passed(due)) {
      findings.push(
        finding('assessment-missing', {
          person,
          ...where(personDoc, ['admitted']),
          message: `admitted ${personDoc.data.admitted} and no assessment recorded (due within ${hours} hours, by ${local(ctx, due)})`,
          fix: `assess ${person} with them: \`careplan assess ${person} --type initial\``,
          due: local(ctx, due),
        }),
      );
    }
    return findings;
  }

  const assessments = folder.assessments;
  const first = assessments[0];
  const newest = assessments[assessments.length - 1];
  const plan = folder.plan;
  const status = planStatus(ctx.ws, folder);

  if (!folder.presentFiles.has('plan.yaml')) {
    if (!first) return findings;
    const at = assessedAt(ctx, first);
    if (at === undefined) return findings;
    const due = at + dueMs;
    const late = ctx.asOf.passed(due);
    findings.push(
      finding(late ? 'plan-missing' : 'plan-due', {
        person,
        ...where(first, ['at']),
        message: late
          ? `assessed ${first.data.at} and still no care plan (due within ${hours} hours, by ${local(ctx, due)})`
          : `a care plan is due by ${local(ctx, due)}, ${hours} hours after the assessment`,
        fix: `write it: \`careplan plan create ${person}\``,
        due: local(ctx, due),
      }),
    );
    return findings;
  }
  if (!plan) return findings; // plan.yaml failed its schema: the record rules report it.

  const planAssessment = assessments.find((a) => a.id === plan.data.assessment);

  if (status.state === 'unsigned') {
    const from = planAssessment ?? newest;
    const at = from ? assessedAt(ctx, from) : parseTimestamp(plan.data.updated, ctx.zone);
    if (at !== undefined) {
      const due = at + dueMs;
      const late = ctx.asOf.passed(due);
      findings.push(
        finding(late ? 'plan-unsigned' : 'plan-due', {
          person,
          ...where(plan, ['version']),
          message: late
            ? `the plan has never been signed off, ${hours} hours after its ` +
              `assessment (due by ${local(ctx, due)}); it must not be used until it is`
            : `the plan needs the Registered Manager's sign-off by ${local(ctx, due)}`,
          fix: `the Registered Manager reviews it and runs \`careplan signoff ${person}\``,
          due: local(ctx, due),
        }),
      );
    }
  }

  if (status.state === 'changed-since-signoff' && status.newest) {
    const updated = parseTimestamp(plan.data.updated, ctx.zone);
    if (updated !== undefined) {
      const due = updated + dueMs;
      const late = ctx.asOf.passed(due);
      const signed = status.newest.entry.data;
      findings.push(
        finding(late ? 'plan-changed-since-signoff' : 'plan-change-pending', {
          person,
          ...where(plan, ['updated']),
          message: late
            ? `the plan was changed (updated ${plan.data.updated}) after version ${signed.version} ` +
              `was signed off ${signed.at}, and the change has not been signed off`
            : `the plan changed on ${plan.data.updated}; the change needs signing off by ${local(ctx, due)}`,
          fix: `the Registered Manager reviews the change and runs \`careplan signoff ${person}\` (or restore the signed version from git)`,
          due: local(ctx, due),
          since: plan.data.updated,
        }),
      );
    }
  }

  // plan-late: the first sign-off came more than plan_due_hours after the initial assessment.
  const initial = assessments.find((a) => a.data.type === 'initial');
  if (status.first && initial && withinLookback(ctx, dateOf(ctx, status.first.at))) {
    const at = assessedAt(ctx, initial);
    if (at !== undefined && status.first.at - at > dueMs) {
      const took = Math.round((status.first.at - at) / HOUR_MS);
      findings.push(
        finding('plan-late', {
          person,
          ...where(status.first.entry, ['at']),
          message: `the first plan was signed off ${took} hours after the initial assessment (policy: within ${hours})`,
          fix: 'nothing to change now; discuss at the next audit how to sign plans off sooner',
          since: status.first.entry.data.at,
        }),
      );
    }
  }

  // plan-outdated: an assessment newer than the one the plan reflects.
  const planAt = planAssessment ? assessedAt(ctx, planAssessment) : undefined;
  if (planAt !== undefined) {
    const newer = assessments.filter((a) => (assessedAt(ctx, a) ?? 0) > planAt);
    const oldestNewer = newer[0];
    if (oldestNewer) {
      const at = assessedAt(ctx, oldestNewer)!;
      const due = at + dueMs;
      const late = ctx.asOf.passed(due);
      findings.push(
        finding(late ? 'plan-outdated' : 'plan-update-due', {
          person,
          ...where(plan, ['assessment']),
          message: late
            ? `the plan reflects assessment ${plan.data.assessment}, but ${oldestNewer.id} ` +
              `(${oldestNewer.data.at}) is newer and the plan was not updated within ${hours} hours`
            : `assessment ${oldestNewer.id} needs reflecting in the plan by ${local(ctx, due)}`,
          fix: `update the plan: \`careplan plan update ${person}\`, then have it signed off`,
          due: local(ctx, due),
          since: oldestNewer.data.at,
        }),
      );
    }
  }
  return findings;
}

export default { name: 'plan', scope: 'person', meta, check: planLifecycle } satisfies Rule;
