import { canonicalJson } from './planHash.js';
import type { Assessment, Plan, SignoffList } from './records.generated.js';

type NeedEntry = Plan['needs'][number];
type Action = NeedEntry['actions'][number];
type Goal = NeedEntry['goals'][number];

/** Actions and goals as a key worker writes them (`--from FILE` or prompts): status may be left out. */
export type ActionInput = Omit<Action, 'status'> & { status?: Action['status'] };
export type GoalInput = Omit<Goal, 'status'> & { status?: Goal['status'] };

export interface NeedInput {
  need: string;
  preferences?: string[];
  actions?: ActionInput[];
  goals?: GoalInput[];
  notes?: unknown;
  extra?: Record<string, unknown>;
}

/** What a key worker supplies for a plan; everything else comes from the assessment. */
export interface PlanInput {
  about_me?: string;
  strengths?: string[];
  needs?: NeedInput[];
}

const action = (a: ActionInput): Action => ({ ...a, status: a.status ?? 'active' });
const goal = (g: GoalInput): Goal => ({ ...g, status: g.status ?? 'active' });

/** Needs named in the input that the assessment does not have (the plan must follow the assessment). */
export function unknownNeeds(assessment: Assessment, input: PlanInput): string[] {
  const ids = new Set(assessment.needs.map((n) => n.id));
  return (input.needs ?? []).map((n) => n.need).filter((id) => !ids.has(id));
}

/**
 * A first plan from an assessment: every need, with the preferences the assessment recorded
 * (unless the input words them itself), and the actions and goals the key worker gave.
 */
export function draftPlan(
  assessment: Assessment,
  stem: string,
  input: PlanInput,
  meta: { author: string; updated: string; about_me: string },
): Plan {
  const given = new Map((input.needs ?? []).map((n) => [n.need, n]));
  const needs: NeedEntry[] = assessment.needs.map((need) => entryFor(need, given.get(need.id)));
  return {
    version: 1,
    assessment: stem,
    author: meta.author,
    updated: meta.updated,
    about_me: meta.about_me,
    ...(input.strengths?.length ? { strengths: input.strengths } : {}),
    needs,
  };
}

function entryFor(need: Assessment['needs'][number], given: NeedInput | undefined): NeedEntry {
  const preferences = given?.preferences ?? need.preferences ?? [];
  return {
    need: need.id,
    ...(preferences.length ? { preferences } : {}),
    actions: (given?.actions ?? []).map(action),
    goals: (given?.goals ?? []).map(goal),
    ...(given?.notes !== undefined ? { notes: given.notes } : {}),
    ...(given?.extra !== undefined ? { extra: given.extra } : {}),
  };
}

function mergeItems<T extends { id: string }>(
  existing: readonly T[],
  given: readonly Partial<T>[] | undefined,
  make: (item: Partial<T>) => T,
): T[] {
  const out = existing.map((item) => ({ ...item }));
  for (const item of given ?? []) {
    const at = out.findIndex((o) => o.id === item.id);
    if (at >= 0) out[at] = { ...out[at], ...item };
    else out.push(make(item));
  }
  return out;
}

export interface StatusChanges {
  stop?: readonly string[];
  achieve?: readonly string[];
  discontinue?: readonly string[];
}

export interface PlanUpdate {
  plan: Plan;
  /** Needs the plan addresses that the new assessment no longer lists. */
  dropped: string[];
  /** Needs added from the new assessment. */
  added: string[];
  /** Action and goal ids named in status changes that the plan does not have. */
  unknownIds: string[];
}

/**
 * The plan after a new assessment and the key worker's changes: new needs are added (with the
 * assessment's preferences), existing entries and every action and goal are kept (only their
 * status changes), items given in the input are added or reworded by id.
 */
export function updatePlan(
  plan: Plan,
  assessment: Assessment,
  stem: string,
  input: PlanInput,
  changes: StatusChanges,
  meta: { author: string; updated: string },
): PlanUpdate {
  const assessed = new Map(assessment.needs.map((n) => [n.id, n]));
  const given = new Map((input.needs ?? []).map((n) => [n.need, n]));
  const dropped = plan.needs.map((n) => n.need).filter((id) => !assessed.has(id));
  const needs: NeedEntry[] = plan.needs.map((entry) => {
    const g = given.get(entry.need);
    if (!g) return structuredClone(entry);
    const next: NeedEntry = {
      ...structuredClone(entry),
      actions: mergeItems(entry.actions, g.actions as Partial<Action>[] | undefined, (a) => action(a as ActionInput)),
      goals: mergeItems(entry.goals, g.goals as Partial<Goal>[] | undefined, (x) => goal(x as GoalInput)),
    };
    if (g.preferences) next.preferences = g.preferences;
    return next;
  });
  const present = new Set(needs.map((n) => n.need));
  const added: string[] = [];
  for (const need of assessment.needs) {
    if (present.has(need.id)) continue;
    added.push(need.id);
    needs.push(entryFor(need, given.get(need.id)));
  }
  const unknownIds: string[] = [];
  const setStatus = (ids: readonly string[] | undefined, kind: 'actions' | 'goals', status: string) => {
    for (const id of ids ?? []) {
      const item = needs.flatMap((n) => n[kind] as { id: string; status: string }[]).find((i) => i.id === id);
      if (item) item.status = status;
      else unknownIds.push(id);
    }
  };
  setStatus(changes.stop, 'actions', 'stopped');
  setStatus(changes.achieve, 'goals', 'achieved');
  setStatus(changes.discontinue, 'goals', 'discontinued');
  const { strengths: _s, ...rest } = plan;
  const strengths = input.strengths ?? plan.strengths;
  return {
    plan: {
      ...rest,
      assessment: stem,
      author: meta.author,
      updated: meta.updated,
      about_me: input.about_me ?? plan.about_me,
      ...(strengths?.length ? { strengths } : {}),
      needs,
    },
    dropped,
    added,
    unknownIds,
  };
}

/** Same content, ignoring who last touched it and when (and the version number itself). */
export function sameContent(a: Plan, b: Plan): boolean {
  const strip = ({ version: _v, updated: _u, author: _a, ...rest }: Plan) => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

/**
 * SPEC: the version increases whenever the content changes after a sign-off. A version someone
 * has signed is closed; a version nobody has signed yet is still a draft and keeps its number.
 */
export function nextVersion(current: Plan, signoffs: SignoffList): number {
  const signed = signoffs.some((s) => s.version === current.version);
  const highest = Math.max(current.version, ...signoffs.map((s) => s.version));
  return signed ? highest + 1 : current.version;
}
