import type { Finding } from '../../model/findings.js';
import { CARE_ROLES, isWorking } from '../../model/team.js';
import { addDays, daysBetween, parseTimestamp } from '../../model/time.js';
import { dateOf, firstSignoffDate, moreThanDaysBefore, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';
import { compareText } from '../../model/textOrder.js';

// About staff, not about a person supported: JUnit lists it in the home's suite.
const meta = {
  'supervision-overdue': { severity: 'warning', due: 'staff supervision', docs: 'supervision-overdue' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * supervision-overdue (SPEC sections 5.4 and 5.5): everyone who gives care (key workers, shift
 * leads, care staff) working on as-of's date has a supervision at least every supervision_days,
 * counted from their newest supervision, else from `started`, else from the first sign-off.
 */
export function supervisionChecks(ctx: RuleContext): Finding[] {
  const days = ctx.policy.supervision_days;
  const newest = new Map<string, string>();
  for (const s of ctx.ws.supervisions) {
    const at = parseTimestamp(s.data.at, ctx.zone);
    if (at === undefined || !ctx.asOf.reached(at)) continue;
    const date = dateOf(ctx, at);
    const seen = newest.get(s.data.staff);
    if (!seen || date > seen) newest.set(s.data.staff, date);
  }
  let began: string | null | undefined;
  const findings: Finding[] = [];
  const staff = [...ctx.ws.staff.values()].sort((a, b) => compareText(a.data.id, b.data.id));
  for (const member of staff) {
    const { id, roles, started } = member.data;
    if (!roles.some((r) => CARE_ROLES.includes(r)) || !isWorking(member, ctx.asOf.date)) continue;
    if (started !== undefined && started > ctx.asOf.date) continue;
    const last = newest.get(id);
    let since: string | undefined;
    let message: string;
    if (last && (started === undefined || last >= started)) {
      since = last;
      message = `${id} was last supervised ${last}, ${daysBetween(last, ctx.asOf.date)} days ago (policy: every ${days} days)`;
    } else if (started !== undefined) {
      since = started;
      message = `${id} has had no supervision since starting on ${started} (policy: every ${days} days)`;
    } else {
      if (began === undefined) began = firstSignoffDate(ctx) ?? null;
      if (began === null) continue;
      since = began;
      message = `${id} has had no supervision since the first plan was signed off ${began} (policy: every ${days} days)`;
    }
    if (!moreThanDaysBefore(ctx, since, days)) continue;
    findings.push(
      finding('supervision-overdue', {
        ...where(member, ['id']),
        message,
        fix:
          `a registered manager, deputy manager, senior leader or shift lead supervises ${id} and records it: ` +
          `\`careplan supervise ${id}\``,
        since,
        due: addDays(since, days),
        subject: id,
      }),
    );
  }
  return findings;
}

export default { name: 'supervision', scope: 'home', meta, check: supervisionChecks } satisfies Rule;
