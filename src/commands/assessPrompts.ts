import type { Plan } from '../model/records.generated.js';
import { plural } from '../model/words.js';
import type { Choice } from './ask.js';
import { DOMAINS, LEVELS, type Need, type Risk } from './needChanges.js';
import type { Recording } from './recording.js';
import { checkId } from './writeOptions.js';

// The questions `careplan assess` asks on a terminal. Each names the flag that gives the same
// answer without one (--need, --risk, --preference, --remove-need, --remove-risk, --remove-preference).

/** A risk tool's score: a number, or blank for none. */
async function askScore(r: Recording, example: string): Promise<number | undefined> {
  const text = await r.ask.text({
    flag: '--risk',
    example,
    message: 'Score (blank if none):',
    optional: true,
    check: (t) => (Number.isFinite(Number(t)) ? undefined : 'A score is a number, such as 18'),
  });
  return text === undefined ? undefined : Number(text);
}

/** New risks for a need, one by one: description, level, then the tool and its score. A blank description ends the list. */
async function askRisks(r: Recording, id: string): Promise<Risk[]> {
  const risks: Risk[] = [];
  for (;;) {
    const risk = await r.ask.text({
      flag: '--risk',
      example: `${id}=LEVEL:DESCRIPTION`,
      message: 'A risk (blank when done):',
      optional: true,
    });
    if (!risk) return risks;
    const level = await r.ask.select({
      flag: '--risk',
      example: `${id}=high:${risk}`,
      message: 'Risk level:',
      choices: LEVELS.map((l) => ({ name: l, value: l })),
    });
    const tool = await r.ask.text({
      flag: '--risk',
      example: `${id}=${level},waterlow,18:${risk}`,
      message: 'Assessment tool, e.g. waterlow, frat, must (blank if none):',
      optional: true,
    });
    const score = tool ? await askScore(r, `${id}=${level},${tool},18:${risk}`) : undefined;
    risks.push({ description: risk, ...(tool ? { tool } : {}), ...(score !== undefined ? { score } : {}), level });
  }
}

/** "How do they like it done?": preferences separated by `;`. */
async function askPreferences(r: Recording, id: string, message: string): Promise<string[]> {
  const text = await r.ask.text({ flag: '--preference', example: `${id}=TEXT`, message, optional: true });
  return (
    text
      ?.split(';')
      .map((p) => p.trim())
      .filter(Boolean) ?? []
  );
}

const riskName = (risk: Risk) =>
  `${risk.description} (${risk.level}${risk.tool ? `, ${risk.tool}${risk.score !== undefined ? ` ${risk.score}` : ''}` : ''})`;

/**
 * A reassessment on a terminal: each need it starts from is kept, changed (its description, which
 * risks and preferences stay, new ones) or removed. A need the plan addresses is not offered for
 * removal: it stays, described as met.
 */
export async function reviewNeeds(r: Recording, start: readonly Need[], plan: Plan | undefined): Promise<Need[]> {
  const out: Need[] = [];
  for (const need of start) {
    const planned = plan?.needs.some((entry) => entry.need === need.id) ?? false;
    const choice = await r.ask.select({
      flag: '--need',
      example: `"${need.id}:${need.domain}:DESCRIPTION"`,
      message: `Need ${need.id} (${need.domain}): ${need.description}`,
      choices: [
        { name: 'keep it as it is', value: 'keep' },
        { name: 'change it', value: 'change' },
        ...(planned ? [] : [{ name: 'remove it (no longer a need)', value: 'remove' }]),
      ],
    });
    if (choice === 'remove') continue;
    if (choice === 'keep') {
      out.push(need);
      continue;
    }
    const description = (await r.ask.text({
      flag: '--need',
      example: `"${need.id}:${need.domain}:DESCRIPTION"`,
      message: 'What is the need now?',
      default: need.description,
    }))!;
    const risks = need.risks?.length
      ? await r.ask.checkbox({
          flag: '--remove-risk',
          example: `${need.id}=1`,
          message: 'Which risks still apply?',
          choices: need.risks.map((risk) => ({ name: riskName(risk), value: risk, checked: true })),
        })
      : [];
    const newRisks = await askRisks(r, need.id);
    const preferences = need.preferences?.length
      ? await r.ask.checkbox({
          flag: '--remove-preference',
          example: `${need.id}=1`,
          message: 'Which preferences still hold?',
          choices: need.preferences.map((p) => ({ name: p, value: p, checked: true })),
        })
      : [];
    const newPreferences = await askPreferences(r, need.id, 'New preferences (separate with ;, blank for none):');
    const allRisks = [...risks, ...newRisks];
    const allPreferences = [...preferences, ...newPreferences];
    const { risks: _r, preferences: _p, ...rest } = need;
    out.push({
      ...rest,
      description,
      ...(allRisks.length ? { risks: allRisks } : {}),
      ...(allPreferences.length ? { preferences: allPreferences } : {}),
    });
  }
  return out;
}

/** New needs, one by one, until the answer to "Add another need?" is no. */
export async function askNeeds(r: Recording, start: Need[]): Promise<Need[]> {
  const needs = [...start];
  const domainChoices: Choice<Need['domain']>[] = DOMAINS.map((d) => ({ name: d, value: d }));
  const flag = { flag: '--need', example: 'ID:DOMAIN:DESCRIPTION' };
  for (;;) {
    const more = await r.ask.confirm({
      flag: '--need',
      message: needs.length
        ? `${plural(needs.length, 'need')} so far (${needs.map((n) => n.id).join(', ')}). Add another need?`
        : 'Add a need?',
      default: needs.length === 0,
    });
    if (!more) return needs;
    const domain = await r.ask.select({ ...flag, message: 'Domain:', choices: domainChoices });
    const id = (await r.ask.text({
      ...flag,
      message: 'Need id (lowercase, e.g. mobility):',
      default: needs.some((n) => n.id === domain) ? undefined : domain,
    }))!;
    checkId(id, 'need id');
    const description = (await r.ask.text({ ...flag, message: 'What is the need?' }))!;
    const preferences = await askPreferences(r, id, 'How do they like it done? (separate preferences with ;)');
    const risks = await askRisks(r, id);
    needs.push({ id, domain, description, ...(risks.length ? { risks } : {}), ...(preferences.length ? { preferences } : {}) });
  }
}
