import { RecordError } from '../errors.js';
import type { Io } from '../io.js';
import { currentHash, hasRole, planStatus } from '../model/planState.js';
import { parseTimestamp } from '../model/time.js';
import type { Signoff } from '../model/workspace.js';
import { gitAuthorEmail, resolveActor } from '../repo/actor.js';
import { appendRecord } from '../repo/recordWriter.js';
import { planContent } from '../rules/care/planContent.js';
import { ruleContext } from '../rules/context.js';
import { recordRules } from '../rules/record.js';
import { signoffScreen } from '../format/planText.js';
import { assessedFor, diffPlans } from '../model/planDiff.js';
import { planAtHash } from '../repo/planHistory.js';
import { recordWithLock, startRecording } from './recording.js';
import { checkId, personFolder, type WriteOptions } from './writeOptions.js';
import type { PersonFolder, Workspace } from '../model/workspace.js';
import type { Finding } from '../model/findings.js';
import { plural } from '../model/words.js';

export interface SignoffOptions extends WriteOptions {
  person: string;
  note?: string;
  yes?: boolean;
}

const lineOf = (f: Finding) =>
  `  ${f.file ?? ''}${f.line ? `:${f.line}` : ''}: ${f.message} [${f.rule}]${f.fix ? `\n    fix: ${f.fix}` : ''}`;

/**
 * Why the current plan cannot be signed, if it cannot: the signer's role, the plan's record
 * rules and need-unaddressed, content already signed, a version number already used.
 */
function refusal(ws: Workspace, id: string, signer: string, asOf: number, at: number): RecordError | undefined {
  const folder = personFolder(ws, id);
  const staff = ws.staff.get(signer);
  if (!hasRole(staff, ws.policy.signoff_roles)) {
    const who = [...ws.staff.values()]
      .filter((s) => s.data.active && hasRole(s, ws.policy.signoff_roles))
      .map((s) => `${s.data.id} (${s.data.name})`);
    return new RecordError(
      `${signer}${staff ? ` (${staff.data.name}, ${staff.data.roles.join(', ')})` : ''} cannot sign plans off: ` +
        `careplan.yaml's policy.signoff_roles allows only ${ws.policy.signoff_roles.join(', ')}. Nothing was written.`,
      who.length
        ? `Ask ${who.join(' or ')} to review the plan and run: careplan signoff ${id}`
        : 'Add a Registered Manager to the roster (careplan staff add ... --role registered-manager).',
    );
  }
  const planFile = `people/${id}/plan.yaml`;
  const recordFindings = recordRules(ws, asOf).filter(
    (f) => f.severity === 'error' && (f.file === planFile || (!folder.plan && f.file === planFile)),
  );
  if (!folder.plan) {
    if (!folder.presentFiles.has('plan.yaml'))
      return new RecordError(`${id} has no plan to sign off.`, `The key worker drafts it first: careplan plan create ${id}`);
    return new RecordError(
      `${planFile} is not a valid plan, so it cannot be signed off:\n${recordFindings.map(lineOf).join('\n')}`,
      'Correct it, then sign off. Nothing was written.',
    );
  }
  const content = planContent(ruleContext(ws, asOf), folder).filter((f) => f.rule === 'need-unaddressed');
  const blocking = [...recordFindings, ...content];
  if (blocking.length) {
    return new RecordError(
      `${id}'s plan is not ready to sign off:\n${blocking.map(lineOf).join('\n')}`,
      `Send it back to the key worker (${folder.person.data.key_worker}) to correct; nothing was written.`,
    );
  }
  const plan = folder.plan;
  const hash = currentHash(plan);
  const signed = folder.signoffs.find((s) => s.data.plan === hash && hasRole(ws.staff.get(s.data.by), ws.policy.signoff_roles));
  if (signed) {
    return new RecordError(
      `This content of ${id}'s plan (version ${signed.data.version}) was already signed ` +
        `off by ${signed.data.by} at ${signed.data.at}: there is nothing new to approve.`,
      `Staff confirm it with \`careplan ack ${id}\`; \`careplan plan show ${id}\` shows its state.`,
    );
  }
  const reused = folder.signoffs.find((s) => s.data.version === plan.data.version && s.data.plan !== hash);
  if (reused) {
    return new RecordError(
      `Version ${plan.data.version} of ${id}'s plan was signed off (by ${reused.data.by} ` +
        `at ${reused.data.at}) with different content: the plan was changed without its version going up.`,
      `Run \`careplan plan update ${id}\` to give the changed content its own version, then sign that off.`,
    );
  }
  const updated = parseTimestamp(plan.data.updated, ws.timezone);
  if (updated !== undefined && at < updated) {
    return new RecordError(
      `The sign-off time is before the plan was last updated (${plan.data.updated}): a sign-off approves content that exists.`,
      'Give --at on or after the update, or leave it out to sign now.',
    );
  }
  return undefined;
}

/** The sign-off screen: what changed since the version last signed off, then the plan beside its assessment. */
async function screen(ws: Workspace, root: string, folder: PersonFolder): Promise<string> {
  const plan = folder.plan!;
  const newest = planStatus(ws, folder).newest?.entry.data;
  const before = newest ? await planAtHash(root, plan.file, newest.plan) : undefined;
  const assessed = assessedFor(folder, before, plan.data);
  const changes = before && diffPlans(before, plan.data, assessed);
  const signed = newest && { version: newest.version, by: newest.by, at: newest.at, changes };
  return signoffScreen(folder.id, plan.data, { assessment: assessed.after, signed });
}

/** `careplan signoff PERSON`: the Registered Manager approves the current content of the plan. */
export async function signoff(options: SignoffOptions, io: Io): Promise<number> {
  const id = checkId(options.person, 'person id');
  const r = startRecording(options, io, [id]);
  const folder = personFolder(r.ws, id);
  const actor = (await resolveActor(r.ws, { as: options.as, env: io.env }, 'signing off the plan', { date: r.at.date }))!;
  const early = refusal(r.ws, id, actor.id, r.asOf, r.at.ms);
  if (early) throw early;
  const signed = r.ws.policy.require_signed_signoffs;
  if (signed && !actor.staff.data.signing_key) {
    throw new RecordError(
      `careplan.yaml's policy.require_signed_signoffs asks for every sign-off to be signed with the signer's own key, ` +
        `and staff/${actor.id}.yaml lists no signing_key. Nothing was written.`,
      `Add ${actor.id}'s public key (the line in ~/.ssh/id_ed25519.pub, or a GPG fingerprint) as signing_key in staff/${actor.id}.yaml, ` +
        'and set git to sign with it (docs/ci.md, "Signed sign-offs").',
    );
  }
  if (signed && !r.commit) {
    const why = 'policy.require_signed_signoffs asks for a signed commit, so a sign-off cannot be recorded with --no-commit.';
    throw new RecordError(why, 'Leave out --no-commit.');
  }

  const plan = folder.plan!;
  const warnings = planContent(ruleContext(r.ws, r.asOf), folder).filter((f) => f.severity === 'warning');
  if (warnings.length)
    io.stderr.write(
      `careplan: note: signing with ${plural(warnings.length, 'warning')}` +
        `:\n${warnings.map((w) => `  ${w.message} [${w.rule}]`).join('\n')}\n`,
    );
  if (r.ask.interactive && !options.yes) {
    io.stdout.write(`${await screen(r.ws, r.root, folder)}\n`);
    const ok = await r.ask.confirm({
      flag: '--yes',
      message: `Sign off version ${plan.data.version} of ${id}'s plan as ${actor.id}?`,
      default: false,
    });
    if (!ok) {
      io.stderr.write('Not signed; nothing was written.\n');
      return 0;
    }
  }
  const signerEmail = actor.staff.data.email;
  if (r.commit && signerEmail) {
    const gitEmail = await gitAuthorEmail(r.root);
    if (gitEmail && gitEmail.toLowerCase() !== signerEmail.toLowerCase()) {
      // verify accepts the commit's Careplan-By trailer as the signer's (docs/decisions.md): say what git will show,
      // not a finding that never comes.
      io.stderr.write(
        `careplan: warning: signing as ${actor.id} (${signerEmail}), but git commits as ${gitEmail}:` +
          ` the commit's author will be ${gitEmail}, and only its Careplan-By trailer names ${actor.id} as the signer` +
          ` (\`careplan verify\` accepts that trailer; git config user.email ${signerEmail} makes the author theirs too).\n`,
      );
    }
  }

  await recordWithLock(io, r.root, { people: [id], commit: r.commit, asOf: r.asOf, command: 'careplan signoff' }, (ws) => {
    const refused = refusal(ws, id, actor.id, r.asOf, r.at.ms);
    if (refused) throw refused;
    const current = personFolder(ws, id).plan!;
    const hash = currentHash(current);
    const entry: Signoff = {
      version: current.data.version,
      plan: hash,
      by: actor.id,
      at: r.at.text,
      ...(options.note ? { note: options.note } : {}),
    };
    return {
      changes: [appendRecord(ws.root, `people/${id}/signoffs.yaml`, entry)],
      people: [id],
      subject: `Sign off ${id}'s plan version ${entry.version}`,
      trailers: { action: 'signoff', person: id, by: actor.id, ...(signed ? { signed: true } : {}) },
      done: `Signed off version ${entry.version} of ${id}'s plan (${hash.slice(0, 19)}…): it is now approved.`,
      next:
        `Next: each member of the team confirms it (careplan ack ${id}), and ` +
        `the person or their representative agrees to it (careplan agree ${id}).`,
    };
  });
  return 0;
}
