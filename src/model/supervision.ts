import type { Supervision } from './records.generated.js';
import { isCalendarDate } from './time.js';

/** Who may supervise staff (SPEC section 5.4). */
export const SUPERVISOR_ROLES = ['registered-manager', 'deputy-manager', 'senior-leader', 'shift-lead'] as const;

export const SUPERVISION_KINDS: readonly Supervision['kind'][] = ['supervision', 'observation', 'corrective'];

export type SupervisionAction = NonNullable<Supervision['actions']>[number];

/**
 * `--action "Explain every variation in the note;2026-11-25"`: a description, then optionally `;`
 * and the date it is due. Only a date after the last `;` is a due date, so a description may hold
 * semicolons of its own. Returns a problem in words instead when the value says nothing.
 */
export function parseSupervisionAction(value: string): SupervisionAction | string {
  const at = value.lastIndexOf(';');
  const tail = at < 0 ? '' : value.slice(at + 1).trim();
  const due = isCalendarDate(tail) ? tail : undefined;
  const description = (due || (at >= 0 && !tail) ? value.slice(0, at) : value).trim();
  if (!description) return 'it has no description of what is to be done';
  if (!due && /^\d{4}-\d{2}-\d{2}$/.test(tail)) return `${tail} is not a calendar date`;
  return { description, ...(due ? { due } : {}) };
}
