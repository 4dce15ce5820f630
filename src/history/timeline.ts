import { diffPlans, type PlanChange } from '../model/planDiff.js';
import { planHash } from '../model/planHash.js';
import type { Plan } from '../model/records.generated.js';
import { isCalendarDate, localTimestamp, parseTimestamp, startOfDate } from '../model/time.js';
import { isPersonPlacement, placementOf } from '../model/layout.js';
import { addedEntries, changedFields, compareVersions, listEntries } from './appendOnly.js';
import type { CommitInfo, FileVersion } from './commits.js';
import { isRecord, parseContent } from './content.js';

/**
 * `careplan history PERSON`: one person's change trail, built from the versions git holds of
 * their records. Pure: the git walk hands in the versions, oldest first.
 */

/** Who made a change, as git and careplan's trailers tell it. */
export interface TrailCommit {
  commit: string;
  /** Commit (author) time, local YYYY-MM-DDTHH:MM. */
  at: string;
  /** The staff member: the Careplan-By trailer, else the one whose email is the commit author's. */
  by?: string;
  author: { name: string; email: string };
  /** Made outside careplan: the commit has no Careplan-Action trailer. */
  handEdit: boolean;
  file: string;
}

export interface ApprovalSummary {
  signoffs: { by: string; at: string; commit: string }[];
  acknowledgements: { staff: string; at: string; commit: string }[];
  agreements: { by: string; method: string; at: string; commit: string }[];
}

export type TrailEntry = TrailCommit &
  (
    | ({
        type: 'plan';
        version?: number;
        previousVersion?: number;
        hash: string;
        first: boolean;
        changes: PlanChange[];
        versionUnchanged: boolean;
      } & ApprovalSummary)
    | { type: 'plan-layout'; version?: number }
    | { type: 'signoff'; version?: number; plan?: string; signer?: string; recordedAt?: string }
    | { type: 'acknowledgement'; version?: number; plan?: string; staff?: string; recordedAt?: string }
    | { type: 'agreement'; version?: number; plan?: string; agreedBy?: string; method?: string; recordedAt?: string }
    | { type: 'escalation'; raisedBy?: string; to?: string; recordedAt?: string; responded: boolean }
    | { type: 'escalation-response'; raisedBy?: string; recordedAt?: string }
    | {
        type: 'assessment';
        id: string;
        assessmentType: string;
        change: 'added' | 'edited' | 'removed';
        fields?: string[];
        recordedAt?: string;
      }
    | { type: 'review'; kind: string; change: 'added' | 'edited' | 'removed'; fields?: string[]; result?: string; recordedAt?: string }
    | { type: 'person'; change: 'added' | 'edited' | 'removed'; fields?: string[] }
    | { type: 'rewritten'; list: string; changed: { entry: number; fields: string[] }[]; removed: number[]; reordered?: number }
    | { type: 'removed' }
    | { type: 'unreadable' }
  );

export type TrailType = TrailEntry['type'];

/** The files of a person's folder the history shows: everything but the daily outcome logs. */
export function isTrailFile(path: string): boolean {
  const kind = placementOf(path).kind;
  return kind !== 'outcomes' && kind !== 'unexpected' && kind !== 'bad-name';
}

export interface TimelineInput {
  versions: readonly FileVersion[];
  /** Staff id → email, to name the staff member behind a commit. */
  staffEmails: ReadonlyMap<string, string | undefined>;
  zone: string;
  /**
   * Stop at this moment (`--as-of`, SPEC 5.1): each change is dated by the record's own date (an
   * entry's `at`, a plan's `updated`, an admission or discharge) where it has one, else by its
   * commit, since records are often committed after the day they describe.
   */
  until?: number;
}

/** Whether a change dated by `own` (else by its commit) happened by `input.until`. */
function happenedBy(input: TimelineInput, commit: CommitInfo, own?: unknown): boolean {
  if (input.until === undefined) return true;
  const value = typeof own === 'string' ? own : undefined;
  const at = value === undefined ? commit.at : isCalendarDate(value) ? startOfDate(value, input.zone) : parseTimestamp(value, input.zone);
  return (at ?? commit.at) <= input.until;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function buildTimeline(input: TimelineInput): TrailEntry[] {
  const byEmail = new Map<string, string>();
  for (const [id, email] of input.staffEmails) if (email) byEmail.set(email.toLowerCase(), id);
  const who = (commit: CommitInfo, file: string): TrailCommit => ({
    commit: commit.sha,
    at: localTimestamp(commit.at, input.zone),
    by: commit.trailers.by ?? byEmail.get(commit.author.email.toLowerCase()),
    author: commit.author,
    handEdit: !commit.trailers.action,
    file,
  });
  const entries: TrailEntry[] = [];

  for (const v of input.versions) {
    const placement = placementOf(v.path);
    if (!isPersonPlacement(placement)) continue;
    const base = who(v.commit, v.path);
    const by: HappenedBy = (own) => happenedBy(input, v.commit, own);
    switch (placement.kind) {
      case 'plan':
        planEntry(v, base, entries, by);
        break;
      case 'signoffs':
      case 'acknowledgements':
      case 'agreements':
      case 'escalations':
        listEntriesOf(placement.kind, v, base, entries, by);
        break;
      case 'assessment':
      case 'review':
      case 'person':
        documentEntry(placement, v, base, entries, by);
        break;
      case 'outcomes': // daily logs stay out of the history (see isTrailFile)
        break;
      default:
        // A new kind of a person's record must be placed in their history, or said to stay out of it.
        placement satisfies never;
    }
  }
  attachApprovals(entries);
  return entries;
}

/** Whether a change happened by the history's end, dated by the record's own date when given one. */
type HappenedBy = (own?: unknown) => boolean;

function planEntry(v: FileVersion, base: TrailCommit, out: TrailEntry[], by: HappenedBy): void {
  if (v.after === undefined) {
    if (by()) out.push({ ...base, type: 'removed' });
    return;
  }
  const after = parseContent(v.after);
  if (!isRecord(after)) {
    if (by()) out.push({ ...base, type: 'unreadable' });
    return;
  }
  if (!by(after.updated)) return;
  const hash = planHash(after);
  const parents = v.before.map((b) => parseContent(b)).map((p) => (isRecord(p) ? p : undefined));
  const parentHashes = parents.map((p) => (p ? planHash(p) : undefined));
  // A merge that takes one side's plan adds nothing new: that side's commit is already listed.
  if (v.before.length > 1 && parentHashes.includes(hash)) return;
  const previous = parents[0];
  if (previous && parentHashes[0] === hash) {
    out.push({ ...base, type: 'plan-layout', version: num(after.version) });
    return;
  }
  out.push({
    ...base,
    type: 'plan',
    version: num(after.version),
    previousVersion: num(previous?.version),
    hash,
    first: !previous,
    changes: diffPlans(previous as unknown as Plan | undefined, after as unknown as Plan),
    versionUnchanged: previous !== undefined && previous.version === after.version,
    signoffs: [],
    acknowledgements: [],
    agreements: [],
  });
}

function listEntriesOf(
  kind: 'signoffs' | 'acknowledgements' | 'agreements' | 'escalations',
  v: FileVersion,
  base: TrailCommit,
  out: TrailEntry[],
  by: HappenedBy,
): void {
  const after = v.after === undefined ? [] : listEntries(v.after);
  if (after === undefined) {
    if (by()) out.push({ ...base, type: 'unreadable' });
    return;
  }
  const parents = v.before.map((b) => (b === undefined ? [] : (listEntries(b) ?? [])));
  if (v.after === undefined) {
    if (parents.some((p) => p.length) && by()) out.push({ ...base, type: 'removed' });
    return;
  }
  const { rewrite, completed, entries } = compareVersions(kind, parents, after);
  if (rewrite && by()) {
    out.push({
      ...base,
      type: 'rewritten',
      list: kind,
      changed: rewrite.changed.map((c) => ({ entry: c.index + 1, fields: c.fields })),
      removed: rewrite.removed.map((i) => i + 1),
      reordered: rewrite.reordered === undefined ? undefined : rewrite.reordered + 1,
    });
  }
  for (const i of completed) {
    const e = after[i];
    if (isRecord(e) && by(e.responded_at)) out.push({ ...base, type: 'escalation-response', raisedBy: str(e.by), recordedAt: str(e.at) });
  }
  // An entry rewritten in place is shown as the rewrite above, not as a new entry.
  const rewritten = new Set(rewrite?.changed.map((c) => c.index) ?? []);
  for (const i of addedEntries(parents, entries)) {
    if (rewritten.has(i)) continue;
    const e = after[i];
    if (!isRecord(e) || !by(e.at)) continue;
    if (kind === 'signoffs')
      out.push({ ...base, type: 'signoff', version: num(e.version), plan: str(e.plan), signer: str(e.by), recordedAt: str(e.at) });
    else if (kind === 'acknowledgements')
      out.push({
        ...base,
        type: 'acknowledgement',
        version: num(e.version),
        plan: str(e.plan),
        staff: str(e.staff),
        recordedAt: str(e.at),
      });
    else if (kind === 'agreements')
      out.push({
        ...base,
        type: 'agreement',
        version: num(e.version),
        plan: str(e.plan),
        agreedBy: str(e.by),
        method: str(e.method),
        recordedAt: str(e.at),
      });
    // An answer appended later (SPEC 5.2) is a response to the escalation raised at `responds_to`, not a new escalation.
    else if (e.responds_to !== undefined) out.push({ ...base, type: 'escalation-response', recordedAt: str(e.responds_to) });
    else
      out.push({
        ...base,
        type: 'escalation',
        raisedBy: str(e.by),
        to: str(e.to),
        recordedAt: str(e.at),
        responded: e.response !== undefined,
      });
  }
}

function documentEntry(
  placement: ReturnType<typeof placementOf>,
  v: FileVersion,
  base: TrailCommit,
  out: TrailEntry[],
  by: HappenedBy,
): void {
  const after = parseContent(v.after);
  const before = parseContent(v.before[0]);
  if (v.after !== undefined && !isRecord(after)) {
    if (by()) out.push({ ...base, type: 'unreadable' });
    return;
  }
  const change = v.after === undefined ? 'removed' : v.before[0] === undefined ? 'added' : 'edited';
  const fields = change === 'edited' ? changedFields(before, after) : undefined;
  if (change === 'edited' && fields?.length === 0) return; // comments or layout only
  if (v.before.length > 1 && v.before.some((b) => b !== undefined && v.after !== undefined && b.equals(v.after))) return;
  const record = (isRecord(after) ? after : isRecord(before) ? before : {}) as Record<string, unknown>;
  // A record added is dated by its own `at` (a person's by the admission), an admission or discharge
  // by its date; other edits by their commit.
  const own =
    change === 'added'
      ? placement.kind === 'person'
        ? record.admitted
        : record.at
      : placement.kind !== 'person' || change === 'removed'
        ? undefined
        : fields?.includes('admitted')
          ? record.admitted
          : fields?.includes('discharged')
            ? record.discharged
            : undefined;
  if (!by(own)) return;
  if (placement.kind === 'assessment') {
    out.push({
      ...base,
      type: 'assessment',
      id: placement.stem,
      assessmentType: placement.type,
      change,
      fields,
      recordedAt: str(record.at),
    });
  } else if (placement.kind === 'review') {
    out.push({
      ...base,
      type: 'review',
      kind: placement.reviewKind,
      change,
      fields,
      result: str(record.result),
      recordedAt: str(record.at),
    });
  } else {
    out.push({ ...base, type: 'person', change, fields });
  }
}

/** Each plan version's sign-offs, acknowledgements and agreements: those naming its hash. */
function attachApprovals(entries: TrailEntry[]): void {
  const plans = new Map<string, ApprovalSummary[]>();
  for (const e of entries) {
    if (e.type !== 'plan') continue;
    const list = plans.get(e.hash) ?? [];
    list.push(e);
    plans.set(e.hash, list);
  }
  for (const e of entries) {
    const targets = 'plan' in e && e.plan ? plans.get(e.plan) : undefined;
    if (!targets) continue;
    for (const t of targets) {
      if (e.type === 'signoff') t.signoffs.push({ by: e.signer ?? '', at: e.recordedAt ?? '', commit: e.commit });
      if (e.type === 'acknowledgement') t.acknowledgements.push({ staff: e.staff ?? '', at: e.recordedAt ?? '', commit: e.commit });
      if (e.type === 'agreement')
        t.agreements.push({ by: e.agreedBy ?? '', method: e.method ?? '', at: e.recordedAt ?? '', commit: e.commit });
    }
  }
}
