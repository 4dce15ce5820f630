import type { Finding } from '../model/findings.js';
import { kindSpec, type PersonKind } from '../model/recordKinds.js';
import { forEachPersonSlot, type AnyRecord } from '../model/slots.js';
import { timestampDate } from '../model/time.js';
import { isEscalationResponse, type PersonFolder, type Workspace } from '../model/workspace.js';
import { where } from './locate.js';
import { findingOf, type Rule, type RuleMetas } from './rule.js';

const meta = { 'care-after-discharge': { severity: 'error', docs: 'care-after-discharge' } } as const satisfies RuleMetas;
const finding = findingOf(meta);

/** What each of a person's records is called in a finding; `null` for person.yaml, whose dates are the stay itself. */
const RECORD_WORDS: Record<PersonKind, string | null> = {
  person: null,
  assessment: 'assessment',
  plan: 'plan',
  signoffs: 'sign-off',
  acknowledgements: 'acknowledgement',
  agreements: 'agreement',
  outcomes: 'outcome entry',
  escalations: 'escalation',
  review: 'review',
};

/**
 * The days after a discharge on which nothing can have happened to the person: after `discharged`,
 * up to (not including) a readmission's `admitted`. None for someone never discharged, or active
 * again with no later admission recorded (person.yaml then contradicts itself; schema rules aside,
 * there is no stay to judge against).
 */
export function closedAfterDischarge(folder: PersonFolder): { from: string; until?: string } | undefined {
  const data = folder.person?.data;
  if (!data?.discharged) return undefined;
  if (data.admitted > data.discharged) return { from: data.discharged, until: data.admitted };
  return data.status === 'discharged' ? { from: data.discharged } : undefined;
}

/**
 * care-after-discharge (SPEC section 5.5): a record rule, so discharged people get it. Nothing about
 * a person is dated after their discharge (and before a readmission): such a record is a wrong date,
 * the wrong person, or care nobody should have been giving. Spot checks naming them count too.
 */
export function careAfterDischarge(ws: Workspace): Finding[] {
  const findings: Finding[] = [];
  const zone = ws.timezone;
  const dateOfValue = (value: string, form: 'date' | 'timestamp') => (form === 'date' ? value : timestampDate(value, zone));
  for (const folder of ws.people.values()) {
    const closed = closedAfterDischarge(folder);
    if (!closed) continue;
    const inClosed = (date: string | undefined) =>
      date !== undefined && date > closed.from && (closed.until === undefined || date < closed.until);
    const readmit = `if ${folder.id} has come back, readmit them first (\`careplan person readmit ${folder.id} --on <date>\`)`;
    const report = (record: AnyRecord, field: string, value: string, what: string) => {
      findings.push(
        finding('care-after-discharge', {
          person: folder.id,
          ...where(record, [field]),
          message:
            `${what} dated ${value} (\`${field}\`), after ${folder.id} was discharged on ${closed.from}` +
            (closed.until ? ` and before their readmission on ${closed.until}` : ''),
          fix: `correct the date, or move the record to the person it is about; ${readmit}`,
        }),
      );
    };
    forEachPersonSlot(folder, (kind, records) => {
      const word = RECORD_WORDS[kind as PersonKind];
      if (!word) return;
      const fields = Object.entries(kindSpec(kind).eventDates);
      for (const record of records) {
        const data = record.data as Record<string, unknown>;
        const what = kind === 'escalations' && isEscalationResponse(data as never) ? 'escalation response' : word;
        // One finding a record: the first of its dates that falls in the closed days.
        const late = fields.find(([field, form]) => {
          const value = data[field];
          return typeof value === 'string' && inClosed(dateOfValue(value, form));
        });
        if (late) report(record, late[0], data[late[0]] as string, what);
      }
    });
    for (const s of ws.spotchecks) {
      const named = s.data.people.includes(folder.id) || s.data.findings.some((f) => f.person === folder.id);
      if (named && inClosed(timestampDate(s.data.at, zone))) report(s, 'at', s.data.at, 'spot check naming them');
    }
  }
  return findings;
}

export default { name: 'discharge', scope: 'record', meta, check: (ctx) => careAfterDischarge(ctx.ws) } satisfies Rule;
