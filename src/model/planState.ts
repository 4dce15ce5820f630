import { reached, type When } from './clock.js';
import type { Policy } from './policy.js';
import { planHash } from './planHash.js';
import type { Plan, Staff } from './records.generated.js';
import { parseTimestamp } from './time.js';
import type { Doc, Entry, PersonFolder, Signoff, Workspace } from './workspace.js';

export type PlanState = 'no-plan' | 'unsigned' | 'approved' | 'changed-since-signoff';

const hashes = new WeakMap<Plan, string>();

/** The plan hash of a loaded plan, computed once. */
export function currentHash(plan: Doc<Plan>): string {
  let hash = hashes.get(plan.data);
  if (!hash) hashes.set(plan.data, (hash = planHash(plan.data)));
  return hash;
}

export function hasRole(staff: Doc<Staff> | undefined, roles: readonly string[]): boolean {
  return staff?.data.roles.some((r) => roles.includes(r)) ?? false;
}

/** A sign-off counts only when its signer holds a role in signoff_roles (else `signoff-not-authorised`). */
export function isAuthorisedSignoff(ws: Workspace, signoff: Signoff, policy: Policy = ws.policy): boolean {
  return hasRole(ws.staff.get(signoff.by), policy.signoff_roles);
}

export interface TimedSignoff {
  entry: Entry<Signoff>;
  at: number;
}

/** Authorised sign-offs, oldest first (by `at`, then file order). */
export function authorisedSignoffs(ws: Workspace, folder: PersonFolder): TimedSignoff[] {
  return folder.signoffs
    .filter((s) => isAuthorisedSignoff(ws, s.data))
    .map((entry) => ({ entry, at: parseTimestamp(entry.data.at, ws.timezone) ?? Number.NaN }))
    .filter((s) => !Number.isNaN(s.at))
    .sort((a, b) => a.at - b.at || a.entry.index - b.entry.index);
}

/** The version in force at `t`: the newest authorised sign-off at or before it. */
export function inForceAt(signoffs: readonly TimedSignoff[], t: When): TimedSignoff | undefined {
  let found: TimedSignoff | undefined;
  for (const s of signoffs) {
    if (reached(t, s.at)) found = s;
    else break;
  }
  return found;
}

export interface PlanStatus {
  state: PlanState;
  hash?: string;
  /** Authorised sign-offs, oldest first. */
  signoffs: TimedSignoff[];
  first?: TimedSignoff;
  newest?: TimedSignoff;
}

// Several rules ask for one person's plan status; a loaded workspace does not change, so each
// folder's is worked out once.
const statuses = new WeakMap<PersonFolder, PlanStatus>();

/** Plan state is derived, never stored (SPEC section 1). */
export function planStatus(ws: Workspace, folder: PersonFolder): PlanStatus {
  let status = statuses.get(folder);
  if (!status) statuses.set(folder, (status = computePlanStatus(ws, folder)));
  return status;
}

function computePlanStatus(ws: Workspace, folder: PersonFolder): PlanStatus {
  const signoffs = authorisedSignoffs(ws, folder);
  const first = signoffs[0];
  const newest = signoffs[signoffs.length - 1];
  if (!folder.plan) return { state: 'no-plan', signoffs, first, newest };
  const hash = currentHash(folder.plan);
  const state: PlanState = !newest ? 'unsigned' : newest.entry.data.plan === hash ? 'approved' : 'changed-since-signoff';
  return { state, hash, signoffs, first, newest };
}

export const STATE_WORDS: Record<PlanState, string> = {
  'no-plan': 'no plan',
  unsigned: 'unsigned',
  approved: 'approved',
  'changed-since-signoff': 'changed since sign-off',
};

/**
 * For a plan review at `at` that says the plan was updated: whether that update came first, as
 * people often change the plan in the review meeting and record the review after. It did when the
 * current plan was changed after the previous plan review (or, with none, after the plan was first
 * signed off) and by `asOf`; `signed` is then this version's sign-off by `asOf`, if any.
 * `careplan review` says "already updated for it" when signed, and plan-update-missing asks for
 * nothing more.
 */
export function updateBeforeReview(ws: Workspace, folder: PersonFolder, at: number, asOf: When): { signed?: TimedSignoff } | undefined {
  const status = planStatus(ws, folder);
  const updated = folder.plan ? parseTimestamp(folder.plan.data.updated, ws.timezone) : undefined;
  if (updated === undefined || !reached(asOf, updated) || status.first === undefined) return undefined;
  const previous = folder.reviews
    .filter((rv) => rv.data.kind === 'plan')
    .map((rv) => parseTimestamp(rv.data.at, ws.timezone) ?? -Infinity)
    .filter((ms) => ms < at)
    .reduce((a, b) => Math.max(a, b), -Infinity);
  if (updated <= Math.max(previous, status.first.at)) return undefined;
  return { signed: status.signoffs.find((s) => s.entry.data.plan === status.hash && s.at >= updated && reached(asOf, s.at)) };
}
