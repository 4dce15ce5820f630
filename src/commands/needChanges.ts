import { UsageError } from '../errors.js';
import type { Assessment, Plan } from '../model/records.generated.js';
import { pairs } from './writeOptions.js';

export type Need = Assessment['needs'][number];
export type Risk = NonNullable<Need['risks']>[number];

export const DOMAINS: readonly Need['domain'][] = [
  'personal-care',
  'mobility',
  'nutrition-hydration',
  'medication',
  'continence',
  'skin-integrity',
  'communication',
  'cognition',
  'mental-health',
  'social',
  'sleep',
  'safety',
  'other',
];
export const LEVELS: readonly Risk['level'][] = ['low', 'medium', 'high'];

/** What `assess` changes in the needs it starts from (--from-latest, --from), flag by flag. */
export interface NeedChanges {
  removeNeed?: string[];
  /** --need: needs added, or (by id) given a new domain and description. */
  need?: Need[];
  removeRisk?: string[];
  removePreference?: string[];
  preference?: string[];
  risk?: string[];
}

const RISK_EXAMPLE =
  'For example --risk "skin=high,waterlow,18:Pressure ulcer" or --risk "mobility=medium:Falls when tired". Levels: low, medium, high.';

/** --risk NEED=LEVEL[,TOOL[,SCORE]]:DESCRIPTION → the need and its risk. */
export function riskFlag(value: string): { need: string; risk: Risk } {
  const eq = value.indexOf('=');
  const colon = value.indexOf(':', eq + 1);
  const need = eq > 0 ? value.slice(0, eq).trim() : '';
  const [level, tool, score, ...extra] = (colon > eq ? value.slice(eq + 1, colon) : '').split(',').map((p) => p.trim());
  const description = colon > eq ? value.slice(colon + 1).trim() : '';
  const scored = score === undefined || score === '' ? undefined : Number(score);
  if (
    !need ||
    !LEVELS.includes(level as Risk['level']) ||
    !description ||
    extra.length ||
    (scored !== undefined && !Number.isFinite(scored)) ||
    (score && !tool)
  ) {
    throw new UsageError(`--risk "${value}" is not NEED=LEVEL[,TOOL[,SCORE]]:DESCRIPTION.`, RISK_EXAMPLE);
  }
  return {
    need,
    risk: { description, ...(tool ? { tool } : {}), ...(scored !== undefined ? { score: scored } : {}), level: level as Risk['level'] },
  };
}

/**
 * One item of a need's list named by a flag: its 1-based position, or its text (the whole text,
 * or the start of just one item's), ignoring case. The refusal lists positions, not the texts,
 * so no record's words end up in a log.
 */
function pick<T>(
  flag: string,
  needId: string,
  which: string,
  items: readonly T[],
  text: (item: T) => string,
  label: (item: T, n: number) => string,
): number {
  if (/^\d+$/.test(which)) {
    const n = Number(which);
    if (n >= 1 && n <= items.length) return n - 1;
  } else {
    const wanted = which.toLowerCase();
    const exact = items.findIndex((item) => text(item).toLowerCase() === wanted);
    if (exact >= 0) return exact;
    const starts = items.map((item, i) => (text(item).toLowerCase().startsWith(wanted) ? i : -1)).filter((i) => i >= 0);
    if (starts.length === 1) return starts[0];
    if (starts.length > 1) {
      throw new UsageError(
        `${flag} ${needId}=… matches ${starts.length} of ${needId}'s items (${starts.map((i) => label(items[i], i + 1)).join(', ')}).`,
        `Name it by its position: ${flag} ${needId}=${starts[0] + 1}.`,
      );
    }
  }
  const listed = items.length ? items.map((item, i) => label(item, i + 1)).join(', ') : 'none';
  throw new UsageError(
    `${flag}: need ${needId} has no such item (it has: ${listed}).`,
    `Name it by its position or its text: ${flag} ${needId}=1.`,
  );
}

const riskLabel = (risk: Risk, n: number) =>
  `${n}: ${risk.level}${risk.tool ? ` ${risk.tool}${risk.score !== undefined ? ` ${risk.score}` : ''}` : ''}`;

/**
 * The needs after the changes, applied in this order: removals (from what it started with), then
 * additions. Every repeated flag counts. A need the plan addresses cannot be removed: its actions
 * and goals are kept forever, so the assessment keeps it, described as met.
 */
export function changeNeeds(start: readonly Need[], changes: NeedChanges, plan: Plan | undefined): Need[] {
  let needs = structuredClone(start) as Need[];
  const byId = (flag: string, id: string): Need => {
    const need = needs.find((n) => n.id === id);
    if (!need)
      throw new UsageError(
        `${flag} names need ${id}, which this assessment does not have.`,
        `Needs: ${needs.map((n) => n.id).join(', ') || 'none yet (add them with --need or --from)'}.`,
      );
    return need;
  };
  for (const id of changes.removeNeed ?? []) {
    const need = byId('--remove-need', id);
    if (plan?.needs.some((entry) => entry.need === id)) {
      throw new UsageError(
        `--remove-need ${id}: the plan addresses ${id}, and its actions and goals are kept for the outcomes that refer to them.`,
        `Keep the need, described as met: --need "${id}:${need.domain}:Resolved: …", then stop its actions and close its goals` +
          ' with `careplan plan update` (--stop, --achieve, --discontinue).',
      );
    }
    needs = needs.filter((n) => n.id !== id);
  }
  for (const [id, which] of pairs('--remove-risk', changes.removeRisk)) {
    const need = byId('--remove-risk', id);
    const risks = need.risks ?? [];
    const at = pick('--remove-risk', id, which, risks, (r) => r.description, riskLabel);
    need.risks = risks.filter((_, i) => i !== at);
    if (need.risks.length === 0) delete need.risks;
  }
  for (const [id, which] of pairs('--remove-preference', changes.removePreference)) {
    const need = byId('--remove-preference', id);
    const preferences = need.preferences ?? [];
    const at = pick(
      '--remove-preference',
      id,
      which,
      preferences,
      (p) => p,
      (_p, n) => String(n),
    );
    need.preferences = preferences.filter((_, i) => i !== at);
    if (need.preferences.length === 0) delete need.preferences;
  }
  for (const given of changes.need ?? []) {
    const at = needs.findIndex((n) => n.id === given.id);
    if (at >= 0) needs[at] = { ...needs[at], domain: given.domain, description: given.description };
    else needs.push(given);
  }
  for (const [id, text] of pairs('--preference', changes.preference)) {
    const need = byId('--preference', id);
    if (!text) throw new UsageError(`--preference ${id}= says nothing.`, `For example --preference "${id}=Tea with two sugars".`);
    if (!need.preferences?.includes(text)) need.preferences = [...(need.preferences ?? []), text];
  }
  for (const value of changes.risk ?? []) {
    const { need: id, risk } = riskFlag(value);
    const need = byId('--risk', id);
    const same = (need.risks ?? []).some(
      (r) => r.description === risk.description && r.level === risk.level && r.tool === risk.tool && r.score === risk.score,
    );
    if (!same) need.risks = [...(need.risks ?? []), risk];
  }
  return needs;
}
