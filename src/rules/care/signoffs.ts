import type { Finding } from '../../model/findings.js';
import { isAuthorisedSignoff } from '../../model/planState.js';
import type { PersonFolder } from '../../model/workspace.js';
import type { RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'signoff-not-authorised': { severity: 'error', docs: 'signoff-not-authorised' },
  'version-reused': { severity: 'error', docs: 'version-reused' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * signoff-not-authorised: only the roles in signoff_roles approve a plan; anyone else's sign-off
 * is reported and otherwise ignored. version-reused: one version number, one content.
 */
export function signoffChecks(ctx: RuleContext, folder: PersonFolder): Finding[] {
  const findings: Finding[] = [];
  const person = folder.id;
  const roles = ctx.policy.signoff_roles.join(' or ');
  const byVersion = new Map<number, string>();
  for (const s of folder.signoffs) {
    if (!isAuthorisedSignoff(ctx.ws, s.data)) {
      const staff = ctx.ws.staff.get(s.data.by);
      findings.push(
        finding('signoff-not-authorised', {
          person,
          ...where(s, ['by']),
          message:
            `${s.data.by} signed off version ${s.data.version} ` +
            `but ${staff ? `has role ${staff.data.roles.join(', ')}, not` : 'is not a staff member with'}` +
            ` ${roles}; the sign-off approves nothing`,
          fix: `the Registered Manager signs it off: \`careplan signoff ${person} --as <manager-id>\``,
          since: s.data.at,
        }),
      );
    }
    const seen = byVersion.get(s.data.version);
    if (seen !== undefined && seen !== s.data.plan) {
      findings.push(
        finding('version-reused', {
          person,
          ...where(s, ['version']),
          message: `version ${s.data.version} was signed off before with different content; each changed plan needs a new version number`,
          fix: `raise \`version\` in people/${person}/plan.yaml, then sign that version off`,
          since: s.data.at,
        }),
      );
    }
    if (seen === undefined) byVersion.set(s.data.version, s.data.plan);
  }
  return findings;
}

export default { name: 'signoffs', scope: 'person', meta, check: signoffChecks } satisfies Rule;
