import type { Finding } from '../../model/findings.js';
import type { PersonFolder } from '../../model/workspace.js';
import type { RuleContext } from '../context.js';
import { where } from '../locate.js';
import { findingOf, type Rule, type RuleMetas } from '../rule.js';

const meta = {
  'need-unaddressed': { severity: 'error', docs: 'need-unaddressed' },
  'goal-missing': { severity: 'warning', docs: 'goal-missing' },
  'preferences-missing': { severity: 'warning', docs: 'preferences-missing' },
} as const satisfies RuleMetas;
const finding = findingOf(meta);

/**
 * need-unaddressed, goal-missing, preferences-missing: a plan says how each assessed need is met
 * (an active action), what it is working towards (an active goal), and how the person likes it done.
 */
export function planContent(_ctx: RuleContext, folder: PersonFolder): Finding[] {
  const plan = folder.plan;
  if (!plan) return [];
  const findings: Finding[] = [];
  const person = folder.id;
  const assessment = folder.assessments.find((a) => a.id === plan.data.assessment);
  if (assessment) {
    for (const need of assessment.data.needs) {
      const index = plan.data.needs.findIndex((n) => n.need === need.id);
      if (index < 0) {
        findings.push(
          finding('need-unaddressed', {
            person,
            ...where(plan, ['needs']),
            message: `need ${need.id} (${need.domain}) from assessment ${assessment.id} has no entry in the plan`,
            fix:
              `add an entry for ${need.id} with at least one active action to ` +
              `people/${person}/plan.yaml (\`careplan plan update ${person}\`)`,
          }),
        );
      } else if (!plan.data.needs[index].actions.some((a) => a.status === 'active')) {
        findings.push(
          finding('need-unaddressed', {
            person,
            ...where(plan, ['needs', index, 'need']),
            message: `need ${need.id} has no active action: nothing in the plan says how it is met`,
            fix: `add an active action for ${need.id} in people/${person}/plan.yaml`,
          }),
        );
      }
    }
  }
  plan.data.needs.forEach((entry, i) => {
    if (!entry.goals.some((g) => g.status === 'active')) {
      findings.push(
        finding('goal-missing', {
          person,
          ...where(plan, ['needs', i, 'need']),
          message: `need ${entry.need} has no active goal, so progress on it cannot be measured`,
          fix: `add a measurable goal for ${entry.need} (description, measure, target, by) in people/${person}/plan.yaml`,
        }),
      );
    }
    if (!entry.preferences || entry.preferences.length === 0) {
      findings.push(
        finding('preferences-missing', {
          person,
          ...where(plan, ['needs', i, 'need']),
          message: `need ${entry.need} records none of the person's preferences about how support is given`,
          fix: `ask ${person} (or those who know them) and add preferences for ${entry.need} in people/${person}/plan.yaml`,
        }),
      );
    }
  });
  return findings;
}

export default { name: 'planContent', scope: 'person', meta, check: planContent } satisfies Rule;
