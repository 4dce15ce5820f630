import type { Finding } from '../../model/findings.js';
import { authorisedSignoffs } from '../../model/planState.js';
import { addDays, daysBetween, parseTimestamp } from '../../model/time.js';
import { dateOf, moreThanDaysBefore, type RuleContext } from '../context.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'spotcheck-overdue': { severity: 'warning', due: 'shift-lead spot check', docs: 'spotcheck-overdue' },
  'audit-missing': { severity: 'warning', due: 'monthly audit', docs: 'audit-missing' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The earliest local date of any dated record, to know whether an audit could be owed. */
export function earliestRecordDate(ctx: RuleContext): string | undefined {
  let earliest: string | undefined;
  const see = (date: string | undefined) => {
    if (date && (!earliest || date < earliest)) earliest = date;
  };
  for (const f of ctx.ws.people.values()) {
    see(f.person?.data.admitted);
    for (const a of f.assessments) see(a.date);
    for (const o of f.outcomeFiles) see(`${o.month}-01`);
    for (const s of f.signoffs) see(s.data.at.slice(0, 10));
  }
  for (const s of ctx.ws.spotchecks) see(s.date);
  for (const fb of ctx.ws.feedback) see(fb.date);
  return earliest;
}

/**
 * Policy step 7: shift-lead spot checks weekly and a monthly audit. spotcheck-overdue, audit-missing.
 */
export function governanceChecks(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  if (ctx.active.size > 0) {
    let since: string | undefined;
    let basis = 'spot check';
    for (const s of ctx.ws.spotchecks) {
      const at = parseTimestamp(s.data.at, ctx.zone);
      if (at !== undefined && at <= ctx.asOf && (!since || dateOf(ctx, at) > since)) since = dateOf(ctx, at);
    }
    if (!since) {
      basis = 'first sign-off';
      for (const f of ctx.ws.people.values()) {
        for (const s of authorisedSignoffs(ctx.ws, f)) {
          if (s.at <= ctx.asOf && (!since || dateOf(ctx, s.at) < since)) since = dateOf(ctx, s.at);
        }
      }
    }
    if (since && moreThanDaysBefore(ctx, since, ctx.policy.spotcheck_days)) {
      findings.push(finding('spotcheck-overdue', {
        file: 'spotchecks/',
        message: basis === 'spot check'
          ? `the last shift-lead spot check was ${since}, ${daysBetween(since, ctx.asOfDate)} days ago (policy: every ${ctx.policy.spotcheck_days})`
          : `no shift-lead spot check yet since the first plan was signed off ${since} (policy: every ${ctx.policy.spotcheck_days} days)`,
        fix: 'a shift lead checks care against plans and records it: `careplan spotcheck --people <ids>`',
        since, due: addDays(since, ctx.policy.spotcheck_days),
      }));
    }
  }

  const month = ctx.asOfDate.slice(0, 7);
  const day = Number(ctx.asOfDate.slice(8, 10));
  const previous = previousMonth(month);
  const earliest = earliestRecordDate(ctx);
  if (day > ctx.policy.audit_due_day && earliest && earliest < `${month}-01` && !ctx.ws.files.includes(`audits/${previous}.yaml`)) {
    const due = `${month}-${String(ctx.policy.audit_due_day).padStart(2, '0')}`;
    findings.push(finding('audit-missing', {
      file: `audits/${previous}.yaml`,
      message: `the audit for ${previous} has not been saved (due by ${due})`,
      fix: `the Registered Manager runs and saves it: \`careplan audit --month ${previous} --save\``, due,
    }));
  }
  return findings;
}

export default { name: 'governance', scope: 'home', meta, check: governanceChecks } satisfies Rule;
