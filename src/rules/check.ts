import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/workspace.js';
import { ruleContext } from './context.js';
import { acknowledgementChecks } from './care/acknowledgement.js';
import { escalationChecks } from './care/escalation.js';
import { governanceChecks, roleChecks } from './care/governance.js';
import { outcomeChecks } from './care/outcomes.js';
import { planLifecycle } from './care/plan.js';
import { planContent } from './care/planContent.js';
import { versioningChecks, type Versioning } from './care/repository.js';
import { reviewTimeliness } from './care/review.js';
import { signoffChecks } from './care/signoffs.js';
import { recordRules } from './record.js';

/** Every rule id `careplan check` can report, with its severity: a public interface (SPEC section 2). */
export const RULES: Record<string, 'error' | 'warning'> = {
  'yaml-syntax': 'error', schema: 'error', 'id-mismatch': 'error', 'unknown-ref': 'error', 'duplicate-id': 'error',
  'misfiled-entry': 'error', 'future-date': 'error', 'unexpected-file': 'warning', 'role-mismatch': 'error',
  'assessment-missing': 'error', 'plan-missing': 'error', 'plan-due': 'warning', 'plan-unsigned': 'error',
  'plan-changed-since-signoff': 'error', 'plan-change-pending': 'warning', 'signoff-not-authorised': 'error',
  'version-reused': 'error', 'plan-late': 'warning', 'plan-outdated': 'error', 'plan-update-due': 'warning',
  'need-unaddressed': 'error', 'goal-missing': 'warning', 'preferences-missing': 'warning', 'review-overdue': 'error',
  'review-due': 'warning', 'agreement-missing': 'warning', 'ack-missing': 'warning', 'care-without-ack': 'warning',
  'care-before-signoff': 'warning', 'outcomes-missing': 'warning', 'no-progress': 'warning',
  'outcome-review-overdue': 'warning', 'escalation-missing': 'error', 'escalation-due': 'warning',
  'spotcheck-overdue': 'warning', 'audit-missing': 'warning', uncommitted: 'warning', 'not-versioned': 'warning',
};

/** Rules about the home rather than one person: their findings carry no `person`. */
export const HOME_RULES = ['spotcheck-overdue', 'audit-missing', 'uncommitted', 'not-versioned', 'unexpected-file'];

/** People whose care is judged: active, with a valid person.yaml. Discharged people get only the record rules. */
export function activePeople(ws: Workspace): Set<string> {
  return new Set([...ws.people.values()].filter((f) => f.person?.data.status === 'active').map((f) => f.id));
}

/** The care rules of SPEC section 2 (everything but the record rules), as of one moment. */
export function careRules(ws: Workspace, asOf: number, versioning?: Versioning): Finding[] {
  const ctx = ruleContext(ws, asOf);
  const active = activePeople(ws);
  const findings: Finding[] = [];
  for (const folder of ws.people.values()) {
    if (!active.has(folder.id)) continue;
    findings.push(
      ...planLifecycle(ctx, folder), ...planContent(ctx, folder), ...signoffChecks(ctx, folder), ...reviewTimeliness(ctx, folder),
      ...acknowledgementChecks(ctx, folder), ...outcomeChecks(ctx, folder), ...escalationChecks(ctx, folder),
    );
  }
  findings.push(...roleChecks(ctx, active), ...governanceChecks(ctx, active.size), ...versioningChecks(versioning));
  return findings;
}

/** What `careplan check` reports: the record rules and the care rules. */
export function checkRules(ws: Workspace, asOf: number, versioning?: Versioning): Finding[] {
  return [...recordRules(ws, asOf), ...careRules(ws, asOf, versioning)];
}
