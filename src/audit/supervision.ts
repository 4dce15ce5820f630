import { CARE_ROLES, isWorking } from '../model/team.js';
import { daysBetween, localDate, parseTimestamp } from '../model/time.js';
import type { AuditContext } from './context.js';
import { Tally, type Metric } from './metric.js';
import { compareText } from '../model/textOrder.js';

const section = 'followed' as const;

/**
 * Staff supervised within policy (SPEC section 5.4): of the care team working at the period's end
 * (role key-worker, shift-lead or care-staff), those whose newest supervision by then, or with
 * none their `started` date, else the repository's first sign-off, is at most supervision_days
 * before the end's date: the supervision-overdue rule at the end. About staff, so no per-person
 * figures.
 */
export function supervisionMetric(ctx: AuditContext): Metric {
  const { endDate } = ctx.period;
  const days = ctx.policy.supervision_days;
  const newest = new Map<string, string>();
  for (const s of ctx.ws.supervisions) {
    const at = parseTimestamp(s.data.at, ctx.zone);
    if (at === undefined || at > ctx.period.end) continue;
    const date = localDate(at, ctx.zone);
    if ((newest.get(s.data.staff) ?? '') < date) newest.set(s.data.staff, date);
  }
  const firstSignoff = ctx.firstSignoffDate();
  const tally = new Tally();
  for (const staff of [...ctx.ws.staff.values()].sort((a, b) => compareText(a.data.id, b.data.id))) {
    if (!staff.data.roles.some((r) => CARE_ROLES.includes(r)) || !isWorking(staff, endDate)) continue;
    const since = newest.get(staff.data.id) ?? staff.data.started ?? firstSignoff;
    // Nobody can be overdue before the clock has started.
    tally.add(staff.data.id, since === undefined || since > endDate || daysBetween(since, endDate) <= days);
  }
  return {
    id: `${section}.staff-supervised`,
    section,
    label: `Care staff supervised within ${days} days`,
    kind: 'ratio',
    better: 'higher',
    definition:
      `Staff working at the end with role key-worker, shift-lead or care-staff; within policy when their newest supervision ` +
      `(or, with none, their \`started\` date, else the first sign-off) was at most ${days} days before the end (supervision-overdue).`,
    ...tally.home(),
  };
}
