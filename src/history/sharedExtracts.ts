import { ANOTHER_PERSON, mentions, type Names } from '../model/otherPeople.js';
import type { AuditActionList, Feedback, SavedAudit, Spotcheck, Supervision } from '../model/records.generated.js';
import { isRecord } from './content.js';

/**
 * The parts of the home's shared records (spot checks, feedback, supervisions, audits and what
 * became of their actions) that concern one person, for a subject access answer (SPEC 5.6). Each
 * function takes a parsed record and returns what concerns the person, or undefined when nothing
 * does. Other people in the structured fields become "another person" here; names in free text
 * are replaced afterwards by the Redactor, over the whole extract.
 */

export type SharedKind = 'spotcheck' | 'feedback' | 'supervision' | 'audit' | 'auditActions';

const text = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n');
const peopleList = (people: readonly string[] | undefined, subject: string) => people?.map((p) => (p === subject ? p : ANOTHER_PERSON));

function spotcheck(r: Spotcheck, subject: string, names: Names): Record<string, unknown> | undefined {
  const findings = (r.findings ?? []).filter(
    (f) => f.person === subject || (f.person === undefined && mentions(text(f.description, f.action), names)),
  );
  if (!r.people?.includes(subject) && !findings.length) return undefined;
  return { at: r.at, by: r.by, people: peopleList(r.people, subject), findings };
}

function feedback(r: Feedback, subject: string, names: Names): Record<string, unknown> | undefined {
  const about = r.person === subject || (r.person === undefined && mentions(text(r.text, r.response), names));
  return about ? { ...r } : undefined;
}

function supervision(r: Supervision, subject: string, names: Names): Record<string, unknown> | undefined {
  const actions = (r.actions ?? []).filter((a) => mentions(a.description, names));
  const findings = r.findings !== undefined && mentions(r.findings, names) ? r.findings : undefined;
  if (!r.people?.includes(subject) && findings === undefined && !actions.length) return undefined;
  // The supervision is about the staff member's work: only what concerns the person is theirs.
  return {
    at: r.at,
    by: r.by,
    staff: r.staff,
    kind: r.kind,
    ...(r.topics ? { topics: r.topics } : {}),
    ...(r.people ? { people: peopleList(r.people, subject) } : {}),
    ...(findings !== undefined ? { findings } : {}),
    ...(actions.length ? { actions } : {}),
  };
}

function audit(r: SavedAudit, subject: string, names: Names): Record<string, unknown> | undefined {
  const items = (r.findings?.items ?? []).filter((i) => i.person === subject || (i.person === undefined && mentions(i.message, names)));
  const actions = (r.actions ?? []).filter((a) => mentions(a.description, names));
  if (!items.length && !actions.length) return undefined;
  return {
    month: r.month,
    saved_at: r.saved_at,
    saved_by: r.saved_by,
    ...(items.length ? { findings: { items } } : {}),
    ...(actions.length ? { actions } : {}),
  };
}

function auditActions(r: AuditActionList, _subject: string, names: Names): unknown[] | undefined {
  const entries = r.filter((e) => isRecord(e) && typeof e.note === 'string' && mentions(e.note, names));
  return entries.length ? entries : undefined;
}

const EXTRACTS: Record<SharedKind, (record: never, subject: string, names: Names) => unknown> = {
  spotcheck,
  feedback,
  supervision,
  audit,
  auditActions,
};

export const SHARED_KINDS: readonly string[] = Object.keys(EXTRACTS);

/** What of a shared record concerns the person; undefined when nothing does, or the record cannot be read. */
export function sharedExtract(kind: SharedKind, record: unknown, subject: string, names: Names): unknown {
  const readable = kind === 'auditActions' ? Array.isArray(record) : isRecord(record);
  if (!readable) return undefined;
  try {
    return EXTRACTS[kind](record as never, subject, names);
  } catch {
    // A version that does not have the record's shape (a hand edit git kept) concerns no one we can tell.
    return undefined;
  }
}
