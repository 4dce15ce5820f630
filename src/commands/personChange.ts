import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { isValidNhsNumber } from '../model/nhsNumber.js';
import type { Person } from '../model/records.generated.js';
import type { Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { editRecord } from '../repo/recordWriter.js';
import { askRepresentatives, checkKeyWorker, checkTeam, representative, type Representative } from './person.js';
import { recordWithLock, startRecording, type Recording } from './recording.js';
import { checkId, listOf, personFolder, resolveDate, type WriteOptions } from './writeOptions.js';

const PERSON_FLOW = { flowItemsUnder: ['representatives'] } as const;

export interface PersonUpdateOptions extends WriteOptions {
  id: string;
  keyWorker?: string;
  team?: string[];
  addToTeam?: string[];
  removeFromTeam?: string[];
  preferredName?: string;
  name?: string;
  dob?: string;
  nhsNumber?: string;
  representative?: string[];
  endRepresentative?: string[];
}

/** What a person update changes, as flags give it or prompts ask it. */
interface Wanted {
  keyWorker?: string;
  team?: string[];
  addToTeam: string[];
  removeFromTeam: string[];
  preferredName?: string;
  name?: string;
  dob?: string;
  nhsNumber?: string;
  add: Representative[];
  end: string[];
}

function wantedFrom(options: PersonUpdateOptions, zone: string): Wanted {
  if (options.nhsNumber !== undefined && !isValidNhsNumber(options.nhsNumber)) {
    throw new UsageError(
      `--nhs-number "${options.nhsNumber}" is not a valid NHS number (10 digits with a modulus 11 check digit).`,
      'Check it against their NHS letter or GP record.',
    );
  }
  return {
    keyWorker: options.keyWorker,
    team: options.team === undefined ? undefined : listOf(options.team),
    addToTeam: listOf(options.addToTeam),
    removeFromTeam: listOf(options.removeFromTeam),
    preferredName: options.preferredName?.trim(),
    name: options.name?.trim() || undefined,
    dob: options.dob === undefined ? undefined : resolveDate('--dob', options.dob, 0, zone),
    nhsNumber: options.nhsNumber,
    add: (options.representative ?? []).map(representative),
    end: (options.endRepresentative ?? []).map((n) => n.trim()),
  };
}

const isEmpty = (w: Wanted) =>
  w.keyWorker === undefined &&
  w.team === undefined &&
  !w.addToTeam.length &&
  !w.removeFromTeam.length &&
  w.preferredName === undefined &&
  w.name === undefined &&
  w.dob === undefined &&
  w.nhsNumber === undefined &&
  !w.add.length &&
  !w.end.length;

/** On a terminal with no flags: which changes, then each one. */
async function askWanted(r: Recording, person: Person): Promise<Wanted> {
  const wanted: Wanted = { addToTeam: [], removeFromTeam: [], add: [], end: [] };
  const what = await r.ask.checkbox({
    flag: '--key-worker',
    example: 's-ben',
    message: `What changes for ${person.id}?`,
    required: true,
    choices: [
      { name: 'key worker', value: 'key-worker' },
      { name: 'team', value: 'team' },
      { name: 'preferred name', value: 'preferred-name' },
      { name: 'add a representative', value: 'add' },
      ...(person.representatives?.length ? [{ name: 'end a representative', value: 'end' }] : []),
    ],
  });
  const working = [...r.ws.staff.values()].filter((s) => s.data.active);
  if (what.includes('key-worker')) {
    const keyWorkers = working.filter((s) => s.data.roles.includes('key-worker'));
    wanted.keyWorker = await r.ask.select({
      flag: '--key-worker',
      example: keyWorkers[0]?.data.id ?? 's-ben',
      message: 'Key worker:',
      default: person.key_worker,
      choices: keyWorkers.map((s) => ({ name: `${s.data.id} (${s.data.name})`, value: s.data.id })),
    });
  }
  if (what.includes('team')) {
    wanted.team = await r.ask.checkbox({
      flag: '--team',
      example: 's-ben,s-carl',
      message: 'Who must confirm their plan?',
      required: true,
      choices: working.map((s) => ({
        name: `${s.data.id} (${s.data.name})`,
        value: s.data.id,
        checked: person.team?.includes(s.data.id) ?? false,
      })),
    });
  }
  if (what.includes('preferred-name')) {
    wanted.preferredName =
      (await r.ask.text({
        flag: '--preferred-name',
        example: 'Edie',
        message: 'Preferred name (blank for none):',
        default: person.preferred_name,
        optional: true,
      })) ?? '';
  }
  if (what.includes('add')) wanted.add = await askRepresentatives(r);
  if (what.includes('end')) {
    wanted.end = await r.ask.checkbox({
      flag: '--end-representative',
      example: '"Jo Clarke"',
      message: 'Whose authority to act for them has ended?',
      required: true,
      choices: (person.representatives ?? []).map((rep) => ({
        name: `${rep.name} (${rep.relationship}, ${rep.authority})`,
        value: rep.name,
      })),
    });
  }
  return wanted;
}

/** person.yaml after the changes; refuses what would leave it wrong. */
function changedPerson(ws: Workspace, before: Person, w: Wanted): Person {
  const after: Person = structuredClone(before);
  if (w.keyWorker !== undefined) {
    checkKeyWorker(ws, before.id, w.keyWorker);
    after.key_worker = w.keyWorker;
  }
  if (w.team !== undefined) checkTeam(ws, '--team', w.team);
  checkTeam(ws, '--add-to-team', w.addToTeam);
  const base = w.team ?? before.team;
  for (const member of w.removeFromTeam) {
    if (!(base ?? []).includes(member)) {
      throw new UsageError(
        `--remove-from-team ${member}: ${member} is not in ${before.id}'s team` +
          `${base ? ` (${base.join(', ')})` : ' (it is the default team: all care staff)'}.`,
        base ? undefined : `Name the team instead: --team STAFF,STAFF.`,
      );
    }
  }
  if (w.team !== undefined || w.addToTeam.length || w.removeFromTeam.length) {
    const team = [...new Set([...(base ?? []), ...w.addToTeam])].filter((m) => !w.removeFromTeam.includes(m));
    if (team.length === 0)
      throw new UsageError(
        `${before.id}'s team would be empty, so nobody would confirm their plan.`,
        'Keep at least one member, or name the team with --team.',
      );
    after.team = team;
  }
  if (w.preferredName !== undefined) {
    if (w.preferredName) after.preferred_name = w.preferredName;
    else delete after.preferred_name;
  }
  if (w.name) after.name = w.name;
  if (w.dob) after.date_of_birth = w.dob;
  if (w.nhsNumber) after.nhs_number = w.nhsNumber;
  let representatives = [...(before.representatives ?? [])];
  for (const name of w.end) {
    const at = representatives.findIndex((rep) => rep.name.toLowerCase() === name.toLowerCase());
    if (at < 0) {
      throw new UsageError(
        `--end-representative: ${before.id} has no representative of that name (${representatives.length} listed).`,
        `See their names in people/${before.id}/person.yaml, or \`careplan person update ${before.id}\` on a terminal.`,
      );
    }
    representatives = representatives.filter((_, i) => i !== at);
  }
  for (const rep of w.add) {
    if (representatives.some((r) => r.name.toLowerCase() === rep.name.toLowerCase())) {
      throw new UsageError(
        `--representative: ${before.id} already has a representative of that name.`,
        'End the earlier entry first (--end-representative NAME) to change their relationship or authority.',
      );
    }
    representatives.push(rep);
  }
  if (representatives.length) after.representatives = representatives;
  else delete after.representatives;
  return after;
}

/** The fields that changed, named, with ids where they help (never names or numbers: they are personal). */
function changedFields(before: Person, after: Person, w: Wanted): { field: string; detail?: string }[] {
  const out: { field: string; detail?: string }[] = [];
  if (before.key_worker !== after.key_worker) out.push({ field: 'key worker', detail: `${before.key_worker} → ${after.key_worker}` });
  if ((before.team ?? []).join() !== (after.team ?? []).join()) out.push({ field: 'team', detail: after.team?.join(', ') });
  if (before.preferred_name !== after.preferred_name) out.push({ field: 'preferred name' });
  if (before.name !== after.name) out.push({ field: 'name' });
  if (before.date_of_birth !== after.date_of_birth) out.push({ field: 'date of birth' });
  if (before.nhs_number !== after.nhs_number) out.push({ field: 'NHS number' });
  if (w.add.length) out.push({ field: w.add.length === 1 ? 'representative added' : `${w.add.length} representatives added` });
  if (w.end.length) out.push({ field: w.end.length === 1 ? 'representative ended' : `${w.end.length} representatives ended` });
  return out;
}

/** `careplan person update ID`: key worker, team, preferred name, representatives and other details. */
export async function personUpdate(options: PersonUpdateOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = await resolveActor(r.ws, { as: options.as, env: io.env }, "updating a person's details", { required: false });
  let wanted = wantedFrom(options, r.zone);
  if (isEmpty(wanted)) {
    if (!r.ask.interactive) {
      throw new UsageError(
        `Nothing to change for ${id}.`,
        'Pass --key-worker, --team, --add-to-team, --remove-from-team, --preferred-name, --representative or --end-representative;' +
          ' see `careplan person update --help`.',
      );
    }
    wanted = await askWanted(r, folder.person.data);
  }

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan person update' }, (ws) => {
    const doc = personFolder(ws, id).person;
    const after = changedPerson(ws, doc.data, wanted);
    const changed = changedFields(doc.data, after, wanted);
    if (changed.length === 0) throw new UsageError(`${doc.file} already says that: nothing to change.`);
    const outsideTeam = after.team && !after.team.includes(after.key_worker) ? after.key_worker : undefined;
    return {
      changes: [editRecord(ws.root, doc.file, after, PERSON_FLOW)],
      people: [id],
      subject: `Update ${id}: ${changed.map((c) => c.field).join(', ')}`,
      trailers: { action: 'person-update', person: id, by: actor?.id },
      done: `Updated ${id} in ${doc.file}: ${changed.map((c) => (c.detail ? `${c.field} ${c.detail}` : c.field)).join('; ')}.`,
      next: outsideTeam
        ? `careplan: note: key worker ${outsideTeam} is not in ${id}'s team, so is not asked to confirm the plan:` +
          ` careplan person update ${id} --add-to-team ${outsideTeam}`
        : undefined,
    };
  });
  return 0;
}

export interface PersonReadmitOptions extends WriteOptions {
  id: string;
  on?: string;
  keyWorker?: string;
}

/** `careplan person readmit ID --on DATE`: a discharged person comes back; the earlier stay stays in git. */
export async function personReadmit(options: PersonReadmitOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'person id');
  const r = startRecording(options, io, [id], { allowDischarged: true });
  personFolder(r.ws, id);
  const actor = await resolveActor(r.ws, { as: options.as, env: io.env }, 'readmitting a person', { required: false });
  const on = resolveDate('--on', options.on, r.at.ms, r.zone);
  await recordWithLock(
    io,
    r.root,
    { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan person readmit', allowDischarged: true },
    (ws) => {
      const doc = personFolder(ws, id).person;
      const person = doc.data;
      if (person.status !== 'discharged')
        throw new UsageError(`${id} is not discharged (admitted ${person.admitted}), so there is nothing to readmit.`);
      if (person.discharged !== undefined && on < person.discharged) {
        throw new UsageError(`--on ${on} is before ${id} was discharged (${person.discharged}).`, 'Give the day they came back.');
      }
      if (options.keyWorker !== undefined) checkKeyWorker(ws, id, options.keyWorker);
      const { discharged: _discharged, ...rest } = person;
      const after: Person = { ...rest, admitted: on, status: 'active', ...(options.keyWorker ? { key_worker: options.keyWorker } : {}) };
      const keyWorker = ws.staff.get(after.key_worker);
      const notes = [
        ...(keyWorker?.data.active && keyWorker.data.roles.includes('key-worker')
          ? []
          : [
              `careplan: note: key worker ${after.key_worker} is no longer a current key worker:` +
                ` careplan person update ${id} --key-worker STAFF`,
            ]),
        ws.people.get(id)?.assessments.length
          ? `Next: reassess their needs: careplan assess ${id} --type change-in-needs --from-latest, then update the plan.`
          : `Next: assess their needs: careplan assess ${id} --type initial, then write their plan.`,
      ];
      return {
        changes: [editRecord(ws.root, doc.file, after, PERSON_FLOW)],
        people: [id],
        subject: `Readmit ${id} on ${on}`,
        trailers: { action: 'person-readmit', person: id, by: actor?.id },
        done:
          `Readmitted ${id} on ${on} (discharged ${person.discharged ?? 'earlier'}); their records are open again,` +
          ' and the earlier stay stays in git.',
        next: notes.join('\n'),
      };
    },
  );
  return 0;
}
