import { expect } from 'vitest';
import type { Finding } from '../../src/model/findings.js';
import { planHash } from '../../src/model/planHash.js';
import type { Workspace } from '../../src/model/workspace.js';
import type { Versioning } from '../../src/rules/context.js';
import { asOf, workspaceOf } from './memory.js';
import { judgeVetted } from './rules.js';

/**
 * A tiny records repository for care rule tests, written as YAML text the loader reads from memory.
 * Values are written as JSON, which is YAML flow: quoted timestamps stay strings, as SPEC requires.
 *
 *   const h = home().assess('2026-11-01T10:00').plan().signoff('2026-11-02T09:00');
 *   const findings = judge(h, '2026-11-05');
 */

const json = (value: unknown) => JSON.stringify(value);

export interface Action {
  id: string;
  description: string;
  status: 'active' | 'stopped';
}
export interface Goal {
  id: string;
  description: string;
  status: 'active' | 'achieved' | 'discontinued';
  by?: string;
  target?: number | string;
  unit?: string;
  direction?: 'increase' | 'decrease' | 'maintain';
}
export interface NeedEntry {
  need: string;
  preferences?: string[];
  actions: Action[];
  goals: Goal[];
}
export interface PlanSpec {
  version: number;
  assessment: string;
  author: string;
  updated: string;
  about_me: string;
  needs: NeedEntry[];
}

/** A plan entry for an assessed need: one active action `<need>-act`, one active goal `<need>-goal`, a preference. */
export function needEntry(need: string, change: Partial<NeedEntry> = {}): NeedEntry {
  return {
    need,
    preferences: [`How ${need} support is liked`],
    actions: [{ id: `${need}-act`, description: `Support with ${need}`, status: 'active' }],
    goals: [{ id: `${need}-goal`, description: `Progress with ${need}`, status: 'active' }],
    ...change,
  };
}

/** plan.yaml text: top-level keys and need ids on their own lines, so findings' lines are easy to name. */
export function planYaml(plan: PlanSpec): string {
  const lines = [
    `version: ${plan.version}`,
    `assessment: ${json(plan.assessment)}`,
    `author: ${json(plan.author)}`,
    `updated: ${json(plan.updated)}`,
    `about_me: ${json(plan.about_me)}`,
    'needs:',
  ];
  for (const n of plan.needs) {
    lines.push(`  - need: ${json(n.need)}`);
    if (n.preferences !== undefined) lines.push(`    preferences: ${json(n.preferences)}`);
    for (const [key, items] of [
      ['actions', n.actions],
      ['goals', n.goals],
    ] as const) {
      if (items.length) lines.push(`    ${key}:`, ...items.map((item) => `      - ${json(item)}`));
      else lines.push(`    ${key}: []`);
    }
  }
  return lines.join('\n') + (plan.needs.length ? '\n' : ' []\n');
}

/** A list file: one entry a line, so entry i is on line i + 1. */
export function listYaml(entries: readonly object[]): string {
  return `${entries.map((e) => `- ${json(e)}`).join('\n')}\n`;
}

function record(fields: Record<string, unknown>): string {
  return `${Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${json(v)}`)
    .join('\n')}\n`;
}

interface PersonState {
  id: string;
  person: Record<string, unknown>;
  assessments: Map<string, Record<string, unknown>>;
  plan?: PlanSpec;
  signoffs: Record<string, unknown>[];
  acknowledgements: Record<string, unknown>[];
  agreements: Record<string, unknown>[];
  escalations: Record<string, unknown>[];
  outcomes: Map<string, Record<string, unknown>[]>;
  reviews: Map<string, Record<string, unknown>>;
}

export const MANAGER = 's-amina';
export const KEY_WORKER = 's-ben';

/** The home under test. Methods act on the current person (the first is p-a; `person()` adds and switches). */
export class Home {
  private readonly staffFiles = new Map<string, Record<string, unknown>>();
  private readonly people = new Map<string, PersonState>();
  private current!: PersonState;
  private policyText = '';
  private readonly extra: Record<string, string> = {};
  private readonly auditActions: Record<string, unknown>[] = [];

  constructor() {
    this.staff('s-amina', ['registered-manager']);
    this.staff('s-ben', ['key-worker', 'care-staff']);
    this.staff('s-carl', ['care-staff']);
    this.staff('s-dana', ['shift-lead']);
    this.person('p-a');
  }

  staff(id: string, roles: string[], change: Record<string, unknown> = {}): this {
    this.staffFiles.set(id, { id, name: `Staff ${id}`, roles, active: true, ...change });
    return this;
  }

  /** Adds a person (admitted 2026-11-01, key worker s-ben, team [s-ben]) or switches to one; `team: undefined` drops the team. */
  person(id: string, change: Record<string, unknown> = {}): this {
    const existing = this.people.get(id);
    if (existing) {
      Object.assign(existing.person, change);
      this.current = existing;
      return this;
    }
    this.current = {
      id,
      person: { id, name: `Person ${id}`, admitted: '2026-11-01', key_worker: KEY_WORKER, team: [KEY_WORKER], status: 'active', ...change },
      assessments: new Map(),
      signoffs: [],
      acknowledgements: [],
      agreements: [],
      escalations: [],
      outcomes: new Map(),
      reviews: new Map(),
    };
    this.people.set(id, this.current);
    return this;
  }

  /** careplan.yaml `policy:` keys, as YAML flow text values. */
  policy(values: Record<string, unknown>): this {
    this.policyText = `policy:\n${Object.entries(values)
      .map(([k, v]) => `  ${k}: ${json(v)}`)
      .join('\n')}\n`;
    return this;
  }

  /** An assessment with the given needs (default [mobility]); its id is `<date>-<type>`. */
  assess(at: string, options: { type?: string; needs?: string[] } = {}): this {
    const type = options.type ?? (this.current.assessments.size ? 'review' : 'initial');
    const needs = (options.needs ?? ['mobility']).map((id) => ({ id, domain: 'other', description: `Need ${id}` }));
    this.current.assessments.set(`${at.slice(0, 10)}-${type}`, { type, at, by: KEY_WORKER, with_person: true, needs });
    return this;
  }

  /** The id of the newest assessment written so far. */
  newestAssessment(): string {
    const ids = [...this.current.assessments.keys()];
    return ids[ids.length - 1];
  }

  /** Writes plan.yaml (reflecting the newest assessment, one need entry per assessed need) or changes it. */
  plan(change: Partial<PlanSpec> = {}): this {
    const assessment = change.assessment ?? this.current.plan?.assessment ?? this.newestAssessment();
    const assessed = this.current.assessments.get(assessment);
    const needs = (assessed?.needs as { id: string }[] | undefined)?.map((n) => needEntry(n.id)) ?? [needEntry('mobility')];
    this.current.plan = {
      version: 1,
      author: KEY_WORKER,
      updated: String(assessed?.at ?? '2026-11-01T10:00'),
      about_me: 'Likes crosswords.',
      needs,
      ...this.current.plan,
      assessment,
      ...change,
    };
    return this;
  }

  planSpec(): PlanSpec {
    if (!this.current.plan) throw new Error('no plan yet');
    return this.current.plan;
  }

  hash(): string {
    return planHash(this.planSpec());
  }

  /** Signs off the plan as it stands now (its version and hash) unless told otherwise. */
  signoff(at: string, change: { by?: string; version?: number; plan?: string } = {}): this {
    this.current.signoffs.push({ version: this.planSpec().version, plan: this.hash(), by: MANAGER, at, ...change });
    return this;
  }

  private signed(): { version: unknown; plan: unknown } {
    const s = this.current.signoffs[this.current.signoffs.length - 1];
    if (!s) throw new Error('nothing signed off yet');
    return { version: s.version, plan: s.plan };
  }

  /** A staff member confirms the newest sign-off's version and hash (unless told otherwise). */
  ack(staff: string, at: string, change: { version?: number; plan?: string } = {}): this {
    this.current.acknowledgements.push({ staff, ...this.signed(), at, ...change });
    return this;
  }

  /** The person agrees to the newest sign-off's version and hash (unless told otherwise). */
  agree(at: string, change: Record<string, unknown> = {}): this {
    this.current.agreements.push({ ...this.signed(), by: 'person', at, recorded_by: KEY_WORKER, method: 'signed', ...change });
    return this;
  }

  outcome(at: string, change: Record<string, unknown> = {}): this {
    const month = at.slice(0, 7);
    const list = this.current.outcomes.get(month) ?? [];
    list.push({ at, by: KEY_WORKER, goal: 'mobility-goal', result: 'improving', ...change });
    this.current.outcomes.set(month, list);
    return this;
  }

  /** An outcome entry recording a variation from the plan. */
  variation(at: string, change: Record<string, unknown> = {}): this {
    return this.outcome(at, { result: 'no-change', variation: 'Care differed from the plan', ...change });
  }

  review(kind: 'plan' | 'outcomes', at: string, change: Record<string, unknown> = {}): this {
    const date = at.slice(0, 10);
    const fields =
      kind === 'plan'
        ? { kind, at, by: KEY_WORKER, with_person: true, trigger: 'scheduled', findings: 'All well.', result: 'no-change' }
        : { kind, at, by: KEY_WORKER, period: { from: date, to: date }, goals: [], plan_update_needed: false };
    this.current.reviews.set(`${date}-${kind}`, { ...fields, ...change });
    return this;
  }

  escalate(at: string, change: Record<string, unknown> = {}): this {
    this.current.escalations.push({ at, by: KEY_WORKER, to: MANAGER, reason: 'Pattern of variation', ...change });
    return this;
  }

  spotcheck(at: string, by = 's-dana'): this {
    this.extra[`spotchecks/${at.slice(0, 10)}-${by}.yaml`] = record({ at, by, people: [this.current.id], findings: [] });
    return this;
  }

  /** A saved audit; `actions` are its agreed actions (numbered from 1 in audits/actions.yaml). */
  audit(month: string, savedAt: string, actions: { description?: string; owner?: string; due: string }[] = []): this {
    const agreed = actions.map((a) => ({ description: 'Agreed action', owner: MANAGER, ...a }));
    const saved = { month, saved_at: savedAt, saved_by: MANAGER, metrics: {}, findings: { by_rule: {} }, actions: agreed };
    this.extra[`audits/${month}.yaml`] = record(saved);
    return this;
  }

  /** An entry of audits/actions.yaml closing action `action` of the audit of `audit`. */
  auditAction(audit: string, action: number, at: string, change: Record<string, unknown> = {}): this {
    this.auditActions.push({ audit, action, status: 'done', at, by: MANAGER, ...change });
    return this;
  }

  /** A response appended to the current person's escalations.yaml, answering the escalation raised at `respondsTo`. */
  respond(respondsTo: string, at: string, change: Record<string, unknown> = {}): this {
    this.current.escalations.push({ responds_to: respondsTo, at, by: MANAGER, response: 'Decided what to do', ...change });
    return this;
  }

  /** A supervision of `staff` (by the Registered Manager unless told otherwise). */
  supervise(staff: string, at: string, change: Record<string, unknown> = {}): this {
    this.extra[`supervisions/${at.slice(0, 10)}-${staff}.yaml`] = record({ at, by: MANAGER, staff, kind: 'supervision', ...change });
    return this;
  }

  /** Any other file, verbatim. */
  file(path: string, text: string): this {
    this.extra[path] = text;
    return this;
  }

  files(): Record<string, string> {
    const files: Record<string, string> = { 'careplan.yaml': `provider: { name: Test Home }\n${this.policyText}` };
    for (const [id, s] of this.staffFiles) files[`staff/${id}.yaml`] = record(s);
    for (const p of this.people.values()) {
      const dir = `people/${p.id}`;
      files[`${dir}/person.yaml`] = record(p.person);
      for (const [id, a] of p.assessments) files[`${dir}/assessments/${id}.yaml`] = record(a);
      if (p.plan) files[`${dir}/plan.yaml`] = planYaml(p.plan);
      const lists = { signoffs: p.signoffs, acknowledgements: p.acknowledgements, agreements: p.agreements, escalations: p.escalations };
      for (const [name, entries] of Object.entries(lists)) if (entries.length) files[`${dir}/${name}.yaml`] = listYaml(entries);
      for (const [month, entries] of p.outcomes) files[`${dir}/outcomes/${month}.yaml`] = listYaml(entries);
      for (const [stem, r] of p.reviews) files[`${dir}/reviews/${stem}.yaml`] = record(r);
    }
    if (this.auditActions.length) files['audits/actions.yaml'] = listYaml(this.auditActions);
    return { ...files, ...this.extra };
  }
}

export function home(): Home {
  return new Home();
}

/**
 * p-a assessed 2026-11-01T10:00 (need mobility), plan written 16:00, signed off 2026-11-02T09:00,
 * acknowledged by s-ben at 10:00 and agreed at 11:00: nothing to report as of 2026-11-05.
 */
export function signedHome(): Home {
  return home()
    .assess('2026-11-01T10:00')
    .plan({ updated: '2026-11-01T16:00' })
    .signoff('2026-11-02T09:00')
    .ack(KEY_WORKER, '2026-11-02T10:00')
    .agree('2026-11-02T11:00');
}

/** Loads the home; a fixture that fails to load (YAML, schema, layout) is a broken test, not a finding. */
export function load(h: Home): Workspace {
  const ws = workspaceOf(h.files());
  if (ws.loadFindings.length)
    throw new Error(`fixture does not load:\n${ws.loadFindings.map((f) => `${f.file}:${f.line ?? ''} ${f.rule} ${f.message}`).join('\n')}`);
  return ws;
}

/**
 * Every finding `careplan check` would make as of `when` (a date means the end of that day); each
 * rule's findings are vetted against its meta on the way.
 */
export function judge(h: Home, when: string, versioning?: Versioning): Finding[] {
  return judgeVetted(load(h), asOf(when), { versioning });
}

export function ofRule(findings: readonly Finding[], ...rules: string[]): Finding[] {
  return findings.filter((f) => rules.includes(f.rule));
}

/** The one finding of a rule (fails, listing all findings, when there is not exactly one). */
export function one(findings: readonly Finding[], rule: string): Finding {
  const found = ofRule(findings, rule);
  expect(found, `expected one ${rule}; found:\n${listFindings(findings)}`).toHaveLength(1);
  return found[0];
}

/** No finding of these rules. */
export function none(findings: readonly Finding[], ...rules: string[]): void {
  expect(ofRule(findings, ...rules), `expected no ${rules.join(' / ')}; found:\n${listFindings(findings)}`).toEqual([]);
}

export function listFindings(findings: readonly Finding[]): string {
  return (
    findings.map((f) => `  ${f.file ?? ''}:${f.line ?? ''} ${f.rule} (${f.severity}) ${f.person ?? ''} ${f.message}`).join('\n') ||
    '  (none)'
  );
}

/** Rule ids found, sorted, for "exactly these and nothing else" assertions. */
export function rulesOf(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.rule).sort();
}

const DAY_MS = 86_400_000;

/**
 * Three people (p-a, p-b, p-c) with daily outcomes from June until the day before `until`, weekly
 * reviews and a variation now and then: a home with settled months (test/e2e/cache.test.ts,
 * test/unit/write-settled.test.ts).
 */
export function sixMonths(until: number): Home {
  const h = home().staff('s-eve', ['care-staff']);
  for (const id of ['p-a', 'p-b', 'p-c']) {
    h.person(id, { admitted: '2026-05-20', team: [KEY_WORKER, 's-carl'] })
      .assess('2026-05-20T10:00', { needs: ['mobility', 'meals'] })
      .plan({ updated: '2026-05-20T16:00' })
      .signoff('2026-05-21T09:00')
      .ack(KEY_WORKER, '2026-05-21T10:00')
      .ack('s-carl', '2026-05-21T11:00')
      .agree('2026-05-21T12:00');
    for (let t = Date.parse('2026-06-01T12:00:00Z'), n = 0; t < until - DAY_MS; t += DAY_MS, n++) {
      const at = `${new Date(t).toISOString().slice(0, 10)}T09:${String(n % 60).padStart(2, '0')}`;
      const goal = n % 2 ? 'meals-goal' : 'mobility-goal';
      const by = n % 3 ? KEY_WORKER : 's-carl';
      if (n % 17 === 5) h.variation(at, { goal, by });
      else
        h.outcome(at, {
          goal,
          by,
          result: n % 4 ? 'improving' : 'no-change',
          ...(n % 5 ? {} : { actions: ['mobility-act'] }),
          note: `Day ${n}`,
        });
      if (n % 7 === 6) h.review('outcomes', `${new Date(t).toISOString().slice(0, 10)}T15:00`);
      if (n % 28 === 20) h.review('plan', `${new Date(t).toISOString().slice(0, 10)}T11:00`);
    }
  }
  return h
    .spotcheck('2026-11-16T14:00')
    .supervise('s-ben', '2026-11-02T13:00')
    .supervise('s-carl', '2026-11-03T13:00')
    .audit('2026-10', '2026-11-04T10:00');
}
