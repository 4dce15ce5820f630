import type { Finding } from '../model/findings.js';
import { kindSpec, RECORD_KINDS, type RecordKind } from '../model/recordKinds.js';
import { forEachSlot, nameDateOf, visitorFor, type RecordVisitors } from '../model/slots.js';
import { timestampDate } from '../model/time.js';
import type { Doc, Workspace } from '../model/workspace.js';
import { where } from './locate.js';
import { findingOf, type Rule, type RuleMetas } from './rule.js';

/** Kinds whose file name carries the date the record was made (its `made` field must fall on it). */
const DATED_BY_NAME = new Set(
  (Object.keys(RECORD_KINDS) as RecordKind[]).filter((name) => {
    const kind = kindSpec(name);
    return !kind.list && kind.made !== undefined && kind.path.includes('<YYYY-MM-DD>');
  }),
);

const stemOf = (file: string) => file.slice(file.lastIndexOf('/') + 1, -'.yaml'.length);

/** id-mismatch: a record's identity is its path; fields that restate it must agree with it. */
export function idMismatch(ws: Workspace): Finding[] {
  const findings: Finding[] = [];
  const report = (record: Doc<unknown>, field: string, message: string, fix: string, person?: string) =>
    findings.push(finding('id-mismatch', { person, ...where(record, [field]), message, fix }));
  const dateOf = (at: string) => timestampDate(at, ws.timezone);
  const checkDate = (record: Doc<unknown>, field: string, nameDate: string, person?: string) => {
    const at = (record.data as Record<string, string>)[field];
    const actual = dateOf(at);
    if (actual && actual !== nameDate) {
      report(
        record,
        field,
        `the file name's date is ${nameDate} but \`${field}\` is on ${actual}`,
        `rename the file to start with ${actual}, or correct \`${field}\``,
        person,
      );
    }
  };

  // What else a file name (or folder) says that a field restates, kind by kind.
  const restated: Partial<RecordVisitors> = {
    staff: (staff) => {
      const id = stemOf(staff.file);
      if (staff.data.id !== id)
        report(
          staff,
          'id',
          `\`id\` is "${staff.data.id}" but the file is staff/${id}.yaml`,
          `set \`id: ${id}\`, or rename the file to staff/${staff.data.id}.yaml`,
        );
    },
    person: (person, id) => {
      if (person.data.id !== id) {
        report(
          person,
          'id',
          `\`id\` is "${person.data.id}" but the folder is people/${id}/`,
          `set \`id: ${id}\`, or rename the folder to people/${person.data.id}/`,
          id,
        );
      }
    },
    assessment: (a, id) => {
      const nameType = a.id.slice(11);
      if (a.data.type !== nameType)
        report(
          a,
          'type',
          `\`type\` is ${a.data.type} but the file name says ${nameType}`,
          `set \`type: ${nameType}\`, or rename the file to ${a.date}-${a.data.type}.yaml`,
          id,
        );
    },
    review: (r, id) => {
      const nameKind = r.file.slice(r.file.lastIndexOf('-') + 1, -'.yaml'.length);
      if (r.data.kind !== nameKind)
        report(
          r,
          'kind',
          `\`kind\` is ${r.data.kind} but the file name says ${nameKind}`,
          `rename the file to ${r.date}-${r.data.kind}.yaml, or correct \`kind\``,
          id,
        );
    },
    spotcheck: (s) => {
      if (s.data.by !== s.staffId)
        report(
          s,
          'by',
          `\`by\` is ${s.data.by} but the file name names ${s.staffId}`,
          `rename the file to ${s.date}-${s.data.by}.yaml, or correct \`by\``,
        );
    },
    supervision: (s) => {
      if (s.data.staff !== s.staffId)
        report(
          s,
          'staff',
          `\`staff\` is ${s.data.staff} but the file name names ${s.staffId}`,
          `rename the file to ${s.date}-${s.data.staff}.yaml, or correct \`staff\``,
        );
    },
    audit: (a) => {
      if (a.data.month !== a.month)
        report(
          a,
          'month',
          `\`month\` is ${a.data.month} but the file is audits/${a.month}.yaml`,
          `set \`month: ${a.month}\`, or rename the file`,
        );
    },
  };

  forEachSlot(ws, (kind, records, person) => {
    const own = visitorFor(restated, kind);
    const made = DATED_BY_NAME.has(kind) ? kindSpec(kind).made : undefined;
    for (const record of records) {
      own?.(record, person);
      if (made) checkDate(record, made, nameDateOf(record)!, person);
    }
  });
  return findings;
}

const meta = { 'id-mismatch': { severity: 'error', docs: 'id-mismatch' } } as const satisfies RuleMetas;
/** How id-mismatch findings are made, here and by the loader (a path that is not a valid id or date). */
export const identityFinding = findingOf(meta);
const finding = identityFinding;

export default {
  name: 'identity',
  scope: 'record',
  meta,
  check: (ctx) => [...ctx.ws.loadFindings.filter((f) => f.rule === 'id-mismatch'), ...idMismatch(ctx.ws)],
} satisfies Rule;
