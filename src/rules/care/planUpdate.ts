import type { Finding } from '../../model/findings.js';
import { planStatus, updateBeforeReview } from '../../model/planState.js';
import { HOUR_MS, parseTimestamp } from '../../model/time.js';
import type { PersonFolder, ReviewDoc } from '../../model/workspace.js';
import { dateOf, local, withinLookback, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'plan-update-missing': { severity: 'warning', due: 'update the plan after a review', docs: 'plan-update-missing' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/** What a review says about the plan needing an update, as the field that says it; undefined when it does not. */
function updateCalledFor(review: ReviewDoc): 'plan_update_needed' | 'result' | undefined {
  const data = review.data;
  if (data.kind === 'outcomes') return data.plan_update_needed ? 'plan_update_needed' : undefined;
  return data.result === 'updated' ? 'result' : undefined;
}

/**
 * plan-update-missing (SPEC section 5.5): when a weekly outcome review or a plan review says the
 * plan needs updating, an updated plan is signed off within plan_due_hours of it. A review that
 * asks for a change nobody makes is a follow-up that vanished.
 */
export function planUpdates(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const person = folder.id;
  const hours = ctx.policy.plan_due_hours;
  const signoffs = planStatus(ctx.ws, folder).signoffs.filter((s) => ctx.asOf.reached(s.at));
  for (const review of folder.reviews) {
    const field = updateCalledFor(review);
    if (!field) continue;
    const at = parseTimestamp(review.data.at, ctx.zone);
    if (at === undefined || !ctx.asOf.reached(at) || !withinLookback(ctx, dateOf(ctx, at))) continue;
    if (signoffs.some((s) => s.at > at)) continue;
    // A plan review recorded after its update was signed off (careplan review: "already updated for it").
    if (field === 'result' && updateBeforeReview(ctx.ws, folder, at, ctx.asOf)?.signed) continue;
    const due = at + hours * HOUR_MS;
    if (!ctx.asOf.passed(due)) continue;
    const what = review.data.kind === 'outcomes' ? 'weekly outcome review' : 'plan review';
    const updated = folder.plan ? parseTimestamp(folder.plan.data.updated, ctx.zone) : undefined;
    const signOff = `the Registered Manager signs it off (\`careplan signoff ${person}\`)`;
    findings.push(
      finding('plan-update-missing', {
        person,
        ...where(review, [field]),
        message:
          `the ${what} of ${review.data.at} said the plan needs updating, and no sign-off has followed ` +
          `(due within ${hours} hours, by ${local(ctx, due)})`,
        fix:
          updated !== undefined && updated > at && ctx.asOf.reached(updated)
            ? `the plan was updated ${folder.plan!.data.updated}: ${signOff}`
            : `the key worker updates the plan (\`careplan plan update ${person}\`) and ${signOff}`,
        due: local(ctx, due),
        since: review.data.at,
      }),
    );
  }
  return findings;
}

export default { name: 'planUpdate', scope: 'person', meta, check: planUpdates } satisfies Rule;
