import { RecordError } from '../errors.js';
import type { Io } from '../io.js';
import { assessedFor, describeChange, describeRisk, diffPlans } from '../model/planDiff.js';
import { planStatus, STATE_WORDS } from '../model/planState.js';
import { teamOf } from '../model/team.js';
import type { Acknowledgement, PersonFolder, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { planAtHash } from '../repo/planHistory.js';
import { appendRecord } from '../repo/recordWriter.js';
import { planText } from '../format/planText.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, personFolder, type WriteOptions } from './writeOptions.js';
import { compareText } from '../model/textOrder.js';

export interface AckOptions extends WriteOptions {
  people: string[];
  yes?: boolean;
}

interface Target {
  id: string;
  version: number;
  hash: string;
}

/** The approved version a staff member would confirm, or why they cannot. */
function approved(ws: Workspace, folder: PersonFolder): { version: number; hash: string; by: string; at: string } | string {
  const status = planStatus(ws, folder);
  if (status.state !== 'approved' || !status.newest) {
    return status.state === 'no-plan'
      ? 'has no plan yet'
      : `plan is ${STATE_WORDS[status.state]}${status.newest ? ` (version ${status.newest.entry.data.version} was the last signed)` : ''}`;
  }
  const s = status.newest.entry.data;
  return { version: s.version, hash: s.plan, by: s.by, at: s.at };
}

const confirmed = (folder: PersonFolder, staff: string, t: { version: number; hash: string }) =>
  folder.acknowledgements.some((a) => a.data.staff === staff && a.data.version === t.version && a.data.plan === t.hash);

/** `careplan ack [PERSON…]`: a staff member confirms they have read the current approved plans. */
export async function ack(options: AckOptions, io: Io): Promise<number> {
  const named = options.people.map((p) => checkId(p, 'person id'));
  const r = startRecording(options, io, named.length ? named : 'all');
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'confirming a plan', { date: r.at.date }))!;

  const targets: Target[] = [];
  if (named.length) {
    const refused: string[] = [];
    for (const id of new Set(named)) {
      const folder = personFolder(r.ws, id);
      const plan = approved(r.ws, folder);
      if (typeof plan === 'string') refused.push(`  ${id}: ${plan}`);
      else if (confirmed(folder, actor.id, plan))
        io.stderr.write(`${actor.id} has already confirmed version ${plan.version} of ${id}'s plan.\n`);
      else targets.push({ id, version: plan.version, hash: plan.hash });
    }
    if (refused.length) {
      throw new RecordError(
        `Staff confirm only an approved plan, and these are not approved:\n${refused.join('\n')}`,
        'Nothing was written. The Registered Manager signs a plan off first (careplan signoff PERSON); then confirm it.',
      );
    }
  } else {
    for (const folder of r.ws.people.values()) {
      if (folder.person?.data.status !== 'active') continue;
      if (!teamOf(r.ws, folder.person.data, r.at.date).some((s) => s.data.id === actor.id)) continue;
      const plan = approved(r.ws, folder);
      if (typeof plan !== 'string' && !confirmed(folder, actor.id, plan))
        targets.push({ id: folder.id, version: plan.version, hash: plan.hash });
    }
    targets.sort((a, b) => compareText(a.id, b.id));
  }
  if (targets.length === 0) {
    io.stdout.write(
      named.length
        ? 'Nothing to confirm.\n'
        : `Nothing to confirm: ${actor.id} has confirmed every approved plan of the people they support.\n`,
    );
    return 0;
  }

  // Show each plan: what changed since the version this person last confirmed, or all of it.
  for (const t of targets) {
    const folder = r.ws.people.get(t.id)!;
    const plan = folder.plan!.data;
    const mine = folder.acknowledgements.filter((a) => a.data.staff === actor.id).pop();
    const signed = planStatus(r.ws, folder).newest!.entry.data;
    io.stdout.write(`== ${folder.person!.data.name}, ${t.id}: plan version ${t.version}, signed off by ${signed.by} at ${signed.at}\n`);
    const before = mine ? await planAtHash(r.root, folder.plan!.file, mine.data.plan) : undefined;
    const assessed = assessedFor(folder, before, plan);
    if (mine && before) {
      const changes = diffPlans(before, plan, assessed).map((c) => `  - ${describeChange(c)}`);
      // The risks stand beside what changed: a carer confirms the plan knowing every one of them.
      const risks = plan.needs.flatMap((n) => {
        const assessedNeed = assessed.after?.needs.find((a) => a.id === n.need);
        return (assessedNeed?.risks ?? []).map((risk) => `  - ${n.need}: ${describeRisk(risk)}`);
      });
      io.stdout.write(
        `What changed since version ${mine.data.version}, which you confirmed at ${mine.data.at}:\n` +
          `${changes.join('\n') || '  (no change in content)'}\n` +
          `${risks.length ? `Risks now (assessment ${plan.assessment}):\n${risks.join('\n')}\n` : ''}\n`,
      );
    } else {
      const lead = mine
        ? `You confirmed version ${mine.data.version} at ${mine.data.at}, ` +
          'but careplan cannot find that version in git to compare, so here is the whole plan'
        : 'First confirmation: the whole plan';
      io.stdout.write(`${lead}:\n\n${planText(plan, { assessment: assessed.after })}\n`);
    }
  }
  if (r.ask.interactive && !options.yes) {
    const ok = await r.ask.confirm({
      flag: '--yes',
      message:
        `Confirm that you (${actor.id}) have read and ` +
        `understood ${targets.length === 1 ? 'this plan' : `these ${targets.length} plans`}?`,
      default: false,
    });
    if (!ok) {
      io.stderr.write('Not confirmed; nothing was written.\n');
      return 0;
    }
  }

  const ids = targets.map((t) => t.id);
  await recordWithLock(io, r.root, { people: ids, commit: r.commit, asOf: r.asOf, command: 'careplan ack' }, (ws) => {
    const changes = targets.map((t) => {
      const now = approved(ws, personFolder(ws, t.id));
      if (typeof now === 'string' || now.hash !== t.hash) {
        throw new RecordError(
          `${t.id}'s plan changed while you were reading it.`,
          `Nothing was written. Run \`careplan ack ${t.id}\` again to see the current version.`,
        );
      }
      const entry: Acknowledgement = { staff: actor.id, version: t.version, plan: t.hash, at: r.at.text };
      return appendRecord(ws.root, `people/${t.id}/acknowledgements.yaml`, entry);
    });
    const list = targets.map((t) => `${t.id} v${t.version}`).join(', ');
    return {
      changes,
      people: ids,
      subject:
        `${actor.id} ` +
        `confirms ${targets.length === 1 ? `${ids[0]}'s plan version ${targets[0].version}` : `the plans of ${ids.join(', ')}`}`,
      trailers: { action: 'ack', person: ids, by: actor.id },
      done: `Recorded that ${actor.id} has read and understood: ${list}.`,
    };
  });
  return 0;
}
