import { momentOf } from '../model/moment.js';
import { authorisedSignoffs, planStatus, type PlanStatus } from '../model/planState.js';
import type { Policy } from '../model/policy.js';
import { localDate } from '../model/time.js';
import type { Entry, OutcomeEntry, PersonFolder, Workspace } from '../model/workspace.js';
import type { AuditPeriod } from './period.js';
import { compareText } from '../model/textOrder.js';

export interface TimedEntry {
  entry: Entry<OutcomeEntry>;
  at: number;
  date: string;
}

/** What every section's measures are worked out from: the records as they stood, and the period. */
export interface AuditContext {
  /** The records as they stood at the period's end (see workspaceAt). */
  ws: Workspace;
  period: AuditPeriod;
  policy: Policy;
  zone: string;
  /** People supported at some time in the period (admitted by its end, not discharged before it), by id. */
  inCare: PersonFolder[];
  /** People active at the period's end, by id. */
  activeAtEnd: PersonFolder[];
  status(folder: PersonFolder): PlanStatus;
  /** Each person's outcome entries in the period, in time order. */
  entries(folder: PersonFolder): TimedEntry[];
  /** The local date of the repository's first authorised sign-off by the end, where clocks start that have nothing else to count from. */
  firstSignoffDate(): string | undefined;
}

export function auditContext(ws: Workspace, period: AuditPeriod): AuditContext {
  const zone = ws.timezone;
  const folders = [...ws.people.values()].filter((f) => f.person).sort((a, b) => compareText(a.id, b.id));
  const inCare = folders.filter((f) => {
    const p = f.person!.data;
    return p.admitted <= period.endDate && (p.status === 'active' || (p.discharged ?? '') >= period.first);
  });
  const statuses = new Map<PersonFolder, PlanStatus>();
  const timed = new Map<PersonFolder, TimedEntry[]>();
  let firstSignoff: { date?: string } | undefined;
  return {
    ws,
    period,
    policy: ws.policy,
    zone,
    inCare,
    activeAtEnd: inCare.filter((f) => f.person!.data.status === 'active'),
    status(folder) {
      let s = statuses.get(folder);
      if (!s) statuses.set(folder, (s = planStatus(ws, folder)));
      return s;
    },
    entries(folder) {
      let list = timed.get(folder);
      if (!list) {
        list = [];
        for (const entry of folder.outcomes) {
          const at = momentOf(entry, zone);
          if (at === undefined || at < period.start || at > period.end) continue;
          list.push({ entry, at, date: localDate(at, zone) });
        }
        list.sort((a, b) => a.at - b.at);
        timed.set(folder, list);
      }
      return list;
    },
    firstSignoffDate() {
      if (!firstSignoff) {
        firstSignoff = {};
        for (const f of ws.people.values()) {
          for (const s of authorisedSignoffs(ws, f)) {
            const date = localDate(s.at, zone);
            if (!firstSignoff.date || date < firstSignoff.date) firstSignoff.date = date;
          }
        }
      }
      return firstSignoff.date;
    },
  };
}
