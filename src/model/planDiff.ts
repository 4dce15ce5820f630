import type { Plan } from './records.generated.js';

type NeedEntry = Plan['needs'][number];
type Action = NeedEntry['actions'][number];
type Goal = NeedEntry['goals'][number];

/** One meaningful change between two plan versions, in care words rather than YAML lines. */
export interface PlanChange {
  what: 'need' | 'action' | 'goal' | 'about_me' | 'strengths' | 'preferences' | 'assessment';
  change: 'added' | 'removed' | 'stopped' | 'restarted' | 'achieved' | 'discontinued' | 'reactivated' | 'reworded' | 'changed';
  need?: string;
  id?: string;
  /** The text it now has (description, or the changed field). */
  text?: string;
  /** What it said before, for rewordings and changed fields. */
  before?: string;
  field?: string;
}

const FIELDS_ACTION = ['frequency'] as const;
const FIELDS_GOAL = ['measure', 'target', 'by'] as const;

function statusChange(kind: 'action' | 'goal', from: string, to: string): PlanChange['change'] {
  if (kind === 'action') return to === 'stopped' ? 'stopped' : 'restarted';
  if (to === 'achieved') return 'achieved';
  if (to === 'discontinued') return 'discontinued';
  return from === 'active' ? 'changed' : 'reactivated';
}

function compareItems<T extends Action | Goal>(
  kind: 'action' | 'goal', need: string, before: readonly T[], after: readonly T[], fields: readonly string[], out: PlanChange[],
): void {
  const old = new Map(before.map((item) => [item.id, item]));
  for (const item of after) {
    const prior = old.get(item.id);
    if (!prior) {
      out.push({ what: kind, change: 'added', need, id: item.id, text: item.description });
      continue;
    }
    old.delete(item.id);
    if (prior.description !== item.description) out.push({ what: kind, change: 'reworded', need, id: item.id, text: item.description, before: prior.description });
    for (const field of fields) {
      const a = (prior as Record<string, unknown>)[field];
      const b = (item as Record<string, unknown>)[field];
      if (String(a ?? '') !== String(b ?? '')) out.push({ what: kind, change: 'changed', need, id: item.id, field, text: b === undefined ? undefined : String(b), before: a === undefined ? undefined : String(a) });
    }
    if (prior.status !== item.status) out.push({ what: kind, change: statusChange(kind, prior.status, item.status), need, id: item.id, text: item.description });
  }
  for (const gone of old.values()) out.push({ what: kind, change: 'removed', need, id: gone.id, text: gone.description });
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** What changed from `before` to `after` (everything is "added" when there was no earlier version). */
export function diffPlans(before: Plan | undefined, after: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  if (before && before.assessment !== after.assessment) out.push({ what: 'assessment', change: 'changed', text: after.assessment, before: before.assessment });
  if (before && before.about_me !== after.about_me) out.push({ what: 'about_me', change: 'reworded', text: after.about_me, before: before.about_me });
  if (before && !sameList(before.strengths, after.strengths)) out.push({ what: 'strengths', change: 'changed', text: (after.strengths ?? []).join('; '), before: (before.strengths ?? []).join('; ') });
  const old = new Map((before?.needs ?? []).map((n) => [n.need, n]));
  for (const entry of after.needs) {
    const prior = old.get(entry.need);
    old.delete(entry.need);
    if (!prior) out.push({ what: 'need', change: 'added', need: entry.need, id: entry.need });
    if (prior && !sameList(prior.preferences, entry.preferences)) {
      out.push({ what: 'preferences', change: 'changed', need: entry.need, text: (entry.preferences ?? []).join('; '), before: (prior.preferences ?? []).join('; ') });
    }
    compareItems('action', entry.need, prior?.actions ?? [], entry.actions, FIELDS_ACTION, out);
    compareItems('goal', entry.need, prior?.goals ?? [], entry.goals, FIELDS_GOAL, out);
  }
  for (const gone of old.values()) out.push({ what: 'need', change: 'removed', need: gone.need, id: gone.need });
  return out;
}

/** One line a carer can read at handover. */
export function describeChange(c: PlanChange): string {
  const quote = (t?: string) => (t === undefined ? '(none)' : `"${t}"`);
  switch (c.what) {
    case 'assessment':
      return `now reflects assessment ${c.text} (was ${c.before})`;
    case 'about_me':
      return `"About me" reworded: ${quote(c.text)}`;
    case 'strengths':
      return `strengths changed: ${quote(c.text)}`;
    case 'preferences':
      return `${c.need}: preferences changed: ${quote(c.text)}`;
    case 'need':
      return `need ${c.id} ${c.change}`;
    default: {
      const label = `${c.need}: ${c.what} ${c.id}`;
      if (c.change === 'added') return `${label} added: ${quote(c.text)}`;
      if (c.change === 'reworded') return `${label} reworded: ${quote(c.before)} → ${quote(c.text)}`;
      if (c.change === 'changed') return `${label} ${c.field ?? 'status'} changed: ${c.before ?? '(none)'} → ${c.text ?? '(none)'}`;
      return `${label} ${c.change}: ${quote(c.text)}`;
    }
  }
}
