import type { Assessment, Plan } from './records.generated.js';
import type { PersonFolder } from './workspace.js';

type NeedEntry = Plan['needs'][number];
type AssessedNeed = Assessment['needs'][number];
export type Risk = NonNullable<AssessedNeed['risks']>[number];
type Action = NeedEntry['actions'][number];
type Goal = NeedEntry['goals'][number];

/** One meaningful change between two plan versions, in care words rather than YAML lines. */
export interface PlanChange {
  /** `description` and `risk` come from the assessments the two versions name (see diffPlans). */
  what: 'need' | 'action' | 'goal' | 'about_me' | 'strengths' | 'preferences' | 'assessment' | 'description' | 'risk';
  change: 'added' | 'removed' | 'stopped' | 'restarted' | 'achieved' | 'discontinued' | 'reactivated' | 'reworded' | 'changed';
  need?: string;
  id?: string;
  /** The text it now has (description, or the changed field). */
  text?: string;
  /** What it said before, for rewordings and changed fields. */
  before?: string;
  field?: string;
  /** A risk's level now (or, for one removed, before): what a handover must not bury. */
  level?: Risk['level'];
}

/** The assessments each version of the plan reflects (its `assessment`), when they are known. */
export interface Assessed {
  before?: Assessment;
  after?: Assessment;
}

const FIELDS_ACTION = ['frequency'] as const;
const FIELDS_GOAL = ['measure', 'target', 'unit', 'direction', 'by'] as const;

function statusChange(kind: 'action' | 'goal', from: string, to: string): PlanChange['change'] {
  if (kind === 'action') return to === 'stopped' ? 'stopped' : 'restarted';
  if (to === 'achieved') return 'achieved';
  if (to === 'discontinued') return 'discontinued';
  return from === 'active' ? 'changed' : 'reactivated';
}

function compareItems<T extends Action | Goal>(
  kind: 'action' | 'goal',
  need: string,
  before: readonly T[],
  after: readonly T[],
  fields: readonly string[],
  out: PlanChange[],
): void {
  const old = new Map(before.map((item) => [item.id, item]));
  for (const item of after) {
    const prior = old.get(item.id);
    if (!prior) {
      out.push({ what: kind, change: 'added', need, id: item.id, text: item.description });
      continue;
    }
    old.delete(item.id);
    if (prior.description !== item.description)
      out.push({ what: kind, change: 'reworded', need, id: item.id, text: item.description, before: prior.description });
    for (const field of fields) {
      const a = (prior as Record<string, unknown>)[field];
      const b = (item as Record<string, unknown>)[field];
      if (String(a ?? '') !== String(b ?? ''))
        out.push({
          what: kind,
          change: 'changed',
          need,
          id: item.id,
          field,
          text: b === undefined ? undefined : String(b),
          before: a === undefined ? undefined : String(a),
        });
    }
    if (prior.status !== item.status)
      out.push({ what: kind, change: statusChange(kind, prior.status, item.status), need, id: item.id, text: item.description });
  }
  for (const gone of old.values()) out.push({ what: kind, change: 'removed', need, id: gone.id, text: gone.description });
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/**
 * The assessments two versions of a person's plan reflect, as the records hold them now
 * (assessments are new files, not rewritten, so an old plan's assessment is still there to read).
 */
export function assessedFor(folder: Pick<PersonFolder, 'assessments'>, before: Plan | undefined, after: Plan): Assessed {
  const find = (id: string | undefined) => (id === undefined ? undefined : folder.assessments.find((a) => a.id === id)?.data);
  return { before: find(before?.assessment), after: find(after.assessment) };
}

/** "Falls: high (frat 14)": a risk as staff read it, with its tool, score and level. */
export function describeRisk(r: Risk): string {
  const measured = [r.tool, r.score].filter((x) => x !== undefined).join(' ');
  return `${r.description}: ${r.level}${measured ? ` (${measured})` : ''}`;
}

const sameRisk = (a: Risk, b: Risk) => a.description === b.description && a.tool === b.tool && a.score === b.score && a.level === b.level;
const riskKey = (r: Risk) => r.description.trim().toLowerCase();

/**
 * A need's risks from one assessment to the next. Risks carry no id: one is the same risk when its
 * description matches (ignoring case), else when it was scored with the same tool; anything else
 * was added or removed. "Pressure ulcer: medium" rescored as "Pressure ulcer (Waterlow 18): high
 * (waterlow 18)" with the tool named both times is one risk that changed.
 */
function compareRisks(need: string, before: readonly Risk[], after: readonly Risk[], out: PlanChange[]): void {
  const unmatched = [...before];
  const take = (test: (r: Risk) => boolean) => {
    const at = unmatched.findIndex(test);
    return at < 0 ? undefined : unmatched.splice(at, 1)[0];
  };
  const pairs = after.map((r) => ({ r, prior: take((p) => riskKey(p) === riskKey(r)) }));
  for (const pair of pairs) {
    const tool = pair.r.tool?.trim().toLowerCase();
    if (!pair.prior && tool) pair.prior = take((p) => p.tool?.trim().toLowerCase() === tool);
  }
  for (const { r, prior } of pairs) {
    if (!prior) out.push({ what: 'risk', change: 'added', need, text: describeRisk(r), level: r.level });
    else if (!sameRisk(prior, r)) {
      out.push({ what: 'risk', change: 'changed', need, text: describeRisk(r), before: describeRisk(prior), level: r.level });
    }
  }
  for (const gone of unmatched) out.push({ what: 'risk', change: 'removed', need, text: describeRisk(gone), level: gone.level });
}

/**
 * What the assessment says of a need the plan addresses, from the earlier version to this one:
 * its description and risks. A need new to the plan has all its risks added; when either
 * assessment is unknown nothing can be said, and nothing is guessed.
 */
function compareAssessed(need: string, isNew: boolean, assessed: Assessed, out: PlanChange[]): void {
  const now = assessed.after?.needs.find((n) => n.id === need);
  if (!now) return;
  if (isNew) {
    compareRisks(need, [], now.risks ?? [], out);
    return;
  }
  if (!assessed.before) return;
  const then = assessed.before.needs.find((n) => n.id === need);
  if (then && then.description !== now.description) {
    out.push({ what: 'description', change: 'reworded', need, text: now.description, before: then.description });
  }
  compareRisks(need, then?.risks ?? [], now.risks ?? [], out);
}

/** What one assessment says differently from an earlier one: needs added or removed, descriptions and risks. */
export function diffAssessments(before: Assessment | undefined, after: Assessment): PlanChange[] {
  const out: PlanChange[] = [];
  const old = new Map((before?.needs ?? []).map((n) => [n.id, n]));
  for (const need of after.needs) {
    const isNew = !old.has(need.id);
    old.delete(need.id);
    if (isNew) out.push({ what: 'need', change: 'added', need: need.id, id: need.id, text: need.description });
    compareAssessed(need.id, isNew, { before, after }, out);
  }
  for (const gone of old.values()) out.push({ what: 'need', change: 'removed', need: gone.id, id: gone.id });
  return out;
}

/**
 * What changed from `before` to `after` (everything is "added" when there was no earlier version).
 * Given the assessments the versions reflect, each need's description and risks are compared too,
 * beside its preferences, actions and goals.
 */
export function diffPlans(before: Plan | undefined, after: Plan, assessed?: Assessed): PlanChange[] {
  const out: PlanChange[] = [];
  if (before && before.assessment !== after.assessment)
    out.push({ what: 'assessment', change: 'changed', text: after.assessment, before: before.assessment });
  if (before && before.about_me !== after.about_me)
    out.push({ what: 'about_me', change: 'reworded', text: after.about_me, before: before.about_me });
  if (before && !sameList(before.strengths, after.strengths))
    out.push({
      what: 'strengths',
      change: 'changed',
      text: (after.strengths ?? []).join('; '),
      before: (before.strengths ?? []).join('; '),
    });
  const old = new Map((before?.needs ?? []).map((n) => [n.need, n]));
  for (const entry of after.needs) {
    const prior = old.get(entry.need);
    old.delete(entry.need);
    const description = assessed?.after?.needs.find((n) => n.id === entry.need)?.description;
    if (!prior) {
      out.push({ what: 'need', change: 'added', need: entry.need, id: entry.need, ...(description ? { text: description } : {}) });
    }
    if (assessed) compareAssessed(entry.need, !prior, assessed, out);
    if (prior && !sameList(prior.preferences, entry.preferences)) {
      out.push({
        what: 'preferences',
        change: 'changed',
        need: entry.need,
        text: (entry.preferences ?? []).join('; '),
        before: (prior.preferences ?? []).join('; '),
      });
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
      return `need ${c.id} ${c.change}${c.change === 'added' && c.text !== undefined ? `: ${quote(c.text)}` : ''}`;
    case 'description':
      return `${c.need}: need reworded: ${quote(c.before)} → ${quote(c.text)}`;
    case 'risk':
      return c.change === 'changed' ? `${c.need}: risk changed: ${c.before} → ${c.text}` : `${c.need}: risk ${c.change}: ${c.text}`;
    default: {
      const label = `${c.need}: ${c.what} ${c.id}`;
      if (c.change === 'added') return `${label} added: ${quote(c.text)}`;
      if (c.change === 'reworded') return `${label} reworded: ${quote(c.before)} → ${quote(c.text)}`;
      if (c.change === 'changed') return `${label} ${c.field ?? 'status'} changed: ${c.before ?? '(none)'} → ${c.text ?? '(none)'}`;
      return `${label} ${c.change}: ${quote(c.text)}`;
    }
  }
}
