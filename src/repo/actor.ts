import { UsageError } from '../errors.js';
import { idProblem } from '../model/ids.js';
import type { Staff } from '../model/records.generated.js';
import type { Doc, Workspace } from '../model/workspace.js';
import { git } from './git.js';

/** Who acts, and how careplan knew. */
export interface Actor {
  id: string;
  staff: Doc<Staff>;
  source: '--as' | 'CAREPLAN_AS' | 'git user.email';
}

/** The email git would author a commit with (GIT_AUTHOR_EMAIL, else user.email), if any. */
export async function gitAuthorEmail(cwd: string): Promise<string | undefined> {
  try {
    const result = await git(cwd, ['var', 'GIT_AUTHOR_IDENT']);
    if (result.exitCode !== 0) return undefined;
    return /<([^>]*)>/.exec(result.stdout)?.[1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

const HOW =
  'Pass --as STAFF-ID, set CAREPLAN_AS=STAFF-ID in your environment, or set ' +
  '`git config user.email` to the email in your staff record (staff/<id>.yaml).';

/**
 * Who acts: `--as`, else CAREPLAN_AS, else the staff member whose `email` is git's author email.
 * Returns undefined only when none of them is set and `required` is false.
 */
export async function resolveActor(
  ws: Workspace,
  given: { as?: string; env: Record<string, string | undefined> },
  what: string,
  options: { required?: boolean; date?: string } = {},
): Promise<Actor | undefined> {
  const required = options.required ?? true;
  const named =
    given.as !== undefined
      ? { id: given.as, source: '--as' as const }
      : given.env.CAREPLAN_AS
        ? { id: given.env.CAREPLAN_AS, source: 'CAREPLAN_AS' as const }
        : undefined;
  let actor: Actor | undefined;
  if (named) {
    const problem = idProblem(named.id, `${named.source}`);
    if (problem) throw new UsageError(`${problem}.`, HOW);
    const staff = ws.staff.get(named.id);
    if (!staff) {
      const present = ws.staffPresent.has(named.id);
      throw new UsageError(
        present
          ? `${named.source} names ${named.id}, but staff/${named.id}.yaml is not a valid staff record.`
          : `${named.source} names ${named.id}, who is not on the staff roster.`,
        present
          ? `Run \`careplan validate staff/${named.id}.yaml\` and correct it.`
          : `Use a staff id from \`careplan staff list\`, or add them with \`careplan staff add ${named.id}\`.`,
      );
    }
    actor = { id: named.id, staff, source: named.source };
  } else {
    const email = await gitAuthorEmail(ws.root);
    const match = email ? [...ws.staff.values()].filter((s) => s.data.email?.toLowerCase() === email.toLowerCase()) : [];
    if (match.length > 1) {
      throw new UsageError(
        `git's email ${email} belongs to ${match.map((s) => s.data.id).join(' and ')}, so careplan cannot tell who is recording.`,
        `Give each staff member their own email, or pass --as STAFF-ID.`,
      );
    }
    if (match.length === 1) actor = { id: match[0].data.id, staff: match[0], source: 'git user.email' };
    else if (required) {
      throw new UsageError(`careplan needs to know who is ${what}${email ? `: git's email ${email} matches no staff member` : ''}.`, HOW);
    }
  }
  if (actor && required) {
    const { data } = actor.staff;
    if (!data.active || (data.left !== undefined && options.date !== undefined && options.date > data.left)) {
      throw new UsageError(
        `${actor.id} (${data.name}) ${data.left ? `left on ${data.left}` : 'is not active'}, so cannot be recorded as ${what}.`,
        `Act as a current staff member (--as), or correct staff/${actor.id}.yaml if they are back.`,
      );
    }
  }
  return actor;
}
