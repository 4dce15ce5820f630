import { UsageError } from '../errors.js';
import { colourFor, type Io } from '../io.js';
import { planDue } from '../model/planDue.js';
import { STATE_WORDS } from '../model/planState.js';
import { measuredGoals } from '../model/goalMeasures.js';
import { parseTimestamp } from '../model/time.js';
import { planText } from '../format/planText.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { localTimestamp } from '../model/time.js';
import { resolveAsOf, type GlobalOptions } from './options.js';
import { recordsAsOf } from './lookingBack.js';
import { checkId, personFolder } from './writeOptions.js';

export interface PlanShowOptions extends GlobalOptions {
  person: string;
  json?: boolean;
  version?: string;
}

/** `careplan plan show PERSON`: the plan, its state and what falls due. */
export async function planShow(options: PlanShowOptions, io: Io): Promise<number> {
  // A past version lives only in git: the change trail's reader finds and prints it.
  if (options.version !== undefined) return (await import('./history.js')).history({ ...options, version: options.version }, io);
  const id = checkId(options.person, 'person id');
  const root = findRepositoryRoot(io.cwd, options.repo);
  const loaded = loadWorkspace(root, { onlyPeople: new Set([id]) });
  personFolder(loaded, id);
  const now = io.now();
  const asOf = resolveAsOf(options.asOf, now, loaded.timezone);
  // As of a past moment: the plan.yaml that stood then, judged against the sign-offs made by then.
  const { ws, snapshot } = await recordsAsOf(io, loaded, asOf, now);
  const then = snapshot ? localTimestamp(asOf, ws.timezone).replace('T', ' ') : undefined;
  const stood = ws.people.get(id);
  const later = 'Give a later --as-of, or leave it out to see the plan now.';
  if (!stood?.person) throw new UsageError(`${id} was not yet admitted as of ${then}.`, later);
  const folder = { ...stood, person: stood.person };
  if (!folder.plan) {
    if (folder.presentFiles.has('plan.yaml'))
      throw new UsageError(`people/${id}/plan.yaml is not a valid plan.`, `Run \`careplan validate people/${id}/plan.yaml\`.`);
    if (then) throw new UsageError(`${id} had no plan yet as of ${then}.`, later);
    throw new UsageError(`${id} has no plan yet.`, `Draft one with \`careplan plan create ${id}\`.`);
  }
  const plan = folder.plan.data;
  const { status, due } = planDue(ws, folder, asOf);
  const newest = status.newest?.entry.data;
  const entries = folder.outcomes.filter((o) => (parseTimestamp(o.data.at, ws.timezone) ?? Infinity) <= asOf).map((o) => o.data);
  const measures = measuredGoals(plan, entries, ws.timezone);
  const assessment = folder.assessments.find((a) => a.id === plan.assessment)?.data;
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        {
          person: id,
          ...(snapshot ? { asOf: localTimestamp(asOf, ws.timezone) } : {}),
          state: status.state,
          version: plan.version,
          hash: status.hash,
          signed: newest ? { version: newest.version, by: newest.by, at: newest.at, plan: newest.plan } : null,
          due,
          measures,
          plan,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const paint = colourFor(io.stdout, io.env, options.color === false);
  const person = folder.person.data;
  const stateColour = status.state === 'approved' ? paint.green : paint.yellow;
  const signed = newest
    ? status.state === 'approved'
      ? ` (signed off by ${newest.by} at ${newest.at})`
      : ` (version ${newest.version} was signed off by ${newest.by} at ${newest.at})`
    : '';
  const out = [
    paint.bold(`${person.name}${person.preferred_name ? ` (${person.preferred_name})` : ''}, ${id}`),
    `Plan version ${plan.version}: ${stateColour(STATE_WORDS[status.state])}${signed}`,
    `Reflects assessment ${plan.assessment}; written by ${plan.author}, updated ${plan.updated}; key worker ${person.key_worker}`,
  ];
  if (then) {
    const today = loaded.people.get(id)?.plan?.data.version;
    out.push(`As it stood at ${then}${today !== undefined && today !== plan.version ? ` (the plan is now version ${today})` : ''}`);
  }
  if (due.length) {
    out.push('Due:');
    for (const d of due) out.push(`  ${d.overdue ? paint.red(`overdue since ${d.due}`) : `by ${d.due}`}: ${d.text}`);
  }
  io.stdout.write(`${out.join('\n')}\n\n${planText(plan, { assessment, measures })}`);
  return 0;
}
