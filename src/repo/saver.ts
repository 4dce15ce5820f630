import { UsageError } from '../errors.js';
import { idProblem } from '../model/ids.js';
import type { Workspace } from '../model/workspace.js';
import { git } from './git.js';

const HOW = 'Pass --as STAFF-ID, set CAREPLAN_AS=STAFF-ID, or set `git config user.email` to the email in your staff record (staff/<id>.yaml).';

/** git's configured user.email in `root`, if any. */
export async function gitUserEmail(root: string): Promise<string | undefined> {
  try {
    const result = await git(root, ['config', 'user.email']);
    return result.exitCode === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who is doing something that is recorded (SPEC section 3): `--as`, else CAREPLAN_AS, else the
 * staff member whose email is git's user.email. They must be on the roster and working on `date`.
 */
export async function whoActs(ws: Workspace, given: string | undefined, env: Record<string, string | undefined>, what: string, date: string): Promise<string> {
  const named = given !== undefined ? { id: given, source: '--as' } : env.CAREPLAN_AS ? { id: env.CAREPLAN_AS, source: 'CAREPLAN_AS' } : undefined;
  let id: string;
  if (named) {
    const problem = idProblem(named.id, named.source);
    if (problem) throw new UsageError(`${problem}.`, HOW);
    id = named.id;
    if (!ws.staff.has(id)) {
      throw new UsageError(
        ws.staffPresent.has(id) ? `${named.source} names ${id}, but staff/${id}.yaml is not a valid staff record.` : `${named.source} names ${id}, who is not on the staff roster.`,
        ws.staffPresent.has(id) ? `Run \`careplan validate staff/${id}.yaml\` and correct it.` : 'Use a staff id from staff/, or add them with `careplan staff add`.',
      );
    }
  } else {
    const email = await gitUserEmail(ws.root);
    const matches = email ? [...ws.staff.values()].filter((s) => s.data.email?.toLowerCase() === email.toLowerCase()) : [];
    if (matches.length > 1) {
      throw new UsageError(`git's user.email ${email} belongs to ${matches.map((s) => s.data.id).join(' and ')}, so careplan cannot tell who is ${what}.`, 'Give each staff member their own email, or pass --as STAFF-ID.');
    }
    if (matches.length === 0) {
      throw new UsageError(`careplan needs to know who is ${what}${email ? `: git's user.email ${email} matches no staff member` : ''}.`, HOW);
    }
    id = matches[0].data.id;
  }
  const staff = ws.staff.get(id)!.data;
  if (!staff.active || (staff.left !== undefined && staff.left < date)) {
    throw new UsageError(`${id} ${staff.left ? `left on ${staff.left}` : 'is not active'}, so cannot be recorded as ${what}.`, 'Act as a current staff member (--as STAFF-ID).');
  }
  return id;
}
