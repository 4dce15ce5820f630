import type { Finding, Severity } from '../model/findings.js';
import { localDate, parseTimestamp } from '../model/time.js';
import type { AuditActionStatus, Entry, Workspace } from '../model/workspace.js';
import { compareText } from '../model/textOrder.js';

/** An action agreed at a saved audit, and what became of it (SPEC section 5.5). */
export interface ActionFollowUp {
  /** The month of the audit that agreed it. */
  audit: string;
  /** Its 1-based position in that audit's `actions`: what `careplan audit action` names. */
  number: number;
  description: string;
  owner: string;
  due: string;
  /** done or dropped from audits/actions.yaml; else open, or overdue once past its due date. */
  status: 'open' | 'overdue' | 'done' | 'dropped';
  /** When and by whom audits/actions.yaml closed it (its free-text note stays in the file: the report quotes no notes). */
  closed?: { at: string; by: string };
}

/** Actions as agreed at the audit of `month`, none closed yet: open, or overdue when due before `today`. */
export function agreedActions(
  month: string,
  actions: readonly { description: string; owner: string; due: string }[],
  today: string,
): ActionFollowUp[] {
  return actions.map((a, i) => ({
    audit: month,
    number: i + 1,
    description: a.description,
    owner: a.owner,
    due: a.due,
    status: a.due < today ? 'overdue' : 'open',
  }));
}

/** The newest status entry of audits/actions.yaml made by `until`, for each audit month and action. */
function closures(entries: readonly Entry<AuditActionStatus>[], zone: string, until: number): Map<string, AuditActionStatus> {
  const closed = new Map<string, AuditActionStatus>();
  for (const e of entries) {
    const at = parseTimestamp(e.data.at, zone);
    if (at !== undefined && at <= until) closed.set(`${e.data.audit}#${e.data.action}`, e.data);
  }
  return closed;
}

/**
 * The actions of audits saved for months in `months` (as `ws` holds them), each with its status at
 * `until`: open actions past their due date on `until`'s local date are overdue.
 */
export function actionsOf(ws: Workspace, months: (month: string) => boolean, until: number): ActionFollowUp[] {
  const zone = ws.timezone;
  const today = localDate(until, zone);
  const closed = closures(ws.auditActions, zone, until);
  const out: ActionFollowUp[] = [];
  for (const audit of [...ws.audits].sort((a, b) => compareText(a.month, b.month))) {
    if (!months(audit.month)) continue;
    for (const action of agreedActions(audit.month, audit.data.actions, today)) {
      const closing = closed.get(`${audit.month}#${action.number}`);
      out.push(closing ? { ...action, status: closing.status, closed: { at: closing.at, by: closing.by } } : action);
    }
  }
  return out;
}

/**
 * Earlier audits' actions for the audit of `month`, as the records stood at its end (`end`): all of
 * the previous saved audit's, and any older one's not closed before the month began.
 */
export function earlierActions(
  snapshot: Workspace,
  month: string,
  previousMonth: string | undefined,
  start: number,
  end: number,
): ActionFollowUp[] {
  const closedBefore = closures(snapshot.auditActions, snapshot.timezone, start - 1);
  return actionsOf(snapshot, (m) => m < month, end).filter((a) => a.audit === previousMonth || !closedBefore.has(`${a.audit}#${a.number}`));
}

/** One line of page 1's "needs action": a finding at the month's end. */
export interface NeedsAction {
  /** null for the home as a whole. */
  person: string | null;
  rule: string;
  severity: Severity;
  message: string;
  /** The date it fell or falls due, where the rule knows one. */
  due: string | null;
  fix?: string;
}

/** The findings at the month's end as page 1's list: errors first, then by due date, person and rule. */
export function needsAction(findings: readonly Finding[]): NeedsAction[] {
  return findings
    .map((f) => ({
      person: f.person ?? null,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      due: f.due ? f.due.slice(0, 10) : null,
      ...(f.fix ? { fix: f.fix } : {}),
    }))
    .sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        compareText(a.due ?? '9999', b.due ?? '9999') ||
        compareText(a.person ?? '~', b.person ?? '~') ||
        compareText(a.rule, b.rule),
    );
}
