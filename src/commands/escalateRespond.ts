import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { answers, answerTo, raisedEscalations } from '../model/escalations.js';
import { hasRole } from '../model/planState.js';
import { parseTimestamp } from '../model/time.js';
import type { Entry, Escalation, EscalationResponse, PersonFolder } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { appendRecord } from '../repo/recordWriter.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, personFolder, type WriteOptions } from './writeOptions.js';

export interface EscalateRespondOptions extends WriteOptions {
  person: string;
  toEscalation?: string;
  response?: string;
  again?: boolean;
}

/** "2026-11-12T18:00 (by s-carl, to s-amina)": an escalation named by ids and its date only, never its reason. */
const named = (e: Entry<Escalation>) => `${e.data.at} (by ${e.data.by}, to ${e.data.to})`;

/**
 * The escalation a response answers: the one raised at --to-escalation, else the only open one.
 * Returns the open ones to choose from when there are several and none was named.
 */
function chooseEscalation(folder: PersonFolder, zone: string, options: EscalateRespondOptions): Entry<Escalation> | Entry<Escalation>[] {
  const raised = raisedEscalations(folder.escalations);
  const open = raised.filter((e) => !answerTo(e, folder.escalations, zone));
  const openList = open.length ? `Open: ${open.map(named).join('; ')}.` : 'None is open.';
  if (raised.length === 0)
    throw new UsageError(`${folder.id} has no escalation to respond to (people/${folder.id}/escalations.yaml lists none).`);
  if (options.toEscalation !== undefined) {
    if (parseTimestamp(options.toEscalation, zone) === undefined) {
      throw new UsageError(
        `--to-escalation "${options.toEscalation}" is not a date and time.`,
        `Give the \`at\` of the escalation answered. ${openList}`,
      );
    }
    const target = raised.find((e) => answers(options.toEscalation!, e.data.at, zone));
    if (!target) throw new UsageError(`${folder.id} has no escalation raised at ${options.toEscalation}.`, openList);
    const answer = answerTo(target, folder.escalations, zone);
    if (answer && !options.again) {
      throw new UsageError(
        `The escalation raised at ${target.data.at} was already answered` +
          `${answer.at ? ` at ${answer.at}` : ''}${answer.by ? ` by ${answer.by}` : ''}.`,
        `To add a further response to it, pass --again. ${openList}`,
      );
    }
    return target;
  }
  if (open.length === 1) return open[0];
  if (open.length === 0) {
    throw new UsageError(
      `${folder.id} has no open escalation: all ${raised.length} have been answered.`,
      `To add a further response to one, name it: --to-escalation ${raised[raised.length - 1].data.at} --again.`,
    );
  }
  return open;
}

/** `careplan escalate respond PERSON`: the answer to an escalation, appended to escalations.yaml (SPEC 5.2). */
export async function escalateRespond(options: EscalateRespondOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'responding to an escalation', { date: r.at.date }))!;
  let chosen = chooseEscalation(folder, r.zone, options);
  if (Array.isArray(chosen)) {
    const open = chosen;
    if (!r.ask.interactive) {
      throw new UsageError(
        `${id} has ${open.length} open escalations: ${open.map(named).join('; ')}.`,
        `Say which one this answers: --to-escalation ${open[0].data.at}`,
      );
    }
    const at = await r.ask.select({
      flag: '--to-escalation',
      example: open[0].data.at,
      message: 'Which escalation does this answer?',
      choices: open.map((e) => ({ name: `${named(e)}: ${e.data.reason}`, value: e.data.at })),
    });
    chosen = open.find((e) => e.data.at === at)!;
  }
  const escalation = chosen.data;
  const raisedAt = parseTimestamp(escalation.at, r.zone);
  if (raisedAt !== undefined && r.at.ms < raisedAt) {
    throw new UsageError(
      `The response (${r.at.text}) would be dated before the escalation it answers (${escalation.at}).`,
      'Give --at on or after it, or leave it out to respond now.',
    );
  }
  const response =
    options.response?.trim() ||
    (await r.ask.text({
      flag: '--response',
      example: '"GP informed; plan review booked"',
      message: `Response to the escalation raised at ${escalation.at}:`,
    }))!;

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan escalate respond' }, (ws) => {
    // Named by its moment, so a response written meanwhile by someone else is noticed.
    const target = chooseEscalation(personFolder(ws, id), ws.timezone, { ...options, toEscalation: escalation.at });
    if (Array.isArray(target))
      throw new UsageError(`The escalation raised at ${escalation.at} is no longer in people/${id}/escalations.yaml.`);
    const entry: EscalationResponse = { responds_to: escalation.at, at: r.at.text, by: actor.id, response };
    const note =
      actor.id !== escalation.to && !hasRole(actor.staff, ws.policy.signoff_roles)
        ? `careplan: note: the escalation was made to ${escalation.to}; ${actor.id} answered it.`
        : undefined;
    return {
      changes: [appendRecord(ws.root, `people/${id}/escalations.yaml`, entry)],
      people: [id],
      subject: `Respond to ${id}'s escalation of ${escalation.at}`,
      trailers: { action: 'escalate-respond', person: id, by: actor.id },
      done: `Recorded ${actor.id}'s response to the escalation of ${id} raised at ${escalation.at} in people/${id}/escalations.yaml.`,
      next: note,
    };
  });
  return 0;
}
