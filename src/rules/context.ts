import type { Policy } from '../model/policy.js';
import { addDays, localDate, localTimestamp } from '../model/time.js';
import type { Workspace } from '../model/workspace.js';

/** What every care rule is judged against: the workspace and one moment, never the clock. */
export interface RuleContext {
  ws: Workspace;
  policy: Policy;
  zone: string;
  asOf: number;
  /** as-of's local calendar date. */
  asOfDate: string;
  /** Memo for daysBeforeAsOf. */
  daysBefore: Map<number, string>;
}

export function ruleContext(ws: Workspace, asOf: number): RuleContext {
  return { ws, policy: ws.policy, zone: ws.timezone, asOf, asOfDate: localDate(asOf, ws.timezone), daysBefore: new Map() };
}

/** "More than N days before as-of": as-of's local date minus the event's local date exceeds N. */
export function moreThanDaysBefore(ctx: RuleContext, date: string, days: number): boolean {
  return date < daysBeforeAsOf(ctx, days);
}

/** as-of's local date minus `days`, worked out once per context and number. */
export function daysBeforeAsOf(ctx: RuleContext, days: number): string {
  let date = ctx.daysBefore.get(days);
  if (date === undefined) ctx.daysBefore.set(days, (date = addDays(ctx.asOfDate, -days)));
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
