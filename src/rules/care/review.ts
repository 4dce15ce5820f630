import type { Finding } from '../../model/findings.js';
import { reviewDueDate } from '../../model/reviewDue.js';
import { daysBetween } from '../../model/time.js';
import type { PersonFolder } from '../../model/workspace.js';
import type { RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'review-overdue': { severity: 'error', due: 'plan review', docs: 'review-overdue--review-due' },
  'review-due': { severity: 'warning', due: 'plan review', docs: 'review-overdue--review-due' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/** review-overdue / review-due: a plan is reviewed at least every review_interval_days. */
export function reviewTimeliness(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const due = reviewDueDate(ctx.ws, folder, ctx.asOf);
  if (!due || !folder.plan) return [];
  const person = folder.id;
  const daysLeft = daysBetween(ctx.asOf.date, due.due);
  const fix = `review the plan with ${person} and record it: \`careplan review ${person} --kind plan\``;
  if (daysLeft < 0) {
    return [
      finding('review-overdue', {
        person,
        ...where(folder.plan, ['version']),
        message:
          `plan review was due ${due.due} (${ctx.policy.review_interval_days} days ` +
          `after ${due.from}); ${-daysLeft} day${daysLeft === -1 ? '' : 's'} overdue`,
        fix,
        due: due.due,
        since: due.from,
      }),
    ];
  }
  if (daysLeft <= ctx.policy.review_warn_days) {
    return [
      finding('review-due', {
        person,
        ...where(folder.plan, ['version']),
        message:
          daysLeft === 0
            ? `plan review is due today (${due.due})`
            : `plan review is due ${due.due}, in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
        fix,
        due: due.due,
        since: due.from,
      }),
    ];
  }
  return [];
}

export default { name: 'review', scope: 'person', meta, check: reviewTimeliness } satisfies Rule;
