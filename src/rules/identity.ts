import type { Finding } from '../model/findings.js';
import { timestampDate } from '../model/time.js';
import type { Doc, Workspace } from '../model/workspace.js';
import { where } from './locate.js';
import { findingOf, type Rule, type RuleMetas } from './rule.js';

/** id-mismatch: a record's identity is its path; fields that restate it must agree with it. */
export function idMismatch(ws: Workspace): Finding[] {
  const findings: Finding[] = [];
  const report = (record: Doc<unknown>, field: string, message: string, fix: string, person?: string) =>
    findings.push(finding('id-mismatch', { person, ...where(record, [field]), message, fix }));
  const dateOf = (at: string) => timestampDate(at, ws.timezone);
  const checkDate = (record: Doc<{ at: string }>, nameDate: string, person?: string) => {
    const actual = dateOf(record.data.at);
    if (actual && actual !== nameDate) {
      report(record, 'at', `the file name's date is ${nameDate} but \`at\` is on ${actual}`, `rename the file to start with ${actual}, or correct \`at\``, person);
    }
  };

  for (const [id, staff] of ws.staff) {
    if (staff.data.id !== id) report(staff, 'id', `\`id\` is "${staff.data.id}" but the file is staff/${id}.yaml`, `set \`id: ${id}\`, or rename the file to staff/${staff.data.id}.yaml`);
  }
  for (const [id, f] of ws.people) {
    if (f.person && f.person.data.id !== id) {
      report(f.person, 'id', `\`id\` is "${f.person.data.id}" but the folder is people/${id}/`, `set \`id: ${id}\`, or rename the folder to people/${f.person.data.id}/`, id);
    }
    for (const a of f.assessments) {
      const nameType = a.id.slice(11);
      if (a.data.type !== nameType) report(a, 'type', `\`type\` is ${a.data.type} but the file name says ${nameType}`, `set \`type: ${nameType}\`, or rename the file to ${a.date}-${a.data.type}.yaml`, id);
      checkDate(a, a.date, id);
    }
    for (const r of f.reviews) {
      const nameKind = r.file.slice(r.file.lastIndexOf('-') + 1, -'.yaml'.length);
      if (r.data.kind !== nameKind) report(r, 'kind', `\`kind\` is ${r.data.kind} but the file name says ${nameKind}`, `rename the file to ${r.date}-${r.data.kind}.yaml, or correct \`kind\``, id);
      checkDate(r, r.date, id);
    }
  }
  for (const s of ws.spotchecks) {
    if (s.data.by !== s.staffId) report(s, 'by', `\`by\` is ${s.data.by} but the file name names ${s.staffId}`, `rename the file to ${s.date}-${s.data.by}.yaml, or correct \`by\``);
    checkDate(s, s.date);
  }
  for (const fb of ws.feedback) checkDate(fb, fb.date);
  for (const a of ws.audits) {
    if (a.data.month !== a.month) report(a, 'month', `\`month\` is ${a.data.month} but the file is audits/${a.month}.yaml`, `set \`month: ${a.month}\`, or rename the file`);
  }
  return findings;
}

const meta = { 'id-mismatch': { severity: 'error', docs: 'id-mismatch' } } as const satisfies RuleMetas;
/** How id-mismatch findings are made, here and by the loader (a path that is not a valid id or date). */
export const identityFinding = findingOf(meta);
const finding = identityFinding;

export default {
  name: 'identity', scope: 'record', meta,
  check: (ctx) => [...ctx.ws.loadFindings.filter((f) => f.rule === 'id-mismatch'), ...idMismatch(ctx.ws)],
} satisfies Rule;
