import { RecordError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { planStatus, STATE_WORDS } from '../model/planState.js';
import type { Agreement, PersonFolder, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { appendRecord } from '../repo/recordWriter.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, personFolder, type WriteOptions } from './writeOptions.js';

const METHODS: readonly Agreement['method'][] = ['signed', 'verbal', 'easy-read', 'best-interests'];

export interface AgreeOptions extends WriteOptions {
  person: string;
  by?: string;
  representative?: string;
  method?: string;
  note?: string;
}

function approvedVersion(ws: Workspace, folder: PersonFolder): { version: number; hash: string } {
  const status = planStatus(ws, folder);
  if (status.state !== 'approved' || !status.newest) {
    throw new RecordError(
      `${folder.id}'s plan is ${STATE_WORDS[status.state]}: the person agrees to an approved version.`,
      `Nothing was written. The Registered Manager signs it off first: careplan signoff ${folder.id}`,
    );
  }
  return { version: status.newest.entry.data.version, hash: status.newest.entry.data.plan };
}

/** `careplan agree PERSON`: the person, or someone who may act for them, agrees to the approved plan. */
export async function agree(options: AgreeOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording an agreement', { date: r.at.date }))!;
  const { version } = approvedVersion(r.ws, folder);
  const person = folder.person.data;
  const representatives = person.representatives ?? [];

  if (options.by !== undefined && !['person', 'representative'].includes(options.by))
    throw new UsageError(`--by must be person or representative, not "${options.by}".`);
  let by = (options.by ?? (options.representative ? 'representative' : undefined)) as Agreement['by'] | undefined;
  by ??= await r.ask.select<Agreement['by']>({
    flag: '--by',
    example: 'person',
    message: `Who agreed to version ${version}?`,
    choices: [
      { name: `${person.preferred_name ?? person.name} (the person)`, value: 'person' },
      ...(representatives.length ? [{ name: 'a representative who may act for them', value: 'representative' as const }] : []),
    ],
  });
  let representative: (typeof representatives)[number] | undefined;
  if (by === 'representative') {
    if (representatives.length === 0)
      throw new UsageError(
        `people/${id}/person.yaml lists no representatives who may act for ${id}.`,
        'Add them under `representatives:` in person.yaml (name, relationship, authority) first.',
      );
    const name =
      options.representative ??
      (await r.ask.select({
        flag: '--representative',
        example: JSON.stringify(representatives[0].name),
        message: 'Which representative?',
        choices: representatives.map((rep) => ({ name: `${rep.name} (${rep.relationship}, ${rep.authority})`, value: rep.name })),
      }));
    representative = representatives.find((rep) => rep.name.toLowerCase() === name.trim().toLowerCase());
    if (!representative)
      throw new UsageError(
        `${name} is not among ${id}'s representatives (${representatives.map((rep) => rep.name).join(', ')}).`,
        'Only someone listed under `representatives:` in person.yaml may agree for the person; add them there first.',
      );
  }
  if (options.method !== undefined && !METHODS.includes(options.method as Agreement['method']))
    throw new UsageError(`--method must be one of ${METHODS.join(', ')}, not "${options.method}".`);
  const method =
    (options.method as Agreement['method'] | undefined) ??
    (await r.ask.select({
      flag: '--method',
      example: 'signed',
      message: 'How was it agreed?',
      choices: METHODS.map((m) => ({ name: m, value: m })),
    }));
  const note =
    options.note ??
    (await r.ask.text({
      flag: '--note',
      example: '"Decision recorded in MCA assessment 12/11"',
      message: method === 'best-interests' ? 'Note: who decided and why it is in their best interests:' : 'Note (optional):',
      optional: method !== 'best-interests',
    }));
  if (method === 'best-interests' && !note)
    throw new UsageError('A best-interests agreement needs a note: who decided, and why.', 'Pass --note "…".');

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan agree' }, (ws) => {
    const current = personFolder(ws, id);
    const approved = approvedVersion(ws, current);
    const entry: Agreement = {
      version: approved.version,
      plan: approved.hash,
      by,
      ...(representative
        ? { name: representative.name, relationship: representative.relationship, authority: representative.authority }
        : {}),
      at: r.at.text,
      recorded_by: actor.id,
      method,
      ...(note ? { note } : {}),
    };
    const same = current.agreements.find(
      (a) => a.data.version === entry.version && a.data.plan === entry.plan && a.data.by === entry.by && a.data.name === entry.name,
    );
    if (same)
      throw new UsageError(
        `This agreement to version ${entry.version} is already recorded (${same.data.at}, by ${same.data.recorded_by}).`,
        'Nothing was written.',
      );
    const who = representative ? `${representative.name} (${representative.relationship})` : 'the person';
    return {
      changes: [appendRecord(ws.root, `people/${id}/agreements.yaml`, entry)],
      people: [id],
      subject: `Agreement to ${id}'s plan version ${entry.version} by ${representative ? 'representative' : 'the person'}`,
      trailers: { action: 'agree', person: id, by: actor.id },
      done: `Recorded that ${who} agreed to version ${entry.version} of ${id}'s plan (${method}).`,
    };
  });
  return 0;
}
