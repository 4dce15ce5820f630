import { isCalendarDate } from './time.js';
import { isId } from './ids.js';

/** What a path in the records repository holds (SPEC section 1, "The records repository"). */
export type Placement =
  | { kind: 'config' }
  | { kind: 'staff'; staffId: string }
  | { kind: 'person'; personId: string }
  | { kind: 'assessment'; personId: string; date: string; type: string; stem: string }
  | { kind: 'plan' | 'signoffs' | 'acknowledgements' | 'agreements' | 'escalations'; personId: string }
  | { kind: 'outcomes'; personId: string; month: string }
  | { kind: 'review'; personId: string; date: string; reviewKind: string }
  | { kind: 'spotcheck'; date: string; staffId: string }
  | { kind: 'feedback'; date: string; slug: string }
  | { kind: 'audit'; month: string }
  /** A layout file whose name is not a valid id or date: its identity is broken. */
  | { kind: 'bad-name'; problem: string }
  | { kind: 'unexpected'; expected?: string };

export type RecordKind = Exclude<Placement['kind'], 'bad-name' | 'unexpected'>;

/** The schema file each record kind is validated against. */
export const SCHEMA_OF: Record<RecordKind, string> = {
  config: 'careplan.schema.json', staff: 'staff.schema.json', person: 'person.schema.json',
  assessment: 'assessment.schema.json', plan: 'plan.schema.json', signoffs: 'signoffs.schema.json',
  acknowledgements: 'acknowledgements.schema.json', agreements: 'agreements.schema.json',
  escalations: 'escalations.schema.json', outcomes: 'outcomes.schema.json', review: 'review.schema.json',
  spotcheck: 'spotcheck.schema.json', feedback: 'feedback.schema.json', audit: 'audit.schema.json',
};

const PERSON_FILES = new Set(['plan', 'signoffs', 'acknowledgements', 'agreements', 'escalations']);
const DATED = /^(\d{4}-\d{2}-\d{2})-(.+)$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function badId(id: string, what: string): Placement {
  return { kind: 'bad-name', problem: `${what} "${id}" is not a valid id (lowercase letters, digits and hyphens, starting with a letter or digit)` };
}

function badDate(date: string): Placement {
  return { kind: 'bad-name', problem: `the file name's date ${date} is not a real calendar date` };
}

/** Where a repository-relative path (forward slashes) belongs in the layout. */
export function placementOf(path: string): Placement {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  if (!name.endsWith('.yaml')) {
    return { kind: 'unexpected', expected: name.endsWith('.yml') ? 'records use the .yaml extension' : undefined };
  }
  const stem = name.slice(0, -'.yaml'.length);
  if (parts.length === 1) return stem === 'careplan' ? { kind: 'config' } : { kind: 'unexpected' };
  const [top] = parts;
  if (top === 'staff' && parts.length === 2) return isId(stem) ? { kind: 'staff', staffId: stem } : badId(stem, 'staff id');
  if (top === 'audits' && parts.length === 2) {
    return MONTH.test(stem) ? { kind: 'audit', month: stem } : { kind: 'unexpected', expected: 'audits/<YYYY-MM>.yaml' };
  }
  if ((top === 'spotchecks' || top === 'feedback') && parts.length === 2) {
    const m = DATED.exec(stem);
    const expected = top === 'spotchecks' ? 'spotchecks/<YYYY-MM-DD>-<staff-id>.yaml' : 'feedback/<YYYY-MM-DD>-<slug>.yaml';
    if (!m) return { kind: 'unexpected', expected };
    if (!isCalendarDate(m[1])) return badDate(m[1]);
    if (!isId(m[2])) return badId(m[2], top === 'spotchecks' ? 'staff id' : 'slug');
    return top === 'spotchecks' ? { kind: 'spotcheck', date: m[1], staffId: m[2] } : { kind: 'feedback', date: m[1], slug: m[2] };
  }
  if (top === 'people' && parts.length >= 3) {
    const personId = parts[1];
    const rest = parts.slice(2);
    if (!isId(personId)) return badId(personId, 'person id');
    if (rest.length === 1) {
      if (stem === 'person') return { kind: 'person', personId };
      if (PERSON_FILES.has(stem)) return { kind: stem as 'plan', personId };
      return { kind: 'unexpected' };
    }
    if (rest.length === 2 && rest[0] === 'outcomes') {
      return MONTH.test(stem) ? { kind: 'outcomes', personId, month: stem } : { kind: 'unexpected', expected: 'outcomes/<YYYY-MM>.yaml' };
    }
    if (rest.length === 2 && rest[0] === 'assessments') {
      const m = DATED.exec(stem);
      if (!m || !['initial', 'review', 'change-in-needs'].includes(m[2])) {
        return { kind: 'unexpected', expected: 'assessments/<YYYY-MM-DD>-<initial|review|change-in-needs>.yaml' };
      }
      if (!isCalendarDate(m[1])) return badDate(m[1]);
      return { kind: 'assessment', personId, date: m[1], type: m[2], stem };
    }
    if (rest.length === 2 && rest[0] === 'reviews') {
      const m = DATED.exec(stem);
      if (!m || !['plan', 'outcomes'].includes(m[2])) return { kind: 'unexpected', expected: 'reviews/<YYYY-MM-DD>-<plan|outcomes>.yaml' };
      if (!isCalendarDate(m[1])) return badDate(m[1]);
      return { kind: 'review', personId, date: m[1], reviewKind: m[2] };
    }
  }
  return { kind: 'unexpected' };
}
