import type { Finding } from '../../model/findings.js';
import { inForceAt, planStatus } from '../../model/planState.js';
import { daysBetween } from '../../model/time.js';
import type { PersonFolder } from '../../model/workspace.js';
import type { RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'goal-overdue': { severity: 'warning', due: 'review the goal', docs: 'goal-overdue' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * goal-overdue (SPEC section 5.5): an active goal of the plan in force whose `by` date has passed.
 * Either it was reached (mark it achieved), it no longer fits (discontinue it), or it needs a new
 * date: a goal left active past its date measures nothing. Judged, like the outcome rules, on the
 * goals of plan.yaml once a version is in force.
 */
export function goalDates(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const plan = folder.plan;
  if (!plan || !inForceAt(planStatus(ctx.ws, folder).signoffs, ctx.asOf)) return [];
  const findings: Finding[] = [];
  const person = folder.id;
  plan.data.needs.forEach((need, i) => {
    need.goals.forEach((goal, j) => {
      if (goal.status !== 'active' || goal.by === undefined || goal.by >= ctx.asOf.date) return;
      const days = daysBetween(goal.by, ctx.asOf.date);
      findings.push(
        finding('goal-overdue', {
          person,
          ...where(plan, ['needs', i, 'goals', j, 'by']),
          message: `goal ${goal.id} was to be reached by ${goal.by} and is still active (${days} day${days === 1 ? '' : 's'} past)`,
          fix:
            `the key worker reviews goal ${goal.id} with ${person}: mark it achieved or discontinued, or set a new \`by\`, ` +
            `in a plan update (\`careplan plan update ${person}\`) signed off by the Registered Manager`,
          due: goal.by,
          since: goal.by,
          subject: goal.id,
        }),
      );
    });
  });
  return findings;
}

export default { name: 'goals', scope: 'person', meta, check: goalDates } satisfies Rule;
