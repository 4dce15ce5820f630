import { Clock } from '../model/clock.js';
import { authorisedSignoffs } from '../model/planState.js';
import type { Policy } from '../model/policy.js';
import { addDays, localDate, localTimestamp } from '../model/time.js';
import type { Workspace } from '../model/workspace.js';

/** What git says about the records folder, gathered by the command (rules never run git). */
export type Versioning =
  | { kind: 'git'; changed: string[] }
  /** Not in git; or (`outsideWorkTree`) in a repository whose configuration names another folder as its work tree. */
  | { kind: 'none'; outsideWorkTree?: boolean };

/**
 * What every rule is judged against: the workspace and one moment, never the system clock. The
 * moment is a Clock (model/clock.ts): rules ask it whether an instant has come or passed, and its
 * local date, so that what they asked says how long their findings hold.
 */
export interface RuleContext {
  ws: Workspace;
  policy: Policy;
  zone: string;
  /** As-of. */
  asOf: Clock;
  /** The real clock, which nothing that happened can be dated after (future-date); never as-of (SPEC 5.1). */
  now: Clock;
  /** People whose care is judged: active, with a valid person.yaml. */
  active: ReadonlySet<string>;
  /** Git's state of the records folder, when the command asked git (only `careplan check` does). */
  versioning?: Versioning;
  /** Memo for daysBeforeAsOf. */
  daysBefore: Map<number, string>;
}

/** People whose care is judged: active, with a valid person.yaml. Discharged people get only the record rules. */
export function activePeople(ws: Workspace): Set<string> {
  return new Set([...ws.people.values()].filter((f) => f.person?.data.status === 'active').map((f) => f.id));
}

/**
 * `now` defaults to as-of for callers judging the present, where they are the same moment (and
 * the same clock, so that what each was asked counts once).
 */
export function ruleContext(ws: Workspace, asOf: number, versioning?: Versioning, now = asOf): RuleContext {
  return { ws, policy: ws.policy, zone: ws.timezone, ...freshClocks(ws.timezone, asOf, now), active: activePeople(ws), versioning };
}

/** New clocks for as-of and now (one clock when they are the same moment), with the memo of dates that asks them. */
export function freshClocks(zone: string, asOf: number, now = asOf): Pick<RuleContext, 'asOf' | 'now' | 'daysBefore'> {
  const clock = new Clock(asOf, zone);
  return { asOf: clock, now: now === asOf ? clock : new Clock(now, zone), daysBefore: new Map() };
}

/** "More than N days before as-of": as-of's local date minus the event's local date exceeds N. */
export function moreThanDaysBefore(ctx: RuleContext, date: string, days: number): boolean {
  return date < daysBeforeAsOf(ctx, days);
}

/** as-of's local date minus `days`, worked out once per context and number. */
export function daysBeforeAsOf(ctx: RuleContext, days: number): string {
  let date = ctx.daysBefore.get(days);
  if (date === undefined) ctx.daysBefore.set(days, (date = addDays(ctx.asOf.date, -days)));
  return date;
}

/** Past events are judged only within lookback_days of as-of (SPEC section 2, "Past events and lookback"). */
export function withinLookback(ctx: RuleContext, date: string): boolean {
  return date >= daysBeforeAsOf(ctx, ctx.policy.lookback_days);
}

export function local(ctx: RuleContext, ms: number): string {
  return localTimestamp(ms, ctx.zone);
}

export function dateOf(ctx: RuleContext, ms: number): string {
  return localDate(ms, ctx.zone);
}

/** The local date of the repository's first authorised sign-off at or before as-of: when planned care began. */
export function firstSignoffDate(ctx: RuleContext): string | undefined {
  let first: string | undefined;
  for (const folder of ctx.ws.people.values()) {
    for (const s of authorisedSignoffs(ctx.ws, folder)) {
      if (!ctx.asOf.reached(s.at)) break;
      const date = dateOf(ctx, s.at);
      if (!first || date < first) first = date;
    }
  }
  // People whose records this check left unread (their sign-offs kept as instants): Workspace.unread.
  for (const at of ctx.ws.unread?.signoffs ?? []) {
    if (!ctx.asOf.reached(at)) continue;
    const date = dateOf(ctx, at);
    if (!first || date < first) first = date;
  }
  return first;
}
