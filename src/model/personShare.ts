import { planStatus, type PlanState, isAuthorisedSignoff } from './planState.js';
import type { Person, Plan, Staff } from './records.generated.js';
import type { Agreement, AssessmentDoc, Entry, OutcomeEntry, PersonFolder, Signoff, Workspace } from './workspace.js';

/**
 * One person's record as it is shared outside the home (SPEC 5.6): the FHIR export for health
 * partners and the easy-read plan for the person both start here. Pure: the workspace (as it stood
 * at the moment of the export) in, the person's records out, each with its file for stable ids.
 */
export interface PersonShare {
  provider: { name: string; location_id?: string };
  zone: string;
  id: string;
  person: Person;
  plan?: Plan;
  state: PlanState;
  /** The current plan's hash, when there is a plan. */
  hash?: string;
  /** The assessment the plan reflects, when it was found. */
  assessment?: AssessmentDoc;
  /** The date of the first authorised sign-off: since when the plan has been in use. */
  inUseSince?: string;
  signoffs: (Entry<Signoff> & { authorised: boolean })[];
  agreements: Entry<Agreement>[];
  outcomes: Entry<OutcomeEntry>[];
  /** Every staff member the home employs, by id (names for authors, performers, signers, the key worker). */
  staff: ReadonlyMap<string, Staff>;
}

export function personShare(ws: Workspace, folder: PersonFolder & { person: NonNullable<PersonFolder['person']> }): PersonShare {
  const plan = folder.plan?.data;
  const status = planStatus(ws, folder);
  return {
    provider: ws.config?.data.provider ?? { name: 'the care provider' },
    zone: ws.timezone,
    id: folder.id,
    person: folder.person.data,
    plan,
    state: status.state,
    hash: status.hash,
    assessment: plan ? folder.assessments.find((a) => a.id === plan.assessment) : undefined,
    inUseSince: status.first?.entry.data.at,
    signoffs: folder.signoffs.map((s) => ({ ...s, authorised: isAuthorisedSignoff(ws, s.data) })),
    agreements: folder.agreements,
    outcomes: folder.outcomes,
    staff: new Map([...ws.staff].map(([id, doc]) => [id, doc.data])),
  };
}

type Need = Plan['needs'][number];
export type Goal = Need['goals'][number];
export type Action = Need['actions'][number];

/** Every goal of the plan with the need it belongs to, in plan order. */
export function goalsOf(plan: Plan): { need: Need; goal: Goal }[] {
  return plan.needs.flatMap((need) => need.goals.map((goal) => ({ need, goal })));
}

/** The assessment's description of a plan need, and its domain. */
export function assessedNeed(share: PersonShare, need: string): { domain?: string; description?: string } {
  const found = share.assessment?.data.needs.find((n) => n.id === need);
  return { domain: found?.domain, description: found?.description };
}
