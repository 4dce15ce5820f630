import { reached, type When } from './clock.js';
import { planStatus } from './planState.js';
import { addDays, localDate, parseTimestamp } from './time.js';
import type { PersonFolder, Workspace } from './workspace.js';

/**
 * Review due date (SPEC section 2): the local date of the later of the newest plan review and the
 * newest sign-off, plus review_interval_days. With no sign-off there is none.
 */
export function reviewDueDate(ws: Workspace, folder: PersonFolder, asOf: When): { due: string; from: string } | undefined {
  const newest = planStatus(ws, folder)
    .signoffs.filter((s) => reached(asOf, s.at))
    .pop();
  if (!newest) return undefined;
  let latest = newest.at;
  for (const review of folder.reviews) {
    if (review.data.kind !== 'plan') continue;
    const at = parseTimestamp(review.data.at, ws.timezone);
    if (at !== undefined && reached(asOf, at) && at > latest) latest = at;
  }
  const from = localDate(latest, ws.timezone);
  return { due: addDays(from, ws.policy.review_interval_days), from };
}
