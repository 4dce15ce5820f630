import { RecordError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Staff, Supervision } from '../model/records.generated.js';
import { parseSupervisionAction, SUPERVISION_KINDS, SUPERVISOR_ROLES, type SupervisionAction } from '../model/supervision.js';
import { isCalendarDate } from '../model/time.js';
import { noun, plural } from '../model/words.js';
import type { Doc, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { newRecord } from '../repo/recordWriter.js';
import { oneOf } from './options.js';
import { recordWithLock, startRecording, type Recording } from './recording.js';
import { checkId, listOf, type WriteOptions } from './writeOptions.js';

export interface SuperviseOptions extends WriteOptions {
  staff: string;
  kind?: string;
  topic?: string[];
  findings?: string;
  action?: string[];
  people?: string[];
}

const fileOf = (date: string, staff: string) => `supervisions/${date}-${staff}.yaml`;

const SUBJECT: Record<Supervision['kind'], string> = {
  supervision: 'Supervision',
  observation: 'Observation',
  corrective: 'Corrective supervision',
};

/** On the roster on `date`: started by then, and not past their last working day (or, with no `left`, active). */
function employedOn(staff: Staff, date: string): boolean {
  if (staff.started !== undefined && staff.started > date) return false;
  return staff.left !== undefined ? staff.left >= date : staff.active;
}

/** The staff member supervised, or why they cannot be. */
function supervised(ws: Workspace, id: string, supervisor: string, date: string): Doc<Staff> {
  const doc = ws.staff.get(id);
  if (!doc) {
    throw new UsageError(
      ws.staffPresent.has(id)
        ? `staff/${id}.yaml is not a valid staff record, so careplan cannot record ${id}'s supervision.`
        : `${id} is not on the staff roster.`,
      ws.staffPresent.has(id) ? `Run \`careplan validate staff/${id}.yaml\` and correct it.` : 'Check the id with `careplan staff list`.',
    );
  }
  if (id === supervisor)
    throw new RecordError(`${id} cannot supervise themselves: supervision is by someone else.`, `Nothing was written. ${whoMay(ws, id)}`);
  if (!employedOn(doc.data, date)) {
    const why =
      doc.data.started !== undefined && doc.data.started > date
        ? `started on ${doc.data.started}`
        : doc.data.left
          ? `left on ${doc.data.left}`
          : 'is not active';
    throw new RecordError(
      `${id} (${doc.data.name}) ${why}, so had no supervision on ${date}.`,
      'Nothing was written. Check the staff id and --at.',
    );
  }
  return doc;
}

/** Who could record it instead: the active staff with a supervising role, the supervised left out. */
function whoMay(ws: Workspace, except: string): string {
  const who = [...ws.staff.values()].filter(
    (s) => s.data.active && s.data.id !== except && s.data.roles.some((r) => (SUPERVISOR_ROLES as readonly string[]).includes(r)),
  );
  return who.length
    ? `${who.map((s) => s.data.id).join(' or ')} can record it (--as).`
    : 'Give a supervisor the role in their staff file (careplan staff update).';
}

function refuseSameDay(ws: Workspace, file: string, staff: string, date: string): void {
  const held = ws.supervisions.find((s) => s.file === file);
  throw new RecordError(
    `${staff} already has a supervision recorded on ${date}${held ? ` (by ${held.data.by})` : ''} in ${file}; ` +
      'careplan keeps one a day for each staff member.',
    `Nothing was written. Add to that file (its findings, actions and topics), or give another --at if this was another day.`,
  );
}

async function askActions(io: Io, r: Recording, date: string): Promise<SupervisionAction[]> {
  const actions: SupervisionAction[] = [];
  for (;;) {
    const description = await r.ask.text({
      flag: '--action',
      example: '"Explain every variation;2026-11-25"',
      message: `Action ${actions.length + 1} agreed (blank when done):`,
      optional: true,
    });
    if (!description) return actions;
    let due: string | undefined;
    for (;;) {
      due = await r.ask.text({ flag: '--action', example: '', message: 'Due by (YYYY-MM-DD, optional):', optional: true });
      if (!due || (isCalendarDate(due) && due >= date)) break;
      io.stdout.write(`  ${isCalendarDate(due) ? 'A due date is on or after the supervision.' : 'That is not a date YYYY-MM-DD.'}\n`);
    }
    actions.push({ description, ...(due ? { due } : {}) });
  }
}

/** `careplan supervise STAFF`: a manager's, senior leader's or shift lead's supervision of a staff member (SPEC section 5.4). */
export async function supervise(options: SuperviseOptions, io: Io): Promise<number> {
  const staffId = checkId(options.staff, 'staff id');
  const r = startRecording(options, io, []);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording a supervision', { date: r.at.date }))!;
  const roles = actor.staff.data.roles;
  if (!roles.some((role) => (SUPERVISOR_ROLES as readonly string[]).includes(role))) {
    throw new RecordError(
      `${actor.id} (${roles.join(', ')}) cannot record a supervision: supervisions are by a ` +
        `${SUPERVISOR_ROLES.slice(0, -1).join(', ')} or ${SUPERVISOR_ROLES[SUPERVISOR_ROLES.length - 1]}.`,
      `Nothing was written. ${whoMay(r.ws, staffId)}`,
    );
  }
  supervised(r.ws, staffId, actor.id, r.at.date);
  const file = fileOf(r.at.date, staffId);
  if (r.ws.supervisions.some((s) => s.file === file)) refuseSameDay(r.ws, file, staffId, r.at.date);

  // Flags first, each checked before anything is asked.
  const given = (options.action ?? []).map((value) => {
    const action = parseSupervisionAction(value);
    if (typeof action === 'string')
      throw new UsageError(
        `--action "${value}": ${action}.`,
        'Give what is to be done, then optionally ; and its due date: --action "Explain every variation;2026-11-25".',
      );
    if (action.due !== undefined && action.due < r.at.date)
      throw new UsageError(
        `--action "${value}" is due ${action.due}, before the supervision on ${r.at.date}.`,
        'Give a due date on or after it.',
      );
    return action;
  });
  let people = listOf(options.people);
  const known = [...r.ws.people.values()].filter((f) => f.presentFiles.has('person.yaml'));
  for (const id of people) {
    checkId(id, 'person id');
    if (!known.some((f) => f.id === id))
      throw new UsageError(`--people names ${id}, who has no people/${id}/person.yaml.`, 'Check the id with `careplan person list`.');
  }

  const kind =
    options.kind !== undefined
      ? oneOf('--kind', options.kind, SUPERVISION_KINDS, 'supervision')
      : r.ask.interactive
        ? await r.ask.select<Supervision['kind']>({
            flag: '--kind',
            example: 'supervision',
            message: 'Which kind?',
            default: 'supervision',
            choices: [
              { name: 'supervision: a one-to-one', value: 'supervision' },
              { name: 'observation: care observed in practice', value: 'observation' },
              { name: 'corrective: about a concern with practice', value: 'corrective' },
            ],
          })
        : 'supervision';
  let topics = listOf(options.topic);
  if (!options.topic && r.ask.interactive)
    topics = listOf(
      await r.ask.text({ flag: '--topic', example: 'recording', message: 'Topics discussed (comma-separated, optional):', optional: true }),
    );
  const findings =
    options.findings?.trim() ||
    (await r.ask.text({ flag: '--findings', example: '"Records are timely; two variations not explained."', message: 'Findings:' }))!;
  const actions = options.action ? given : r.ask.interactive ? await askActions(io, r, r.at.date) : [];
  if (!options.people && r.ask.interactive && known.length) {
    // Only the people's ids are loaded (their folders are not needed): offer every one.
    const ids = known.map((f) => f.id).sort();
    people = await r.ask.checkbox({
      flag: '--people',
      example: 'p-edith',
      message: 'Whose care was discussed (optional)?',
      choices: ids.map((id) => ({ name: id, value: id })),
    });
  }

  const record: Supervision = {
    at: r.at.text,
    by: actor.id,
    staff: staffId,
    kind,
    ...(topics.length ? { topics: [...new Set(topics)] } : {}),
    findings,
    ...(actions.length ? { actions } : {}),
    ...(people.length ? { people: [...new Set(people)] } : {}),
  };
  const agreed = `${actions.length || 'no'} ${noun(actions.length, 'action')}`;
  const discussed = people.length ? `, ${plural(people.length, 'person', 'people')} discussed` : '';
  // Reflecting on a discharged person's past care is part of supervision: their closed records do not refuse it.
  const locked = { people, commit: r.commit, asOf: r.asOf, command: 'careplan supervise', allowDischarged: true };
  await recordWithLock(io, r.root, locked, (ws) => {
    supervised(ws, staffId, actor.id, r.at.date);
    if (ws.supervisions.some((s) => s.file === file)) refuseSameDay(ws, file, staffId, r.at.date);
    return {
      changes: [newRecord(ws.root, file, record, { flowLists: ['topics', 'people'], flowItemsUnder: ['actions'] })],
      people,
      subject: `${SUBJECT[kind]} of ${staffId} by ${actor.id}`,
      trailers: { action: 'supervise', person: people, by: actor.id },
      done: `Recorded ${actor.id}'s ${kind} of ${staffId} (${agreed}${discussed}) in ${file}.`,
    };
  });
  return 0;
}
