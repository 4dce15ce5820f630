import { describeMeasures, type GoalMeasures } from '../model/goalMeasures.js';
import { describeChange, describeRisk, type PlanChange } from '../model/planDiff.js';
import type { Assessment, Plan } from '../model/records.generated.js';

type Goal = Plan['needs'][number]['goals'][number];

/** What the plan is read beside: the assessment it reflects (needs' descriptions and risks), measured goals' values. */
export interface PlanTextContext {
  assessment?: Assessment;
  measures?: readonly GoalMeasures[];
}

/** "weight, target 60 kg, maintain, by 2027-01-31" */
function goalDetails(g: Goal): string {
  const target = g.target === undefined ? undefined : `target ${g.target}${g.unit ? ` ${g.unit}` : ''}`;
  const direction = g.direction && g.direction !== 'increase' ? g.direction : undefined;
  return [g.measure, target, direction, g.by ? `by ${g.by}` : undefined].filter(Boolean).join(', ');
}

/**
 * The plan as a carer reads it: each need with what the assessment says of it (description and
 * risks), its preferences, actions and goals, and the values measured goals have recorded. What
 * `plan show` prints, and `ack` and `signoff` show before anyone confirms or approves it.
 */
export function planText(plan: Plan, context: PlanTextContext = {}): string {
  const lines: string[] = [`About me: ${plan.about_me.trim()}`];
  if (plan.strengths?.length) lines.push(`Strengths: ${plan.strengths.join('; ')}`);
  for (const entry of plan.needs) {
    const assessed = context.assessment?.needs.find((n) => n.id === entry.need);
    lines.push('', assessed ? `${entry.need}: ${assessed.description}` : entry.need);
    if (assessed?.risks?.length) lines.push('  Risks:', ...assessed.risks.map((r) => `    - ${describeRisk(r)}`));
    if (entry.preferences?.length) lines.push('  Preferences:', ...entry.preferences.map((p) => `    - ${p}`));
    if (entry.actions.length) {
      lines.push('  Actions:');
      for (const a of entry.actions)
        lines.push(
          `    ${a.id}: ${a.description}${a.frequency ? ` (${a.frequency})` : ''}${a.status === 'active' ? '' : ` [${a.status}]`}`,
        );
    }
    if (entry.goals.length) {
      lines.push('  Goals:');
      for (const g of entry.goals) {
        const details = goalDetails(g);
        lines.push(`    ${g.id}: ${g.description}${details ? ` (${details})` : ''}${g.status === 'active' ? '' : ` [${g.status}]`}`);
        const measured = context.measures?.find((m) => m.goal === g.id);
        if (measured) lines.push(`      measured: ${describeMeasures(measured)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A version earlier signed off, and what changed since it (undefined when git no longer holds it). */
export interface SignedBefore {
  version: number;
  by: string;
  at: string;
  changes?: readonly PlanChange[];
}

/**
 * What the Registered Manager reads before approving: what changed since the version last signed
 * off (needs' descriptions and risks included), then the whole plan beside its assessment.
 */
export function signoffScreen(person: string, plan: Plan, context: PlanTextContext & { signed?: SignedBefore }): string {
  const lines = [`${person}'s plan, version ${plan.version} (assessment ${plan.assessment}, by ${plan.author}, updated ${plan.updated}):`];
  const s = context.signed;
  if (!s) lines.push('Never signed off: the whole plan is new.');
  else if (!s.changes)
    lines.push(`Version ${s.version} was signed off by ${s.by} at ${s.at}; git no longer holds it, so what changed cannot be shown.`);
  else {
    lines.push(`What changed since version ${s.version}, signed off by ${s.by} at ${s.at}:`);
    lines.push(...(s.changes.length ? s.changes.map((c) => `  - ${describeChange(c)}`) : ['  (no change in content)']));
  }
  return `${lines.join('\n')}\n\n${planText(plan, context)}`;
}
