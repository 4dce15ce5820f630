import type { Bundle, CarePlan, Consent, Goal, Observation, Patient, Provenance, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { OUTCOME_RESULT_SYSTEM } from '../../src/format/fhirCodes.js';
import { fhirBundle, fhirBundles, type FhirOptions } from '../../src/format/fhirBundle.js';
import { instantText, stableUuid } from '../../src/format/fhirValues.js';
import { planHash } from '../../src/model/planHash.js';
import type { Workspace } from '../../src/model/workspace.js';
import { expectGolden } from '../helpers/golden.js';
import { asOf, workspaceOf } from '../helpers/memory.js';
import { isUrnReferenceWarning, validateR4 } from '../helpers/fhirR4.js';
import { edieShare, shareFiles } from '../helpers/shareFixture.js';

const files = shareFiles;

function bundleOf(ws: Workspace, options: Partial<FhirOptions> = {}): Bundle {
  return fhirBundle(edieShare(ws), { includeNotes: false, ...options });
}

const resources = <T extends Resource>(b: Bundle, type: T['resourceType']): T[] =>
  (b.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);

const texts = (b: Bundle) => JSON.stringify(b);

describe('the FHIR R4 Bundle of one person', () => {
  const ws = workspaceOf(files());
  const bundle = bundleOf(ws);

  it('is a collection whose every resource validates against the R4 base definitions', () => {
    expect(bundle.type).toBe('collection');
    const issues = [bundle, ...(bundle.entry ?? []).map((e) => e.resource!)].flatMap(validateR4).filter((i) => !isUrnReferenceWarning(i));
    expect(issues).toEqual([]);
    expect(bundle.entry!.every((e) => e.fullUrl === `urn:uuid:${e.resource!.id}`)).toBe(true);
  });

  it('Patient: names, birth date, the NHS number as digits under the NHS number system', () => {
    const [patient] = resources<Patient>(bundle, 'Patient');
    expect(patient.identifier).toEqual([{ use: 'official', system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }]);
    expect(patient.name).toEqual([
      { use: 'official', text: 'Edith Clarke' },
      { use: 'usual', text: 'Edie', given: ['Edie'] },
    ]);
    expect(patient.birthDate).toBe('1938-04-02');
    expect(patient.active).toBe(true);
  });

  it('CarePlan: active when approved, period from the first sign-off, author, needs, actions with frequency, goals, assessment', () => {
    const [plan] = resources<CarePlan>(bundle, 'CarePlan');
    expect(plan.status).toBe('active');
    expect(plan.intent).toBe('plan');
    expect(plan.period).toEqual({ start: '2026-10-29T16:20:00+00:00' });
    expect(plan.author?.display).toBe('Ben Hart');
    expect(plan.addresses).toEqual([{ display: 'Unsteady walking, uses a frame.' }]);
    expect(plan.activity).toEqual([
      {
        detail: {
          reasonCode: [{ text: 'Unsteady walking, uses a frame.' }],
          goal: plan.goal,
          status: 'in-progress',
          scheduledString: 'daily at 12:30',
          description: 'Walk beside Edie to the dining room',
        },
      },
    ]);
    expect(plan.goal).toHaveLength(2);
    const [assessment] = resources(bundle, 'ClinicalImpression');
    expect(plan.supportingInfo).toEqual([{ reference: `urn:uuid:${assessment.id}`, display: 'Assessment of 2026-10-28' }]);
    expect(plan.description).toBe('Retired teacher; loves crosswords and her cat Moss.');
  });

  it('Goal: description, lifecycle, a numeric target as detailQuantity with the unit and the direction, due date', () => {
    const [walk, weight] = resources<Goal>(bundle, 'Goal');
    expect(walk.lifecycleStatus).toBe('active');
    expect(walk.description).toEqual({ text: 'Walks to lunch with her frame without help' });
    expect(walk.target).toEqual([{ measure: { text: 'unaided walks a week' }, detailQuantity: { value: 5 }, dueDate: '2027-01-31' }]);
    expect(weight.target).toEqual([{ measure: { text: 'weight' }, detailQuantity: { value: 60, unit: 'kg' } }]);
    expect(walk.outcomeReference).toHaveLength(2);
  });

  it('Observation per outcome entry: time with its offset, performer, goal, result coded, value, the variation as a note', () => {
    const observations = resources<Observation>(bundle, 'Observation');
    expect(observations).toHaveLength(3);
    const [first, second, weighed] = observations;
    const [walk, weight] = resources<Goal>(bundle, 'Goal');
    expect(first.effectiveDateTime).toBe('2026-11-02T12:40:00+00:00');
    expect(first.performer).toEqual([expect.objectContaining({ display: 'Ben Hart' })]);
    expect(first.focus).toEqual([{ reference: `urn:uuid:${walk.id}`, display: walk.description.text }]);
    expect(first.valueCodeableConcept).toEqual({ coding: [{ system: OUTCOME_RESULT_SYSTEM, code: 'improving', display: 'Improving' }] });
    expect(first.note).toBeUndefined();
    expect(second.note).toEqual([{ text: 'Variation from the plan: Used wheelchair; frame away for repair' }]);
    expect(weighed.focus?.[0].reference).toBe(`urn:uuid:${weight.id}`);
    expect(weighed.valueQuantity).toEqual({ value: 58.9, unit: 'kg' });
    expect(weighed.interpretation).toEqual([{ coding: [{ system: OUTCOME_RESULT_SYSTEM, code: 'no-change', display: 'No change' }] }]);
  });

  it("Provenance per sign-off (who, when, the plan hash as the signature's data) and a Consent per agreement", () => {
    const [provenance] = resources<Provenance>(bundle, 'Provenance');
    const hash = planHash(ws.people.get('p-edith')!.plan!.data);
    expect(provenance.recorded).toBe('2026-10-29T16:20:00+00:00');
    expect(provenance.agent[0].who.display).toBe('Amina Okafor');
    expect(Buffer.from(provenance.signature![0].data!, 'base64').toString('utf8')).toBe(hash);
    const [consent] = resources<Consent>(bundle, 'Consent');
    expect(consent.status).toBe('active');
    expect(consent.performer).toEqual([expect.objectContaining({ display: 'Edith Clarke' })]);
    expect(consent.dateTime).toBe('2026-10-30T11:00:00+00:00');
  });

  it('free text goes out only with includeNotes', () => {
    expect(texts(bundle)).not.toContain('Walked with frame');
    expect(texts(bundle)).not.toContain('Checked against assessment');
    const withNotes = bundleOf(ws, { includeNotes: true });
    const [first] = resources<Observation>(withNotes, 'Observation');
    expect(first.note).toEqual([{ text: 'Walked with frame; I stayed beside her as planned.' }]);
    expect(texts(withNotes)).toContain('Sign-off of version 1: Checked against assessment');
    expect([withNotes, ...withNotes.entry!.map((e) => e.resource!)].flatMap(validateR4).filter((i) => !isUrnReferenceWarning(i))).toEqual(
      [],
    );
  });

  it('since leaves out earlier outcome entries; the same records give the same bytes, with no clock in them', () => {
    const since = bundleOf(ws, { since: asOf('2026-11-03T00:00') });
    expect(resources(since, 'Observation')).toHaveLength(2);
    expect(JSON.stringify(bundleOf(workspaceOf(files())))).toBe(JSON.stringify(bundle));
    expect(bundle.timestamp).toBeUndefined();
    expect(bundleOf(ws, { timestamp: asOf('2026-11-26') }).timestamp).toBe('2026-11-26T23:59:59+00:00');
  });

  it("a plan changed since its sign-off is a draft; a discharged person's plan is completed, ending on the discharge", () => {
    const changed = bundleOf(
      workspaceOf(
        files((f) => (f['people/p-edith/plan.yaml'] = f['people/p-edith/plan.yaml'].replace('Retired teacher', 'Retired head teacher'))),
      ),
    );
    expect(resources<CarePlan>(changed, 'CarePlan')[0]).toMatchObject({
      status: 'draft',
      title: 'Care plan version 1 (changed since it was signed off; not yet approved)',
    });
    const left = bundleOf(
      workspaceOf(
        files(
          (f) =>
            (f['people/p-edith/person.yaml'] = f['people/p-edith/person.yaml'].replace(
              'status: active',
              'status: discharged\ndischarged: 2026-11-28',
            )),
        ),
      ),
    );
    expect(resources<CarePlan>(left, 'CarePlan')[0]).toMatchObject({
      status: 'completed',
      period: { start: '2026-10-29T16:20:00+00:00', end: '2026-11-28' },
    });
    expect(resources<Patient>(left, 'Patient')[0].active).toBe(false);
  });

  it('a person with no plan: the Patient and no care plan', () => {
    const none = bundleOf(
      workspaceOf(
        files((f) => {
          for (const k of Object.keys(f)) if (/plan\.yaml|signoffs|acknowledgements|agreements|outcomes|reviews/.test(k)) delete f[k];
        }),
      ),
    );
    expect(none.entry!.map((e) => e.resource!.resourceType)).toEqual(['Organization', 'Patient', 'RelatedPerson']);
  });

  it('several people: a Bundle of their Bundles, still valid', () => {
    const elsewhere = bundleOf(workspaceOf(files((f) => (f['careplan.yaml'] = f['careplan.yaml'].replace('1-000000001', '1-000000002')))));
    const both = fhirBundles([bundle, elsewhere], 'Europe/London');
    expect(both.entry!.map((e) => e.resource!.resourceType)).toEqual(['Bundle', 'Bundle']);
    expect(validateR4(both).filter((i) => !isUrnReferenceWarning(i))).toEqual([]);
  });

  it('matches the reviewed golden file', () => {
    expectGolden('export/fhir.json', `${JSON.stringify(bundle, null, 2)}\n`);
  });
});

describe('FHIR values', () => {
  it("instants carry the offset of the provider's timezone on that day, summer and winter", () => {
    expect(instantText(Date.parse('2026-07-01T11:40:05Z'), 'Europe/London')).toBe('2026-07-01T12:40:05+01:00');
    expect(instantText(Date.parse('2026-12-01T11:40:00Z'), 'Europe/London')).toBe('2026-12-01T11:40:00+00:00');
    expect(instantText(Date.parse('2026-12-01T11:40:00Z'), 'America/St_Johns')).toBe('2026-12-01T08:10:00-03:30');
  });

  it('ids are UUIDs made from their seed: the same seed, the same id; another seed, another', () => {
    expect(stableUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('a')).toBe(stableUuid('a'));
    expect(stableUuid('a')).not.toBe(stableUuid('b'));
  });

  it('the validation the tests rely on finds what is wrong: a bad code, an unknown element, an empty list, a bad date', () => {
    const issues = validateR4({
      resourceType: 'Goal',
      lifecycleStatus: 'bogus',
      description: { text: 'x' },
      subject: { display: 'x' },
      note: [],
      startDate: '2026-13-01',
      colour: 'red',
    } as never).filter((i) => i.severity === 'error');
    expect(issues.map((i) => i.message).join('\n')).toMatch(/bogus/);
    expect(issues.some((i) => /colour/.test(i.message + i.path))).toBe(true);
    expect(issues.some((i) => /empty value \[\]/.test(i.message))).toBe(true);
    expect(issues.some((i) => i.path === 'Goal.start[x]' && /Invalid date/.test(i.message))).toBe(true);
  });
});
