import type { Person, Staff } from './records.generated.js';
import type { Doc, Workspace } from './workspace.js';
import { compareText } from './textOrder.js';

/** Roles who deliver care and so must read a plan when no `team` is given (SPEC section 1). */
export const CARE_ROLES = ['key-worker', 'shift-lead', 'care-staff'];

/** Working on `date`: active, and not past their last working day. */
export function isWorking(staff: Doc<Staff>, date: string): boolean {
  return staff.data.active && (staff.data.left === undefined || staff.data.left >= date);
}

/**
 * Who must acknowledge a person's plan: the person's `team`, else every active staff member with
 * role key-worker, shift-lead or care-staff; either way only those still working on `date`.
 */
export function teamOf(ws: Workspace, person: Person, date: string): Doc<Staff>[] {
  const members = person.team
    ? person.team.map((id) => ws.staff.get(id)).filter((s): s is Doc<Staff> => s !== undefined)
    : [...ws.staff.values()].filter((s) => s.data.roles.some((r) => CARE_ROLES.includes(r)));
  return members.filter((s) => isWorking(s, date)).sort((a, b) => compareText(a.data.id, b.data.id));
}
