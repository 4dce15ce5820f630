import type { Finding } from '../../model/findings.js';
import { isWorking } from '../../model/team.js';
import type { PersonFolder } from '../../model/workspace.js';
import type { RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'key-worker-missing': { severity: 'error', due: 'choose a new key worker', docs: 'key-worker-missing' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * key-worker-missing (SPEC section 5.5): every active person has a key worker who works here on
 * as-of's date and holds the role key-worker. When a key worker leaves, the people they looked after
 * must be handed to someone, or nobody writes their plan, reviews their outcomes or speaks for them.
 */
export function keyWorkerPresent(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const person = folder.person!;
  const id = person.data.key_worker;
  const staff = ctx.ws.staff.get(id);
  // A staff file that is there but invalid is the record rules' to report; what it says is unknown.
  if (!staff && ctx.ws.staffPresent.has(id)) return [];
  let why: string;
  // The key worker's last working day, when known: the handover is due by then (`careplan due`).
  let due: string | undefined;
  if (!staff) {
    why = 'is not on the roster';
  } else if (!isWorking(staff, ctx.asOf.date)) {
    why = staff.data.left !== undefined ? `left on ${staff.data.left}` : 'is not an active staff member';
    due = staff.data.left;
  } else if (!staff.data.roles.includes('key-worker')) {
    why = `does not have the role key-worker (has ${staff.data.roles.join(', ')})`;
  } else {
    return [];
  }
  return [
    finding('key-worker-missing', {
      person: folder.id,
      ...where(person, ['key_worker']),
      message: `${folder.id} has no key worker: key worker ${id} ${why}`,
      fix: `choose an active key worker for ${folder.id} and record it: \`careplan person update ${folder.id} --key-worker <staff-id>\``,
      due: due ?? ctx.asOf.date,
      subject: id,
    }),
  ];
}

export default { name: 'keyWorker', scope: 'person', meta, check: keyWorkerPresent } satisfies Rule;
