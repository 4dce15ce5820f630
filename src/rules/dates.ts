import type { Finding } from '../model/findings.js';
import type { FieldPath } from '../model/positions.js';
import { momentOf } from '../model/moment.js';
import { dateAt, reached, timestampAt, type When } from '../model/clock.js';
import { localDate, parseTimestamp } from '../model/time.js';
import type { Doc, Entry, Workspace } from '../model/workspace.js';
import { kindSpec } from '../model/recordKinds.js';
import { filesIn, forEachSlot, nameDateOf } from '../model/slots.js';
import { where } from './locate.js';
import { findingOf, type Rule, type RuleMetas } from './rule.js';

type AnyRecord = Doc<unknown> | Entry<unknown>;

/** misfiled-entry: an outcome entry lives in the file of the month it happened. */
export function misfiledEntries(ws: Workspace): Finding[] {
  const findings: Finding[] = [];
  for (const f of ws.people.values()) {
    const monthOfFile = new Map(f.outcomeFiles.map((o) => [o.file, o.month]));
    for (const entry of f.outcomes) {
      const at = momentOf(entry, ws.timezone);
      const month = at === undefined ? undefined : localDate(at, ws.timezone).slice(0, 7);
      const fileMonth = monthOfFile.get(entry.file);
      if (month && fileMonth && month !== fileMonth) {
        findings.push(
          finding('misfiled-entry', {
            person: f.id,
            ...where(entry, ['at']),
            message: `entry at ${entry.data.at} is in the ${fileMonth} file but happened in ${month}`,
            fix: `move it to people/${f.id}/outcomes/${month}.yaml, or correct \`at\``,
          }),
        );
      }
    }
  }
  return findings;
}

/**
 * future-date: things that happened cannot lie after now, the real clock. Not after as-of: looking
 * back (`check --as-of`) leaves later records out rather than calling them future (SPEC 5.1), and
 * looking ahead must not let records dated after today in. Target dates (a goal's `by`, an audit
 * action's `due`, a staff member's planned `left`) are exempt.
 */
export function futureDates(ws: Workspace, now: When): Finding[] {
  const findings: Finding[] = [];
  const zone = ws.timezone;
  const today = dateAt(now, zone);
  const fix = 'correct the date; a record says what has happened, so it cannot be dated after now';
  const stamp = (record: AnyRecord, path: FieldPath, value: string | undefined, person?: string) => {
    if (value === undefined) return;
    const ms =
      'index' in record && path.length === 1 && path[0] === 'at'
        ? momentOf(record as Entry<{ at: string }>, zone)
        : parseTimestamp(value, zone);
    if (ms !== undefined && !reached(now, ms)) {
      // Quoting now's time ties the finding to this instant (a clock notes it), so it is worked out only for a finding.
      const message = `\`${String(path[path.length - 1])}\` ${value} is after now (${timestampAt(now, zone)})`;
      findings.push(finding('future-date', { person, ...where(record, path), message, fix }));
    }
  };
  const date = (record: AnyRecord, path: FieldPath, value: string | undefined, person?: string) => {
    if (value !== undefined && value > today) {
      const message = `\`${String(path[path.length - 1])}\` ${value} is after today (${today})`;
      findings.push(finding('future-date', { person, ...where(record, path), message, fix }));
    }
  };
  const named = (file: string, value: string | undefined, person?: string) => {
    if (value !== undefined && value > today.slice(0, value.length)) {
      const message =
        `the file name's date ${value} is ` + `after ${value.length === 7 ? `this month (${today.slice(0, 7)})` : `today (${today})`}`;
      findings.push(finding('future-date', { person, file, message, fix: 'rename the file to the date the record was made' }));
    }
  };

  // Every kind's event dates (the table's eventDates), and the date or month its file name gives.
  forEachSlot(ws, (kind, records, person, holder) => {
    const { eventDates, list } = kindSpec(kind);
    const fields = Object.entries(eventDates);
    for (const file of filesIn(holder, kind)) named(file.file, nameDateOf(file), person);
    for (const record of records) {
      if (!list) named(record.file, nameDateOf(record), person);
      for (const [field, form] of fields) {
        const value = (record.data as Record<string, string | undefined>)[field];
        (form === 'date' ? date : stamp)(record, [field], value, person);
      }
    }
  });
  return findings;
}

const meta = {
  'misfiled-entry': { severity: 'error', docs: 'misfiled-entry' },
  'future-date': { severity: 'error', docs: 'future-date' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

export default {
  name: 'dates',
  scope: 'record',
  meta,
  check: (ctx) => [...misfiledEntries(ctx.ws), ...futureDates(ctx.ws, ctx.now)],
} satisfies Rule;
