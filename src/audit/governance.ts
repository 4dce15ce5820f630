import { answerTo, raisedEscalations } from '../model/escalations.js';
import { parseTimestamp, localDate } from '../model/time.js';
import { earliestRecordDate } from '../rules/care/governance.js';
import { ruleContext } from '../rules/context.js';
import type { AuditContext } from './context.js';
import { count, countsByPerson, type Metric } from './metric.js';
import { previousMonth } from './period.js';

const section = 'governance' as const;

export const FEEDBACK_SOURCES = ['person', 'family', 'staff', 'professional', 'commissioner'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

/**
 * Section 5 (SPEC section 4): the previous audit saved, feedback by source and sentiment, and
 * escalations raised and still open. Findings by rule are reported beside the metrics.
 */
export function governanceMetrics(ctx: AuditContext): Metric[] {
  const { month, first, start, end, endDate } = ctx.period;
  const zone = ctx.zone;
  const metrics: Metric[] = [];

  // The previous month's audit is owed by audit_due_day when there were records before this month.
  const previous = previousMonth(month);
  const dueDate = `${month}-${String(ctx.policy.audit_due_day).padStart(2, '0')}`;
  const earliest = earliestRecordDate(ruleContext(ctx.ws, end));
  const owed = earliest !== undefined && earliest < first;
  const saved = ctx.ws.audits.find((a) => a.month === previous);
  const savedOn = saved
    ? (() => {
        const at = parseTimestamp(saved.data.saved_at, zone);
        return at === undefined ? undefined : localDate(at, zone);
      })()
    : undefined;
  const judged = owed && (savedOn !== undefined || endDate > dueDate);
  const onTime = savedOn !== undefined && savedOn <= dueDate;
  metrics.push({
    id: `${section}.previous-audit-saved`,
    section,
    label: `Audit for ${previous} saved by ${dueDate}`,
    kind: 'status',
    better: 'higher',
    definition:
      `audits/${previous}.yaml saved on or before ` +
      `day ${ctx.policy.audit_due_day} of this month; not owed when there are no records before this month.`,
    value: !owed ? 'not owed' : savedOn ? `saved ${savedOn}${onTime ? '' : ' (late)'}` : judged ? 'not saved' : 'not yet due',
    numerator: judged && onTime ? 1 : 0,
    denominator: judged ? 1 : 0,
    percent: judged ? (onTime ? 100 : 0) : null,
  });

  const inMonth = ctx.ws.feedback.filter((fb) => {
    const at = parseTimestamp(fb.data.at, zone);
    return at !== undefined && at >= start && at <= end;
  });
  const people = ctx.inCare.map((f) => f.id);
  const aboutPerson = new Map<string, number>();
  for (const fb of inMonth) if (fb.data.person) aboutPerson.set(fb.data.person, (aboutPerson.get(fb.data.person) ?? 0) + 1);
  metrics.push({
    id: `${section}.feedback`,
    section,
    label: 'Feedback received',
    column: 'Feedback about them',
    kind: 'count',
    definition: 'Feedback records dated this month; per person, feedback about them.',
    ...count(inMonth.length),
    people: countsByPerson(aboutPerson, people),
  });
  for (const source of FEEDBACK_SOURCES) {
    const n = inMonth.filter((fb) => fb.data.from === source).length;
    const whom = source === 'person' ? 'people supported' : source === 'family' ? 'families' : source === 'staff' ? 'staff' : `${source}s`;
    metrics.push({
      id: `${section}.feedback-from-${source}`,
      section,
      label: `Feedback from ${whom}`,
      kind: 'count',
      definition: `Feedback this month with \`from: ${source}\`, as a share of all feedback this month.`,
      ...count(n, inMonth.length),
    });
  }
  for (const sentiment of SENTIMENTS) {
    const n = inMonth.filter((fb) => fb.data.sentiment === sentiment).length;
    metrics.push({
      id: `${section}.feedback-${sentiment}`,
      section,
      label: `Feedback ${sentiment}`,
      kind: 'count',
      better: sentiment === 'negative' ? 'lower' : sentiment === 'positive' ? 'higher' : undefined,
      definition: `Feedback this month with \`sentiment: ${sentiment}\`, as a share of all feedback this month.`,
      ...count(n, inMonth.length),
    });
  }

  const raised = new Map<string, number>();
  const open = new Map<string, number>();
  let raisedTotal = 0;
  let openTotal = 0;
  for (const f of ctx.inCare) {
    for (const e of raisedEscalations(f.escalations)) {
      const at = parseTimestamp(e.data.at, zone);
      if (at === undefined) continue;
      if (at >= start) {
        raised.set(f.id, (raised.get(f.id) ?? 0) + 1);
        raisedTotal++;
      }
      if (!answerTo(e, f.escalations, zone)) {
        open.set(f.id, (open.get(f.id) ?? 0) + 1);
        openTotal++;
      }
    }
  }
  metrics.push(
    {
      id: `${section}.escalations-raised`,
      section,
      label: 'Escalations to the Registered Manager raised',
      column: 'Escalations raised',
      kind: 'count',
      definition: 'Escalations dated this month.',
      ...count(raisedTotal),
      people: countsByPerson(raised, people),
    },
    {
      id: `${section}.escalations-open`,
      section,
      label: 'Escalations open at the end (no response recorded)',
      column: 'Escalations open',
      kind: 'count',
      better: 'lower',
      definition: 'Escalations up to the end with no response by then (inline, or a later entry answering it).',
      ...count(openTotal),
      people: countsByPerson(open, people),
    },
  );
  return metrics;
}
