import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { hasRole } from '../model/planState.js';
import { parseTimestamp } from '../model/time.js';
import { raisedEscalations } from '../model/escalations.js';
import type { Escalation } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { appendRecord } from '../repo/recordWriter.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, personFolder, type WriteOptions } from './writeOptions.js';

export interface EscalateOptions extends WriteOptions {
  person: string;
  to?: string;
  reason?: string;
  response?: string;
}

/** `careplan escalate PERSON`: a pattern of variation (or any concern) raised with the Registered Manager. */
export async function escalate(options: EscalateOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'escalating', { date: r.at.date }))!;

  // What is being escalated: the variations since the last escalation (answers to earlier ones do not count).
  const last = raisedEscalations(folder.escalations)
    .map((e) => parseTimestamp(e.data.at, r.zone) ?? 0)
    .reduce((a, b) => Math.max(a, b), -Infinity);
  const variations = folder.outcomes.filter((o) => o.data.variation && (parseTimestamp(o.data.at, r.zone) ?? 0) > last);
  if (variations.length) {
    io.stdout.write(
      `Variations from ${id}'s plan since ${Number.isFinite(last) ? 'the last escalation' : 'the plan began'}:\n` +
        `${variations.map((v) => `  ${v.data.at} ${v.data.by}${v.data.goal ? ` ${v.data.goal}` : ''}: ${v.data.variation}`).join('\n')}\n`,
    );
  }
  const managers = [...r.ws.staff.values()].filter((s) => s.data.active && hasRole(s, r.ws.policy.signoff_roles) && s.data.id !== actor.id);
  let to = options.to;
  if (to === undefined) {
    if (managers.length === 1 && !r.ask.interactive) to = managers[0].data.id;
    else
      to = await r.ask.select({
        flag: '--to',
        example: managers[0]?.data.id ?? 's-amina',
        message: 'Escalate to:',
        choices: managers.map((s) => ({ name: `${s.data.id} (${s.data.name})`, value: s.data.id })),
        default: managers[0]?.data.id,
      });
  }
  checkId(to, 'staff id');
  if (!r.ws.staff.has(to)) throw new UsageError(`--to ${to} is not on the staff roster.`, 'Use an id from `careplan staff list`.');
  const reason =
    options.reason?.trim() ||
    (await r.ask.text({
      flag: '--reason',
      example: '"Refused lunch three days running"',
      message: 'Reason (what happened, what pattern):',
    }))!;

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan escalate' }, (ws) => {
    personFolder(ws, id);
    const entry: Escalation = {
      at: r.at.text,
      by: actor.id,
      to: to!,
      reason,
      ...(options.response ? { response: options.response, responded_at: r.at.text } : {}),
    };
    const recipient = ws.staff.get(to!);
    return {
      changes: [appendRecord(ws.root, `people/${id}/escalations.yaml`, entry)],
      people: [id],
      subject: `Escalate ${id} to ${to}`,
      trailers: { action: 'escalate', person: id, by: actor.id },
      done: `Recorded the escalation of ${id} to ${to} in people/${id}/escalations.yaml.`,
      next:
        recipient && !hasRole(recipient, ws.policy.signoff_roles)
          ? `careplan: note: ${to} does not hold a role in signoff_roles; policy expects patterns of ` +
            'variation to reach the Registered Manager.'
          : undefined,
    };
  });
  return 0;
}
