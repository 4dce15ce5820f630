import { describe, expect, it } from 'vitest';
import { home, judge, KEY_WORKER, MANAGER, ofRule, signedHome } from '../helpers/care.js';
import { auditOf, auditOfFiles, emptyHome, metricOf, nd, measureValue } from '../helpers/audit.js';

const NOV = ['2026-11', '2026-12-05'] as const;

/** p-a admitted 1 October, plan signed off 5 October: the first review falls due 2 November. */
function october() {
  return home()
    .person('p-a', { admitted: '2026-10-01' })
    .assess('2026-10-03T10:00')
    .plan({ updated: '2026-10-03T16:00' })
    .signoff('2026-10-05T09:00')
    .ack(KEY_WORKER, '2026-10-05T10:00')
    .agree('2026-10-05T11:00');
}

describe('reviews', () => {
  it('an empty month', () => {
    const report = auditOfFiles(emptyHome(), ...NOV);
    expect(measureValue(report, 'reviews.held')).toBe(0);
    expect(measureValue(report, 'reviews.due')).toBe(0);
    expect(nd(report, 'reviews.on-time')).toBe('0/0');
    expect(nd(report, 'reviews.overdue')).toBe('0/0');
  });

  it('reviews due this month and held on or before their date are on time', () => {
    // Due 2 Nov, reviewed 1 Nov; then due 29 Nov, reviewed 28 Nov.
    const report = auditOf(october().review('plan', '2026-11-01T11:00').review('plan', '2026-11-28T11:00'), ...NOV);
    expect(measureValue(report, 'reviews.held')).toBe(2);
    expect(measureValue(report, 'reviews.due')).toBe(2);
    expect(nd(report, 'reviews.on-time')).toBe('2/2');
    expect(nd(report, 'reviews.overdue')).toBe('0/1');
  });

  it('a review not held by its date is late, and overdue at the end when still not held', () => {
    const none = auditOf(october(), ...NOV);
    expect(measureValue(none, 'reviews.due')).toBe(1);
    expect(nd(none, 'reviews.on-time')).toBe('0/1');
    expect(nd(none, 'reviews.overdue')).toBe('1/1');
    const late = auditOf(october().review('plan', '2026-11-06T11:00'), ...NOV);
    expect(nd(late, 'reviews.on-time')).toBe('0/1');
    expect(nd(late, 'reviews.overdue')).toBe('0/1');
  });

  it('a re-approval resets the review date like a plan review', () => {
    const h = october()
      .plan({ version: 2, about_me: 'Likes crosswords and tea.', updated: '2026-10-30T10:00' })
      .signoff('2026-10-31T09:00');
    const report = auditOf(h, ...NOV);
    // Due 2 Nov was met on 31 Oct, before November: not November's. 31 Oct + 28 = 28 Nov, not met.
    expect(measureValue(report, 'reviews.due')).toBe(1);
    expect(nd(report, 'reviews.on-time')).toBe('0/1');
    expect(nd(report, 'reviews.overdue')).toBe('1/1');
  });

  it('a review falling due on the last day and not yet held is due, but not yet late', () => {
    const report = auditOf(signedHome().signoff('2026-11-02T09:00'), ...NOV);
    // Signed 2 Nov: due 30 Nov.
    expect(measureValue(report, 'reviews.due')).toBe(1);
    expect(nd(report, 'reviews.on-time')).toBe('0/0');
    expect(nd(report, 'reviews.overdue')).toBe('0/1');
  });

  it('after a discharge no review falls due', () => {
    const report = auditOf(october().person('p-a', { status: 'discharged', discharged: '2026-11-01' }), ...NOV);
    expect(measureValue(report, 'reviews.due')).toBe(0);
    expect(nd(report, 'reviews.overdue')).toBe('0/0');
  });
});

describe('governance and feedback', () => {
  const feedback = (date: string, from: string, sentiment: string, person?: string) =>
    `at: "${date}T10:00"\nfrom: ${from}\n${person ? `person: ${person}\n` : ''}sentiment: ${sentiment}\ntext: Feedback text.\n`;

  it('an empty month of a home that began this month: the previous audit is not owed', () => {
    const report = auditOfFiles(emptyHome(), ...NOV);
    expect(metricOf(report, 'governance.previous-audit-saved')).toMatchObject({
      value: 'not owed',
      numerator: 0,
      denominator: 0,
      percent: null,
    });
    expect(measureValue(report, 'governance.feedback')).toBe(0);
    expect(measureValue(report, 'governance.escalations-open')).toBe(0);
  });

  it("the previous month's audit saved by day 10, late, or not at all", () => {
    expect(metricOf(auditOf(october().audit('2026-10', '2026-11-05T10:00'), ...NOV), 'governance.previous-audit-saved')).toMatchObject({
      value: 'saved 2026-11-05',
      numerator: 1,
      denominator: 1,
      percent: 100,
    });
    expect(metricOf(auditOf(october().audit('2026-10', '2026-11-12T10:00'), ...NOV), 'governance.previous-audit-saved')).toMatchObject({
      value: 'saved 2026-11-12 (late)',
      numerator: 0,
      denominator: 1,
    });
    expect(metricOf(auditOf(october(), ...NOV), 'governance.previous-audit-saved')).toMatchObject({
      value: 'not saved',
      numerator: 0,
      denominator: 1,
    });
    // Saved after the month's end: as the records stood at its end, it had not been saved.
    expect(metricOf(auditOf(october().audit('2026-10', '2026-12-02T10:00'), ...NOV), 'governance.previous-audit-saved')).toMatchObject({
      value: 'not saved',
    });
    // The current month before day 10: not yet due.
    expect(metricOf(auditOf(october(), '2026-11', '2026-11-05'), 'governance.previous-audit-saved')).toMatchObject({
      value: 'not yet due',
      denominator: 0,
    });
  });

  it('feedback this month by source and by sentiment, as shares of all feedback', () => {
    const h = signedHome()
      .file('feedback/2026-11-03-a.yaml', feedback('2026-11-03', 'family', 'positive', 'p-a'))
      .file('feedback/2026-11-10-b.yaml', feedback('2026-11-10', 'family', 'negative'))
      .file('feedback/2026-11-20-c.yaml', feedback('2026-11-20', 'professional', 'positive'))
      .file('feedback/2026-11-25-d.yaml', feedback('2026-11-25', 'staff', 'neutral'))
      .file('feedback/2026-12-01-e.yaml', feedback('2026-12-01', 'person', 'negative'));
    const report = auditOf(h, ...NOV);
    expect(measureValue(report, 'governance.feedback')).toBe(4);
    expect(measureValue(report, 'governance.feedback', 'p-a')).toBe(1);
    expect(nd(report, 'governance.feedback-from-family')).toBe('2/4');
    expect(nd(report, 'governance.feedback-from-professional')).toBe('1/4');
    expect(nd(report, 'governance.feedback-from-person')).toBe('0/4');
    expect(nd(report, 'governance.feedback-positive')).toBe('2/4');
    expect(metricOf(report, 'governance.feedback-positive').percent).toBe(50);
    expect(nd(report, 'governance.feedback-negative')).toBe('1/4');
  });

  it('escalations raised this month, and open at its end (a response given later does not close it then)', () => {
    const h = signedHome()
      .escalate('2026-10-20T10:00', { response: 'Seen.' })
      .escalate('2026-11-05T10:00')
      .escalate('2026-11-20T10:00', { response: 'GP informed.', responded_at: '2026-12-02T09:00' })
      .escalate('2026-11-25T10:00', { response: 'Done.', responded_at: '2026-11-25T12:00' });
    const report = auditOf(h.person('p-a', { admitted: '2026-10-15' }), ...NOV);
    expect(measureValue(report, 'governance.escalations-raised')).toBe(3);
    expect(measureValue(report, 'governance.escalations-open')).toBe(2);
    expect(measureValue(auditOf(h, '2026-12', '2027-01-05'), 'governance.escalations-open')).toBe(1);
  });
});

describe("findings at the month's end, against the previous audit", () => {
  it('with no previous audit there is nothing to compare: no changes, no trends', () => {
    const report = auditOf(october(), ...NOV);
    expect(report.previousAudit).toBeNull();
    expect(report.trends).toEqual([]);
    expect(report.sections.flatMap((s) => s.metrics).every((m) => m.compared === undefined)).toBe(true);
    expect(report.findings.previousMonth).toBeNull();
    expect(report.findings.byRule.find((r) => r.rule === 'review-overdue')).toEqual({
      rule: 'review-overdue',
      severity: 'error',
      count: 1,
      previous: null,
      change: null,
    });
  });

  it('counts findings by rule as of the end and compares them with the previous audit', () => {
    const previous = [
      'month: "2026-10"',
      'saved_at: "2026-11-05T10:00"',
      `saved_by: ${MANAGER}`,
      'metrics:',
      '  followed.variation-rate: { numerator: 1, denominator: 10, percent: 10 }',
      '  followed.ack-coverage: { numerator: 1, denominator: 2 }',
      '  outcomes.entries: { value: 2 }',
      'findings: { by_rule: { review-due: 1, ack-missing: 2 } }',
      'actions: []',
      '',
    ].join('\n');
    const h = october()
      .outcome('2026-11-03T12:00')
      .variation('2026-11-04T12:00')
      .outcome('2026-11-05T12:00')
      .outcome('2026-11-06T12:00')
      .file('audits/2026-10.yaml', previous);
    const report = auditOf(h, ...NOV);
    expect(report.previousAudit).toEqual({ month: '2026-10', saved_at: '2026-11-05T10:00', saved_by: MANAGER });
    // As of 30 November: the review due 2 November is overdue, no outcome review or spot check since the
    // sign-off, and no outcome since 6 November.
    expect(report.findings.byRule).toEqual([
      { rule: 'ack-missing', severity: 'warning', count: 0, previous: 2, change: -2 },
      { rule: 'outcome-review-overdue', severity: 'warning', count: 1, previous: 0, change: 1 },
      { rule: 'outcomes-missing', severity: 'warning', count: 1, previous: 0, change: 1 },
      { rule: 'review-due', severity: 'warning', count: 0, previous: 1, change: -1 },
      { rule: 'review-overdue', severity: 'error', count: 1, previous: 0, change: 1 },
      { rule: 'spotcheck-overdue', severity: 'warning', count: 1, previous: 0, change: 1 },
    ]);
    expect(report.findings.byPerson.map((g) => [g.person, g.findings.map((f) => f.rule).sort()])).toEqual([
      ['p-a', ['outcome-review-overdue', 'outcomes-missing', 'review-overdue']],
      [null, ['spotcheck-overdue']],
    ]);
    // Variation 25% against 10%: up, worse. Coverage 100% against 1 of 2 (50%): up, better. Entries 4 against 2.
    expect(report.trends.map((t) => [t.id, t.previous, t.current, t.change, t.direction, t.verdict])).toEqual([
      ['followed.variation-rate', 10, 25, 15, 'up', 'worse'],
      ['followed.ack-coverage', 50, 100, 50, 'up', 'better'],
      ['reviews.on-time', null, 0, null, null, null],
    ]);
    expect(metricOf(report, 'outcomes.entries').compared).toMatchObject({ previous: 2, current: 4, direction: 'up' });
  });

  it('judges the records as they stood at the end: later records are neither future dates nor reviews held', () => {
    const h = october().outcome('2026-12-02T10:00').review('plan', '2026-12-03T10:00');
    // What check would say on 30 November about the December entry and review (their dates and file names).
    expect(ofRule(judge(h, '2026-11-30'), 'future-date')).toHaveLength(4);
    const rules = auditOf(h, ...NOV).findings.byRule.map((r) => r.rule);
    expect(rules).not.toContain('future-date');
    expect(rules).toContain('review-overdue');
  });
});
