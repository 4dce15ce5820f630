import type { Finding } from '../../model/findings.js';
import { momentOf } from '../../model/moment.js';
import { daysBetween, parseTimestamp } from '../../model/time.js';
import type { RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';
import { compareText } from '../../model/textOrder.js';

const meta = {
  'audit-action-overdue': { severity: 'warning', due: 'audit action', docs: 'audit-action-overdue' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * audit-action-overdue (SPEC section 5.5): every action a saved audit agreed is closed (done or
 * dropped, in audits/actions.yaml) by its due date. Actions written down and never looked at again
 * are how an audit stops improving anything.
 */
export function auditActionChecks(ctx: RuleContext): Finding[] {
  const closed = new Set<string>();
  for (const entry of ctx.ws.auditActions) {
    const at = momentOf(entry, ctx.zone);
    if (at !== undefined && ctx.asOf.reached(at)) closed.add(`${entry.data.audit}#${entry.data.action}`);
  }
  const findings: Finding[] = [];
  const audits = [...ctx.ws.audits].sort((a, b) => compareText(a.month, b.month));
  for (const audit of audits) {
    // An audit saved after as-of had not been saved then.
    const saved = parseTimestamp(audit.data.saved_at, ctx.zone);
    if (saved === undefined || !ctx.asOf.reached(saved)) continue;
    audit.data.actions.forEach((action, i) => {
      const n = i + 1;
      if (action.due >= ctx.asOf.date || closed.has(`${audit.month}#${n}`)) return;
      const days = daysBetween(action.due, ctx.asOf.date);
      findings.push(
        finding('audit-action-overdue', {
          ...where(audit, ['actions', i, 'due']),
          message:
            `action ${n} of the ${audit.month} audit (owner ${action.owner}) was due ${action.due}, ` +
            `${days} day${days === 1 ? '' : 's'} ago, ` +
            'and is not recorded as done or dropped',
          fix:
            `${action.owner} reports back and the Registered Manager records it: \`careplan audit action ${audit.month} ${n} --done\`` +
            ' (or `--dropped` with a note saying why)',
          due: action.due,
          since: action.due,
          subject: `${audit.month}#${n}`,
        }),
      );
    });
  }
  return findings;
}

export default { name: 'auditActions', scope: 'home', meta, check: auditActionChecks } satisfies Rule;
