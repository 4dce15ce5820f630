import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import jsYaml from 'js-yaml';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUrnReferenceWarning, validateR4 } from '../helpers/fhirR4.js';
import { careplan, careplanBin, EXAMPLE, gitRepo, removeDir, tempDir } from '../helpers/repo.js';
import { validRepository } from '../fixtures/records.js';

/**
 * `careplan export --format fhir` on the example (issue 14's "done when"): every person's Bundle
 * validates against the R4 base definitions, and its Goals, Observations and Provenances are as
 * many as the records hold, counted here from the YAML itself.
 */

const PEOPLE = readdirSync(path.join(EXAMPLE, 'people')).sort();
const yaml = (file: string) => jsYaml.load(readFileSync(path.join(EXAMPLE, file), 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as never;
const listLength = (file: string) => {
  try {
    return (yaml(file) as unknown[]).length;
  } catch {
    return 0;
  }
};

function counts(person: string): Record<string, number> {
  const folder = `people/${person}`;
  const plan = yaml(`${folder}/plan.yaml`) as { needs: { goals: unknown[] }[] };
  const months = readdirSync(path.join(EXAMPLE, folder, 'outcomes'));
  return {
    Patient: 1,
    CarePlan: 1,
    Goal: plan.needs.reduce((n, need) => n + need.goals.length, 0),
    Observation: months.reduce((n, m) => n + listLength(`${folder}/outcomes/${m}`), 0),
    Provenance: listLength(`${folder}/signoffs.yaml`),
    Consent: listLength(`${folder}/agreements.yaml`),
  };
}

const ofType = (b: Bundle, type: string) => (b.entry ?? []).filter((e) => e.resource?.resourceType === type).length;

describe('careplan export --format fhir on the example', () => {
  let all: Bundle;
  const dir = tempDir('careplan-export-fhir-');
  beforeAll(async () => {
    const r = await careplan(['export', ...PEOPLE, '--repo', EXAMPLE, '--format', 'fhir']);
    expect(r.exitCode, r.stderr).toBe(0);
    all = JSON.parse(r.stdout);
  });
  afterAll(() => removeDir(dir));

  it('gives every person a Bundle in one Bundle of Bundles, each of them valid against the R4 base definitions', () => {
    expect(all.type).toBe('collection');
    expect(all.entry).toHaveLength(PEOPLE.length);
    const issues = all.entry!.flatMap((e) => {
      const bundle = e.resource as Bundle;
      return [bundle, ...bundle.entry!.map((x) => x.resource!)].flatMap((r) =>
        validateR4(r).map((i) => ({ ...i, resource: `${r.resourceType}/${r.id}` })),
      );
    });
    expect(issues.filter((i) => !isUrnReferenceWarning(i))).toEqual([]);
    expect(validateR4(all).filter((i) => !isUrnReferenceWarning(i))).toEqual([]);
  });

  it.each(PEOPLE)(
    '%s: a Goal per plan goal, an Observation per outcome entry, a Provenance per sign-off, a Consent per agreement',
    (person) => {
      const index = PEOPLE.indexOf(person);
      const bundle = all.entry![index].resource as Bundle;
      const patient = bundle.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as Patient;
      const record = yaml(`people/${person}/person.yaml`) as { name: string; nhs_number?: string };
      expect(patient.name?.[0].text).toBe(record.name);
      if (record.nhs_number) expect(patient.identifier?.[0].value).toBe(record.nhs_number.replace(/ /g, ''));
      const expected = counts(person);
      expect(Object.fromEntries(Object.keys(expected).map((type) => [type, ofType(bundle, type)]))).toEqual(expected);
      expect(expected.Observation).toBeGreaterThan(50);
    },
  );

  it('is the same, byte for byte, every time; --out DIR writes one file each; the built bin writes the same', async () => {
    const again = await careplan(['export', ...PEOPLE, '--repo', EXAMPLE, '--format', 'fhir']);
    expect(again.stdout).toBe(JSON.stringify(all, null, 2));
    const folder = path.join(dir, 'each');
    mkdirSync(folder);
    const r = await careplan(['export', 'p-edith', 'p-olive', '--repo', EXAMPLE, '--format', 'fhir', '--out', folder]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe(`Wrote an HL7 FHIR R4 Bundle for p-edith, p-olive to 2 files in ${folder}.`);
    expect(readdirSync(folder).sort()).toEqual(['p-edith.fhir.json', 'p-olive.fhir.json']);
    expect(JSON.parse(readFileSync(path.join(folder, 'p-edith.fhir.json'), 'utf8'))).toEqual(
      all.entry![PEOPLE.indexOf('p-edith')].resource,
    );
    const bin = await careplanBin(['export', 'p-olive', '--repo', EXAMPLE, '--format', 'fhir']);
    expect(bin.exitCode).toBe(0);
    expect(`${bin.stdout}\n`).toBe(readFileSync(path.join(folder, 'p-olive.fhir.json'), 'utf8'));
  });

  it("a measured goal's entries carry their values with the goal's unit", () => {
    const olive = all.entry![PEOPLE.indexOf('p-olive')].resource as Bundle;
    const measured = olive
      .entry!.map((e) => e.resource)
      .filter((r): r is Observation => r?.resourceType === 'Observation' && r.valueQuantity !== undefined);
    expect(measured.length).toBeGreaterThan(3);
    expect(measured.every((o) => o.valueQuantity?.unit === 'ml')).toBe(true);
  });

  it('says a discharged person was discharged, on stderr and in the Bundle', async () => {
    const r = await careplan(['export', 'p-walter', '--repo', EXAMPLE, '--format', 'fhir']);
    expect(r.stderr).toBe('careplan: note: p-walter was discharged on 2026-10-23; the export says so.');
    const plan = (JSON.parse(r.stdout) as Bundle).entry!.find((e) => e.resource?.resourceType === 'CarePlan')!.resource as {
      status: string;
      period: { end: string };
    };
    expect(plan).toMatchObject({ status: 'completed', period: { end: '2026-10-23' } });
  });

  it("--as-of gives the records as they stood, with that moment as the Bundle's timestamp; --since and --include-notes", async () => {
    const then = JSON.parse(
      (await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'fhir', '--as-of', '2026-10-31'])).stdout,
    ) as Bundle;
    expect(then.timestamp).toBe('2026-10-31T23:59:59+00:00');
    const plan = then.entry!.find((e) => e.resource?.resourceType === 'CarePlan')!.resource as { title: string };
    expect(plan.title).toBe('Care plan version 1 (approved)');
    const observations = then
      .entry!.filter((e) => e.resource?.resourceType === 'Observation')
      .map((e) => (e.resource as Observation).effectiveDateTime!);
    expect(observations.every((t) => t < '2026-11-01')).toBe(true);
    const since = JSON.parse(
      (await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'fhir', '--since', '2026-11-20'])).stdout,
    ) as Bundle;
    const times = since
      .entry!.filter((e) => e.resource?.resourceType === 'Observation')
      .map((e) => (e.resource as Observation).effectiveDateTime!);
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t >= '2026-11-20')).toBe(true);
    const plain = (await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'fhir'])).stdout;
    const notes = (await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'fhir', '--include-notes'])).stdout;
    expect(plain).not.toContain('Stopped to chat');
    expect(notes).toContain('Stopped to chat');
  });
});

describe('careplan export refusals', () => {
  const dir = tempDir('careplan-export-refusals-');
  afterAll(() => removeDir(dir));
  const refused = async (args: string[], ...says: RegExp[]) => {
    const r = await careplan(['export', ...args]);
    expect(r.exitCode, r.stderr).toBe(2);
    for (const s of says) expect(r.stderr).toMatch(s);
    expect(r.stdout).toBe('');
  };

  it('an unknown person, no --format, an unknown format, a flag the format does not take, two people for a one-person format', async () => {
    await refused(['p-nobody', '--repo', EXAMPLE, '--format', 'fhir'], /There is no person p-nobody/, /careplan person list/);
    await refused(['p-edith', '--repo', EXAMPLE], /careplan export needs --format: fhir, easy-read, sar/);
    await refused(['p-edith', '--repo', EXAMPLE, '--format', 'pdf'], /Allowed choices are fhir, easy-read, sar/);
    await refused(
      ['p-edith', '--repo', EXAMPLE, '--format', 'easy-read', '--out', path.join(dir, 'x.html'), '--since', '2026-11-01'],
      /--since does not apply to --format easy-read/,
    );
    await refused(
      ['p-edith', 'p-olive', '--repo', EXAMPLE, '--format', 'easy-read', '--out', path.join(dir, 'x.html')],
      /--format easy-read takes one person at a time, not 2/,
    );
    await refused(['p-edith', '--repo', EXAMPLE, '--format', 'sar'], /--format sar needs --out: a new or empty folder/);
    await refused(['../x', '--repo', EXAMPLE, '--format', 'fhir'], /person id "\.\.\/x" is not a valid id/);
  });

  it('--help ends with three real examples', async () => {
    const r = await careplan(['export', '--help']);
    expect(r.exitCode).toBe(0);
    const examples = r.stdout.trimEnd().split('\nExamples:\n')[1].split('\n');
    expect(examples).toHaveLength(3);
    for (const line of examples) expect(line).toMatch(/^ {2}\$ careplan export p-edith --format (fhir|easy-read|sar) /);
  });

  it('--out into a folder that does not exist names it; an existing file is never written over', async () => {
    const missing = path.join(dir, 'no-such-folder');
    await refused(
      ['p-edith', '--repo', EXAMPLE, '--format', 'fhir', '--out', path.join(missing, 'edith.json')],
      new RegExp(`the folder ${missing} does not exist`),
      /mkdir -p/,
    );
    await refused(
      ['p-edith', '--repo', EXAMPLE, '--format', 'sar', '--out', path.join(missing, 'sar')],
      new RegExp(`the folder ${missing} does not exist`),
    );
    const existing = path.join(dir, 'edith.json');
    writeFileSync(existing, 'keep me');
    await refused(['p-edith', '--repo', EXAMPLE, '--format', 'fhir', '--out', existing], /already exists; careplan does not write over it/);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
  });

  it('a person with no plan: the Patient only, and a note on stderr; no easy-read plan for them', async () => {
    const files = validRepository();
    for (const f of Object.keys(files))
      if (/people\/p-edith\/(plan|signoffs|acknowledgements|agreements|outcomes|reviews|escalations)/.test(f)) delete files[f];
    const repo = await gitRepo(files);
    try {
      const r = await careplan(['export', 'p-edith', '--format', 'fhir'], { cwd: repo });
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe('careplan: note: p-edith has no care plan yet, so their Bundle holds the Patient and no care plan.');
      expect((JSON.parse(r.stdout) as Bundle).entry!.map((e) => e.resource!.resourceType)).toEqual([
        'Organization',
        'Patient',
        'RelatedPerson',
      ]);
      const easy = await careplan(['export', 'p-edith', '--format', 'easy-read', '--out', path.join(dir, 'none.html')], { cwd: repo });
      expect(easy.exitCode).toBe(2);
      expect(easy.stderr).toContain('p-edith has no care plan yet, so there is no plan to make easy to read.');
    } finally {
      removeDir(repo);
    }
  });
});
