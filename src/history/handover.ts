import { assessedFor, diffAssessments, diffPlans, type PlanChange } from '../model/planDiff.js';
import { currentHash, inForceAt, planStatus, type PlanState, type TimedSignoff } from '../model/planState.js';
import type { Plan } from '../model/records.generated.js';
import { teamOf } from '../model/team.js';
import { localDate, localTimestamp, parseTimestamp } from '../model/time.js';
import { answerTo, raisedEscalations } from '../model/escalations.js';
import type { PersonFolder, Workspace } from '../model/workspace.js';
import { compareText } from '../model/textOrder.js';

/**
 * `careplan handover`: for the shift coming on, every plan changed or approved since a time, what
 * changed in it, who in the team has not yet read the approved version; and the escalations and
 * variations since then. Pure: plan contents from git come in as data.
 */

/** A plan content git held, with when it was committed. */
export interface PlanCommit {
  person: string;
  /** Commit (author) time, epoch ms. */
  at: number;
  hash: string;
  plan: Plan;
}

export interface HandoverPlan {
  person: string;
  /** The name staff use: preferred name, else name. */
  name?: string;
  version: number;
  state: PlanState;
  /** Sign-offs (authorised) in the window, oldest first. */
  approved: { version: number; by: string; at: string }[];
  /** The plan's content changed in the window (a commit, or `updated` within it). */
  changed: boolean;
  /** The version in force when the window opened: what the changes are measured from. */
  from?: { version: number };
  /** What changed from that version to the plan as it is now; undefined when git could not show it. */
  changes?: PlanChange[];
  /** The version in force now, when there is one. */
  inForce?: { version: number; by: string; at: string };
  /** Team members who have not acknowledged the version in force. */
  notAcknowledged: { staff: string; name: string }[];
}

/**
 * A person's newest assessment, made in the window, that their plan does not reflect yet (or made
 * before they have a plan): the shift must know a new risk before the plan catches up with it.
 */
export interface HandoverAssessment {
  person: string;
  name?: string;
  /** The assessment's id (file stem) and when and by whom it was made. */
  id: string;
  at: string;
  by: string;
  /** The assessment the plan reflects, when there is a plan. */
  planAssessment?: string;
  /** Its needs' descriptions and risks compared with the plan's assessment (all added without a plan). */
  changes: PlanChange[];
}

export interface HandoverEscalation {
  person: string;
  at: string;
  by: string;
  to: string;
  reason: string;
  response?: string;
}
export interface HandoverVariation {
  person: string;
  at: string;
  by: string;
  goal?: string;
  variation: string;
}

export interface HandoverReport {
  since: string;
  asOf: string;
  plans: HandoverPlan[];
  assessments: HandoverAssessment[];
  escalations: HandoverEscalation[];
  variations: HandoverVariation[];
  /** False when the records are not in git: what changed cannot be shown. */
  fromGit: boolean;
}

export interface HandoverInput {
  ws: Workspace;
  since: number;
  asOf: number;
  /** Plan contents committed in the window, oldest first. */
  windowCommits: readonly PlanCommit[];
  /** Plan contents keyed `<person> <hash>`, to find the version in force when the window opened. */
  contentByHash: ReadonlyMap<string, Plan>;
  fromGit: boolean;
}

const inWindow = (ms: number | undefined, input: HandoverInput) => ms !== undefined && ms > input.since && ms <= input.asOf;

function summary(s: TimedSignoff, zone: string) {
  return { version: s.entry.data.version, by: s.entry.data.by, at: localTimestamp(s.at, zone) };
}

function planEntry(input: HandoverInput, folder: PersonFolder): HandoverPlan | undefined {
  const { ws } = input;
  const person = folder.person?.data;
  const plan = folder.plan;
  if (person?.status !== 'active' || !plan) return undefined;
  const status = planStatus(ws, folder);
  const approved = status.signoffs.filter((s) => inWindow(s.at, input));
  const commits = input.windowCommits.filter((c) => c.person === folder.id);
  const changed = commits.length > 0 || inWindow(parseTimestamp(plan.data.updated, ws.timezone), input);
  if (!approved.length && !changed) return undefined;

  const opening = inForceAt(status.signoffs, input.since);
  const current = currentHash(plan);
  let changes: PlanChange[] | undefined;
  if (!opening) changes = diffPlans(undefined, plan.data, assessedFor(folder, undefined, plan.data));
  else if (opening.entry.data.plan === current) changes = [];
  else {
    const from = input.contentByHash.get(`${folder.id} ${opening.entry.data.plan}`);
    changes = from ? diffPlans(from, plan.data, assessedFor(folder, from, plan.data)) : undefined;
  }

  const inForce = inForceAt(status.signoffs, input.asOf);
  const notAcknowledged: HandoverPlan['notAcknowledged'] = [];
  if (inForce) {
    const { version, plan: hash } = inForce.entry.data;
    const read = new Set(
      folder.acknowledgements
        .filter(
          (a) => a.data.version === version && a.data.plan === hash && (parseTimestamp(a.data.at, ws.timezone) ?? Infinity) <= input.asOf,
        )
        .map((a) => a.data.staff),
    );
    for (const member of teamOf(ws, person, localDate(input.asOf, ws.timezone))) {
      if (!read.has(member.data.id)) notAcknowledged.push({ staff: member.data.id, name: member.data.name });
    }
  }
  return {
    person: folder.id,
    name: person.preferred_name ?? person.name,
    version: plan.data.version,
    state: status.state,
    approved: approved.map((s) => summary(s, ws.timezone)),
    changed,
    from: opening ? { version: opening.entry.data.version } : undefined,
    changes,
    inForce: inForce ? summary(inForce, ws.timezone) : undefined,
    notAcknowledged,
  };
}

function newAssessment(input: HandoverInput, folder: PersonFolder): HandoverAssessment | undefined {
  const zone = input.ws.timezone;
  const person = folder.person?.data;
  const newest = folder.assessments.filter((a) => (parseTimestamp(a.data.at, zone) ?? Infinity) <= input.asOf).pop();
  if (person?.status !== 'active' || !newest || !inWindow(parseTimestamp(newest.data.at, zone), input)) return undefined;
  const plan = folder.plan?.data;
  // Assessments are kept in file-name order (date, then type): one after the plan's is newer.
  if (plan && (plan.assessment === newest.id || plan.assessment > newest.id)) return undefined;
  const reflected = plan ? folder.assessments.find((a) => a.id === plan.assessment)?.data : undefined;
  return {
    person: folder.id,
    name: person.preferred_name ?? person.name,
    id: newest.id,
    at: localTimestamp(parseTimestamp(newest.data.at, zone)!, zone),
    by: newest.data.by,
    ...(plan ? { planAssessment: plan.assessment } : {}),
    changes: diffAssessments(reflected, newest.data),
  };
}

export function buildHandover(input: HandoverInput): HandoverReport {
  const { ws } = input;
  const zone = ws.timezone;
  const plans: HandoverPlan[] = [];
  const assessments: HandoverAssessment[] = [];
  const escalations: HandoverEscalation[] = [];
  const variations: HandoverVariation[] = [];
  const people = [...ws.people.values()].sort((a, b) => compareText(a.id, b.id));
  for (const folder of people) {
    const entry = planEntry(input, folder);
    if (entry) plans.push(entry);
    const assessed = newAssessment(input, folder);
    if (assessed) assessments.push(assessed);
    if (folder.person?.data.status !== 'active') continue;
    for (const e of raisedEscalations(folder.escalations)) {
      const at = parseTimestamp(e.data.at, zone);
      if (!inWindow(at, input)) continue;
      const response = answerTo(e, folder.escalations, zone, input.asOf)?.response;
      escalations.push({ person: folder.id, at: localTimestamp(at!, zone), by: e.data.by, to: e.data.to, reason: e.data.reason, response });
    }
    for (const o of folder.outcomes) {
      if (!o.data.variation) continue;
      const at = parseTimestamp(o.data.at, zone);
      if (inWindow(at, input))
        variations.push({
          person: folder.id,
          at: localTimestamp(at!, zone),
          by: o.data.by,
          goal: o.data.goal,
          variation: o.data.variation,
        });
    }
  }
  escalations.sort((a, b) => compareText(a.at, b.at) || compareText(a.person, b.person));
  variations.sort((a, b) => compareText(a.at, b.at) || compareText(a.person, b.person));
  return {
    since: localTimestamp(input.since, zone),
    asOf: localTimestamp(input.asOf, zone),
    plans,
    assessments,
    escalations,
    variations,
    fromGit: input.fromGit,
  };
}
