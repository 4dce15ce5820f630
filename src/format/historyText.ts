import { describeMeasures, type GoalMeasures } from '../model/goalMeasures.js';
import { describeChange, type PlanChange } from '../model/planDiff.js';
import { noun, plural } from '../model/words.js';
import { shortSha } from '../history/commits.js';
import type { TrailCommit, TrailEntry } from '../history/timeline.js';
import { PLAIN, type FormatOptions } from './registry.js';

const when = (at: string | undefined) => (at ? at.replace('T', ' ') : '');

/** Who made a commit: the staff id, else git's author; and whether careplan made it. */
export function actor(e: TrailCommit): string {
  const who = e.by ?? `${e.author.name} <${e.author.email}>`;
  return e.handEdit ? `${who} (edited by hand, not with careplan)` : who;
}

/** A first version in one line: its needs and how many actions and goals. */
export function firstVersionSummary(changes: readonly PlanChange[]): string {
  const needs = changes.filter((c) => c.what === 'need' && c.change === 'added').map((c) => c.id);
  const actions = changes.filter((c) => c.what === 'action' && c.change === 'added').length;
  const goals = changes.filter((c) => c.what === 'goal' && c.change === 'added').length;
  return `new plan: ${plural(needs.length, 'need')} (${needs.join(', ')}), ${plural(actions, 'action')}, ${plural(goals, 'goal')}`;
}

function headline(e: TrailEntry): string {
  const by = actor(e);
  switch (e.type) {
    case 'plan':
      if (e.first) return `plan version ${e.version ?? '?'} written by ${by}`;
      if (e.versionUnchanged) return `plan content changed, still numbered version ${e.version ?? '?'}, by ${by}`;
      return `plan version ${e.version ?? '?'} (was ${e.previousVersion ?? '?'}) by ${by}`;
    case 'plan-layout':
      return `plan.yaml comments or layout changed, content unchanged, by ${by}`;
    case 'signoff':
      return (
        `version ${e.version ?? '?'} signed off by ${e.signer ?? '?'} ` +
        `at ${when(e.recordedAt)}${e.by === e.signer && !e.handEdit ? '' : `; committed by ${by}`}`
      );
    case 'acknowledgement':
      return (
        `version ${e.version ?? '?'} acknowledged by ${e.staff ?? '?'} ` +
        `at ${when(e.recordedAt)}${e.by === e.staff && !e.handEdit ? '' : `; committed by ${by}`}`
      );
    case 'agreement':
      return (
        `version ${e.version ?? '?'} agreed by the ${e.agreedBy ?? '?'} ` +
        `(${e.method ?? '?'}) at ${when(e.recordedAt)}, recorded by ${by}`
      );
    case 'escalation':
      return (
        `escalation raised by ${e.raisedBy ?? '?'} to ${e.to ?? '?'} ` +
        `at ${when(e.recordedAt)}${e.responded ? ', with a response' : ''}; committed by ${by}`
      );
    case 'escalation-response':
      return `response recorded to the escalation of ${when(e.recordedAt)} by ${by}`;
    case 'assessment':
      return `${e.assessmentType} assessment ${e.id} ${e.change}${e.fields?.length ? ` (${e.fields.join(', ')})` : ''} by ${by}`;
    case 'review':
      return (
        `${e.kind} review ${e.change}${e.result && e.change === 'added' ? ` (${e.result})` : ''}` +
        `${e.fields?.length ? ` (${e.fields.join(', ')})` : ''} by ${by}`
      );
    case 'person':
      return `person record ${e.change}${e.fields?.length ? ` (${e.fields.join(', ')})` : ''} by ${by}`;
    case 'rewritten': {
      const parts = [
        ...e.changed.map((c) => `entry ${c.entry} changed (${c.fields.join(', ')})`),
        ...(e.removed.length ? [`${noun(e.removed.length, 'entry', 'entries')} ${e.removed.join(', ')} removed`] : []),
        ...(e.reordered ? [`entries moved out of order from entry ${e.reordered}`] : []),
      ];
      return `${e.list}.yaml: earlier entries rewritten by ${by}: ${parts.join('; ')}`;
    }
    case 'removed':
      return `${e.file.split('/').slice(2).join('/')} deleted by ${by}`;
    case 'unreadable':
      return `${e.file.split('/').slice(2).join('/')} committed as unreadable YAML by ${by}`;
  }
}

function planDetails(e: Extract<TrailEntry, { type: 'plan' }>): string[] {
  if (e.first) return [firstVersionSummary(e.changes)];
  if (!e.changes.length) return ['only the version number, author or date changed'];
  return e.changes.map(describeChange);
}

function approvals(e: Extract<TrailEntry, { type: 'plan' }>): string {
  const parts: string[] = [];
  parts.push(e.signoffs.length ? `signed off by ${e.signoffs.map((s) => `${s.by} (${when(s.at)})`).join(', ')}` : 'not signed off');
  if (e.acknowledgements.length) parts.push(`acknowledged by ${[...new Set(e.acknowledgements.map((a) => a.staff))].join(', ')}`);
  if (e.agreements.length) parts.push(`agreed by the ${e.agreements.map((a) => `${a.by} (${a.method})`).join(', ')}`);
  return parts.join('; ');
}

/** `careplan history PERSON`: the person's change trail, already narrowed to --since and --plan. */
export interface HistoryReport {
  person: string;
  /** Plan versions only (--plan). */
  planOnly: boolean;
  /** Local time from which entries are shown (--since). */
  since?: string;
  /** Local time up to which entries are shown (--as-of). */
  until?: string;
  entries: readonly TrailEntry[];
  /** The current plan's measured goals, their values from the outcome log against the target (SPEC section 5.3). */
  measures: readonly GoalMeasures[];
}

/** The measured goals' values, after the trail (the daily entries they come from are not listed in it). */
function measureLines(report: HistoryReport): string[] {
  if (!report.measures.length) return [];
  return ['', 'Measured goals, from the outcome log:', ...report.measures.map((m) => `  ${m.goal}: ${describeMeasures(m)}`)];
}

/** `careplan history PERSON` as text: oldest first, one headline per change, plan diffs beneath. */
export function formatHistoryText(report: HistoryReport, { paint }: FormatOptions = PLAIN): string {
  const { entries } = report;
  const out: string[] = [];
  const since = `${report.since ? ` since ${when(report.since)}` : ''}${report.until ? ` up to ${when(report.until)}` : ''}`;
  if (report.planOnly) {
    const plans = entries.filter((e): e is Extract<TrailEntry, { type: 'plan' }> => e.type === 'plan');
    out.push(`Plan versions of ${report.person} from git${since}: ${plans.length}, oldest first.`);
    for (const e of plans) {
      out.push('', `${paint.bold(`version ${e.version ?? '?'}`)}  ${when(e.at)}  by ${actor(e)}  ${paint.dim(shortSha(e.commit))}`);
      for (const line of planDetails(e)) out.push(`    ${line}`);
      out.push(`    ${approvals(e)}`);
    }
    out.push(...measureLines(report));
    return `${out.join('\n')}\n`;
  }
  const count = plural(entries.length, 'change');
  out.push(`Change trail of ${report.person} from git${since}: ${count}, oldest first (daily outcome entries are not listed).`);
  for (const e of entries) {
    const text = headline(e);
    const line =
      `${when(e.at)}  ` +
      `${e.type === 'rewritten' || e.type === 'removed' ? paint.red(text) : e.type === 'plan' ? paint.bold(text) : text}` +
      `  ${paint.dim(shortSha(e.commit))}`;
    out.push(line);
    if (e.type === 'plan') for (const d of planDetails(e)) out.push(`                    ${d}`);
  }
  out.push(...measureLines(report));
  return `${out.join('\n')}\n`;
}
