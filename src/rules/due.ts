import type { Finding } from '../model/findings.js';
import { HOUR_MS, localDate, localTimestamp } from '../model/time.js';
import type { Workspace } from '../model/workspace.js';
import { judge } from './check.js';
import { REGISTRY, RULES } from './registry.js';
import { compareText } from '../model/textOrder.js';

/** Rules with at least one id that is a task (its meta says what it adds to `due`). */
const TASK_RULES = REGISTRY.filter((rule) => Object.values(rule.meta).some((meta) => meta.due !== undefined));

export interface DueItem {
  due: string;
  what: string;
  person?: string;
  subject?: string;
  overdue: boolean;
  rule: string;
  fix?: string;
}

/**
 * Everything that falls due by `withinDays` after as-of, and everything already overdue. Found by
 * judging the records as of now and as of the horizon, assuming nothing is done meanwhile:
 * whatever a rule would report by then, with its due date, is due.
 */
export function dueItems(ws: Workspace, asOf: number, withinDays: number): DueItem[] {
  const horizon = asOf + withinDays * 24 * HOUR_MS;
  const horizonDate = localDate(horizon, ws.timezone);
  const nowText = localDate(asOf, ws.timezone);
  const items = new Map<string, DueItem>();
  const consider = (f: Finding) => {
    const what = RULES.get(f.rule)?.due;
    if (!what || !f.due || f.due.slice(0, 10) > horizonDate) return;
    const key = `${what}|${f.person ?? ''}|${f.subject ?? ''}`;
    const existing = items.get(key);
    if (existing && existing.due <= f.due) return;
    items.set(key, { due: f.due, what, person: f.person, subject: f.subject, overdue: false, rule: f.rule, fix: f.fix });
  };
  judge(ws, asOf, { rules: TASK_RULES }).forEach(consider);
  judge(ws, horizon, { rules: TASK_RULES }).forEach(consider);
  const nowWall = localTimestamp(asOf, ws.timezone);
  // A due time is overdue once passed; a due date only from the day after.
  for (const item of items.values()) item.overdue = item.due.length > 10 ? item.due < nowWall : item.due < nowText;
  return [...items.values()].sort(
    (a, b) => compareText(a.due, b.due) || compareText(a.person ?? '', b.person ?? '') || compareText(a.what, b.what),
  );
}
