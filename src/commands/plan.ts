import { RecordError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { assessedFor, describeChange, diffPlans } from '../model/planDiff.js';
import {
  draftPlan,
  nextVersion,
  sameContent,
  unknownNeeds,
  updatePlan,
  type ActionInput,
  type GoalInput,
  type NeedInput,
  type PlanInput,
} from '../model/planDraft.js';
import { currentHash } from '../model/planState.js';
import type { Direction } from '../model/goalMeasures.js';
import type { Assessment, Plan } from '../model/records.generated.js';
import { isCalendarDate } from '../model/time.js';
import type { AssessmentDoc, PersonFolder, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { editRecord, newRecord, PLAN_FLOW_KEYS } from '../repo/recordWriter.js';
import { planContent } from '../rules/care/planContent.js';
import { ruleContext } from '../rules/context.js';
import { readYamlFile, recordWithLock, startRecording, type Recording } from './recording.js';
import { checkId, listOf, personFolder, type WriteOptions } from './writeOptions.js';

export interface PlanWriteOptions extends WriteOptions {
  person: string;
  from?: string;
  aboutMe?: string;
  strength?: string[];
}

export interface PlanUpdateOptions extends PlanWriteOptions {
  stop?: string[];
  achieve?: string[];
  discontinue?: string[];
}

function planInput(io: Io, file: string | undefined): PlanInput {
  if (!file) return {};
  const value = readYamlFile(io, '--from', file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(
      `--from ${file} must hold a mapping: about_me, strengths, needs: [{ need, preferences, actions, goals }].`,
      'See `careplan plan create --help` for an example.',
    );
  }
  const input = value as PlanInput;
  if (input.needs !== undefined && !Array.isArray(input.needs))
    throw new UsageError(`--from ${file}: \`needs\` must be a list of { need, preferences, actions, goals }.`);
  return input;
}

function newestAssessment(folder: PersonFolder): AssessmentDoc {
  const newest = folder.assessments[folder.assessments.length - 1];
  if (!newest)
    throw new UsageError(
      `${folder.id} has no assessment yet: a plan is written from one.`,
      `Record it first: careplan assess ${folder.id} --type initial`,
    );
  return newest;
}

const DIRECTIONS: { name: string; value: Direction }[] = [
  { name: 'increase: the target or more (the default)', value: 'increase' },
  { name: 'decrease: the target or less', value: 'decrease' },
  { name: 'maintain: stay near the target (within 5%)', value: 'maintain' },
];

/** A fresh id for the need's next action or goal, unique in the plan. */
function suggestId(need: string, kind: 'a' | 'g', taken: Set<string>): string {
  const base = need.slice(0, 50);
  for (let n = 1; ; n++) {
    const id = `${base}-${kind}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Asks for the actions and goals of one need (a terminal only; their flag is --from). */
async function askNeed(io: Io, r: Recording, need: Assessment['needs'][number], taken: Set<string>): Promise<NeedInput> {
  const ask = r.ask;
  const from = { flag: '--from', example: 'plan.yaml' };
  io.stdout.write(
    `\nNeed ${need.id} ` +
      `(${need.domain}): ${need.description}${need.preferences?.length ? `\n  Preferences: ${need.preferences.join('; ')}` : ''}\n`,
  );
  const actions: ActionInput[] = [];
  for (;;) {
    // A blank answer ends the list, as it says; a need left without actions is named before sign-off (need-unaddressed).
    const description = await ask.text({ ...from, message: `Action for ${need.id}: what staff do (blank when done):`, optional: true });
    if (!description) break;
    const id = checkId((await ask.text({ ...from, message: 'Action id:', default: suggestId(need.id, 'a', taken) }))!, 'action id');
    taken.add(id);
    const frequency = await ask.text({ ...from, message: 'How often (optional):', optional: true });
    actions.push({ id, description, ...(frequency ? { frequency } : {}) });
  }
  const goals: GoalInput[] = [];
  for (;;) {
    const description = await ask.text({
      ...from,
      message: `Goal for ${need.id}: what it works towards (blank when done):`,
      optional: true,
    });
    if (!description) break;
    const id = checkId((await ask.text({ ...from, message: 'Goal id:', default: suggestId(need.id, 'g', taken) }))!, 'goal id');
    taken.add(id);
    const measure = await ask.text({ ...from, message: 'Measure, e.g. "unaided walks a week" (optional):', optional: true });
    const target = measure ? await ask.text({ ...from, message: 'Target (optional):', optional: true }) : undefined;
    const numeric = target !== undefined && /^-?\d+(\.\d+)?$/.test(target);
    // A numeric target can be measured (SPEC section 5.3): in what, and which way is better.
    const unit = numeric
      ? await ask.text({ ...from, message: 'Unit the target is counted in, e.g. kg, ml, walks (optional):', optional: true })
      : undefined;
    const direction = numeric
      ? await ask.select<Direction>({ ...from, message: 'Which way should it go?', choices: DIRECTIONS, default: 'increase' })
      : undefined;
    let by: string | undefined;
    for (;;) {
      by = await ask.text({ ...from, message: 'By (YYYY-MM-DD, optional):', optional: true });
      if (!by || isCalendarDate(by)) break;
      io.stdout.write('  That is not a date YYYY-MM-DD.\n');
    }
    goals.push({
      id,
      description,
      ...(measure ? { measure } : {}),
      ...(target ? { target: numeric ? Number(target) : target } : {}),
      ...(unit ? { unit } : {}),
      ...(direction && direction !== 'increase' ? { direction } : {}),
      ...(by ? { by } : {}),
    });
  }
  return { need: need.id, actions, goals };
}

function idsIn(plan: Plan | undefined, input: PlanInput): Set<string> {
  const ids = new Set<string>();
  for (const n of [...(plan?.needs ?? []), ...(input.needs ?? [])]) {
    for (const item of [...(n.actions ?? []), ...(n.goals ?? [])]) ids.add(item.id);
  }
  return ids;
}

function draftWarnings(ws: Workspace, folder: PersonFolder, asOf: number): string[] {
  return planContent(ruleContext(ws, asOf), folder).map(
    (f) => `  ${f.severity === 'error' ? 'must fix before sign-off' : 'worth fixing'}: ${f.message} [${f.rule}]`,
  );
}

function checkNeeds(assessment: AssessmentDoc, input: PlanInput, file: string | undefined): void {
  const unknown = unknownNeeds(assessment.data, input);
  if (unknown.length) {
    throw new UsageError(
      `--from ${file}: need${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} ` +
        `not in the assessment ${assessment.id}.`,
      `A plan addresses the needs its assessment found: ${assessment.data.needs.map((n) => n.id).join(', ')}. Record a ` +
        'new assessment first if needs have changed.',
    );
  }
}

/** `careplan plan create PERSON`: the first plan, drafted from the newest assessment. */
export async function planCreate(options: PlanWriteOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  if (folder.presentFiles.has('plan.yaml'))
    throw new UsageError(
      `${id} already has a plan (people/${id}/plan.yaml).`,
      `Change it with \`careplan plan update ${id}\`; earlier versions stay in git.`,
    );
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'writing a plan', { date: r.at.date }))!;
  const assessment = newestAssessment(folder);
  const input = planInput(io, options.from);
  checkNeeds(assessment, input, options.from);
  const strengths = options.strength ? listOf(options.strength) : input.strengths;
  const aboutMe =
    options.aboutMe?.trim() ||
    input.about_me ||
    (await r.ask.text({
      flag: '--about-me',
      example: '"Retired teacher; loves crosswords"',
      message: `About ${folder.person.data.preferred_name ?? folder.person.data.name}: what matters to them:`,
    }))!;
  const covered = new Set((input.needs ?? []).map((n) => n.need));
  const uncovered = assessment.data.needs.filter((n) => !covered.has(n.id));
  if (uncovered.length && !r.ask.interactive && !options.from) {
    throw new UsageError(
      `The plan's actions and goals are missing for ${uncovered.map((n) => n.id).join(', ')}.`,
      `Pass --from plan.yaml with them (there is no terminal to ask on); see \`careplan plan create --help\`.`,
    );
  }
  if (r.ask.interactive) {
    const taken = idsIn(undefined, input);
    input.needs = [...(input.needs ?? [])];
    for (const need of uncovered) input.needs.push(await askNeed(io, r, need, taken));
  }
  const plan = draftPlan(
    assessment.data,
    assessment.id,
    { ...input, strengths },
    { author: actor.id, updated: r.at.text, about_me: aboutMe },
  );

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan plan create' }, (ws) => {
    const current = personFolder(ws, id);
    if (current.presentFiles.has('plan.yaml')) throw new UsageError(`${id} already has a plan.`, `Use \`careplan plan update ${id}\`.`);
    const file = `people/${id}/plan.yaml`;
    const warnings = draftWarnings(ws, { ...current, plan: { file, data: plan, source: { text: () => '' } } }, r.asOf);
    return {
      changes: [newRecord(ws.root, file, plan, { flowItemsUnder: PLAN_FLOW_KEYS })],
      people: [id],
      subject: `Draft ${id}'s plan version 1 from assessment ${assessment.id}`,
      trailers: { action: 'plan-create', person: id, by: actor.id },
      done: `Drafted ${id}'s plan (version 1, from assessment ${assessment.id}) in ${file}.`,
      next:
        `${warnings.length ? `Before it can be signed off:\n${warnings.join('\n')}\n` : ''}Next: ` +
        `the Registered Manager reviews and signs it off: careplan signoff ${id}`,
    };
  });
  return 0;
}

/** `careplan plan update PERSON`: the plan after a new assessment or the key worker's changes. */
export async function planUpdate(options: PlanUpdateOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  if (!folder.plan) {
    if (folder.presentFiles.has('plan.yaml'))
      throw new RecordError(
        `people/${id}/plan.yaml is not a valid plan, so careplan cannot update it.`,
        `Run \`careplan validate people/${id}/plan.yaml\` and correct it first.`,
      );
    throw new UsageError(`${id} has no plan yet.`, `Draft one with \`careplan plan create ${id}\`.`);
  }
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'updating a plan', { date: r.at.date }))!;
  const assessment = newestAssessment(folder);
  const input = planInput(io, options.from);
  checkNeeds(assessment, input, options.from);
  if (options.aboutMe) input.about_me = options.aboutMe;
  if (options.strength) input.strengths = listOf(options.strength);
  const changes = { stop: listOf(options.stop), achieve: listOf(options.achieve), discontinue: listOf(options.discontinue) };

  const present = new Set(folder.plan.data.needs.map((n) => n.need));
  const covered = new Set((input.needs ?? []).filter((n) => n.actions?.length).map((n) => n.need));
  const fresh = assessment.data.needs.filter((n) => !present.has(n.id) && !covered.has(n.id));
  if (fresh.length && !r.ask.interactive) {
    throw new UsageError(
      `Assessment ${assessment.id} found new need${fresh.length === 1 ? '' : 's'} ${fresh.map((n) => n.id).join(', ')}, ` +
        `and the plan has no actions for ${fresh.length === 1 ? 'it' : 'them'}.`,
      'Pass --from plan-changes.yaml with their actions and goals (there is no terminal to ask on).',
    );
  }
  if (fresh.length) {
    const taken = idsIn(folder.plan.data, input);
    input.needs = [...(input.needs ?? [])];
    for (const need of fresh) input.needs.push(await askNeed(io, r, need, taken));
  }

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan plan update' }, (ws) => {
    const current = personFolder(ws, id);
    if (!current.plan) throw new UsageError(`${id}'s plan is no longer readable.`, `Run \`careplan validate people/${id}\`.`);
    const old = current.plan.data;
    const newest = newestAssessment(current);
    const update = updatePlan(old, newest.data, newest.id, input, changes, { author: actor.id, updated: r.at.text });
    if (update.unknownIds.length)
      throw new UsageError(
        `${update.unknownIds.join(', ')}: not an action or goal of ${id}'s plan.`,
        `See the ids with \`careplan plan show ${id}\`.`,
      );
    if (update.dropped.length) {
      throw new RecordError(
        `Assessment ${newest.id} no longer lists ` +
          `need${update.dropped.length === 1 ? '' : 's'} ${update.dropped.join(', ')}, which the plan still addresses.`,
        'Actions and goals are never deleted (outcomes refer to them), so ' +
          `keep ${update.dropped.length === 1 ? 'the need' : 'those needs'} in the assessment, described as met ` +
          `or resolved, and stop or close ${update.dropped.length === 1 ? 'its' : 'their'} items here (--stop ` +
          'ACTION, --achieve GOAL, --discontinue GOAL).',
      );
    }
    const signoffs = current.signoffs.map((s) => s.data);
    const hash = currentHash(current.plan);
    const editedAfterSignoff = signoffs.some((s) => s.version === old.version && s.plan !== hash);
    if (sameContent(old, update.plan) && !editedAfterSignoff) {
      throw new UsageError(
        `${id}'s plan already reflects assessment ${newest.id} and nothing was changed, so there is nothing to update.`,
        'Give the changes: --from FILE, --stop, --achieve, --discontinue, --about-me or --strength.',
      );
    }
    const plan: Plan = { ...update.plan, version: nextVersion(old, signoffs) };
    const file = current.plan.file;
    const changed = diffPlans(old, plan, assessedFor(current, old, plan)).map((c) => `  ${describeChange(c)}`);
    const warnings = draftWarnings(ws, { ...current, plan: { file, data: plan, source: { text: () => '' } } }, r.asOf);
    // A version nobody has signed is a draft: editing it keeps its number, so say so rather than "to version 1".
    const bumped = plan.version !== old.version;
    const what = bumped ? `plan to version ${plan.version}` : `draft plan, version ${plan.version} (not yet signed off)`;
    return {
      changes: [editRecord(ws.root, file, plan, { flowItemsUnder: PLAN_FLOW_KEYS })],
      people: [id],
      subject: `Update ${id}'s ${what}${newest.id !== old.assessment ? ` after assessment ${newest.id}` : ''}`,
      trailers: { action: 'plan-update', person: id, by: actor.id },
      done:
        `Updated ${id}'s ${what}${bumped ? ` (was ${old.version}: version ${old.version} had been signed off)` : ''}:\n` +
        `${changed.join('\n') || '  (version only)'}`,
      next:
        `${warnings.length ? `Before it can be signed off:\n${warnings.join('\n')}\n` : ''}Next: ` +
        `the Registered Manager signs off the new version: careplan signoff ${id}`,
    };
  });
  return 0;
}
