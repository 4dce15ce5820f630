import type { Finding } from '../../model/findings.js';
import { kindSpec, type RecordKind } from '../../model/recordKinds.js';
import { forEachHomeSlot, forEachPersonSlot, type AnyRecord } from '../../model/slots.js';
import type { PersonFolder } from '../../model/workspace.js';
import { addDays, daysBetween, parseTimestamp, timestampDate } from '../../model/time.js';
import { dateOf, firstSignoffDate, moreThanDaysBefore, type RuleContext } from '../context.js';
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

/**
 * The earliest local date of any dated record (SPEC section 5.5: "records dated in or before the
 * previous month" means any): every event date the table of record kinds names, of every kind.
 */
export function earliestRecordDate(ctx: RuleContext): string | undefined {
  let earliest = ctx.ws.unread?.earliest;
  forEachHomeSlot(ctx.ws, (kind, records) => (earliest = earlier(earliest, earliestOf(kind, records, ctx.zone))));
  for (const folder of ctx.ws.people.values()) earliest = earlier(earliest, earliestInFolder(folder, ctx.zone));
  return earliest;
}

/** The earliest event date of one person's records (what earliestRecordDate takes from their folder). */
export function earliestInFolder(folder: PersonFolder, zone: string): string | undefined {
  let earliest: string | undefined;
  forEachPersonSlot(folder, (kind, records) => (earliest = earlier(earliest, earliestOf(kind, records, zone))));
  // Months read as facts (SettledMonth) keep their earliest entry's date.
  for (const month of folder.settledOutcomes ?? []) earliest = earlier(earliest, month.first);
  return earliest;
}

function earliestOf(kind: RecordKind, records: readonly AnyRecord[], zone: string): string | undefined {
  const fields = Object.entries(kindSpec(kind).eventDates);
  let earliest: string | undefined;
  for (const record of fields.length ? records : []) {
    const data = record.data as Record<string, unknown>;
    for (const [field, form] of fields) {
      const value = data[field];
      if (typeof value === 'string') earliest = earlier(earliest, form === 'date' ? value : timestampDate(value, zone));
    }
  }
  return earliest;
}

/** The earlier of two dates, either of which may be missing. */
function earlier(a: string | undefined, b: string | undefined): string | undefined {
  return b && (!a || b < a) ? b : a;
}

/**
 * Policy step 7: shift-lead spot checks weekly and a monthly audit. spotcheck-overdue, audit-missing.
 */
export function governanceChecks(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  if (ctx.active.size > 0 || (ctx.ws.unread?.active ?? 0) > 0) {
    let since: string | undefined;
    let basis = 'spot check';
    for (const s of ctx.ws.spotchecks) {
      const at = parseTimestamp(s.data.at, ctx.zone);
      if (at !== undefined && ctx.asOf.reached(at) && (!since || dateOf(ctx, at) > since)) since = dateOf(ctx, at);
    }
    if (!since) {
      basis = 'first sign-off';
      since = firstSignoffDate(ctx);
    }
    if (since && moreThanDaysBefore(ctx, since, ctx.policy.spotcheck_days)) {
      findings.push(
        finding('spotcheck-overdue', {
          file: 'spotchecks/',
          message:
            basis === 'spot check'
              ? `the last shift-lead spot check was ${since}, ${daysBetween(since, ctx.asOf.date)} ` +
                `days ago (policy: every ${ctx.policy.spotcheck_days})`
              : `no shift-lead spot check yet since the first plan was signed off ${since} ` +
                `(policy: every ${ctx.policy.spotcheck_days} days)`,
          fix: 'a shift lead checks care against plans and records it: `careplan spotcheck --people <ids>`',
          since,
          due: addDays(since, ctx.policy.spotcheck_days),
        }),
      );
    }
  }

  const month = ctx.asOf.date.slice(0, 7);
  const day = Number(ctx.asOf.date.slice(8, 10));
  const previous = previousMonth(month);
  const earliest = earliestRecordDate(ctx);
  if (day > ctx.policy.audit_due_day && earliest && earliest < `${month}-01` && !ctx.ws.files.includes(`audits/${previous}.yaml`)) {
    const due = `${month}-${String(ctx.policy.audit_due_day).padStart(2, '0')}`;
    findings.push(
      finding('audit-missing', {
        file: `audits/${previous}.yaml`,
        message: `the audit for ${previous} has not been saved (due by ${due})`,
        fix: `the Registered Manager runs and saves it: \`careplan audit --month ${previous} --save\``,
        due,
      }),
    );
  }
  return findings;
}

export default { name: 'governance', scope: 'home', meta, check: governanceChecks } satisfies Rule;
