import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Assessment } from '../model/records.generated.js';
import { resolveActor } from '../repo/actor.js';
import { newRecord, PLAN_FLOW_KEYS } from '../repo/recordWriter.js';
import { readYamlFile, recordWithLock, startRecording } from './recording.js';
import { checkId, personFolder, type WriteOptions } from './writeOptions.js';
import { plural } from '../model/words.js';
import { askNeeds, reviewNeeds } from './assessPrompts.js';
import { changeNeeds, DOMAINS, type Need, type NeedChanges } from './needChanges.js';

export const ASSESSMENT_TYPES = ['initial', 'review', 'change-in-needs'] as const;

export interface AssessOptions extends WriteOptions, Omit<NeedChanges, 'need'> {
  person: string;
  type?: string;
  from?: string;
  fromLatest?: boolean;
  need?: string[];
  withPerson?: boolean;
}

/** --need ID:DOMAIN:DESCRIPTION */
function needFlag(value: string): Need {
  const [id, domain, ...rest] = value.split(':');
  const description = rest.join(':').trim();
  if (!id || !domain || !description || !DOMAINS.includes(domain.trim() as Need['domain'])) {
    throw new UsageError(
      `--need "${value}" is not ID:DOMAIN:DESCRIPTION.`,
      `For example --need "night-safety:safety:Gets up at night without calling". Domains: ${DOMAINS.join(', ')}.`,
    );
  }
  return { id: checkId(id.trim(), 'need id'), domain: domain.trim() as Need['domain'], description };
}

/** Needs from --from FILE: a list of needs, or an assessment-like mapping with `needs:`. */
function needsFromFile(io: Io, file: string): { needs: Need[]; withPerson?: boolean } {
  const value = readYamlFile(io, '--from', file);
  const record = Array.isArray(value) ? { needs: value } : (value as { needs?: unknown; with_person?: unknown } | null);
  if (!record || !Array.isArray(record.needs)) {
    throw new UsageError(
      `--from ${file} holds no \`needs:\` list.`,
      'Write the needs as in an assessment file: needs: [{ id, domain, description, risks, preferences }].',
    );
  }
  return { needs: record.needs as Need[], withPerson: typeof record.with_person === 'boolean' ? record.with_person : undefined };
}

/** `careplan assess PERSON`: an assessment, a full snapshot of the person's current needs. */
export async function assess(options: AssessOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording an assessment', { date: r.at.date }))!;
  const newest = folder.assessments[folder.assessments.length - 1];

  let type = options.type;
  if (type !== undefined && !ASSESSMENT_TYPES.includes(type as Assessment['type']))
    throw new UsageError(`--type must be one of ${ASSESSMENT_TYPES.join(', ')}, not "${type}".`);
  if (type === undefined) {
    type = newest
      ? await r.ask.select({
          flag: '--type',
          example: 'change-in-needs',
          message: 'Type of assessment:',
          choices: ASSESSMENT_TYPES.map((t) => ({ name: t, value: t })),
          default: 'review',
        })
      : 'initial';
  }

  let needs: Need[] = [];
  let withPerson = options.withPerson;
  if (options.fromLatest) {
    if (!newest)
      throw new UsageError(
        `${id} has no assessment yet to start from.`,
        `Record the first one: careplan assess ${id} --type initial --from needs.yaml`,
      );
    needs = structuredClone(newest.data.needs);
  }
  if (options.from) {
    const fromFile = needsFromFile(io, options.from);
    const byId = new Map(needs.map((n) => [n.id, n]));
    for (const need of fromFile.needs) byId.set(need.id, need);
    needs = [...byId.values()];
    withPerson ??= fromFile.withPerson;
  }
  needs = changeNeeds(needs, { ...options, need: (options.need ?? []).map(needFlag) }, folder.plan?.data);
  const changesGiven = [
    options.need,
    options.removeNeed,
    options.removeRisk,
    options.removePreference,
    options.preference,
    options.risk,
  ].some((v) => v?.length);
  if (r.ask.interactive && !options.from && !changesGiven) {
    // On a terminal, a reassessment goes through what it starts from before asking for new needs.
    if (options.fromLatest) needs = await reviewNeeds(r, needs, folder.plan?.data);
    needs = await askNeeds(r, needs);
  }
  if (needs.length === 0) {
    throw new UsageError(
      'The assessment records no needs.',
      `Pass --from needs.yaml, --from-latest, or --need ID:DOMAIN:DESCRIPTION (there is no terminal to ask on).`,
    );
  }
  withPerson ??= await r.ask.confirm({
    flag: '--with-person (or --no-with-person)',
    message: `Was the assessment completed with ${folder.person.data.preferred_name ?? folder.person.data.name}?`,
    default: true,
    required: true,
  });

  const assessment: Assessment = { type: type as Assessment['type'], at: r.at.text, by: actor.id, with_person: withPerson!, needs };
  const stem = `${r.at.date}-${type}`;
  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan assess' }, (ws) => {
    const current = personFolder(ws, id);
    const file = `people/${id}/assessments/${stem}.yaml`;
    const next = current.plan
      ? `Next: update the plan to reflect it within ${ws.policy.plan_due_hours} hours: careplan plan update ${id}`
      : `Next: write the plan within ${ws.policy.plan_due_hours} hours: careplan plan create ${id}`;
    return {
      changes: [
        newRecord(ws.root, file, assessment, {
          flowItemsUnder: PLAN_FLOW_KEYS,
          exists: `An assessment of that type is already recorded for ${r.at.date}; give another --at, or edit the file.`,
        }),
      ],
      people: [id],
      subject: `Assess ${id}: ${type} assessment, ${plural(needs.length, 'need')}`,
      trailers: { action: 'assess', person: id, by: actor.id },
      done: `Recorded the ${type} assessment of ${id} (${needs.map((n) => n.id).join(', ')}) in ${file}.`,
      next,
    };
  });
  return 0;
}
