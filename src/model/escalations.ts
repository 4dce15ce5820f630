import { reached, type When } from './clock.js';
import { parseTimestamp } from './time.js';
import { isEscalationResponse, type Entry, type Escalation, type EscalationListEntry, type EscalationResponse } from './workspace.js';

/** The escalations raised, in file order, leaving out the later answers to them (SPEC section 5.2). */
export function raisedEscalations(list: readonly Entry<EscalationListEntry>[]): Entry<Escalation>[] {
  return list.filter((e): e is Entry<Escalation> => !isEscalationResponse(e.data));
}

/** The later answers appended to the list, in file order. */
export function escalationResponses(list: readonly Entry<EscalationListEntry>[]): Entry<EscalationResponse>[] {
  return list.filter((e): e is Entry<EscalationResponse> => isEscalationResponse(e.data));
}

/** How an escalation was answered: inline on the escalation itself, or by an entry appended later. */
export interface EscalationAnswer {
  response: string;
  /** When it was answered, as written; absent for an inline response without `responded_at`. */
  at?: string;
  by?: string;
  /** The appended entry that answered it, when it was not answered inline. */
  entry?: Entry<EscalationResponse>;
}

/** Whether `respondsTo` names the escalation raised at `at`: the same moment, however it is written. */
export function answers(respondsTo: string, at: string, zone: string): boolean {
  if (respondsTo === at) return true;
  const a = parseTimestamp(respondsTo, zone);
  return a !== undefined && a === parseTimestamp(at, zone);
}

/**
 * The first answer to an escalation: inline, else the first appended entry whose `responds_to` is
 * its `at`. `until` (epoch ms) leaves out answers given later, for judging the past.
 */
export function answerTo(
  escalation: Entry<Escalation>,
  list: readonly Entry<EscalationListEntry>[],
  zone: string,
  until: When = Infinity,
): EscalationAnswer | undefined {
  const inline = escalation.data;
  if (inline.response !== undefined || inline.responded_at !== undefined) {
    const at = inline.responded_at === undefined ? undefined : parseTimestamp(inline.responded_at, zone);
    if (at === undefined || reached(until, at)) return { response: inline.response ?? '', at: inline.responded_at };
  }
  for (const entry of escalationResponses(list)) {
    if (!answers(entry.data.responds_to, inline.at, zone)) continue;
    const at = parseTimestamp(entry.data.at, zone);
    if (at !== undefined && !reached(until, at)) continue;
    return { response: entry.data.response, at: entry.data.at, by: entry.data.by, entry };
  }
  return undefined;
}
