import { RecordError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Spotcheck } from '../model/records.generated.js';
import { resolveActor } from '../repo/actor.js';
import { newRecord } from '../repo/recordWriter.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, listOf, type WriteOptions } from './writeOptions.js';
import { noun, plural } from '../model/words.js';

type Finding = Spotcheck['findings'][number];

export interface SpotcheckOptions extends WriteOptions {
  people?: string[];
  finding?: string[];
}

/** --finding "p-frank: Two outcome entries missing -> Discussed at handover" */
export function parseFinding(value: string, people: ReadonlySet<string>): Finding {
  const [what, action] = value.split(/\s+->\s+/, 2);
  const m = /^([a-z0-9][a-z0-9-]{0,62}):\s*(.*)$/.exec(what.trim());
  const person = m && people.has(m[1]) ? m[1] : undefined;
  const description = (person ? m![2] : what).trim();
  if (!description)
    throw new UsageError(
      `--finding "${value}" says nothing.`,
      'For example --finding "p-frank: Two outcome entries missing -> Discussed with staff at handover".',
    );
  return { ...(person ? { person } : {}), description, ...(action?.trim() ? { action: action.trim() } : {}) };
}

/** `careplan spotcheck`: a shift lead's weekly spot check of records and care. */
export async function spotcheck(options: SpotcheckOptions, io: Io): Promise<number> {
  // Whom to ask about needs everyone's person.yaml; people named on the command line are checked as they are loaded.
  const named = listOf(options.people);
  const r = startRecording(options, io, named.length ? named : 'all');
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording a spot check', { date: r.at.date }))!;
  if (!actor.staff.data.roles.includes('shift-lead')) {
    throw new RecordError(
      `${actor.id} (${actor.staff.data.roles.join(', ')}) is not a shift lead, and spot checks are made by shift leads.`,
      'Nothing was written. A shift lead records it (--as), or give the role in their staff file.',
    );
  }
  const active = [...r.ws.people.values()]
    .filter((f) => f.person?.data.status === 'active')
    .map((f) => f.id)
    .sort();
  const known = new Set([...r.ws.people.values()].filter((f) => f.presentFiles.has('person.yaml')).map((f) => f.id));
  let people = named;
  if (people.length === 0) {
    if (active.length === 0 && r.ask.interactive) {
      throw new UsageError('No one is supported at present, so there is no one to check.', 'Add people first: careplan person add.');
    }
    people = await r.ask.checkbox({
      flag: '--people',
      example: active.slice(0, 2).join(',') || 'p-edith',
      message: 'Whose care and records did you check?',
      choices: active.map((id) => ({ name: id, value: id })),
      required: true,
    });
  }
  for (const id of people) {
    checkId(id, 'person id');
    if (!known.has(id))
      throw new UsageError(`--people names ${id}, who has no people/${id}/person.yaml.`, 'Check the id with `careplan person list`.');
  }
  const findings = (options.finding ?? []).map((f) => parseFinding(f, new Set(people)));
  if (r.ask.interactive && !options.finding) {
    for (;;) {
      const description = await r.ask.text({
        flag: '--finding',
        example: '"p-frank: ... -> ..."',
        message: `Finding ${findings.length + 1} (blank when done):`,
        optional: true,
      });
      if (!description) break;
      const person = await r.ask.select<string>({
        flag: '--finding',
        example: '',
        message: 'About whom?',
        choices: [...people.map((p) => ({ name: p, value: p })), { name: '(everyone / the service)', value: '' }],
      });
      const action = await r.ask.text({ flag: '--finding', example: '', message: 'Action taken (optional):', optional: true });
      findings.push({ ...(person ? { person } : {}), description, ...(action ? { action } : {}) });
    }
  }
  const record: Spotcheck = { at: r.at.text, by: actor.id, people, findings };
  const file = `spotchecks/${r.at.date}-${actor.id}.yaml`;
  await recordWithLock(io, r.root, { people, commit: r.commit, asOf: r.asOf, command: 'careplan spotcheck' }, (ws) => ({
    changes: [
      newRecord(ws.root, file, record, {
        flowLists: ['people'],
        flowItemsUnder: ['findings'],
        exists: `${actor.id} already recorded a spot check on ${r.at.date}; add to that file.`,
      }),
    ],
    people,
    subject: `Spot check by ${actor.id}: ${plural(people.length, 'person', 'people')}, ${plural(findings.length, 'finding')}`,
    trailers: { action: 'spotcheck', person: people, by: actor.id },
    done:
      `Recorded ${actor.id}'s spot check of ${people.join(', ')} ` +
      `(${findings.length || 'no'} ${noun(findings.length, 'finding')}) in ${file}.`,
  }));
  return 0;
}
