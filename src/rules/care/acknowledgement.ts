import type { Finding } from '../../model/findings.js';
import { inForceAt, planStatus, type TimedSignoff } from '../../model/planState.js';
import { isWorking, teamOf } from '../../model/team.js';
import { momentOf } from '../../model/moment.js';
import { HOUR_MS, parseTimestamp } from '../../model/time.js';
import type { Entry, OutcomeEntry, PersonFolder } from '../../model/workspace.js';
import { dateOf, local, withinLookback, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'agreement-missing': { severity: 'warning', due: "person's agreement", docs: 'agreement-missing' },
  'ack-missing': { severity: 'warning', due: 'staff acknowledgement', docs: 'ack-missing' },
  'care-without-ack': { severity: 'warning', docs: 'care-without-ack' },
  'care-before-signoff': { severity: 'warning', docs: 'care-before-signoff' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

const confirms = (entry: { version: number; plan: string }, signoff: TimedSignoff) =>
  entry.version === signoff.entry.data.version && entry.plan === signoff.entry.data.plan;

/**
 * Policy step 4: staff read and confirm the current plan before delivering care, and the person
 * (or their representative) agrees to it. agreement-missing, ack-missing, care-without-ack,
 * care-before-signoff.
 */
export function acknowledgementChecks(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const person = folder.id;
  const status = planStatus(ctx.ws, folder);
  const inForce = inForceAt(status.signoffs, ctx.asOf);
  const window = ctx.policy.acknowledge_within_hours;

  if (inForce && ctx.asOf.passed(inForce.at + window * HOUR_MS)) {
    const due = local(ctx, inForce.at + window * HOUR_MS);
    const version = inForce.entry.data.version;
    const agreed = folder.agreements.some(
      (a) => confirms(a.data, inForce) && ctx.asOf.reached(parseTimestamp(a.data.at, ctx.zone) ?? Infinity),
    );
    if (!agreed) {
      findings.push(
        finding('agreement-missing', {
          person,
          ...where(inForce.entry, ['version']),
          message:
            `no agreement to version ${version} by ${person} or their representative ` +
            `(signed off ${inForce.entry.data.at}; due within ${window} hours)`,
          fix: `go through the plan with ${person} and record it: \`careplan agree ${person}\``,
          due,
        }),
      );
    }
    const acks = folder.acknowledgements.filter(
      (a) => confirms(a.data, inForce) && ctx.asOf.reached(parseTimestamp(a.data.at, ctx.zone) ?? Infinity),
    );
    for (const member of teamOf(ctx.ws, folder.person!.data, ctx.asOf.date)) {
      if (!acks.some((a) => a.data.staff === member.data.id)) {
        findings.push(
          finding('ack-missing', {
            person,
            ...where(inForce.entry, ['version']),
            message:
              `${member.data.id} has not confirmed reading version ${version} ` +
              `(signed off ${inForce.entry.data.at}; due within ${window} hours)`,
            fix: `${member.data.id} reads the plan and runs \`careplan ack ${person} --as ${member.data.id}\``,
            due,
            subject: member.data.id,
          }),
        );
      }
    }
  }

  // Care recorded without a confirmed plan, grouped per staff member and version so that a
  // month of entries makes one finding, not thirty.
  const withoutAck = new Map<string, { first: Entry<OutcomeEntry>; count: number; version: number }>();
  const beforeSignoff: Entry<OutcomeEntry>[] = [];
  // Each staff member's acknowledgements, timed once: a year of entries must not re-read them each time.
  const acksByStaff = new Map<string, { version: number; plan: string; at: number }[]>();
  for (const a of folder.acknowledgements) {
    const at = parseTimestamp(a.data.at, ctx.zone);
    if (at === undefined) continue;
    const list = acksByStaff.get(a.data.staff) ?? [];
    list.push({ version: a.data.version, plan: a.data.plan, at });
    acksByStaff.set(a.data.staff, list);
  }
  for (const entry of folder.outcomes) {
    const at = momentOf(entry, ctx.zone);
    if (at === undefined || !ctx.asOf.reached(at) || !withinLookback(ctx, dateOf(ctx, at))) continue;
    const version = inForceAt(status.signoffs, at);
    if (!status.first || at < status.first.at || !version) {
      beforeSignoff.push(entry);
      continue;
    }
    const acked = (acksByStaff.get(entry.data.by) ?? []).some((a) => confirms(a, version) && a.at <= at);
    if (!acked) {
      // One finding per staff member and version in force (its number and content), whichever sign-off put it in force.
      const key = `${entry.data.by}|${version.entry.data.version}|${version.entry.data.plan}`;
      const group = withoutAck.get(key);
      if (group) group.count++;
      else withoutAck.set(key, { first: entry, count: 1, version: version.entry.data.version });
    }
  }
  for (const { first, count, version } of withoutAck.values()) {
    const by = first.data.by;
    // Someone who no longer works here cannot confirm the plan now (`careplan ack` refuses them).
    const staff = ctx.ws.staff.get(by);
    const gone = staff !== undefined && !isWorking(staff, ctx.asOf.date);
    findings.push(
      finding('care-without-ack', {
        person,
        ...where(first, ['by']),
        message:
          `${by} recorded ${count} outcome entr${count === 1 ? 'y' : 'ies'} from ${first.data.at} ` +
          `without having confirmed version ${version} of the plan`,
        fix: gone
          ? `nothing to change now: ${by} no longer works here${staff.data.left ? ` (left ${staff.data.left})` : ''}; ` +
            'the audit counts these entries. Check the team confirms each plan before giving care (`careplan handover`)'
          : `${by} reads the plan and confirms it before the next shift: \`careplan ack ${person} --as ${by}\``,
        since: first.data.at,
      }),
    );
  }
  if (beforeSignoff.length) {
    const first = beforeSignoff[0];
    findings.push(
      finding('care-before-signoff', {
        person,
        ...where(first, ['at']),
        message:
          `${beforeSignoff.length} outcome entr${beforeSignoff.length === 1 ? 'y was' : 'ies were'} recorded ` +
          `from ${first.data.at}, before the plan was first signed off${status.first ? ` (${status.first.entry.data.at})` : ''}`,
        fix: status.first
          ? 'nothing to change now; make sure plans are signed off before care follows them'
          : `have the plan signed off: \`careplan signoff ${person}\``,
        since: first.data.at,
      }),
    );
  }
  return findings;
}

export default { name: 'acknowledgement', scope: 'person', meta, check: acknowledgementChecks } satisfies Rule;
