import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Staff } from '../model/records.generated.js';
import { resolveActor } from '../repo/actor.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { newRecord } from '../repo/recordWriter.js';
import type { GlobalOptions } from './options.js';
import { recordWithLock, startRecording } from './recording.js';
import { formatTable } from './table.js';
import { checkId, listOf, resolveDate, type WriteOptions } from './writeOptions.js';
import { compareText } from '../model/textOrder.js';

export const ROLES = ['registered-manager', 'deputy-manager', 'key-worker', 'shift-lead', 'care-staff', 'senior-leader'] as const;
type Role = (typeof ROLES)[number];

export interface StaffAddOptions extends WriteOptions {
  id: string;
  name?: string;
  role?: string[];
  email?: string;
  started?: string;
}

/** `careplan staff add ID`: a staff member joins the roster. */
export async function staffAdd(options: StaffAddOptions, io: Io): Promise<number> {
  const id = checkId(options.id, 'staff id');
  const r = startRecording(options, io, []);
  if (r.ws.staffPresent.has(id))
    throw new UsageError(`staff/${id}.yaml already exists: ${id} is on the roster.`, 'Choose another id, or edit that file.');
  // The first staff member cannot be recorded by anyone already on the roster.
  const actsAsNew = options.as === id || (options.as === undefined && io.env.CAREPLAN_AS === id);
  const actor = actsAsNew ? undefined : await resolveActor(r.ws, { as: options.as, env: io.env }, 'adding staff', { required: false });

  const name = options.name?.trim() || (await r.ask.text({ flag: '--name', example: '"Amina Okafor"', message: 'Full name:' }))!;
  let roles = listOf(options.role) as Role[];
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length) throw new UsageError(`--role ${unknown.join(', ')} is not a role.`, `Roles: ${ROLES.join(', ')}.`);
  if (roles.length === 0) {
    roles = await r.ask.checkbox({
      flag: '--role',
      example: 'key-worker',
      message: 'Roles:',
      choices: ROLES.map((role) => ({ name: role, value: role })),
      required: true,
    });
  }
  const email =
    options.email?.trim() ||
    (await r.ask.text({
      flag: '--email',
      example: 'ben@sunrise.example',
      message: 'Email (matches their git email; optional):',
      optional: true,
    }));
  const started = options.started === undefined ? undefined : resolveDate('--started', options.started, 0, r.zone);

  await recordWithLock(io, r.root, { people: [], commit: r.commit, asOf: r.asOf, command: 'careplan staff add' }, (ws) => {
    if (email) {
      const clash = [...ws.staff.values()].find((s) => s.data.email?.toLowerCase() === email.toLowerCase());
      if (clash)
        throw new UsageError(
          `${email} is already ${clash.data.id}'s email.`,
          'Each staff member needs their own email, so careplan can tell from git who is recording.',
        );
    }
    const record: Staff = { id, name, roles, ...(email ? { email } : {}), active: true, ...(started ? { started } : {}) };
    return {
      changes: [newRecord(ws.root, `staff/${id}.yaml`, record, { flowLists: ['roles'] })],
      people: [],
      subject: `Add staff member ${id} (${roles.join(', ')})`,
      trailers: { action: 'staff-add', by: actor?.id ?? (actsAsNew ? id : undefined) },
      done: `Added ${id} (${name}; ${roles.join(', ')}) in staff/${id}.yaml`,
    };
  });
  return 0;
}

export interface StaffListOptions extends GlobalOptions {
  json?: boolean;
  all?: boolean;
}

/** `careplan staff list`: the roster. */
export async function staffList(options: StaffListOptions, io: Io): Promise<number> {
  const root = findRepositoryRoot(io.cwd, options.repo);
  const ws = loadWorkspace(root, { onlyPeople: new Set() });
  const staff = [...ws.staff.values()]
    .map((s) => s.data)
    .filter((s) => options.all || s.active)
    .sort((a, b) => compareText(a.id, b.id));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(staff, null, 2)}\n`);
    return 0;
  }
  if (staff.length === 0) {
    io.stdout.write(options.all ? 'No staff on the roster yet.\n' : 'No active staff.\n');
    io.stderr.write('Add someone: careplan staff add s-amina --name "Amina Okafor" --role registered-manager\n');
    return 0;
  }
  io.stdout.write(
    formatTable(
      ['id', 'name', 'roles', 'email', ...(options.all ? ['active'] : [])],
      staff.map((s) => [
        s.id,
        s.name,
        s.roles.join(', '),
        s.email ?? '',
        ...(options.all ? [s.active ? 'yes' : `no${s.left ? ` (left ${s.left})` : ''}`] : []),
      ]),
    ),
  );
  return 0;
}
