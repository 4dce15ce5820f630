import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Finding } from '../model/findings.js';
import type { Staff } from '../model/records.generated.js';
import type { Doc, Workspace } from '../model/workspace.js';
import { resolveActor } from '../repo/actor.js';
import { editRecord } from '../repo/recordWriter.js';
import { ruleContext } from '../rules/context.js';
import { roleChecks } from '../rules/care/roles.js';
import { recordWithLock, startRecording } from './recording.js';
import { ROLES } from './staff.js';
import { checkId, listOf, resolveDate, type WriteOptions } from './writeOptions.js';

type Role = Staff['roles'][number];

export interface StaffUpdateOptions extends WriteOptions {
  id: string;
  name?: string;
  email?: string;
  role?: string[];
  addRole?: string[];
  removeRole?: string[];
  started?: string;
}

function rolesOf(flag: string, values: readonly string[] | undefined): Role[] {
  const roles = listOf(values);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length) throw new UsageError(`${flag} ${unknown.join(', ')} is not a role.`, `Roles: ${ROLES.join(', ')}.`);
  return roles as Role[];
}

function staffDoc(ws: Workspace, id: string): Doc<Staff> {
  const staff = ws.staff.get(id);
  if (staff) return staff;
  if (ws.staffPresent.has(id)) {
    throw new UsageError(
      `staff/${id}.yaml is not a valid staff record, so careplan cannot change it.`,
      `Run \`careplan validate staff/${id}.yaml\` and correct it.`,
    );
  }
  throw new UsageError(`There is no staff member ${id} (no staff/${id}.yaml).`, 'Check the id with `careplan staff list --all`.');
}

/** Active people whose key worker is `id`. */
function keyWorkerOf(ws: Workspace, id: string): string[] {
  return [...ws.people.values()]
    .filter((f) => f.person?.data.status === 'active' && f.person.data.key_worker === id)
    .map((f) => f.id)
    .sort();
}

/** The roster entry after the changes asked for; refuses what would leave it wrong. */
function changedStaff(ws: Workspace, before: Staff, options: StaffUpdateOptions, asked: Partial<Staff>): Staff {
  const set = options.role !== undefined ? rolesOf('--role', options.role) : asked.roles;
  const add = rolesOf('--add-role', options.addRole);
  const remove = rolesOf('--remove-role', options.removeRole);
  for (const role of remove) {
    if (!before.roles.includes(role))
      throw new UsageError(`--remove-role ${role}: ${before.id} does not have that role (has ${before.roles.join(', ')}).`);
  }
  const roles = [...new Set([...(set ?? before.roles), ...add])].filter((role) => !remove.includes(role));
  if (roles.length === 0)
    throw new UsageError(
      `${before.id} would have no role left.`,
      'Every staff member has at least one role; give the new one with --add-role.',
    );
  const people = keyWorkerOf(ws, before.id);
  if (before.roles.includes('key-worker') && !roles.includes('key-worker') && people.length) {
    throw new UsageError(
      `${before.id} is the key worker of ${people.join(', ')}, so cannot lose the role key-worker.`,
      `Give ${people.length === 1 ? 'them' : 'each'} another key worker first: careplan person update ${people[0]} --key-worker STAFF`,
    );
  }
  const email = options.email?.trim() || asked.email;
  if (email) {
    const clash = [...ws.staff.values()].find((s) => s.data.id !== before.id && s.data.email?.toLowerCase() === email.toLowerCase());
    if (clash)
      throw new UsageError(
        `${email} is already ${clash.data.id}'s email.`,
        'Each staff member needs their own email, so careplan can tell from git who is recording.',
      );
  }
  const started = options.started === undefined ? asked.started : resolveDate('--started', options.started, 0, ws.timezone);
  const name = options.name?.trim() || asked.name;
  return { ...before, ...(name ? { name } : {}), roles, ...(email ? { email } : {}), ...(started ? { started } : {}) };
}

/** "roles key-worker → key-worker, shift-lead; email …" for what changed. */
function describeChanges(before: Staff, after: Staff): string[] {
  const out: string[] = [];
  if (before.name !== after.name) out.push('name');
  if (before.roles.join() !== after.roles.join()) out.push(`roles ${before.roles.join(', ')} → ${after.roles.join(', ')}`);
  if (before.email !== after.email) out.push(`email ${after.email}`);
  if (before.started !== after.started) out.push(`started ${after.started}`);
  return out;
}

/** `careplan staff update ID`: a staff member's roles, email, name or start date change. */
export async function staffUpdate(options: StaffUpdateOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'staff id');
  const r = startRecording(options, io, 'all');
  const before = staffDoc(r.ws, id).data;
  const actor = await resolveActor(r.ws, { as: options.as, env: io.env }, 'changing the roster', { required: false });
  const given = [options.name, options.email, options.role, options.addRole, options.removeRole, options.started].some(
    (v) => v !== undefined,
  );
  const asked: Partial<Staff> = {};
  if (!given) {
    if (!r.ask.interactive) {
      throw new UsageError(
        `Nothing to change for ${id}.`,
        'Pass --name, --email, --role, --add-role, --remove-role or --started; see `careplan staff update --help`.',
      );
    }
    const what = await r.ask.checkbox({
      flag: '--role',
      example: 'key-worker',
      message: `What changes for ${id}?`,
      required: true,
      choices: [
        { name: 'roles', value: 'roles' },
        { name: 'email', value: 'email' },
        { name: 'name', value: 'name' },
        { name: 'start date', value: 'started' },
      ],
    });
    if (what.includes('roles')) {
      asked.roles = await r.ask.checkbox({
        flag: '--role',
        example: 'key-worker,shift-lead',
        message: 'Roles:',
        required: true,
        choices: ROLES.map((role) => ({ name: role, value: role, checked: before.roles.includes(role) })),
      });
    }
    if (what.includes('email'))
      asked.email = await r.ask.text({ flag: '--email', example: 'ben@sunrise.example', message: 'Email:', default: before.email });
    if (what.includes('name'))
      asked.name = await r.ask.text({ flag: '--name', example: '"Ben Hollis"', message: 'Full name:', default: before.name });
    if (what.includes('started')) {
      asked.started = await r.ask.text({
        flag: '--started',
        example: '2026-09-01',
        message: 'First working day (YYYY-MM-DD):',
        check: dateCheck,
      });
    }
  }

  // Who is key worker of whom needs every person.yaml.
  const everyone = [...r.ws.people.keys()];
  await recordWithLock(io, r.root, { people: everyone, commit: r.commit, asOf: r.asOf, command: 'careplan staff update' }, (ws) => {
    const doc = staffDoc(ws, id);
    const after = changedStaff(ws, doc.data, options, asked);
    const changes = describeChanges(doc.data, after);
    if (changes.length === 0) throw new UsageError(`staff/${id}.yaml already says that: nothing to change.`);
    return {
      changes: [editRecord(ws.root, doc.file, after)],
      people: [],
      subject: `Update staff member ${id}: ${changes.map((c) => c.split(' ')[0]).join(', ')}`,
      trailers: { action: 'staff-update', by: actor?.id },
      done: `Updated ${id} in ${doc.file}: ${changes.join('; ')}.`,
    };
  });
  return 0;
}

const dateCheck = (answer: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(answer) ? undefined : 'A date is YYYY-MM-DD');

export interface StaffLeaveOptions extends WriteOptions {
  id: string;
  on?: string;
}

const findingKey = (f: Finding) => `${f.file}|${f.line}|${f.message}`;

/**
 * Records that the leaver would have made after `on`: what role-mismatch would report once
 * `left` says so, and does not report now.
 */
function recordsAfterLeaving(ws: Workspace, id: string, on: string, asOf: number): Finding[] {
  const staff = ws.staff.get(id)!;
  const leaving = new Map(ws.staff);
  leaving.set(id, { ...staff, data: { ...staff.data, left: on } });
  const before = new Set(roleChecks(ruleContext(ws, asOf)).map(findingKey));
  return roleChecks(ruleContext({ ...ws, staff: leaving }, asOf)).filter((f) => !before.has(findingKey(f)));
}

/** `careplan staff leave ID --on DATE`: their last working day; they stay on the roster as inactive. */
export async function staffLeave(options: StaffLeaveOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'staff id');
  const r = startRecording(options, io, 'all');
  staffDoc(r.ws, id);
  const actor = await resolveActor(r.ws, { as: options.as, env: io.env }, 'changing the roster', { required: false });
  const today = r.at.date;
  // Without a terminal the day defaults to today, as `person discharge --on` does.
  const on =
    options.on !== undefined || !r.ask.interactive
      ? resolveDate('--on', options.on, r.at.ms, r.zone)
      : (await r.ask.text({ flag: '--on', example: today, message: 'Last working day (YYYY-MM-DD):', default: today, check: dateCheck }))!;
  const everyone = [...r.ws.people.keys()];

  await recordWithLock(io, r.root, { people: everyone, commit: r.commit, asOf: r.asOf, command: 'careplan staff leave' }, (ws) => {
    const doc = staffDoc(ws, id);
    const staff = doc.data;
    if (staff.left !== undefined && !staff.active)
      throw new UsageError(`${id} already left, on ${staff.left}.`, `If that date is wrong, correct \`left\` in ${doc.file}.`);
    if (on > today) {
      throw new UsageError(
        `--on ${on} is after today (${today}): ${id} is still working until then.`,
        'Record the leaving on or after their last working day.',
      );
    }
    if (staff.started !== undefined && on < staff.started)
      throw new UsageError(`--on ${on} is before ${id} started (${staff.started}).`, 'Give their last working day.');
    const later = recordsAfterLeaving(ws, id, on, r.asOf);
    if (later.length) {
      const shown = later.slice(0, 5).map((f) => `  ${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`);
      throw new UsageError(
        `${id} has records dated after --on ${on}:\n${shown.join('\n')}` +
          `${later.length > shown.length ? `\n  … and ${later.length - shown.length} more` : ''}`,
        'Give their real last working day (on or after their last record), or correct those records first. Nothing was written.',
      );
    }
    const keyWorker = keyWorkerOf(ws, id);
    const inTeams = [...ws.people.values()]
      .filter((f) => f.person?.data.status === 'active' && f.person.data.team?.includes(id))
      .map((f) => f.id)
      .sort();
    const notes = [
      ...(keyWorker.length
        ? [
            `${id} was key worker of ${keyWorker.join(', ')}: give each a new key worker,` +
              ` e.g. careplan person update ${keyWorker[0]} --key-worker STAFF`,
          ]
        : []),
      ...(inTeams.length
        ? [`${id} is still named in the team of ${inTeams.join(', ')}: careplan person update ${inTeams[0]} --remove-from-team ${id}`]
        : []),
    ];
    return {
      changes: [editRecord(ws.root, doc.file, { ...staff, active: false, left: on })],
      people: [],
      subject: `Staff member ${id} leaves on ${on}`,
      trailers: { action: 'staff-leave', by: actor?.id },
      done: `Recorded that ${id} left on ${on} (${doc.file}): they are no longer active, and their records stay.`,
      next: notes.length ? notes.map((n) => `careplan: note: ${n}`).join('\n') : undefined,
    };
  });
  return 0;
}
