import type { Finding } from '../../model/findings.js';
import { authorisedSignoffs } from '../../model/planState.js';
import { addDays, daysBetween, parseTimestamp } from '../../model/time.js';
import { dateOf, moreThanDaysBefore, type RuleContext } from '../context.js';
import { where } from '../locate.js';

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
export function governanceChecks(ctx: RuleContext, activePeople: number): Finding[] {
  const findings: Finding[] = [];
  if (activePeople > 0) {
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
      findings.push({
        rule: 'spotcheck-overdue', severity: 'warning', file: 'spotchecks/',
        message: basis === 'spot check'
          ? `the last shift-lead spot check was ${since}, ${daysBetween(since, ctx.asOfDate)} days ago (policy: every ${ctx.policy.spotcheck_days})`
          : `no shift-lead spot check yet since the first plan was signed off ${since} (policy: every ${ctx.policy.spotcheck_days} days)`,
        fix: 'a shift lead checks care against plans and records it: `careplan spotcheck --people <ids>`',
        since, due: addDays(since, ctx.policy.spotcheck_days),
      });
    }
  }

  const month = ctx.asOfDate.slice(0, 7);
  const day = Number(ctx.asOfDate.slice(8, 10));
  const previous = previousMonth(month);
  const earliest = earliestRecordDate(ctx);
  if (day > ctx.policy.audit_due_day && earliest && earliest < `${month}-01` && !ctx.ws.files.includes(`audits/${previous}.yaml`)) {
    const due = `${month}-${String(ctx.policy.audit_due_day).padStart(2, '0')}`;
    findings.push({
      rule: 'audit-missing', severity: 'warning', file: `audits/${previous}.yaml`,
      message: `the audit for ${previous} has not been saved (due by ${due})`,
      fix: `the Registered Manager runs and saves it: \`careplan audit --month ${previous} --save\``, due,
    });
  }
  return findings;
}

/** role-mismatch: key workers hold role key-worker, spot checks are by shift leads, nobody records after leaving. */
export function roleChecks(ctx: RuleContext, activeIds: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const ws = ctx.ws;
  const afterLeaving = (record: Parameters<typeof where>[0], path: (string | number)[], staffId: string | undefined, at: string | undefined, person?: string) => {
    if (!staffId || !at) return;
    const left = ws.staff.get(staffId)?.data.left;
    if (!left) return;
    const atMs = parseTimestamp(at, ctx.zone);
    if (atMs === undefined) return;
    const date = dateOf(ctx, atMs);
    if (date > left) {
      findings.push({
        rule: 'role-mismatch', severity: 'error', person, ...where(record, path),
        message: `${staffId} left on ${left} but this record by them is dated ${at}`,
        fix: `check who really did it and correct \`${String(path[path.length - 1])}\`, or correct ${staffId}'s \`left\` date in staff/${staffId}.yaml`,
      });
    }
  };
  for (const f of ws.people.values()) {
    if (!activeIds.has(f.id)) continue;
    const person = f.person!;
    const keyWorker = ws.staff.get(person.data.key_worker);
    if (keyWorker && !keyWorker.data.roles.includes('key-worker')) {
      findings.push({
        rule: 'role-mismatch', severity: 'error', person: f.id, ...where(person, ['key_worker']),
        message: `key worker ${keyWorker.data.id} does not have the role key-worker (has ${keyWorker.data.roles.join(', ')})`,
        fix: `choose a key worker, or add key-worker to roles in staff/${keyWorker.data.id}.yaml`,
      });
    }
    for (const a of f.assessments) afterLeaving(a, ['by'], a.data.by, a.data.at, f.id);
    if (f.plan) afterLeaving(f.plan, ['author'], f.plan.data.author, f.plan.data.updated, f.id);
    for (const s of f.signoffs) afterLeaving(s, ['by'], s.data.by, s.data.at, f.id);
    for (const a of f.acknowledgements) afterLeaving(a, ['staff'], a.data.staff, a.data.at, f.id);
    for (const a of f.agreements) afterLeaving(a, ['recorded_by'], a.data.recorded_by, a.data.at, f.id);
    for (const e of f.escalations) afterLeaving(e, ['by'], e.data.by, e.data.at, f.id);
    for (const o of f.outcomes) afterLeaving(o, ['by'], o.data.by, o.data.at, f.id);
    for (const r of f.reviews) afterLeaving(r, ['by'], r.data.by, r.data.at, f.id);
  }
  for (const s of ws.spotchecks) {
    const lead = ws.staff.get(s.data.by);
    if (lead && !lead.data.roles.includes('shift-lead')) {
      findings.push({
        rule: 'role-mismatch', severity: 'error', ...where(s, ['by']),
        message: `spot check by ${lead.data.id}, who does not have the role shift-lead (has ${lead.data.roles.join(', ')})`,
        fix: `spot checks are done by shift leads; correct \`by\`, or add shift-lead to roles in staff/${lead.data.id}.yaml`,
      });
    }
    afterLeaving(s, ['by'], s.data.by, s.data.at);
  }
  for (const fb of ws.feedback) afterLeaving(fb, ['recorded_by'], fb.data.recorded_by, fb.data.at);
  for (const a of ws.audits) afterLeaving(a, ['saved_by'], a.data.saved_by, a.data.saved_at);
  return findings;
}
