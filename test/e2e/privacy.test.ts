import jsYaml from 'js-yaml';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS, type RecordKind } from '../../src/model/recordKinds.js';
import { readSchema, validatorFor } from '../../src/repo/schemas.js';
import type { CheckReport } from '../../src/format/checkReport.js';
import { FINDINGS_FORMATS } from '../../src/format/findingsFormats.js';
import { PLAIN } from '../../src/format/registry.js';
import { careplan, EXAMPLE, tempDir } from '../helpers/repo.js';

/**
 * Findings go to CI logs, so they quote no record value but ids, dates, enums and numbers the schema
 * types as such (docs/decisions.md). Here personal data (a marker: a name, a clinical note) goes into
 * every field of every record type, found by walking the schemas: as text, as a list, as a mapping,
 * as an unknown key and its value, and in place of every mapping and list. No output of `check` or
 * `validate`, in any format, may show it.
 */

const TOKEN = 'Zq7x';
const MARKER = `${TOKEN} Edith PRIVATE DNACPR in place`;

type Schema = Record<string, unknown>;
type Step = string | number;
type Variant = 'text' | 'list' | 'mapping' | 'unknown-key';
interface Mutation {
  path: Step[];
  variant: Variant;
}

function resolve(schema: Schema, file: string): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const [target, pointer] = ref.split('#');
  const doc = readSchema(target || file);
  const found = pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Schema)[key], doc) as Schema;
  return resolve(found, target || file);
}

/** Every field a schema describes (lists through their first item, maps through one key), with its schema. */
function fieldsOf(file: string): { path: Step[]; schema: Schema }[] {
  const out: { path: Step[]; schema: Schema }[] = [];
  const walk = (given: Schema, at: Step[], depth: number) => {
    const schema = resolve(given, file);
    out.push({ path: at, schema });
    if (depth > 6) return;
    const parts = [
      schema,
      ...['allOf', 'anyOf', 'oneOf'].flatMap((k) => (schema[k] as Schema[] | undefined) ?? []),
      schema.then as Schema | undefined,
      schema.else as Schema | undefined,
    ]
      .filter((s): s is Schema => Boolean(s))
      .map((s) => resolve(s, file));
    const properties = new Map<string, Schema>();
    for (const part of parts)
      for (const [k, v] of Object.entries((part.properties as Record<string, Schema>) ?? {})) if (!properties.has(k)) properties.set(k, v);
    for (const [key, sub] of properties) walk(sub, [...at, key], depth + 1);
    if (schema.items && typeof schema.items === 'object') walk(schema.items as Schema, [...at, 0], depth + 1);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
      walk(schema.additionalProperties as Schema, [...at, MARKER], depth + 1);
  };
  walk(readSchema(file), [], 0);
  return out;
}

function mutationsOf(file: string): Mutation[] {
  const out: Mutation[] = [];
  for (const { path: at, schema } of fieldsOf(file)) {
    for (const variant of ['text', 'list', 'mapping'] as const) out.push({ path: at, variant });
    if (schema.type === 'object' || schema.properties || schema.additionalProperties !== undefined)
      out.push({ path: at, variant: 'unknown-key' });
  }
  return out;
}

/** `record` with the mutation made, creating the mappings and lists on the way. */
function mutate(record: unknown, { path: at, variant }: Mutation): unknown {
  const value = variant === 'text' ? MARKER : variant === 'list' ? [MARKER] : { [MARKER]: MARKER };
  const root = structuredClone(record);
  if (at.length === 0) {
    if (variant !== 'unknown-key') return value;
    if (Array.isArray(root)) return [...root, { [MARKER]: MARKER }];
    return { ...(root as Schema), [MARKER]: MARKER };
  }
  let node = root as Record<Step, unknown>;
  at.slice(0, -1).forEach((step, i) => {
    const next = at[i + 1];
    if (node[step] === null || typeof node[step] !== 'object') node[step] = typeof next === 'number' ? [] : {};
    node = node[step] as Record<Step, unknown>;
  });
  const last = at[at.length - 1];
  if (variant === 'unknown-key') {
    if (node[last] === null || typeof node[last] !== 'object' || Array.isArray(node[last])) node[last] = {};
    (node[last] as Schema)[MARKER] = MARKER;
  } else {
    node[last] = value;
  }
  return root;
}

const load = (rel: string) => jsYaml.load(readFileSync(path.join(EXAMPLE, rel), 'utf8'), { schema: jsYaml.CORE_SCHEMA });
/** JSON is YAML: a mutant is written as JSON, so any key or value survives as it is. */
const yaml = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

const TEMPLATE = 'people/p-olive';
const PERSON_FILES: Partial<Record<RecordKind, string[]>> = {
  person: ['person.yaml'],
  plan: ['plan.yaml'],
  signoffs: ['signoffs.yaml'],
  acknowledgements: ['acknowledgements.yaml'],
  agreements: ['agreements.yaml'],
  escalations: ['escalations.yaml'],
  outcomes: ['outcomes/2026-11.yaml'],
  assessment: ['assessments/2026-11-03-initial.yaml'],
  review: ['reviews/2026-11-17-plan.yaml', 'reviews/2026-11-11-outcomes.yaml'],
};
/** Each mutant person's other records: enough for the care rules to judge the mutated one. */
const KEPT = ['person.yaml', 'plan.yaml', 'signoffs.yaml', 'assessments/2026-11-03-initial.yaml'];

const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const month = (i: number) => `${2001 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** Where mutant `i` of a home-level kind lives, and its record with the fields its file name names set to match. */
const HOME_PLACES: Partial<Record<RecordKind, { base: string; place(i: number, record: Schema): string }>> = {
  staff: { base: 'staff/s-amina.yaml', place: (i) => `staff/s-m${i}.yaml` },
  spotcheck: { base: 'spotchecks/2026-11-16-s-dana.yaml', place: (i) => `spotchecks/${day(i)}-s-dana.yaml` },
  feedback: { base: 'feedback/2026-11-06-night-staff-handover.yaml', place: (i) => `feedback/2026-11-06-m${i}.yaml` },
  audit: { base: '', place: (i) => `audits/${month(i)}.yaml` },
  supervision: { base: '', place: (i) => `supervisions/${day(i)}-s-carl.yaml` },
};
const SUPERVISION = {
  at: '2026-11-18T14:00',
  by: 's-amina',
  staff: 's-carl',
  kind: 'supervision',
  topics: ['recording'],
  findings: 'Timely.',
  actions: [{ description: 'Explain variations', due: '2026-11-25' }],
  people: ['p-edith'],
};
const AUDIT = {
  month: '2026-10',
  saved_at: '2026-11-05T11:40',
  saved_by: 's-amina',
  metrics: { 'accuracy.plans-approved': { label: 'Plans approved', value: 1, numerator: 6, denominator: 6, percent: 100, unit: 'plans' } },
  findings: {
    by_rule: { 'review-overdue': 1 },
    items: [{ rule: 'review-overdue', severity: 'error', person: 'p-olive', file: 'people/p-olive/plan.yaml', message: 'Review due' }],
  },
  actions: [{ description: 'Review plans', owner: 's-amina', due: '2026-11-30' }],
};
const AUDIT_ACTIONS = [{ audit: '2026-10', action: 1, status: 'done', at: '2026-11-20T10:00', by: 's-amina', note: 'Done' }];

/** Mutations of one file that can share it: no path inside another's. */
function packed(mutations: Mutation[]): Mutation[][] {
  const groups: Mutation[][] = [];
  const related = (a: Step[], b: Step[]): boolean => (a.length <= b.length ? a.every((s, i) => s === b[i]) : related(b, a));
  for (const m of mutations) {
    const group = groups.find((g) =>
      g.every((o) =>
        o.variant !== 'unknown-key' && m.variant !== 'unknown-key'
          ? !related(o.path, m.path)
          : o.path.join('/') !== m.path.join('/') && !related(o.path, m.path),
      ),
    );
    if (group) group.push(m);
    else groups.push([m]);
  }
  return groups;
}

const repos: string[] = [];
let mutants = 0;

/**
 * The mutants of one record: those its schema still accepts (personal data in a text field) each
 * alone, so the care rules see them; the rest packed into as few records as keep every mistake
 * visible, since a record that fails its schema is left out of the care rules anyway.
 */
function mutantsOf(schema: string, base: unknown, packAll = false): unknown[] {
  const validate = validatorFor(schema);
  const alone: Mutation[] = [];
  const failing: Mutation[] = [];
  for (const mutation of mutationsOf(schema)) {
    mutants++;
    if (validate(mutate(base, mutation))) alone.push(mutation);
    else failing.push(mutation);
  }
  const made = (group: Mutation[]) => group.reduce<unknown>((record, m) => mutate(record, m), base);
  return [...(packAll ? packed(alone) : alone.map((m) => [m])), ...packed(failing)].map(made);
}

function repository(): string {
  const dir = tempDir('careplan-privacy-');
  repos.push(dir);
  cpSync(path.join(EXAMPLE, 'staff'), path.join(dir, 'staff'), { recursive: true });
  writeFileSync(path.join(dir, 'careplan.yaml'), readFileSync(path.join(EXAMPLE, 'careplan.yaml')));
  return dir;
}

beforeAll(() => {
  const main = repository();
  let person = 0;
  for (const [kind, spec] of Object.entries(RECORD_KINDS) as [RecordKind, (typeof RECORD_KINDS)[RecordKind]][]) {
    for (const rel of PERSON_FILES[kind] ?? []) {
      for (const mutant of mutantsOf(spec.schema, load(`${TEMPLATE}/${rel}`))) {
        const dir = path.join(main, 'people', `p-m${++person}`);
        for (const kept of KEPT) {
          mkdirSync(path.dirname(path.join(dir, kept)), { recursive: true });
          let text = readFileSync(path.join(EXAMPLE, TEMPLATE, kept), 'utf8');
          if (kept === 'person.yaml') text = text.replace('id: p-olive', `id: p-m${person}`);
          writeFileSync(path.join(dir, kept), text);
        }
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), yaml(mutant));
      }
    }
    const home = HOME_PLACES[kind];
    if (home) {
      const base = kind === 'supervision' ? SUPERVISION : kind === 'audit' ? AUDIT : (load(home.base) as Schema);
      mutantsOf(spec.schema, base).forEach((mutant, i) => {
        // The file name's date, month or id, and the record's, agree unless the mutation changed it.
        const record = mutant as Schema;
        if ((kind === 'spotcheck' || kind === 'supervision') && record.at === (base as Schema).at) record.at = `${day(i)}T14:00`;
        if (kind === 'audit' && record.month === (base as Schema).month) record.month = month(i);
        if (kind === 'staff' && record.id === (base as Schema).id) record.id = `s-m${i}`;
        const file = path.join(main, home.place(i, record));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, yaml(record));
      });
    }
    // Files there is one of, read by no care rule: mutants packed, each pack in a repository of its own.
    if (kind === 'config' || kind === 'auditActions') {
      const file = kind === 'config' ? 'careplan.yaml' : 'audits/actions.yaml';
      mutantsOf(spec.schema, kind === 'config' ? load('careplan.yaml') : AUDIT_ACTIONS, true).forEach((mutant, i) => {
        const dir = repos[i + 1] ?? repository();
        mkdirSync(path.join(dir, 'audits'), { recursive: true });
        writeFileSync(path.join(dir, file), yaml(mutant));
      });
    }
  }
});
afterAll(() => repos.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const RUNS = [
  ['check'],
  ['check', '--format', 'json'],
  ['check', '--format', 'github'],
  ['check', '--format', 'junit'],
  ['validate'],
  ['validate', '--format', 'json'],
];

describe('personal data in findings', () => {
  it('every field of every record kind is mutated', () => {
    const kinds = Object.keys(RECORD_KINDS).length;
    expect(kinds).toBeGreaterThanOrEqual(16);
    expect(mutants).toBeGreaterThan(600);
  });

  it('appears in no output of check or validate, in any format', async () => {
    const leaks: string[] = [];
    const look = (what: string, text: string) => {
      for (const line of text.split('\n')) if (line.includes(TOKEN)) leaks.push(`${what}: ${line.trim()}`);
    };
    for (const dir of repos) {
      // The large repository is judged once per command and the small ones (one careplan.yaml or
      // actions list each) as JSON; check's findings then go through every formatter.
      const runs =
        dir === repos[0] ? RUNS.filter((argv) => argv[2] !== 'github' && argv[2] !== 'junit') : RUNS.filter((argv) => argv[2] === 'json');
      for (const argv of runs) {
        const r = await careplan([...argv, '--as-of', '2026-11-26'], { cwd: dir, env: { CAREPLAN_PARALLEL_FROM: '0' } });
        expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBeLessThan(2);
        look(argv.join(' '), `${r.stdout}\n${r.stderr}`);
        if (argv[2] === 'json' && argv[0] === 'check') {
          const report: CheckReport = {
            findings: JSON.parse(r.stdout).findings,
            asOf: '2026-11-26T23:59:00.000Z',
            asOfLocal: '2026-11-26T23:59',
            people: [],
            rules: { person: [], home: [] },
            failOn: 'error',
            workTreePrefix: '',
          };
          for (const format of Object.keys(FINDINGS_FORMATS) as (keyof typeof FINDINGS_FORMATS)[])
            look(`check --format ${format}`, FINDINGS_FORMATS[format](report, PLAIN));
        }
      }
    }
    expect([...new Set(leaks.map((l) => l.replace(/p-m\d+|s-m\d+|\d{4}-\d{2}(-\d{2})?/g, '…')))].slice(0, 40)).toEqual([]);
  }, 240_000);

  it('findings still say which field is wrong and what kind of value it wants', async () => {
    const r = await careplan(['validate', '--format', 'json'], { cwd: repos[0], env: { CAREPLAN_PARALLEL_FROM: '0' } });
    const messages: string[] = JSON.parse(r.stdout).findings.map((f: { message: string }) => f.message);
    expect(messages).toContain(
      'key_worker is not a valid id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 63 characters',
    );
    expect(messages).toContain(
      '[0].result must be one of achieved, improving, no-change, worsening, declined, not-attempted, not the text given',
    );
    expect(messages).toContain(
      'a key that is not one of its fields in the record: check its spelling (free-form additions belong under `notes` or `extra`)',
    );
    expect(messages).toContain('key_worker must be text, not a list');
  });
});
