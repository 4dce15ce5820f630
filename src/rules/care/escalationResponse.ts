import { answerTo, raisedEscalations } from '../../model/escalations.js';
import type { Finding } from '../../model/findings.js';
import { momentOf } from '../../model/moment.js';
import { isWorking } from '../../model/team.js';
import { HOUR_MS } from '../../model/time.js';
import type { PersonFolder } from '../../model/workspace.js';
import { dateOf, local, withinLookback, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'escalation-unanswered': { severity: 'warning', due: 'answer the escalation', docs: 'escalation-unanswered' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * escalation-unanswered (SPEC section 5.5): whoever an escalation was raised with answers it within
 * escalation_response_hours, inline or by a response appended later (`responds_to` its `at`).
 * An escalation nobody answers is a follow-up that vanished.
 */
export function escalationResponses(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const person = folder.id;
  const hours = ctx.policy.escalation_response_hours;
  for (const escalation of raisedEscalations(folder.escalations)) {
    const at = momentOf(escalation, ctx.zone);
    if (at === undefined || !ctx.asOf.reached(at) || !withinLookback(ctx, dateOf(ctx, at))) continue;
    if (answerTo(escalation, folder.escalations, ctx.zone, ctx.asOf)) continue;
    const due = at + hours * HOUR_MS;
    if (!ctx.asOf.passed(due)) continue;
    const { at: raised, by, to } = escalation.data;
    // Whoever it was raised with answers it; if they no longer work here, another manager must.
    const recipient = ctx.ws.staff.get(to);
    const answerer = recipient && isWorking(recipient, ctx.asOf.date) ? to : '<manager-id>';
    const instead = answerer === to ? '' : ` (${to} no longer works here, so another manager answers it)`;
    findings.push(
      finding('escalation-unanswered', {
        person,
        ...where(escalation, ['at']),
        message:
          `the escalation raised ${raised} by ${by} to ${to} has no response recorded ` +
          `(due within ${hours} hours, by ${local(ctx, due)})`,
        fix:
          `record what was decided${instead}: ` +
          `\`careplan escalate respond ${person} --to-escalation ${raised} --response "..." --as ${answerer}\``,
        due: local(ctx, due),
        since: raised,
        subject: raised,
      }),
    );
  }
  return findings;
}

export default { name: 'escalationResponse', scope: 'person', meta, check: escalationResponses } satisfies Rule;
