import type { SettledMonth } from '../model/settledMonth.js';
import { localDate } from '../model/time.js';
import type { PersonFolder, Workspace } from '../model/workspace.js';
import { closedAfterDischarge } from './discharge.js';
import { planActionIds, planGoalIds } from './references.js';

/**
 * Whether a settled month can make no finding of its own, so its facts stand for its entries.
 * Each condition mirrors a rule that looks at every outcome entry, whatever its date; when one
 * fails, the month is read in full and judged like any other (a differential test holds the two
 * ways to the same output):
 * - misfiled-entry: every entry happened in the file's month;
 * - future-date: nothing after `now`, and the file's month is not after this month;
 * - unknown-ref: every goal and action is in the plan, every `by` on the roster;
 * - role-mismatch: nobody recorded after the `left` date of their staff record;
 * - care-after-discharge: the person has no closed days after a discharge;
 * - and the windows: every entry is before `before` (settledBefore).
 */
export function quietMonth(month: SettledMonth, folder: PersonFolder, ws: Workspace, before: string, now: number): boolean {
  if (!month.inItsMonth || (month.last !== undefined && month.last >= before)) return false;
  if ((month.lastAt !== undefined && month.lastAt > now) || month.month > localDate(now, ws.timezone).slice(0, 7)) return false;
  if (!folder.person || closedAfterDischarge(folder) !== undefined) return false;
  const goals = Object.keys(month.goals);
  if ((goals.length || month.actions.length) && !folder.plan) return false;
  if (folder.plan) {
    const known = planGoalIds(folder.plan.data);
    if (!goals.every((goal) => known.has(goal))) return false;
    const actions = planActionIds(folder.plan.data);
    if (!month.actions.every((action) => actions.has(action))) return false;
  }
  for (const [by, date] of Object.entries(month.by)) {
    if (!ws.staffPresent.has(by)) return false;
    const left = ws.staff.get(by)?.data.left;
    if (left !== undefined && date > left) return false;
  }
  return true;
}
