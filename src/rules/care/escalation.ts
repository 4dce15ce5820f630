import type { Finding } from '../../model/findings.js';
import { HOUR_MS } from '../../model/time.js';
import { raisedEscalations } from '../../model/escalations.js';
import { escalationFor, variationPatterns } from '../../model/variation.js';
import type { PersonFolder } from '../../model/workspace.js';
import { dateOf, local, withinLookback, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'escalation-missing': { severity: 'error', due: 'escalate variations', docs: 'escalation-missing--escalation-due' },
  'escalation-due': { severity: 'warning', due: 'escalate variations', docs: 'escalation-missing--escalation-due' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/** escalation-missing / escalation-due: patterns of variation reach the Registered Manager within escalation_hours. */
export function escalationChecks(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const person = folder.id;
  const hours = ctx.policy.escalation_hours;
  for (const pattern of variationPatterns(folder.outcomes, ctx.policy, ctx.zone, ctx.asOf)) {
    if (!withinLookback(ctx, dateOf(ctx, pattern.completedAt))) continue;
    if (escalationFor(pattern, raisedEscalations(folder.escalations), ctx.zone, ctx.asOf)) continue;
    const due = pattern.completedAt + hours * HOUR_MS;
    const late = ctx.asOf.passed(due);
    const [first] = pattern.entries;
    const last = pattern.entries[pattern.entries.length - 1];
    findings.push(
      finding(late ? 'escalation-missing' : 'escalation-due', {
        person,
        ...where(last, ['variation']),
        message:
          `${pattern.entries.length} variations from the plan between ${first.data.at} and ${last.data.at}` +
          (late
            ? ` and no escalation to the Registered Manager (due within ${hours} hours, by ${local(ctx, due)})`
            : `: escalate to the Registered Manager by ${local(ctx, due)}`),
        fix: `raise it with the Registered Manager and record it: \`careplan escalate ${person} --to <manager-id> --reason "..."\``,
        due: local(ctx, due),
        since: first.data.at,
      }),
    );
  }
  return findings;
}

export default { name: 'escalation', scope: 'person', meta, check: escalationChecks } satisfies Rule;
