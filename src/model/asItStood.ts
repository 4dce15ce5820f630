import type { CareplanConfig, Person, Plan, Staff } from './records.generated.js';
import { localDate, parseTimestamp } from './time.js';
import type { RecordKind } from './recordKinds.js';
import { resolvePolicy } from './policy.js';
import { isEscalationResponse, type Doc, type Entry, type EscalationListEntry, type PersonFolder, type Workspace } from './workspace.js';
import { fileNameDate } from './layout.js';
import { keptLists, madeAt, type AnyRecord } from './slots.js';
import { compareText } from './textOrder.js';

/**
 * The records as they stood at a moment in the past (SPEC 5.1): what `check`, `due`, `handover`,
 * `plan show` and the audit judge when they look back. Pure: what git held comes in as data
 * (src/repo/asItStood.ts reads it).
 */

/** One version of a file as git committed it. */
export interface CommittedVersion {
  /** Commit (author) time, epoch ms. */
  at: number;
  /** The file's text, for line numbers in findings. */
  text: string;
  /** Parsed and valid against the file's schema. */
  data: unknown;
}

/** What git held of some files: per repository-relative path, every valid committed version, oldest first. */
export type CommittedVersions = ReadonlyMap<string, readonly CommittedVersion[]>;

export interface Snapshot {
  ws: Workspace;
  /** What could not be put back as it stood, in words for the report. */
  caveats: string[];
  /** plan.yaml files judged on their current content although they changed after the moment. */
  plansJudgedNow: Set<string>;
}

const planFile = (person: string) => `people/${person}/plan.yaml`;
const personFile = (person: string) => `people/${person}/person.yaml`;
const staffFile = (staff: string) => `staff/${staff}.yaml`;
const CONFIG_FILE = 'careplan.yaml';

/**
 * The files whose earlier versions `workspaceAt` needs from git: plan.yaml where its `updated` is
 * after `at`, and every person.yaml, staff file and careplan.yaml (their changes carry no date of
 * their own, so only git can say whether one came later).
 */
export function filesGitHolds(ws: Workspace, at: number): string[] {
  const files: string[] = [];
  if (ws.config) files.push(CONFIG_FILE);
  for (const id of [...ws.staff.keys()].sort()) files.push(staffFile(id));
  for (const f of [...ws.people.values()].sort((a, b) => compareText(a.id, b.id))) {
    if (f.person) files.push(personFile(f.id));
    const updated = f.plan ? parseTimestamp(f.plan.data.updated, ws.timezone) : undefined;
    if (updated !== undefined && updated > at) files.push(planFile(f.id));
  }
  return files;
}

/** Whether a path names a date (or month) after the moment's date in its file name. */
function namedAfter(file: string, date: string): boolean {
  const named = fileNameDate(file);
  return named !== undefined && named > date.slice(0, named.length);
}

/** The newest version committed at or before `at`. */
function committedBy(versions: readonly CommittedVersion[], at: number): CommittedVersion | undefined {
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i].at <= at) return versions[i];
  return undefined;
}

const docOf = <T>(file: string, version: CommittedVersion): Doc<T> => ({
  file,
  data: version.data as T,
  source: { text: () => version.text },
});

/**
 * plan.yaml as it stood: by its own `updated`, so commit dates do not matter (records are often
 * committed after the day they describe). The newest committed version updated at or before the
 * moment; none (undefined plan) when every version is later and the oldest is version 1; the plan
 * as it is now, with a caveat, when git's history does not reach back.
 */
function planAt(
  current: Doc<Plan>,
  versions: readonly CommittedVersion[],
  at: number,
  zone: string,
): { plan?: Doc<Plan>; judgedNow: boolean } {
  const updatedBy = (plan: Plan) => {
    const updated = parseTimestamp(plan.updated, zone);
    return updated !== undefined && updated <= at;
  };
  if (updatedBy(current.data)) return { plan: current, judgedNow: false };
  for (let i = versions.length - 1; i >= 0; i--) {
    if (updatedBy(versions[i].data as Plan)) return { plan: docOf<Plan>(current.file, versions[i]), judgedNow: false };
  }
  if (versions.length && (versions[0].data as Plan).version === 1) return { plan: undefined, judgedNow: false };
  return { plan: current, judgedNow: true };
}

/**
 * person.yaml as it stood. Its dates decide the stay: the latest content whose `admitted` is on or
 * before the day (a readmission after it leaves the earlier stay's version in force), and that
 * content's status and discharge count if the discharge is dated on or before the day, whenever it
 * was recorded. Everything else (key worker, team, representatives) is the version committed at or
 * before the moment when git holds one of the same stay, else the latest. undefined: not yet admitted.
 */
function personAt(current: Doc<Person>, versions: readonly CommittedVersion[], at: number, date: string): Doc<Person> | undefined {
  let latest: Doc<Person> | undefined = current.data.admitted <= date ? current : undefined;
  for (let i = versions.length - 1; i >= 0 && !latest; i--) {
    if ((versions[i].data as Person).admitted <= date) latest = docOf<Person>(current.file, versions[i]);
  }
  if (!latest) return undefined;
  const stay = latest.data.admitted;
  const committed = committedBy(
    versions.filter((v) => (v.data as Person).admitted === stay),
    at,
  );
  const base = committed ? docOf<Person>(current.file, committed) : latest;
  if (base === current && !(current.data.discharged !== undefined && current.data.discharged > date)) return current;
  const { discharged: _asCommitted, status: _status, ...rest } = base.data;
  const { discharged, status } = latest.data;
  // A discharge after the day had not happened; otherwise the latest content's status and date stand.
  const data: Person =
    discharged !== undefined && discharged > date
      ? { ...rest, status: 'active' }
      : { ...rest, status, ...(discharged !== undefined ? { discharged } : {}) };
  return { ...base, data };
}

/**
 * A staff file as it stood: roles, email and name from the version committed at or before the
 * moment (else the latest); `started` and `left` from the latest, by their dates: someone who had
 * not started was not working, someone who left on or after the day still was.
 */
function staffAt(current: Doc<Staff>, versions: readonly CommittedVersion[], at: number, date: string): Doc<Staff> {
  const committed = committedBy(versions, at);
  const base = committed ? docOf<Staff>(current.file, committed) : current;
  const left = current.data.left ?? base.data.left;
  let active = current.data.left !== undefined ? current.data.active : base.data.active;
  if (left !== undefined && left >= date) active = true;
  const started = current.data.started ?? base.data.started;
  if (started !== undefined && started > date) active = false;
  if (base === current && active === current.data.active) return current;
  const { left: _l, started: _s, ...rest } = base.data;
  return { ...base, data: { ...rest, ...(started !== undefined ? { started } : {}), ...(left !== undefined ? { left } : {}), active } };
}

/**
 * The records as they stood at `at` (SPEC 5.1): everything dated after it left out, people
 * admitted after it absent, a discharge or a staff member's leaving after it not yet happened,
 * an escalation's response after it not yet given, plan.yaml by its own `updated`, and person.yaml,
 * staff files and careplan.yaml as git committed them by then (see personAt and staffAt for how
 * their own dates still count). `committed` holds git's versions of the files `filesGitHolds`
 * names; without them (no git) each file is taken as it is now, put back by its dates.
 * Pure: the workspace is not changed; entries are shared, so moments parsed once stay parsed.
 */
export function workspaceAt(ws: Workspace, at: number, committed: CommittedVersions = new Map()): Snapshot {
  const zone = ws.timezone;
  const date = localDate(at, zone);
  const versionsOf = (file: string) => committed.get(file) ?? [];
  const notAfter = (value: string) => {
    const ms = parseTimestamp(value, zone);
    return ms !== undefined && ms <= at;
  };
  // Every list of records (assessments, outcome entries, spot checks…) as it stood: only what was made by then.
  const madeBy = (kind: RecordKind, record: AnyRecord) => {
    const made = madeAt(kind, record, zone);
    return made !== undefined && made <= at;
  };
  const listedBy = (file: string) => !namedAfter(file, date);
  const caveats: string[] = [];
  const plansJudgedNow = new Set<string>();
  const droppedPeople = new Set<string>();
  const people = new Map<string, PersonFolder>();

  for (const f of ws.people.values()) {
    const person = f.person ? personAt(f.person, versionsOf(f.person.file), at, date) : undefined;
    if (f.person && !person) {
      droppedPeople.add(f.id);
      continue;
    }
    const presentFiles = new Set([...f.presentFiles].filter((rel) => !namedAfter(`people/${f.id}/${rel}`, date)));
    let plan = f.plan;
    if (plan) {
      const stood = planAt(plan, versionsOf(plan.file), at, zone);
      plan = stood.plan;
      if (!plan) presentFiles.delete('plan.yaml');
      if (stood.judgedNow) {
        plansJudgedNow.add(f.plan!.file);
        caveats.push(`${f.plan!.file} was changed after ${date} and git holds no earlier version, so it is judged as it is now`);
      }
    }
    const lists = keptLists(f, madeBy, listedBy);
    const escalations = lists.escalations!.map((e): Entry<EscalationListEntry> => {
      if (isEscalationResponse(e.data) || e.data.responded_at === undefined || notAfter(e.data.responded_at)) return e;
      const { response: _r, responded_at: _at, ...open } = e.data;
      return { ...e, data: open };
    });
    people.set(f.id, { ...f, ...lists, person, plan, escalations, presentFiles });
  }

  const staff = new Map<string, Doc<Staff>>();
  for (const [id, s] of ws.staff) staff.set(id, staffAt(s, versionsOf(s.file), at, date));

  let { config, policy } = ws;
  const configThen = ws.config ? committedBy(versionsOf(ws.config.file), at) : undefined;
  if (ws.config && configThen) {
    config = docOf<CareplanConfig>(ws.config.file, configThen);
    policy = resolvePolicy(config.data);
  }

  // An audit saved after the moment had not been saved then, whatever month it is for.
  const auditsLater = new Set(ws.audits.filter((a) => !notAfter(a.data.saved_at)).map((a) => a.file));
  const dropped = (file: string) =>
    namedAfter(file, date) || auditsLater.has(file) || (file.startsWith('people/') && droppedPeople.has(file.split('/')[1]));
  return {
    ws: {
      ...ws,
      config,
      policy,
      staff,
      people,
      ...keptLists(ws, madeBy, listedBy),
      files: ws.files.filter((file) => !dropped(file)),
      loadFindings: ws.loadFindings.filter((finding) => !finding.file || !dropped(finding.file)),
    },
    caveats,
    plansJudgedNow,
  };
}
