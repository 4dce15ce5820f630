import type { Plan, Staff } from '../model/records.generated.js';
import { localDate, parseTimestamp } from '../model/time.js';
import type { RecordKind } from '../model/recordKinds.js';
import { isEscalationResponse, type Doc, type Entry, type EscalationListEntry, type PersonFolder, type Workspace } from '../model/workspace.js';
import { fileNameDate } from '../model/layout.js';
import { keptLists, madeAt, type AnyRecord } from '../model/slots.js';

/** A plan as it stood at a moment, recovered from the change trail (git) by the command. */
export interface PlanVersion {
  /** The file's text, for line numbers in findings. */
  text: string;
  data: Plan;
}

/**
 * What git says about plans changed after the audit's end: per person, the version of plan.yaml
 * that stood then, or null when there was no plan yet. A person missing from the map has no
 * earlier version to be had.
 */
export type PlansAtEnd = ReadonlyMap<string, PlanVersion | null>;

export interface Snapshot {
  ws: Workspace;
  /** What could not be put back as it stood, in words for the report. */
  caveats: string[];
  /** plan.yaml files judged on their current content although they changed after the end. */
  plansJudgedNow: Set<string>;
}

/** People whose plan.yaml says it was changed after `end`: the command asks git how it stood. */
export function plansChangedAfter(ws: Workspace, end: number): string[] {
  const ids: string[] = [];
  const endDate = localDate(end, ws.timezone);
  for (const f of ws.people.values()) {
    if (f.person && f.person.data.admitted > endDate) continue;
    const updated = f.plan ? parseTimestamp(f.plan.data.updated, ws.timezone) : undefined;
    if (updated !== undefined && updated > end) ids.push(f.id);
  }
  return ids.sort();
}

/** Whether a path names a date (or month) after the end in its file name. */
function namedAfter(file: string, endDate: string): boolean {
  const named = fileNameDate(file);
  return named !== undefined && named > endDate.slice(0, named.length);
}

/**
 * The records as they stood at `end` (SPEC section 4): everything dated after it left out, people
 * admitted after it absent, a discharge or a staff member's leaving after it not yet happened,
 * an escalation's response after it not yet given, and plan.yaml as it stood then (from `plans`).
 * Pure: the workspace is not changed; entries are shared, so moments parsed once stay parsed.
 */
export function workspaceAt(ws: Workspace, end: number, plans: PlansAtEnd = new Map()): Snapshot {
  const zone = ws.timezone;
  const endDate = localDate(end, zone);
  const docNotAfter = (value: string) => {
    const at = parseTimestamp(value, zone);
    return at !== undefined && at <= end;
  };
  // Every list of records (assessments, outcome entries, spot checks…) as it stood: only what was made by the end.
  const madeByEnd = (kind: RecordKind, record: AnyRecord) => {
    const at = madeAt(kind, record, zone);
    return at !== undefined && at <= end;
  };
  const listedByEnd = (file: string) => !namedAfter(file, endDate);
  const caveats: string[] = [];
  const plansJudgedNow = new Set<string>();
  const droppedPeople = new Set<string>();
  const people = new Map<string, PersonFolder>();

  for (const f of ws.people.values()) {
    if (f.person && f.person.data.admitted > endDate) {
      droppedPeople.add(f.id);
      continue;
    }
    let person = f.person;
    if (person?.data.discharged !== undefined && person.data.discharged > endDate) {
      const { discharged: _later, ...data } = person.data;
      person = { ...person, data: { ...data, status: 'active' } };
    }
    const presentFiles = new Set([...f.presentFiles].filter((rel) => !namedAfter(`people/${f.id}/${rel}`, endDate)));
    let plan = f.plan;
    if (plan && !docNotAfter(plan.data.updated)) {
      const version = plans.get(f.id);
      if (version === null) {
        plan = undefined;
        presentFiles.delete('plan.yaml');
      } else if (version) {
        const text = version.text;
        plan = { file: plan.file, data: version.data, source: { text: () => text } };
      } else {
        plansJudgedNow.add(plan.file);
        caveats.push(`${plan.file} was changed after ${endDate} and git holds no earlier version, so it is judged as it is now`);
      }
    }
    const lists = keptLists(f, madeByEnd, listedByEnd);
    const escalations = lists.escalations!.map((e): Entry<EscalationListEntry> => {
      if (isEscalationResponse(e.data) || e.data.responded_at === undefined || docNotAfter(e.data.responded_at)) return e;
      const { response: _r, responded_at: _at, ...open } = e.data;
      return { ...e, data: open };
    });
    people.set(f.id, { ...f, ...lists, person, plan, escalations, presentFiles });
  }

  const staff = new Map<string, Doc<Staff>>();
  for (const [id, s] of ws.staff) {
    // Someone who has left since the end was still working then.
    const working = !s.data.active && s.data.left !== undefined && s.data.left >= endDate;
    staff.set(id, working ? { ...s, data: { ...s.data, active: true } } : s);
  }

  // An audit saved after the end had not been saved then, whatever month it is for.
  const auditsLater = new Set(ws.audits.filter((a) => !docNotAfter(a.data.saved_at)).map((a) => a.file));
  const dropped = (file: string) => namedAfter(file, endDate) || auditsLater.has(file) || (file.startsWith('people/') && droppedPeople.has(file.split('/')[1]));
  return {
    ws: {
      ...ws,
      staff,
      people,
      ...keptLists(ws, madeByEnd, listedByEnd),
      files: ws.files.filter((file) => !dropped(file)),
      loadFindings: ws.loadFindings.filter((finding) => !finding.file || !dropped(finding.file)),
    },
    caveats,
    plansJudgedNow,
  };
}
