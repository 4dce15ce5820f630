import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Finding } from '../model/findings.js';
import { describeMeasures, measureGoal, numericTarget } from '../model/goalMeasures.js';
import type { OutcomeLog, Plan } from '../model/records.generated.js';
import type { OutcomeEntry } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { afterWrite, appendRecord } from '../repo/recordWriter.js';
import { findingsAdded, judgePerson } from '../rules/check.js';
import { recordWithLock, startRecording, type Recording } from './recording.js';
import { checkId, listOf, personFolder, type WriteOptions } from './writeOptions.js';

export const RESULTS: readonly OutcomeLog[number]['result'][] = [
  'achieved',
  'improving',
  'no-change',
  'worsening',
  'declined',
  'not-attempted',
];

export interface OutcomeOptions extends WriteOptions {
  person: string;
  goal?: string;
  actions?: string[];
  result?: string;
  note?: string;
  variation?: string;
  /** --value: a measurement for a measured goal (SPEC section 5.3). */
  value?: string;
}

type Goal = Plan['needs'][number]['goals'][number];
type Action = Plan['needs'][number]['actions'][number];

const goalsOf = (plan: Plan): Goal[] => plan.needs.flatMap((n) => n.goals);
const actionsOf = (plan: Plan): Action[] => plan.needs.flatMap((n) => n.actions);

/** Refuses ids the plan does not have; returns notes about items no longer active. */
function checkRefs(id: string, plan: Plan, goal: string | undefined, actions: readonly string[]): string[] {
  const notes: string[] = [];
  if (goal !== undefined) {
    const g = goalsOf(plan).find((x) => x.id === goal);
    if (!g)
      throw new UsageError(
        `--goal ${goal} is not a goal of ${id}'s plan.`,
        `Goals: ${
          goalsOf(plan)
            .filter((x) => x.status === 'active')
            .map((x) => x.id)
            .join(', ') || 'none active'
        } (see \`careplan plan show ${id}\`).`,
      );
    if (g.status !== 'active') notes.push(`goal ${goal} is ${g.status}`);
  }
  for (const a of actions) {
    const action = actionsOf(plan).find((x) => x.id === a);
    if (!action)
      throw new UsageError(
        `--actions ${a} is not an action of ${id}'s plan.`,
        `Actions: ${
          actionsOf(plan)
            .filter((x) => x.status === 'active')
            .map((x) => x.id)
            .join(', ') || 'none active'
        } (see \`careplan plan show ${id}\`).`,
      );
    if (action.status !== 'active') notes.push(`action ${a} is stopped`);
  }
  return notes;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** --value as a number, or a usage error: a measurement is a plain number, its unit is the goal's. */
export function parseValue(value: string, unit: string | undefined): number {
  const text = value.trim();
  if (!NUMBER.test(text)) {
    const hint = `Give the measurement alone, in the goal's unit${unit ? ` (${unit})` : ''}: for example --value 57.5.`;
    throw new UsageError(`--value must be a number, not "${value}".`, hint);
  }
  return Number(text);
}

/** On a terminal, the measurement for a goal that names a unit or a direction, asked until it is a number or left out. */
async function askValue(io: Io, r: Recording, goal: Goal | undefined): Promise<number | undefined> {
  if (!r.ask.interactive || (goal?.unit === undefined && goal?.direction === undefined)) return undefined;
  const message = `Measurement${goal.unit ? ` (${goal.unit})` : ''}, if one was taken (optional):`;
  for (;;) {
    const given = await r.ask.text({ flag: '--value', example: '57.5', message, optional: true });
    if (given === undefined || NUMBER.test(given)) return given === undefined ? undefined : Number(given);
    io.stdout.write('  That is not a number: give the measurement alone, such as 57.5.\n');
  }
}

/** A finding said to the carer at once, with what puts it right. */
function warningOf(f: Finding): string {
  return `careplan: ${f.severity}: ${f.message} [${f.rule}]${f.fix ? `\n  fix: ${f.fix}` : ''}`;
}

/** `careplan outcome PERSON`: what happened after an interaction, linked to the plan's goals. */
export async function outcome(options: OutcomeOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  // Old months are read as their facts, as `check` reads them: what is said after the write is
  // what `check` would say. (This load needs only the plan and the staff.)
  const r = startRecording(options, io, [id], {}, { settleMonths: true });
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording an outcome', { date: r.at.date }))!;
  if (!folder.plan) {
    throw new UsageError(
      folder.presentFiles.has('plan.yaml')
        ? `people/${id}/plan.yaml is not valid, so outcomes cannot be linked to it.`
        : `${id} has no plan yet, so there are no goals to record outcomes against.`,
      folder.presentFiles.has('plan.yaml')
        ? `Run \`careplan validate people/${id}/plan.yaml\`.`
        : `The key worker drafts one: careplan plan create ${id}`,
    );
  }
  const plan = folder.plan.data;
  let goal = options.goal;
  let actions = listOf(options.actions);
  if (goal !== undefined) checkId(goal, 'goal id');
  actions.forEach((a) => checkId(a, 'action id'));
  if (goal === undefined && actions.length === 0) {
    const active = goalsOf(plan).filter((g) => g.status === 'active');
    const picked = await r.ask.select<string>({
      flag: '--goal',
      example: active[0]?.id ?? 'GOAL',
      message: 'Which goal is this about?',
      choices: [
        ...active.map((g) => ({ name: `${g.id}: ${g.description}`, value: g.id })),
        { name: '(none: record actions only)', value: '' },
      ],
    });
    goal = picked || undefined;
    const choices = actionsOf(plan)
      .filter((a) => a.status === 'active')
      .map((a) => ({ name: `${a.id}: ${a.description}`, value: a.id }));
    actions = await r.ask.checkbox({
      flag: '--actions',
      example: choices[0]?.value ?? 'ACTION',
      message: 'Which actions did you carry out?',
      choices,
      required: goal === undefined,
    });
  }
  const notes = checkRefs(id, plan, goal, actions);
  if (options.value !== undefined && goal === undefined) {
    const example = goalsOf(plan).find((g) => g.unit !== undefined)?.id ?? 'GOAL';
    const hint = `Name the goal it measures: --goal ${example} --value ${options.value}.`;
    throw new UsageError('--value is a measurement for a goal, and no --goal was given.', hint);
  }
  if (options.result !== undefined && !RESULTS.includes(options.result as OutcomeEntry['result'])) {
    throw new UsageError(`--result must be one of ${RESULTS.join(', ')}, not "${options.result}".`);
  }
  const result =
    (options.result as OutcomeEntry['result'] | undefined) ??
    (await r.ask.select({
      flag: '--result',
      example: 'improving',
      message: 'Result:',
      choices: RESULTS.map((x) => ({ name: x, value: x })),
    }));
  const note =
    options.note ??
    (options.result === undefined
      ? await r.ask.text({ flag: '--note', example: '"Walked with her frame"', message: 'Note (optional):', optional: true })
      : undefined);
  const measured = goal === undefined ? undefined : goalsOf(plan).find((x) => x.id === goal);
  const value =
    options.value !== undefined
      ? parseValue(options.value, measured?.unit)
      : options.result === undefined
        ? await askValue(io, r, measured)
        : undefined;
  // Kept, since it was measured, but with no number to measure it against (decisions.md).
  if (value !== undefined && measured && numericTarget(measured) === undefined) {
    notes.push(
      `goal ${goal} has no numeric target, so the value is kept but not measured against one ` +
        `(give it \`target\` and \`unit\` with \`careplan plan update ${id}\`)`,
    );
  }
  let variation = options.variation;
  if (variation === undefined && r.ask.interactive && options.result === undefined) {
    if (await r.ask.confirm({ flag: '--variation', message: 'Did the care differ from the plan?', default: false })) {
      variation = await r.ask.text({
        flag: '--variation',
        example: '"Used wheelchair; frame away for repair"',
        message: 'How did it differ, and why?',
      });
    }
  }
  const entry: OutcomeEntry = {
    at: r.at.text,
    by: actor.id,
    ...(goal ? { goal } : {}),
    ...(actions.length ? { actions } : {}),
    result,
    ...(value !== undefined ? { value } : {}),
    ...(note ? { note } : {}),
    ...(variation ? { variation } : {}),
  };

  const month = r.at.text.slice(0, 7);
  const file = `people/${id}/outcomes/${month}.yaml`;
  // A measurement is measured against every earlier value of its goal: then every month in full.
  const settle = value === undefined ? r.settle : undefined;
  const locked = { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan outcome', settle };
  await recordWithLock(io, r.root, locked, (ws) => {
    const current = personFolder(ws, id);
    if (current.plan) checkRefs(id, current.plan.data, goal, actions);
    const changes = [appendRecord(ws.root, file, entry)];
    // What the entry changes for this person, judged as `careplan check` would right after the write.
    const after = afterWrite(ws.root, changes, new Set([id]), settle);
    // Said without their lines, so judged without them: no file is parsed a second time to find one.
    const unplaced = { lines: false };
    const changed = findingsAdded(judgePerson(ws, id, r.asOf, unplaced), judgePerson(after, id, r.asOf, unplaced));
    // Where a measured goal now stands, the new value counted.
    const folderAfter = personFolder(after, id);
    const afterGoal = goal === undefined || !folderAfter.plan ? undefined : goalsOf(folderAfter.plan.data).find((g) => g.id === goal);
    const measures =
      value !== undefined && afterGoal
        ? measureGoal(
            afterGoal,
            folderAfter.outcomes.map((o) => o.data),
            ws.timezone,
          )
        : undefined;
    const amount = value === undefined ? '' : ` ${value}${measured?.unit ? ` ${measured.unit}` : ''}`;
    const what = `${goal ?? actions.join(', ')} ${result}${amount ? ` (${amount.trim()})` : ''}${variation ? ' (variation)' : ''}`;
    return {
      changes,
      people: [id],
      subject: `Outcome for ${id}: ${what}`,
      trailers: { action: 'outcome', person: id, by: actor.id },
      done:
        `Recorded ${result} for ${id}${goal ? ` (goal ${goal}${amount ? `,${amount}` : ''})` : ''}` +
        `${variation ? ', with a variation from the plan,' : ''} in ${file}.` +
        (measures ? `\n  ${goal}: ${describeMeasures(measures)}` : ''),
      next: [...notes.map((n) => `careplan: note: ${n}.`), ...changed.map(warningOf)].join('\n') || undefined,
    };
  });
  return 0;
}
