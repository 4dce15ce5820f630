import type {
  Annotation,
  Bundle,
  CarePlan,
  CarePlanActivity,
  ClinicalImpression,
  Consent,
  Goal,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Provenance,
  Reference,
  RelatedPerson,
  Resource,
} from '@medplum/fhirtypes';
import { numericTarget } from '../model/goalMeasures.js';
import { assessedNeed, goalsOf, type PersonShare } from '../model/personShare.js';
import { parseTimestamp } from '../model/time.js';
import type { Entry } from '../model/workspace.js';
import { CODE_SYSTEMS, kindCoding, resultCoding } from './fhirCodes.js';
import { base64, fhirDateTime, instantText, notesText, stableUuid } from './fhirValues.js';

/**
 * One person's record as an HL7 FHIR R4 `collection` Bundle (SPEC 5.6): Patient, CarePlan, a Goal
 * per plan goal, an Observation per outcome entry, a Provenance per sign-off, a Consent per
 * agreement, and what they refer to (the provider, staff, representatives, the assessment). Pure
 * and deterministic: ids are UUIDs made from the provider and each record's path, and no clock is
 * read, so exporting the same records twice gives the same bytes.
 */

export interface FhirOptions {
  /** Only outcome entries at or after this instant become Observations. */
  since?: number;
  /** Free text (`note` and `notes` fields) goes out only when asked for. */
  includeNotes: boolean;
  /** Bundle.timestamp: only when a moment was asked for (--as-of); otherwise the Bundle has no time in it. */
  timestamp?: number;
}

const LPA_WORDS: Record<string, string | undefined> = {
  'lpa-health-welfare': 'lasting power of attorney for health and welfare',
  deputy: 'deputy appointed by the Court of Protection',
  other: undefined,
};

/** Every resource of a Bundle, with its fullUrl (urn:uuid: of its id). */
type Entries = { fullUrl: string; resource: Resource }[];

class BundleBuilder {
  readonly entries: Entries = [];
  private readonly practitioners = new Map<string, Reference<Practitioner>>();
  readonly organization: Reference<Organization>;

  constructor(readonly share: PersonShare) {
    this.organization = this.add<Organization>(
      {
        resourceType: 'Organization',
        id: this.id('careplan.yaml'),
        active: true,
        name: share.provider.name,
        ...(share.provider.location_id ? { identifier: [{ type: { text: 'CQC location ID' }, value: share.provider.location_id }] } : {}),
      },
      share.provider.name,
    );
  }

  /** A stable id: the provider and the record's path (with a position inside it). */
  id(path: string): string {
    const home = this.share.provider.location_id ?? this.share.provider.name;
    return stableUuid(`careplan|${home}|${path}`);
  }

  add<T extends Resource>(resource: T & { id: string }, display?: string): Reference<T> {
    this.entries.push({ fullUrl: `urn:uuid:${resource.id}`, resource });
    return { reference: `urn:uuid:${resource.id}`, ...(display ? { display } : {}) };
  }

  /** A staff member as a Practitioner, added the first time one is referred to. */
  staff(id: string): Reference<Practitioner> {
    let ref = this.practitioners.get(id);
    if (!ref) {
      const member = this.share.staff.get(id);
      ref = member
        ? this.add<Practitioner>(
            { resourceType: 'Practitioner', id: this.id(`staff/${id}.yaml`), active: member.active, name: [{ text: member.name }] },
            member.name,
          )
        : { display: `staff member ${id} (not in the staff list)` };
      this.practitioners.set(id, ref);
    }
    return ref;
  }

  dateTime(value: string): string | undefined {
    return fhirDateTime(value, this.share.zone);
  }
}

const annotation = (text: string | undefined, extra: Partial<Annotation> = {}): Annotation[] =>
  text?.trim() ? [{ text: text.trim(), ...extra }] : [];

function patientOf(b: BundleBuilder): { patient: Reference<Patient>; representatives: Reference<RelatedPerson>[] } {
  const { share } = b;
  const p = share.person;
  const folder = `people/${share.id}`;
  const patient = b.add<Patient>(
    {
      resourceType: 'Patient',
      id: b.id(`${folder}/person.yaml`),
      ...(p.nhs_number
        ? { identifier: [{ use: 'official', system: 'https://fhir.nhs.uk/Id/nhs-number', value: p.nhs_number.replace(/\D/g, '') }] }
        : {}),
      active: p.status === 'active',
      name: [
        { use: 'official', text: p.name },
        ...(p.preferred_name ? [{ use: 'usual' as const, text: p.preferred_name, given: [p.preferred_name] }] : []),
      ],
      ...(p.date_of_birth ? { birthDate: p.date_of_birth } : {}),
      managingOrganization: b.organization,
    },
    p.name,
  );
  const representatives = (p.representatives ?? []).map((r, i) => {
    const authority = LPA_WORDS[r.authority];
    return b.add<RelatedPerson>(
      {
        resourceType: 'RelatedPerson',
        id: b.id(`${folder}/person.yaml#representatives/${i}`),
        active: true,
        patient,
        relationship: [{ text: authority ? `${r.relationship}; ${authority}` : r.relationship }],
        name: [{ text: r.name }],
      },
      r.name,
    );
  });
  return { patient, representatives };
}

function assessmentOf(b: BundleBuilder, patient: Reference<Patient>, notes: boolean): Reference<ClinicalImpression> | undefined {
  const doc = b.share.assessment;
  if (!doc) return undefined;
  const a = doc.data;
  const note = notes
    ? [...annotation(notesText(a.notes)), ...a.needs.flatMap((n) => annotation(notesText(n.notes) && `${n.id}: ${notesText(n.notes)}`))]
    : [];
  const words = { initial: 'initial assessment', review: 'review assessment', 'change-in-needs': 'assessment after a change in needs' }[
    a.type
  ];
  return b.add<ClinicalImpression>(
    {
      resourceType: 'ClinicalImpression',
      id: b.id(doc.file),
      status: 'completed',
      description: `${words[0].toUpperCase()}${words.slice(1)}${a.with_person ? ', completed with the person' : ''}`,
      subject: patient,
      effectiveDateTime: b.dateTime(a.at),
      date: b.dateTime(a.at),
      assessor: b.staff(a.by),
      finding: a.needs.map((n) => {
        const risks = (n.risks ?? []).map(
          (r) => `${r.description}: ${r.level} risk${r.tool ? ` (${r.tool}${r.score !== undefined ? ` ${r.score}` : ''})` : ''}`,
        );
        return { itemCodeableConcept: { text: `${n.domain}: ${n.description}` }, ...(risks.length ? { basis: risks.join('; ') } : {}) };
      }),
      ...(note.length ? { note } : {}),
    },
    `Assessment of ${doc.date}`,
  );
}

const STATUS: Record<string, CarePlan['status']> = { approved: 'active', unsigned: 'draft', 'changed-since-signoff': 'draft' };
const STATE_TITLE: Record<string, string> = {
  approved: 'approved',
  unsigned: 'not yet signed off',
  'changed-since-signoff': 'changed since it was signed off; not yet approved',
};
const GOAL_STATUS = { active: 'active', achieved: 'completed', discontinued: 'cancelled' } as const;

const outcomeMoment = (entry: Entry<{ at: string }>, zone: string): number | undefined => parseTimestamp(entry.data.at, zone);

interface PlanRefs {
  carePlan?: Reference<CarePlan>;
  goals: Map<string, Reference<Goal>>;
}

/** The plan's Goals; their outcome references are filled in once the Observations exist. */
function goalsOfPlan(
  b: BundleBuilder,
  patient: Reference<Patient>,
  notes: boolean,
): { refs: Map<string, Reference<Goal>>; resources: Map<string, Goal> } {
  const refs = new Map<string, Reference<Goal>>();
  const resources = new Map<string, Goal>();
  const plan = b.share.plan;
  if (!plan) return { refs, resources };
  for (const { need, goal } of goalsOf(plan)) {
    const target = numericTarget(goal);
    const measure = { text: goal.measure ?? goal.description };
    const detail =
      target !== undefined
        ? {
            detailQuantity: {
              value: target,
              // The direction, when the plan states one: at least the target, at most it, or about it.
              ...(goal.direction === 'increase'
                ? { comparator: '>=' as const }
                : goal.direction === 'decrease'
                  ? { comparator: '<=' as const }
                  : {}),
              ...(goal.unit ? { unit: goal.unit } : {}),
            },
          }
        : goal.target !== undefined
          ? { detailString: String(goal.target) }
          : {};
    const hasDetail = Object.keys(detail).length > 0;
    const resource: Goal & { id: string } = {
      resourceType: 'Goal',
      id: b.id(`people/${b.share.id}/plan.yaml#goals/${goal.id}`),
      lifecycleStatus: GOAL_STATUS[goal.status],
      ...(goal.status === 'achieved'
        ? {
            achievementStatus: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'achieved', display: 'Achieved' }],
            },
          }
        : {}),
      description: { text: goal.description },
      subject: patient,
      ...(hasDetail || goal.by
        ? { target: [{ ...(hasDetail ? { measure } : {}), ...detail, ...(goal.by ? { dueDate: goal.by } : {}) }] }
        : {}),
      addresses: [{ display: assessedNeed(b.share, need.need).description ?? need.need }],
      ...(notes && notesText(goal.notes) ? { note: annotation(notesText(goal.notes)) } : {}),
    };
    refs.set(goal.id, b.add<Goal>(resource, goal.description));
    resources.set(goal.id, resource);
  }
  return { refs, resources };
}

function carePlanOf(
  b: BundleBuilder,
  patient: Reference<Patient>,
  goals: Map<string, Reference<Goal>>,
  assessment: Reference<ClinicalImpression> | undefined,
  notes: boolean,
): Reference<CarePlan> | undefined {
  const { share } = b;
  const plan = share.plan;
  if (!plan) return undefined;
  const discharged = share.person.status === 'discharged';
  const start = share.inUseSince ?? plan.updated;
  const activity: CarePlanActivity[] = plan.needs.flatMap((need) => {
    const assessed = assessedNeed(share, need.need);
    const needGoals = need.goals.map((g) => goals.get(g.id)!).filter(Boolean);
    return need.actions.map((action) => ({
      ...(notes && notesText(action.notes) ? { progress: annotation(notesText(action.notes)) } : {}),
      detail: {
        reasonCode: [{ text: assessed.description ?? need.need }],
        ...(needGoals.length ? { goal: needGoals } : {}),
        status: action.status === 'active' ? ('in-progress' as const) : ('stopped' as const),
        ...(action.frequency ? { scheduledString: action.frequency } : {}),
        description: action.description,
      },
    }));
  });
  const whatMatters: Annotation[] = [
    ...(plan.strengths?.length ? annotation(`Strengths: ${plan.strengths.join('; ')}`) : []),
    ...plan.needs.flatMap((n) =>
      annotation(
        n.preferences?.length
          ? `Preferences (${assessedNeed(share, n.need).description ?? n.need}): ${n.preferences.join('; ')}`
          : undefined,
      ),
    ),
  ];
  const freeText: Annotation[] = notes
    ? [
        ...annotation(notesText(plan.notes)),
        ...plan.needs.flatMap((n) =>
          annotation(notesText(n.notes) && `${assessedNeed(share, n.need).description ?? n.need}: ${notesText(n.notes)}`),
        ),
        ...share.signoffs.flatMap((s) =>
          annotation(s.data.note && `Sign-off of version ${s.data.version}: ${s.data.note}`, {
            authorReference: b.staff(s.data.by),
            time: b.dateTime(s.data.at),
          }),
        ),
        ...share.agreements.flatMap((a) =>
          annotation(a.data.note && `Agreement to version ${a.data.version}: ${a.data.note}`, { time: b.dateTime(a.data.at) }),
        ),
      ]
    : [];
  return b.add<CarePlan>(
    {
      resourceType: 'CarePlan',
      id: b.id(`people/${share.id}/plan.yaml`),
      status: discharged ? 'completed' : STATUS[share.state],
      intent: 'plan',
      title: `Care plan version ${plan.version} (${discharged ? `discharged on ${share.person.discharged}` : STATE_TITLE[share.state]})`,
      description: plan.about_me.trim(),
      subject: patient,
      period: { start: b.dateTime(start), ...(discharged && share.person.discharged ? { end: share.person.discharged } : {}) },
      author: b.staff(plan.author),
      addresses: plan.needs.map((n) => ({ display: assessedNeed(share, n.need).description ?? n.need })),
      ...(assessment ? { supportingInfo: [assessment] } : {}),
      goal: [...goals.values()],
      activity,
      ...(whatMatters.length || freeText.length ? { note: [...whatMatters, ...freeText] } : {}),
    },
    `Care plan version ${plan.version}`,
  );
}

function observationsOf(
  b: BundleBuilder,
  patient: Reference<Patient>,
  refs: PlanRefs,
  goals: Map<string, Goal>,
  options: FhirOptions,
): void {
  const { share } = b;
  const goalOf = new Map(share.plan ? goalsOf(share.plan).map(({ goal }) => [goal.id, goal]) : []);
  for (const entry of share.outcomes) {
    const at = outcomeMoment(entry, share.zone);
    if (at === undefined || (options.since !== undefined && at < options.since)) continue;
    const e = entry.data;
    const goal = e.goal ? goalOf.get(e.goal) : undefined;
    const goalRef = e.goal ? refs.goals.get(e.goal) : undefined;
    const notes = options.includeNotes ? [...annotation(e.note), ...annotation(notesText(e.notes))] : [];
    const ref = b.add<Observation>({
      resourceType: 'Observation',
      id: b.id(`${entry.file}#${entry.index}`),
      status: 'final',
      // The plan, not a version of it: an entry made under version 1 refers to the same CarePlan.
      ...(refs.carePlan ? { basedOn: [{ reference: refs.carePlan.reference }] } : {}),
      code: {
        coding: [kindCoding(e.goal ? 'goal-outcome' : 'care-given')],
        text: goal ? `Outcome: ${goal.description}` : e.goal ? `Outcome for goal ${e.goal}` : 'Care given',
      },
      subject: patient,
      ...(goalRef ? { focus: [goalRef] } : {}),
      effectiveDateTime: instantText(at, share.zone),
      performer: [b.staff(e.by)],
      // A measurement is the value; the result is always the interpretation, so a reader finds it in one place.
      ...(typeof e.value === 'number'
        ? { valueQuantity: { value: e.value, ...(goal?.unit ? { unit: goal.unit } : {}) } }
        : { valueCodeableConcept: { coding: [resultCoding(e.result)] } }),
      interpretation: [{ coding: [resultCoding(e.result)] }],
      ...(e.variation || notes.length ? { note: [...annotation(e.variation && `Variation from the plan: ${e.variation}`), ...notes] } : {}),
    });
    const resource = e.goal ? goals.get(e.goal) : undefined;
    if (resource) resource.outcomeReference = [...(resource.outcomeReference ?? []), ref];
  }
}

function provenancesOf(b: BundleBuilder, carePlan: Reference<CarePlan> | undefined): void {
  const { share } = b;
  const target = (version: number): Reference => ({
    ...(carePlan ? { reference: carePlan.reference } : {}),
    display: `Care plan version ${version}`,
  });
  for (const s of share.signoffs) {
    const at = parseTimestamp(s.data.at, share.zone);
    if (at === undefined) continue;
    const who = b.staff(s.data.by);
    b.add<Provenance>({
      resourceType: 'Provenance',
      id: b.id(`${s.file}#${s.index}`),
      target: [target(s.data.version)],
      occurredDateTime: instantText(at, share.zone),
      recorded: instantText(at, share.zone),
      activity: {
        text: s.authorised ? 'Care plan sign-off' : 'Care plan sign-off by someone without a sign-off role: it approves nothing',
      },
      agent: [
        {
          type: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'verifier', display: 'Verifier' },
            ],
          },
          who,
          onBehalfOf: b.organization,
        },
      ],
      signature: [
        {
          type: [{ system: 'urn:iso-astm:E1762-95:2013', code: '1.2.840.10065.1.12.1.5', display: 'Verification Signature' }],
          when: instantText(at, share.zone),
          who,
          // careplan's plan hash: sha256 of the plan's canonical JSON (SPEC section 1), as its UTF-8 text.
          targetFormat: 'application/json',
          sigFormat: 'text/plain',
          data: base64(s.data.plan),
        },
      ],
    });
  }
}

function consentsOf(
  b: BundleBuilder,
  patient: Reference<Patient>,
  representatives: Reference<RelatedPerson>[],
  carePlan: Reference<CarePlan> | undefined,
): void {
  const { share } = b;
  const names = (share.person.representatives ?? []).map((r) => r.name);
  for (const a of share.agreements) {
    const d = a.data;
    const dateTime = b.dateTime(d.at);
    const current = share.plan?.version === d.version && share.hash === d.plan;
    const representative =
      d.by === 'representative'
        ? (representatives[names.indexOf(d.name ?? '')] ?? {
            display: [d.name, d.relationship].filter(Boolean).join(', ') || 'a representative',
          })
        : undefined;
    const recorder = share.staff.get(d.recorded_by)?.name ?? d.recorded_by;
    b.add<Consent>({
      resourceType: 'Consent',
      id: b.id(`${a.file}#${a.index}`),
      status: current ? 'active' : 'inactive',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment', display: 'Treatment' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
      patient,
      ...(dateTime ? { dateTime } : {}),
      performer: [representative ?? patient],
      organization: [b.organization],
      policyRule: {
        text: `Agreement to care plan version ${d.version} (${d.method}), recorded by ${recorder}`,
      },
      provision: { type: 'permit', ...(carePlan ? { data: [{ meaning: 'related', reference: { reference: carePlan.reference } }] } : {}) },
    });
  }
}

/** The person's Bundle. */
export function fhirBundle(share: PersonShare, options: FhirOptions): Bundle {
  const b = new BundleBuilder(share);
  const { patient, representatives } = patientOf(b);
  if (!share.plan) return bundleOf(b, share, options);
  const assessment = share.plan ? assessmentOf(b, patient, options.includeNotes) : undefined;
  const goals = goalsOfPlan(b, patient, options.includeNotes);
  const carePlan = carePlanOf(b, patient, goals.refs, assessment, options.includeNotes);
  observationsOf(b, patient, { carePlan, goals: goals.refs }, goals.resources, options);
  provenancesOf(b, carePlan);
  consentsOf(b, patient, representatives, carePlan);
  for (const system of CODE_SYSTEMS) b.add({ ...system, id: system.id! });
  return bundleOf(b, share, options);
}

function bundleOf(b: BundleBuilder, share: PersonShare, options: FhirOptions): Bundle {
  return {
    resourceType: 'Bundle',
    id: b.id(`people/${share.id}#bundle`),
    type: 'collection',
    ...(options.timestamp !== undefined ? { timestamp: instantText(options.timestamp, share.zone) } : {}),
    entry: b.entries,
  };
}

/** Several people: a Bundle of their Bundles. */
export function fhirBundles(bundles: readonly Bundle[], zone: string, timestamp?: number): Bundle {
  return {
    resourceType: 'Bundle',
    id: stableUuid(`careplan|bundles|${bundles.map((x) => x.id).join(',')}`),
    type: 'collection',
    ...(timestamp !== undefined ? { timestamp: instantText(timestamp, zone) } : {}),
    entry: bundles.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
