import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { isValidNhsNumber } from '../model/nhsNumber.js';
import { isCalendarDate } from '../model/time.js';
import { planStatus, STATE_WORDS } from '../model/planState.js';
import type { Person } from '../model/records.generated.js';
import type { Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { editRecord, newRecord } from '../repo/recordWriter.js';
import type { GlobalOptions } from './options.js';
import { recordWithLock, startRecording, type Recording } from './recording.js';
import { formatTable } from './table.js';
import { checkId, listOf, personFolder, resolveDate, type WriteOptions } from './writeOptions.js';
import { compareText } from '../model/textOrder.js';

export const AUTHORITIES = ['lpa-health-welfare', 'deputy', 'other'] as const;
export type Representative = NonNullable<Person['representatives']>[number];

export interface PersonAddOptions extends WriteOptions {
  id: string;
  name?: string;
  preferredName?: string;
  dob?: string;
  nhsNumber?: string;
  admitted?: string;
  keyWorker?: string;
  team?: string[];
  representative?: string[];
}

/** "Jo Clarke,daughter,lpa-health-welfare" → a representative. */
export function representative(value: string): Representative {
  const [name, relationship, authority] = value.split(',').map((p) => p.trim());
  if (!name || !relationship || !AUTHORITIES.includes(authority as Representative['authority'])) {
    throw new UsageError(
      `--representative "${value}" is not NAME,RELATIONSHIP,AUTHORITY.`,
      `For example --representative "Jo Clarke,daughter,lpa-health-welfare" (authority: ${AUTHORITIES.join(', ')}).`,
    );
  }
  return { name, relationship, authority: authority as Representative['authority'] };
}

/** `careplan person add ID`: a person the provider supports, admitted on a date. */
export async function personAdd(options: PersonAddOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'person id');
  const r = startRecording(options, io, [id]);
  if (r.ws.people.get(id)?.presentFiles.has('person.yaml'))
    throw new UsageError(
      `people/${id}/person.yaml already exists: ${id} is already recorded.`,
      `Choose another id; see \`careplan person list --all\`.`,
    );
  const actor = await resolveActor(r.ws, { as: options.as, env: io.env }, 'adding a person', { required: false });
  const dob = options.dob === undefined ? undefined : resolveDate('--dob', options.dob, 0, r.zone);
  if (options.nhsNumber !== undefined && !isValidNhsNumber(options.nhsNumber)) {
    throw new UsageError(
      `--nhs-number "${options.nhsNumber}" is not a valid NHS number (10 digits with a modulus 11 check digit).`,
      'Check it against their NHS letter or GP record, e.g. --nhs-number "943 476 5919".',
    );
  }
  const keyWorkers = [...r.ws.staff.values()].filter((s) => s.data.active && s.data.roles.includes('key-worker'));
  const name = options.name?.trim() || (await r.ask.text({ flag: '--name', example: '"Edith Clarke"', message: 'Full name:' }))!;
  const today = resolveDate('--admitted', undefined, r.at.ms, r.zone);
  const admitted =
    options.admitted !== undefined || !r.ask.interactive
      ? resolveDate('--admitted', options.admitted, r.at.ms, r.zone)
      : (await r.ask.text({
          flag: '--admitted',
          example: today,
          message: 'Date admitted (YYYY-MM-DD):',
          default: today,
          check: (a) => (isCalendarDate(a) ? undefined : 'A date is YYYY-MM-DD'),
        }))!;
  const keyWorker =
    options.keyWorker ??
    (keyWorkers.length === 0
      ? (() => {
          throw new UsageError(
            'There is no active staff member with role key-worker to be their key worker.',
            'Add one first: careplan staff add s-ben --name "Ben Hollis" --role key-worker',
          );
        })()
      : await r.ask.select({
          flag: '--key-worker',
          example: keyWorkers[0].data.id,
          message: 'Key worker:',
          choices: keyWorkers.map((s) => ({ name: `${s.data.id} (${s.data.name})`, value: s.data.id })),
        }));
  const team = listOf(options.team);
  const representatives =
    options.representative !== undefined || !r.ask.interactive
      ? (options.representative ?? []).map(representative)
      : await askRepresentatives(r);

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan person add' }, (ws) => {
    checkKeyWorker(ws, id, keyWorker);
    checkTeam(ws, '--team', team);
    const record: Person = {
      id,
      name,
      ...(options.preferredName ? { preferred_name: options.preferredName } : {}),
      ...(dob ? { date_of_birth: dob } : {}),
      ...(options.nhsNumber ? { nhs_number: options.nhsNumber } : {}),
      admitted,
      key_worker: keyWorker,
      ...(team.length ? { team } : {}),
      ...(representatives.length ? { representatives } : {}),
      status: 'active',
    };
    return {
      changes: [newRecord(ws.root, `people/${id}/person.yaml`, record, { flowLists: ['team'], flowItemsUnder: ['representatives'] })],
      people: [id],
      subject: `Admit ${id} (key worker ${keyWorker})`,
      trailers: { action: 'person-add', person: id, by: actor?.id },
      done: `Added ${id} in people/${id}/person.yaml, admitted ${admitted}, key worker ${keyWorker}.`,
      next: `Next: the initial assessment: careplan assess ${id} --type initial`,
    };
  });
  return 0;
}

/** Representatives asked for one by one on a terminal; a blank name ends the list. Their flag is --representative. */
export async function askRepresentatives(r: Recording): Promise<Representative[]> {
  const out: Representative[] = [];
  for (;;) {
    const flag = { flag: '--representative', example: '"Jo Clarke,daughter,lpa-health-welfare"' };
    const message = out.length ? 'Another representative (blank when done):' : 'A representative who may act for them (blank when done):';
    const name = await r.ask.text({ ...flag, message, optional: true });
    if (!name) return out;
    const relationship = (await r.ask.text({ ...flag, message: `${name}'s relationship to them, e.g. daughter:` }))!;
    const authority = await r.ask.select({
      ...flag,
      message: 'Their authority:',
      choices: AUTHORITIES.map((a) => ({ name: a, value: a })),
    });
    out.push({ name, relationship, authority });
  }
}

/** A key worker must be an active staff member with role key-worker. */
export function checkKeyWorker(ws: Workspace, person: string, keyWorker: string): void {
  const worker = ws.staff.get(checkId(keyWorker, 'key worker'));
  if (!worker) throw new UsageError(`--key-worker ${keyWorker} is not on the staff roster.`, 'Use an id from `careplan staff list`.');
  const keyWorkers = [...ws.staff.values()].filter((s) => s.data.active && s.data.roles.includes('key-worker')).map((s) => s.data.id);
  if (!worker.data.active) {
    throw new UsageError(
      `${keyWorker} is no longer active${worker.data.left ? ` (left ${worker.data.left})` : ''}, so cannot be ${person}'s key worker.`,
      `Choose a current key worker: ${keyWorkers.join(', ') || 'none yet'}.`,
    );
  }
  if (!worker.data.roles.includes('key-worker')) {
    throw new UsageError(
      `${keyWorker} (${worker.data.name}) does not have the key-worker role, so cannot be ${person}'s key worker.`,
      `Choose a key worker (${keyWorkers.join(', ') || 'none yet'}), or give ${keyWorker} the role:` +
        ` careplan staff update ${keyWorker} --add-role key-worker`,
    );
  }
}

/** Team members must be on the roster and still working. */
export function checkTeam(ws: Workspace, flag: string, team: readonly string[]): void {
  for (const member of team) {
    const staff = ws.staff.get(checkId(member, 'team member'));
    if (!staff) throw new UsageError(`${flag} names ${member}, who is not on the staff roster.`, 'Use ids from `careplan staff list`.');
    if (!staff.data.active) {
      const left = staff.data.left ? ` (left ${staff.data.left})` : '';
      throw new UsageError(`${flag} names ${member}, who is no longer active${left}.`, 'Use ids from `careplan staff list`.');
    }
  }
}

export interface PersonListOptions extends GlobalOptions {
  json?: boolean;
  all?: boolean;
}

/** `careplan person list`: the people supported, with their key worker and plan state. */
export async function personList(options: PersonListOptions, io: Io): Promise<number> {
  const root = findRepositoryRoot(io.cwd, options.repo);
  const ws = loadWorkspace(root);
  const rows = [...ws.people.values()]
    .filter((f) => f.person && (options.all || f.person.data.status === 'active'))
    .sort((a, b) => compareText(a.id, b.id))
    .map((f) => {
      const status = planStatus(ws, f);
      const p = f.person!.data;
      return {
        id: f.id,
        name: p.name,
        status: p.status,
        admitted: p.admitted,
        discharged: p.discharged,
        key_worker: p.key_worker,
        plan: status.state,
        version: f.plan?.data.version,
      };
    });
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    const discharged = [...ws.people.values()].filter((f) => f.person?.data.status === 'discharged').length;
    io.stdout.write(
      discharged ? `No one is supported at present (${discharged} discharged: careplan person list --all).\n` : 'No people recorded yet.\n',
    );
    if (!discharged) io.stderr.write('Add someone: careplan person add p-edith --name "Edith Clarke" --key-worker s-ben\n');
    return 0;
  }
  io.stdout.write(
    formatTable(
      ['id', 'name', 'key worker', 'plan', ...(options.all ? ['status'] : [])],
      rows.map((row) => [
        row.id,
        row.name,
        row.key_worker,
        row.version ? `v${row.version} ${STATE_WORDS[row.plan]}` : STATE_WORDS[row.plan],
        ...(options.all ? [row.status === 'discharged' ? `discharged ${row.discharged ?? ''}`.trim() : 'active'] : []),
      ]),
    ),
  );
  return 0;
}

export interface PersonDischargeOptions extends WriteOptions {
  id: string;
  on?: string;
}

/** `careplan person discharge ID`: the person leaves the service; their records stay. */
export async function personDischarge(options: PersonDischargeOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'person id');
  // Closing the records is the one write a discharged person's folder still takes (refused below as done already).
  const r = startRecording(options, io, [id], { allowDischarged: true });
  const actor = await resolveActor(r.ws, { as: options.as, env: io.env }, 'discharging a person', { required: false });
  const on = resolveDate('--on', options.on, r.at.ms, r.zone);
  const closing = { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan person discharge', allowDischarged: true };
  await recordWithLock(io, r.root, closing, (ws) => {
    const folder = personFolder(ws, id);
    const person = folder.person.data;
    if (person.status === 'discharged')
      throw new UsageError(`${id} was already discharged on ${person.discharged ?? '(no date)'}.`, 'Nothing to do.');
    if (on < person.admitted)
      throw new UsageError(`--on ${on} is before ${id} was admitted (${person.admitted}).`, 'Give the date they left.');
    return {
      changes: [editRecord(ws.root, folder.person.file, { ...person, status: 'discharged', discharged: on })],
      people: [id],
      subject: `Discharge ${id} on ${on}`,
      trailers: { action: 'person-discharge', person: id, by: actor?.id },
      done: `Discharged ${id} on ${on}; their records stay, and \`careplan check\` now applies only the record rules to them.`,
    };
  });
  return 0;
}
