import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { periodValues } from '../model/goalMeasures.js';
import { describeSummary, summariseOutcomes, type Trend } from '../model/outcomeSummary.js';
import { planStatus, updateBeforeReview } from '../model/planState.js';
import type { OutcomeReview, PlanReview } from '../model/records.generated.js';
import { addDays, localDate } from '../model/time.js';
import type { PersonFolder, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { newRecord, PLAN_FLOW_KEYS } from '../repo/recordWriter.js';
import type { Recording } from './recording.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, onePerKey, personFolder, resolveDate, type WriteOptions } from './writeOptions.js';

const TRIGGERS: readonly PlanReview['trigger'][] = ['scheduled', 'change-in-needs', 'outcomes', 'incident', 'request'];
const TRENDS: readonly Trend[] = ['improving', 'stable', 'worsening', 'no-data'];

export interface ReviewOptions extends WriteOptions {
  person: string;
  kind?: string;
  withPerson?: boolean;
  trigger?: string;
  findings?: string;
  result?: string;
  since?: string;
  until?: string;
  trend?: string[];
  comment?: string[];
  discussedWith?: string;
  planUpdateNeeded?: boolean;
}

/** `careplan review PERSON --kind plan|outcomes`. */
export async function review(options: ReviewOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'recording a review', { date: r.at.date }))!;
  if (!folder.plan) throw new UsageError(`${id} has no plan to review.`, `Draft one first: careplan plan create ${id}`);
  if (options.kind !== undefined && !['plan', 'outcomes'].includes(options.kind))
    throw new UsageError(`--kind must be plan or outcomes, not "${options.kind}".`);
  const kind =
    options.kind ??
    (await r.ask.select({
      flag: '--kind',
      example: 'outcomes',
      message: 'Which review?',
      choices: [
        { name: 'outcomes: the weekly review of outcomes against goals', value: 'outcomes' },
        { name: 'plan: the care plan review', value: 'plan' },
      ],
    }));
  const record =
    kind === 'plan' ? await planReview(options, r, actor.id, folder) : await outcomeReview(options, io, r, actor.id, r.ws, folder);
  const file = `people/${id}/reviews/${r.at.date}-${kind}.yaml`;
  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan review' }, (ws) => {
    const next =
      kind === 'plan'
        ? (record as PlanReview).result === 'updated'
          ? afterUpdatedReview(ws, personFolder(ws, id), r.at.ms)
          : undefined
        : (record as OutcomeReview).plan_update_needed
          ? `The plan needs updating: careplan plan update ${id} (or a plan review: careplan review ${id} --kind plan --trigger outcomes).`
          : undefined;
    return {
      changes: [
        newRecord(ws.root, file, record, {
          flowItemsUnder: PLAN_FLOW_KEYS,
          exists:
            `${kind === 'plan' ? 'A plan review' : 'An outcome review'} of ${id} is ` +
            `already recorded for ${r.at.date}; edit that file, or give another --at.`,
        }),
      ],
      people: [id],
      subject: `${kind === 'plan' ? 'Plan' : 'Outcome'} review of ${id}`,
      trailers: { action: 'review', person: id, by: actor.id },
      done: `Recorded the ${kind === 'plan' ? 'plan' : 'weekly outcome'} review of ${id} in ${file}.`,
      next,
    };
  });
  return 0;
}

/**
 * What follows a plan review that updated the plan: recording the changes, unless the plan was
 * changed since the previous plan review (or, with none, since it was first signed off), in which
 * case it is signed off already or waits for that.
 */
function afterUpdatedReview(ws: Workspace, folder: PersonFolder, at: number): string {
  const id = folder.id;
  const before = updateBeforeReview(ws, folder, at, Number.POSITIVE_INFINITY);
  if (folder.plan && before?.signed) {
    const { by, at: signedAt } = before.signed.entry.data;
    const version = folder.plan.data.version;
    return `${id}'s plan was already updated for it: version ${version}, signed off by ${by} at ${signedAt}; nothing more to do.`;
  }
  if (folder.plan && before) {
    const version = folder.plan.data.version;
    return `${id}'s plan was already updated (version ${version}); next the Registered Manager signs it off: careplan signoff ${id}`;
  }
  return `Record the plan's changes with \`careplan plan update ${id}\`, then the Registered Manager signs them off.`;
}

async function planReview(
  options: ReviewOptions,
  r: Recording,
  by: string,
  folder: PersonFolder & { person: NonNullable<PersonFolder['person']> },
): Promise<PlanReview> {
  if (options.trigger !== undefined && !TRIGGERS.includes(options.trigger as PlanReview['trigger']))
    throw new UsageError(`--trigger must be one of ${TRIGGERS.join(', ')}, not "${options.trigger}".`);
  if (options.result !== undefined && !['no-change', 'updated'].includes(options.result))
    throw new UsageError(`--result must be no-change or updated, not "${options.result}".`);
  const newest = folder.assessments[folder.assessments.length - 1];
  const changed = newest && newest.data.type === 'change-in-needs' && newest.id !== folder.assessments[0]?.id;
  const trigger =
    (options.trigger as PlanReview['trigger'] | undefined) ??
    (await r.ask.select({
      flag: '--trigger',
      example: 'scheduled',
      message: 'Why is the plan being reviewed?',
      choices: TRIGGERS.map((t) => ({ name: t, value: t })),
      default: changed ? 'change-in-needs' : 'scheduled',
    }));
  const withPerson =
    options.withPerson ??
    (await r.ask.confirm({
      flag: '--with-person (or --no-with-person)',
      message: `Was ${folder.person.data.preferred_name ?? folder.person.data.name} part of the review?`,
      default: true,
      required: true,
    }));
  const findings =
    options.findings?.trim() ||
    (await r.ask.text({ flag: '--findings', example: '"Walking improving; no change to support needed"', message: 'Findings:' }))!;
  const result =
    (options.result as PlanReview['result'] | undefined) ??
    (await r.ask.select({
      flag: '--result',
      example: 'no-change',
      message: 'Result:',
      choices: [
        { name: 'no-change: the plan stays as it is', value: 'no-change' as const },
        { name: 'updated: the plan is being changed', value: 'updated' as const },
      ],
    }));
  return { kind: 'plan', at: r.at.text, by, with_person: withPerson, trigger, findings, result };
}

/** The period a weekly outcome review covers: from the day after the last one (or the first sign-off) to today. */
function defaultPeriod(ws: Workspace, folder: PersonFolder, atDate: string): { from: string; to: string } {
  const last = folder.reviews
    .filter((rv) => rv.data.kind === 'outcomes')
    .map((rv) => (rv.data as OutcomeReview).period.to)
    .sort()
    .pop();
  const first = planStatus(ws, folder).first;
  let from = last ? addDays(last, 1) : first ? localDate(first.at, ws.timezone) : addDays(atDate, -(ws.policy.outcome_review_days - 1));
  if (from > atDate) from = atDate;
  return { from, to: atDate };
}

async function outcomeReview(
  options: ReviewOptions,
  io: Io,
  r: Recording,
  by: string,
  ws: Workspace,
  folder: PersonFolder & { person: NonNullable<PersonFolder['person']> },
): Promise<OutcomeReview> {
  const defaults = defaultPeriod(ws, folder, r.at.date);
  const period = {
    from: options.since ? resolveDate('--since', options.since, 0, r.zone) : defaults.from,
    to: options.until ? resolveDate('--until', options.until, 0, r.zone) : defaults.to,
  };
  if (period.from > period.to)
    throw new UsageError(`The period ${period.from} to ${period.to} runs backwards.`, 'Give --since on or before --until.');
  const summaries = summariseOutcomes(
    folder.plan!.data,
    folder.outcomes.map((o) => o.data),
    period,
    r.zone,
  );
  const trends = onePerKey('--trend', options.trend);
  const comments = onePerKey('--comment', options.comment);
  for (const [goal, trend] of trends) {
    if (!summaries.some((s) => s.goal === goal))
      throw new UsageError(
        `--trend names ${goal}, which is not an active goal of ${folder.id}'s plan and has no outcomes in the period.`,
        `Goals: ${summaries.map((s) => s.goal).join(', ')}.`,
      );
    if (!TRENDS.includes(trend as Trend)) throw new UsageError(`--trend ${goal}=${trend}: the trend must be one of ${TRENDS.join(', ')}.`);
  }
  for (const goal of comments.keys())
    if (!summaries.some((s) => s.goal === goal))
      throw new UsageError(`--comment names ${goal}, which is not a goal under review (${summaries.map((s) => s.goal).join(', ')}).`);

  io.stdout.write(`Outcomes for ${folder.id} from ${period.from} to ${period.to}:\n`);
  const values = periodValues(
    folder.plan!.data,
    folder.outcomes.map((o) => o.data),
    period,
    r.zone,
  );
  for (const s of summaries) {
    io.stdout.write(
      `  ${s.goal}${s.description ? ` (${s.description})` : ''}` +
        `${s.status && s.status !== 'active' ? ` [${s.status}]` : ''}: ${describeSummary(s)}\n`,
    );
    const measured = values.get(s.goal);
    if (measured) io.stdout.write(`      values: ${measured}\n`);
    for (const v of s.variations) io.stdout.write(`      variation ${v.at} ${v.by}: ${v.text}\n`);
  }
  if (summaries.length === 0) io.stdout.write('  (no active goals and no outcomes)\n');

  const goals: OutcomeReview['goals'] = [];
  for (const s of summaries) {
    let trend = trends.get(s.goal) as Trend | undefined;
    // A goal achieved or discontinued is no longer worked towards: its trend is recorded only when given.
    if (trend === undefined && (s.status === 'achieved' || s.status === 'discontinued')) continue;
    if (trend === undefined) {
      trend =
        s.entries === 0
          ? 'no-data'
          : await r.ask.select({
              flag: '--trend',
              example: `${s.goal}=${s.suggested}`,
              message: `Trend for ${s.goal} (${describeSummary(s)}):`,
              choices: TRENDS.map((t) => ({ name: t === s.suggested ? `${t} (suggested from the results)` : t, value: t })),
              default: s.suggested,
            });
    }
    const comment =
      comments.get(s.goal) ??
      (s.entries > 0 && trends.get(s.goal) === undefined
        ? await r.ask.text({
            flag: '--comment',
            example: `${s.goal}="3 unaided walks this week"`,
            message: `Comment on ${s.goal} (optional):`,
            optional: true,
          })
        : undefined);
    goals.push({ goal: s.goal, trend, ...(comment ? { comment } : {}) });
  }
  const discussedWith = options.discussedWith;
  if (discussedWith !== undefined && !ws.staff.has(checkId(discussedWith, 'staff id')))
    throw new UsageError(`--discussed-with ${discussedWith} is not on the staff roster.`);
  // A worsening goal suggests the plan needs changing; without a terminal that is what is recorded, and said.
  const worsening = goals.filter((g) => g.trend === 'worsening').map((g) => g.goal);
  const planUpdateNeeded =
    options.planUpdateNeeded ??
    (await r.ask.confirm({ flag: '--plan-update-needed', message: 'Does the plan need updating?', default: worsening.length > 0 }));
  if (options.planUpdateNeeded === undefined && !r.ask.interactive && planUpdateNeeded) {
    const are = worsening.length === 1 ? 'is' : 'are';
    io.stderr.write(
      `careplan: note: recording that the plan needs updating, since ${worsening.join(', ')} ${are} worsening;` +
        ' pass --no-plan-update-needed if it does not.\n',
    );
  }
  return {
    kind: 'outcomes',
    at: r.at.text,
    by,
    period,
    goals,
    ...(discussedWith ? { discussed_with: discussedWith } : {}),
    plan_update_needed: planUpdateNeeded,
  };
}
