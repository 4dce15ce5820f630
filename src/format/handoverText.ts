import { describeChange, type PlanChange } from '../model/planDiff.js';
import type { HandoverAssessment, HandoverPlan, HandoverReport } from '../history/handover.js';
import { firstVersionSummary } from './historyText.js';
import type { Paint } from './paint.js';
import { PLAIN, type FormatOptions } from './registry.js';

const when = (at: string) => at.replace('T', ' ');

/** A change as a handover line: a high risk added or changed stands out. */
function changeLine(c: PlanChange, paint: Paint): string {
  const text = describeChange(c);
  return c.what === 'risk' && c.level === 'high' && c.change !== 'removed' ? paint.red(text) : text;
}

function planLines(p: HandoverPlan, paint: Paint): string[] {
  const who = p.name ? `${p.person} (${p.name})` : p.person;
  let state: string;
  if (p.state === 'approved') {
    const last = p.approved[p.approved.length - 1];
    state = last ? `version ${p.version} approved by ${last.by} at ${when(last.at)}` : `version ${p.version}, approved`;
  } else if (p.inForce) {
    state = paint.yellow(
      `changed since version ${p.inForce.version} was signed off; not approved yet: keep to version ${p.inForce.version}`,
    );
  } else {
    state = paint.yellow(`version ${p.version} not signed off yet: it cannot be used until the Registered Manager approves it`);
  }
  const lines = [`  ${paint.bold(who)}: ${state}`];
  if (p.changes === undefined) lines.push('    What changed: not shown (the earlier version is not in git)');
  else if (!p.from) {
    // A new plan is summed up, but every risk of it is for the shift to know.
    lines.push(`    ${firstVersionSummary(p.changes)}`);
    for (const c of p.changes.filter((x) => x.what === 'risk')) lines.push(`      ${changeLine(c, paint)}`);
  } else if (p.changes.length === 0) lines.push(`    Content as version ${p.from.version}: nothing to learn`);
  else {
    lines.push(`    What changed since version ${p.from.version}:`);
    for (const c of p.changes) lines.push(`      ${changeLine(c, paint)}`);
  }
  if (p.inForce) {
    lines.push(
      p.notAcknowledged.length
        ? `    ${paint.yellow(`Not yet acknowledged version ${p.inForce.version}:`)}` +
            ` ${p.notAcknowledged.map((m) => `${m.staff} (${m.name})`).join(', ')}`
        : `    Everyone in the team has acknowledged version ${p.inForce.version}`,
    );
  }
  return lines;
}

function assessmentLines(a: HandoverAssessment, paint: Paint): string[] {
  const who = a.name ? `${a.person} (${a.name})` : a.person;
  const state = a.planAssessment ? `the plan still reflects ${a.planAssessment}` : 'no plan yet';
  const lines = [`  ${paint.bold(who)}: ${a.id} by ${a.by} at ${when(a.at)}; ${paint.yellow(state)}`];
  if (!a.changes.length) lines.push('    Needs and risks as before');
  for (const c of a.changes) lines.push(`    ${changeLine(c, paint)}`);
  return lines;
}

/** `careplan handover` as text: plans, new assessments (only when there are any), escalations, variations since the time. */
export function formatHandoverText(report: HandoverReport, { paint }: FormatOptions = PLAIN): string {
  const out = [`Handover: since ${when(report.since)} (as of ${when(report.asOf)})`];
  if (!report.fromGit) out.push(paint.yellow('The records are not in git, so what changed in each plan cannot be shown.'));
  if (!report.plans.length && !report.assessments.length && !report.escalations.length && !report.variations.length) {
    out.push('', 'No plan changed or was approved, and there were no escalations or variations.');
    return `${out.join('\n')}\n`;
  }
  out.push('', paint.bold(`Plans changed or approved (${report.plans.length})`));
  if (!report.plans.length) out.push('  none');
  for (const p of report.plans) out.push(...planLines(p, paint));
  if (report.assessments.length) {
    out.push('', paint.bold(`New assessments not yet in a plan (${report.assessments.length})`));
    for (const a of report.assessments) out.push(...assessmentLines(a, paint));
  }
  out.push('', paint.bold(`Escalations (${report.escalations.length})`));
  if (!report.escalations.length) out.push('  none');
  for (const e of report.escalations)
    out.push(
      `  ${when(e.at)}  ${e.person}: ${e.by} ` +
        `to ${e.to}: ${e.reason}${e.response ? ` (response: ${e.response})` : paint.yellow(' (no response yet)')}`,
    );
  out.push('', paint.bold(`Variations from the plan (${report.variations.length})`));
  if (!report.variations.length) out.push('  none');
  for (const v of report.variations) out.push(`  ${when(v.at)}  ${v.person}: ${v.by}${v.goal ? `, goal ${v.goal}` : ''}: ${v.variation}`);
  return `${out.join('\n')}\n`;
}
