import type { CodeSystem, Coding } from '@medplum/fhirtypes';
import type { OutcomeEntry } from '../model/workspace.js';

/**
 * The code systems careplan defines for its FHIR export. careplan owns no web address, so each is
 * named by a fixed `urn:uuid:` (FHIR allows a UUID as a code system's URI); every exported Bundle
 * carries the CodeSystem resources themselves, so a receiving system can read what each code means.
 */

type Result = OutcomeEntry['result'];

export const OUTCOME_RESULT_SYSTEM = 'urn:uuid:f342d6dc-84ae-4381-b1ed-6f35aa41f426';
export const RECORD_KIND_SYSTEM = 'urn:uuid:34163503-134f-475d-ad64-d2d0f5b99b67';

const RESULTS: Record<Result, { display: string; definition: string }> = {
  achieved: { display: 'Achieved', definition: 'The goal was achieved at this interaction.' },
  improving: { display: 'Improving', definition: 'Progress towards the goal, not yet achieved.' },
  'no-change': { display: 'No change', definition: 'No change towards or away from the goal.' },
  worsening: { display: 'Worsening', definition: 'Further from the goal than before.' },
  declined: { display: 'Declined', definition: 'The person chose not to take part or declined the support.' },
  'not-attempted': { display: 'Not attempted', definition: 'The support towards the goal was not given at this interaction.' },
};

const KINDS = {
  'goal-outcome': {
    display: 'Care plan goal outcome',
    definition: 'What staff recorded after an interaction about progress towards a care plan goal.',
  },
  'care-given': {
    display: 'Care given',
    definition: 'What staff recorded after an interaction that carried out care plan actions, with no goal named.',
  },
} as const;

export type RecordKindCode = keyof typeof KINDS;

export const resultCoding = (result: Result): Coding => ({ system: OUTCOME_RESULT_SYSTEM, code: result, display: RESULTS[result].display });
export const kindCoding = (kind: RecordKindCode): Coding => ({ system: RECORD_KIND_SYSTEM, code: kind, display: KINDS[kind].display });

const codeSystem = (
  id: string,
  url: string,
  name: string,
  title: string,
  description: string,
  concepts: Record<string, { display: string; definition: string }>,
): CodeSystem => ({
  resourceType: 'CodeSystem',
  id,
  url,
  name,
  title,
  status: 'active',
  description,
  caseSensitive: true,
  content: 'complete',
  concept: Object.entries(concepts).map(([code, c]) => ({ code, display: c.display, definition: c.definition })),
});

/** The CodeSystem resources every exported Bundle carries (their ids are the UUIDs of their URIs). */
export const CODE_SYSTEMS: readonly CodeSystem[] = [
  codeSystem(
    OUTCOME_RESULT_SYSTEM.slice('urn:uuid:'.length),
    OUTCOME_RESULT_SYSTEM,
    'CareplanOutcomeResult',
    'careplan outcome result',
    'The result staff recorded in a care plan outcome entry (the careplan outcome log).',
    RESULTS,
  ),
  codeSystem(
    RECORD_KIND_SYSTEM.slice('urn:uuid:'.length),
    RECORD_KIND_SYSTEM,
    'CareplanRecordKind',
    'careplan record kind',
    'What kind of careplan record an Observation comes from.',
    KINDS,
  ),
];
