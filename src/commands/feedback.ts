import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Feedback } from '../model/records.generated.js';
import { resolveActor } from '../repo/actor.js';
import { newRecord } from '../repo/recordWriter.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, type WriteOptions } from './writeOptions.js';

const SOURCES: readonly Feedback['from'][] = ['person', 'family', 'staff', 'professional', 'commissioner'];
const SENTIMENTS: readonly Feedback['sentiment'][] = ['positive', 'neutral', 'negative'];

export interface FeedbackOptions extends WriteOptions {
  from?: string;
  person?: string;
  sentiment?: string;
  text?: string;
  response?: string;
  slug?: string;
}

/**
 * The file's slug: --slug, else who it came from and about whom. Never the feedback's words: file
 * names show up in logs and commit lists, and the text may say personal things.
 */
function freeSlug(root: string, date: string, base: string): string {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(path.join(root, 'feedback', `${date}-${slug}.yaml`))) return slug;
  }
}

/** `careplan feedback`: feedback from a person, family, staff, professionals or commissioners. */
export async function feedback(options: FeedbackOptions, io: Io): Promise<number> {
  const r = startRecording(options, io, []);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording feedback', { date: r.at.date }))!;
  if (options.from !== undefined && !SOURCES.includes(options.from as Feedback['from']))
    throw new UsageError(`--from must be one of ${SOURCES.join(', ')}, not "${options.from}".`);
  if (options.sentiment !== undefined && !SENTIMENTS.includes(options.sentiment as Feedback['sentiment']))
    throw new UsageError(`--sentiment must be one of ${SENTIMENTS.join(', ')}, not "${options.sentiment}".`);
  const people = [...r.ws.people.values()]
    .filter((f) => f.presentFiles.has('person.yaml'))
    .map((f) => f.id)
    .sort();
  const from =
    (options.from as Feedback['from'] | undefined) ??
    (await r.ask.select({
      flag: '--from',
      example: 'family',
      message: 'Who is the feedback from?',
      choices: SOURCES.map((s) => ({ name: s, value: s })),
    }));
  let person = options.person;
  if (person === undefined && r.ask.interactive) {
    person =
      (await r.ask.select<string>({
        flag: '--person',
        example: 'p-edith',
        message: 'About whom?',
        choices: [{ name: '(the service as a whole)', value: '' }, ...people.map((p) => ({ name: p, value: p }))],
      })) || undefined;
  }
  if (person !== undefined) {
    checkId(person, 'person id');
    if (!people.includes(person))
      throw new UsageError(`--person ${person} has no people/${person}/person.yaml.`, 'Check the id with `careplan person list`.');
  }
  const sentiment =
    (options.sentiment as Feedback['sentiment'] | undefined) ??
    (await r.ask.select({
      flag: '--sentiment',
      example: 'positive',
      message: 'Sentiment:',
      choices: SENTIMENTS.map((s) => ({ name: s, value: s })),
    }));
  const text =
    options.text?.trim() ||
    (await r.ask.text({ flag: '--text', example: '"Mum says staff walk with her the way she likes."', message: 'What did they say?' }))!;
  const response =
    options.response ??
    (await r.ask.text({
      flag: '--response',
      example: '"Thanked Jo; shared with the team"',
      message: 'Response (optional):',
      optional: true,
    }));
  if (options.slug !== undefined) checkId(options.slug, 'slug');

  await recordWithLock(io, r.root, { people: [], commit: r.commit, asOf: r.asOf, command: 'careplan feedback' }, (ws) => {
    const slug = options.slug ?? freeSlug(ws.root, r.at.date, [from, person].filter(Boolean).join('-'));
    const file = `feedback/${r.at.date}-${slug}.yaml`;
    const record: Feedback = {
      at: r.at.text,
      from,
      ...(person ? { person } : {}),
      sentiment,
      text,
      recorded_by: actor.id,
      ...(response ? { response } : {}),
    };
    return {
      changes: [newRecord(ws.root, file, record, { exists: 'Choose another --slug.' })],
      people: [],
      subject: `Feedback from ${from}${person ? ` about ${person}` : ''} (${sentiment})`,
      trailers: { action: 'feedback', ...(person ? { person } : {}), by: actor.id },
      done: `Recorded ${sentiment} feedback from ${from}${person ? ` about ${person}` : ''} in ${file}.`,
    };
  });
  return 0;
}
