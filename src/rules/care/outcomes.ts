import type { Finding } from '../../model/findings.js';
import { planStatus } from '../../model/planState.js';
import { momentOf } from '../../model/moment.js';
import { addDays, daysBetween, parseTimestamp } from '../../model/time.js';
import type { PersonFolder } from '../../model/workspace.js';
import { dateOf, moreThanDaysBefore, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'outcomes-missing': { severity: 'warning', due: 'record outcomes', docs: 'outcomes-missing' },
  'no-progress': { severity: 'warning', docs: 'no-progress' },
  'outcome-review-overdue': { severity: 'warning', due: 'weekly outcome review', docs: 'outcome-review-overdue' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * Policy steps 5-6: outcomes recorded for every active goal, progress made, and the key worker's
 * weekly outcome review. outcomes-missing, no-progress, outcome-review-overdue.
 */
export function outcomeChecks(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const plan = folder.plan;
  const status = planStatus(ctx.ws, folder);
  if (!plan || !status.newest) return findings;
  const person = folder.id;
  const newestSignoff = status.signoffs.filter((s) => ctx.asOf.reached(s.at)).pop();
  if (!newestSignoff) return findings;

  // Entries up to as-of, with their local dates, grouped by goal.
  const byGoal = new Map<string, { date: string; result: string }[]>();
  for (const entry of folder.outcomes) {
    if (!entry.data.goal) continue;
    const at = momentOf(entry, ctx.zone);
    if (at === undefined || !ctx.asOf.reached(at)) continue;
    const list = byGoal.get(entry.data.goal) ?? [];
    list.push({ date: dateOf(ctx, at), result: entry.data.result });
    byGoal.set(entry.data.goal, list);
  }

  plan.data.needs.forEach((need, i) => {
    need.goals.forEach((goal, j) => {
      if (goal.status !== 'active') return;
      const entries = byGoal.get(goal.id) ?? [];
      // Months read as facts (SettledMonth) keep each goal's latest date, all before as-of.
      const settled = folder.settledOutcomes?.reduce<string | undefined>((max, m) => {
        const date = m.goals[goal.id];
        return date !== undefined && (max === undefined || date > max) ? date : max;
      }, undefined);
      const latest = entries.reduce<string | undefined>((max, e) => (max === undefined || e.date > max ? e.date : max), settled);
      const since = latest ?? dateOf(ctx, newestSignoff.at);
      if (moreThanDaysBefore(ctx, since, ctx.policy.outcome_gap_days)) {
        findings.push(
          finding('outcomes-missing', {
            person,
            ...where(plan, ['needs', i, 'goals', j, 'id']),
            message: latest
              ? `no outcome recorded for goal ${goal.id} since ${latest} ` +
                `(${daysBetween(latest, ctx.asOf.date)} days; policy: every ${ctx.policy.outcome_gap_days})`
              : `no outcome recorded for goal ${goal.id} since the plan was signed off ${since}`,
            fix:
              `record what happened after each interaction: \`careplan outcome ${person} ` +
              `--goal ${goal.id} --result <result> --note "..."\``,
            since,
            due: addDays(since, ctx.policy.outcome_gap_days),
            subject: goal.id,
          }),
        );
      }
      const recent = entries.filter((e) => !moreThanDaysBefore(ctx, e.date, ctx.policy.no_progress_days));
      if (recent.length >= 3 && !recent.some((e) => e.result === 'achieved' || e.result === 'improving')) {
        findings.push(
          finding('no-progress', {
            person,
            ...where(plan, ['needs', i, 'goals', j, 'id']),
            message:
              `goal ${goal.id}: ${recent.length} outcome entries in the ` +
              `last ${ctx.policy.no_progress_days} days and none achieved or improving`,
            fix:
              `the key worker reviews whether goal ${goal.id} and its support still ` +
              `fit: \`careplan review ${person} --kind plan --trigger outcomes\``,
            since: recent.reduce((min, e) => (e.date < min ? e.date : min), recent[0].date),
          }),
        );
      }
    });
  });

  // outcome-review-overdue: later of the newest outcome review and the first sign-off.
  let latestReview = status.first!.at;
  let latestRecord = status.first!.entry.data.at;
  for (const r of folder.reviews) {
    if (r.data.kind !== 'outcomes') continue;
    const at = parseTimestamp(r.data.at, ctx.zone);
    if (at !== undefined && ctx.asOf.reached(at) && at > latestReview) {
      latestReview = at;
      latestRecord = r.data.at;
    }
  }
  const since = dateOf(ctx, latestReview);
  if (moreThanDaysBefore(ctx, since, ctx.policy.outcome_review_days)) {
    findings.push(
      finding('outcome-review-overdue', {
        person,
        ...where(plan, ['version']),
        message: `no weekly outcome review since ${latestRecord} (policy: every ${ctx.policy.outcome_review_days} days)`,
        fix: `the key worker reviews the week's outcomes: \`careplan review ${person} --kind outcomes\``,
        since,
        due: addDays(since, ctx.policy.outcome_review_days),
      }),
    );
  }
  return findings;
}

export default { name: 'outcomes', scope: 'person', meta, check: outcomeChecks } satisfies Rule;
