import type { Finding } from '../../model/findings.js';
import type { FieldPath } from '../../model/positions.js';
import { parseTimestamp } from '../../model/time.js';
import { dateOf, type RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

// Judged once over the home's records (key workers of active people, spot checks, records by
// leavers), and most of its findings are about a person.
const meta = { 'role-mismatch': { severity: 'error', docs: 'role-mismatch', about: 'person' } } as const satisfies RuleMetas;
const finding = findingOf(meta);

/** role-mismatch: key workers hold role key-worker, spot checks are by shift leads, nobody records after leaving. */
export function roleChecks(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const ws = ctx.ws;
  type Recorded = Parameters<typeof where>[0];
  const afterLeaving = (record: Recorded, path: FieldPath, staffId: string | undefined, at: string | undefined, person?: string) => {
    if (!staffId || !at) return;
    const left = ws.staff.get(staffId)?.data.left;
    if (!left) return;
    const atMs = parseTimestamp(at, ctx.zone);
    if (atMs === undefined) return;
    const date = dateOf(ctx, atMs);
    if (date > left) {
      findings.push(
        finding('role-mismatch', {
          person,
          ...where(record, path),
          message: `${staffId} left on ${left} but this record by them is dated ${at}`,
          fix:
            `check who really did it and correct \`${String(path[path.length - 1])}\`, ` +
            `or correct ${staffId}'s \`left\` date in staff/${staffId}.yaml`,
        }),
      );
    }
  };
  for (const f of ws.people.values()) {
    if (!ctx.active.has(f.id)) continue;
    const person = f.person!;
    const keyWorker = ws.staff.get(person.data.key_worker);
    if (keyWorker && !keyWorker.data.roles.includes('key-worker')) {
      findings.push(
        finding('role-mismatch', {
          person: f.id,
          ...where(person, ['key_worker']),
          message: `key worker ${keyWorker.data.id} does not have the role key-worker (has ${keyWorker.data.roles.join(', ')})`,
          fix: `choose a key worker, or add key-worker to roles in staff/${keyWorker.data.id}.yaml`,
        }),
      );
    }
    for (const a of f.assessments) afterLeaving(a, ['by'], a.data.by, a.data.at, f.id);
    if (f.plan) afterLeaving(f.plan, ['author'], f.plan.data.author, f.plan.data.updated, f.id);
    for (const s of f.signoffs) afterLeaving(s, ['by'], s.data.by, s.data.at, f.id);
    for (const a of f.acknowledgements) afterLeaving(a, ['staff'], a.data.staff, a.data.at, f.id);
    for (const a of f.agreements) afterLeaving(a, ['recorded_by'], a.data.recorded_by, a.data.at, f.id);
    for (const e of f.escalations) afterLeaving(e, ['by'], e.data.by, e.data.at, f.id);
    for (const o of f.outcomes) afterLeaving(o, ['by'], o.data.by, o.data.at, f.id);
    for (const r of f.reviews) afterLeaving(r, ['by'], r.data.by, r.data.at, f.id);
  }
  for (const s of ws.spotchecks) {
    const lead = ws.staff.get(s.data.by);
    if (lead && !lead.data.roles.includes('shift-lead')) {
      findings.push(
        finding('role-mismatch', {
          ...where(s, ['by']),
          message: `spot check by ${lead.data.id}, who does not have the role shift-lead (has ${lead.data.roles.join(', ')})`,
          fix: `spot checks are done by shift leads; correct \`by\`, or add shift-lead to roles in staff/${lead.data.id}.yaml`,
        }),
      );
    }
    afterLeaving(s, ['by'], s.data.by, s.data.at);
  }
  for (const fb of ws.feedback) afterLeaving(fb, ['recorded_by'], fb.data.recorded_by, fb.data.at);
  for (const a of ws.audits) afterLeaving(a, ['saved_by'], a.data.saved_by, a.data.saved_at);
  return findings;
}

export default { name: 'roles', scope: 'home', meta, check: roleChecks } satisfies Rule;
