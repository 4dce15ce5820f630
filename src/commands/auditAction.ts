import { isMonth } from '../audit/period.js';
import { RecordError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { parseTimestamp } from '../model/time.js';
import type { AuditActionStatus, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { appendRecord } from '../repo/recordWriter.js';
import { recordWithLock, startRecording } from './recording.js';
import type { WriteOptions } from './writeOptions.js';

export interface AuditActionOptions extends WriteOptions {
  month: string;
  number: string;
  done?: boolean;
  dropped?: boolean;
  note?: string;
}

const FILE = 'audits/actions.yaml';

/** The saved audit's action N, or why it cannot be closed: not saved, no such action, closed already. */
function openAction(ws: Workspace, month: string, n: number) {
  const audit = ws.audits.find((a) => a.month === month);
  const file = `audits/${month}.yaml`;
  if (!audit) {
    const saved = ws.audits.map((a) => a.month).sort();
    if (ws.files.includes(file))
      throw new RecordError(
        `${file} is not a valid saved audit, so its actions cannot be closed.`,
        `Run \`careplan validate ${file}\` and correct it.`,
      );
    throw new UsageError(
      `No audit is saved for ${month} (no ${file}).`,
      saved.length
        ? `Saved audits: ${saved.join(', ')}.`
        : 'Save the month\'s audit first: careplan audit --month MONTH --save --action "TEXT;OWNER;DUE".',
    );
  }
  const actions = audit.data.actions;
  if (n > actions.length) {
    throw new UsageError(
      actions.length
        ? `The audit of ${month} agreed ${actions.length} action${actions.length === 1 ? '' : 's'}, so there is no action ${n}.`
        : `The audit of ${month} agreed no actions.`,
      actions.length
        ? `Its actions, numbered from 1:\n${actions.map((a, i) => `  ${i + 1}. ${a.description} (${a.owner}, due ${a.due})`).join('\n')}`
        : undefined,
    );
  }
  const closed = ws.auditActions.find((e) => e.data.audit === month && e.data.action === n);
  if (closed) {
    throw new RecordError(
      `Action ${n} of the audit of ${month} was already closed as ${closed.data.status} by ${closed.data.by} at ${closed.data.at}.`,
      `Nothing was written: ${FILE} is append-only, and an action is closed once. If that was a mistake, say so in the next audit.`,
    );
  }
  return { audit, action: actions[n - 1] };
}

/** `careplan audit action AUDIT-MONTH N --done|--dropped`: what became of an action a saved audit agreed (SPEC section 5.5). */
export async function auditAction(options: AuditActionOptions, io: Io): Promise<number> {
  if (options.done && options.dropped) throw new UsageError('Give one of --done and --dropped, not both.');
  if (!options.done && !options.dropped)
    throw new UsageError(
      'Say what became of the action: --done or --dropped.',
      'For example: careplan audit action 2026-10 2 --done --note "Plan reviewed".',
    );
  const status: AuditActionStatus['status'] = options.done ? 'done' : 'dropped';
  const month = options.month;
  if (!isMonth(month))
    throw new UsageError(`"${month}" is not a month.`, 'Name the audit by its month, YYYY-MM: careplan audit action 2026-10 2 --done.');
  if (!/^[1-9]\d{0,5}$/.test(options.number))
    throw new UsageError(`"${options.number}" is not an action number.`, 'Actions are numbered from 1, in the order the audit lists them.');
  const n = Number(options.number);
  const note = options.note?.trim() || undefined;

  const r = startRecording(options, io, []);
  const { audit } = openAction(r.ws, month, n);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'closing an audit action', { date: r.at.date }))!;
  const saved = parseTimestamp(audit.data.saved_at, r.zone);
  if (saved !== undefined && r.at.ms < saved) {
    throw new UsageError(
      `--at ${r.at.text} is before the audit of ${month} was saved (${audit.data.saved_at}), and its actions were agreed then.`,
      'Give a later --at, or leave it out to close it now.',
    );
  }

  const entry: AuditActionStatus = { audit: month, action: n, status, at: r.at.text, by: actor.id, ...(note ? { note } : {}) };
  await recordWithLock(io, r.root, { people: [], commit: r.commit, asOf: r.asOf, command: 'careplan audit action' }, (ws) => {
    const { action } = openAction(ws, month, n);
    return {
      changes: [appendRecord(ws.root, FILE, entry)],
      people: [],
      subject: `Audit ${month} action ${n} ${status}`,
      trailers: { action: 'audit-action', by: actor.id },
      done: `Closed action ${n} of the audit of ${month} as ${status}: ${action.description} (owner ${action.owner}, due ${action.due}).`,
    };
  });
  return 0;
}
