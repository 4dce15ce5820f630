import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../src/model/clock.js';
import { localDate } from '../../src/model/time.js';
import { loadWorkspace } from '../../src/repo/loader.js';
import { judge, judgeHolding } from '../../src/rules/check.js';
import { signedHome, load } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';

const EXAMPLE = path.resolve('examples/sunrise-house');
const localDay = (ms: number) => localDate(ms, 'Europe/London');
const HOUR = 3_600_000;

describe('a clock notes the earliest later moment that would answer differently', () => {
  it('an instant still to come holds the answer until it comes; one reached holds it for ever', () => {
    const t = asOf('2026-11-20T12:00');
    const clock = new Clock(t, 'Europe/London');
    expect(clock.reached(t)).toBe(true);
    expect(clock.passed(t - 1)).toBe(true);
    expect(clock.until).toBe(Number.POSITIVE_INFINITY);
    expect(clock.reached(t + 5 * HOUR)).toBe(false);
    expect(clock.until).toBe(t + 5 * HOUR);
    // Not yet past t means past it from the next millisecond.
    expect(clock.passed(t)).toBe(false);
    expect(clock.until).toBe(t + 1);
    // A later question with a later answer does not stretch what is known.
    expect(clock.reached(t + 9 * HOUR)).toBe(false);
    expect(clock.until).toBe(t + 1);
  });

  it("the local date holds until the home's next midnight, on days the clocks change too", () => {
    const at = (value: string, zone = 'Europe/London') => {
      const clock = new Clock(asOf(value, zone), zone);
      return { date: clock.date, until: new Date(clock.until).toISOString() };
    };
    expect(at('2026-03-28T12:00')).toEqual({ date: '2026-03-28', until: '2026-03-29T00:00:00.000Z' });
    // 29 March: the clocks go forward at 01:00 GMT, so the day ends at 23:00 GMT.
    expect(at('2026-03-29T12:00')).toEqual({ date: '2026-03-29', until: '2026-03-29T23:00:00.000Z' });
    // 25 October: back at 02:00 BST; the day is 25 hours long and ends at midnight GMT.
    expect(at('2026-10-25T00:30')).toEqual({ date: '2026-10-25', until: '2026-10-26T00:00:00.000Z' });
    // India, 5 h 30 min ahead of UTC: midnight falls on a half hour.
    expect(at('2026-11-20T23:59', 'Asia/Kolkata')).toEqual({ date: '2026-11-20', until: '2026-11-20T18:30:00.000Z' });
  });

  it('quoting the time of day holds only for that instant', () => {
    const t = asOf('2026-11-20T12:00');
    const clock = new Clock(t, 'Europe/London');
    expect(clock.timestamp).toBe('2026-11-20T12:00');
    expect(clock.until).toBe(t + 1);
  });
});

/** A moment in [from, to), drawn from a small seeded generator so a failure can be re-run. */
function moments(seed: number, count: number, from: number, to: number): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => from + Math.floor(next() * (to - from)));
}

describe('findings hold from as-of until the moment judgeHolding gives', () => {
  const ws = loadWorkspace(EXAMPLE);
  const from = asOf('2026-09-01T00:00');
  const to = asOf('2027-01-15T00:00');

  it('on the example home, at random moments: judged anywhere before `until`, the findings are the same', () => {
    // Spans after the example's newest record (before it, later records are future-dated as of t).
    const spans: number[] = [];
    const settled = asOf('2026-11-27T00:00');
    let changedAtUntil = 0;
    for (const [i, t] of moments(20261130, 60, from, to).entries()) {
      const { findings, until } = judgeHolding(ws, t);
      expect(until, `moment ${i}`).toBeGreaterThan(t);
      const end = Math.min(until, t + 60 * 24 * HOUR);
      if (t >= settled) spans.push(end - t);
      // Inside the span: its last millisecond and a few moments between.
      for (const later of [end - 1, ...moments(i + 1, 3, t, end)]) {
        expect(judge(ws, later), `moment ${i}, ${new Date(t).toISOString()} → ${new Date(later).toISOString()}`).toEqual(findings);
      }
      if (Number.isFinite(until) && JSON.stringify(judge(ws, until)) !== JSON.stringify(findings)) changedAtUntil++;
    }
    // The spans are worth keeping (most last until the next midnight) ...
    expect(spans.length).toBeGreaterThan(15);
    expect(spans.filter((span) => span >= HOUR).length).toBeGreaterThan(spans.length * 0.8);
    // ... and are not padded: often the findings do change right at `until`.
    expect(changedAtUntil).toBeGreaterThan(5);
  });

  it("through the example's own history (now held after it, so nothing is future-dated): the same", () => {
    // Judging the past with the real clock later tries every rule's own windows (72 hours to
    // acknowledge, hours to answer an escalation), whose ends fall inside a day.
    const now = asOf('2027-02-01T00:00');
    let inside = 0;
    for (const [i, t] of moments(7, 80, from, asOf('2026-11-27T00:00')).entries()) {
      const { findings, until } = judgeHolding(ws, t, { now });
      expect(until, `moment ${i}`).toBeGreaterThan(t);
      const end = Math.min(until, t + 60 * 24 * HOUR);
      if (until < asOf('2026-12-01T00:00') && localDay(until) === localDay(t)) inside++;
      for (const later of [end - 1, ...moments(i + 1, 4, t, end)]) {
        expect(judge(ws, later, { now }), `moment ${i}, ${new Date(t).toISOString()} → ${new Date(later).toISOString()}`).toEqual(findings);
      }
    }
    // Some spans end inside the day they start: an exact instant, not midnight, ended them.
    expect(inside).toBeGreaterThan(3);
  });

  it('an escalation waiting for its answer: the findings hold until the hour the answer is due, and change then', () => {
    const h = signedHome().escalate('2026-11-20T10:00');
    const ws = load(h);
    const t = asOf('2026-11-20T11:00');
    const { findings, until } = judgeHolding(ws, t);
    expect(until).toBeGreaterThan(t);
    expect(until).toBeLessThanOrEqual(asOf('2026-11-21T00:00'));
    expect(judge(ws, until - 1)).toEqual(findings);
  });

  it('a record dated after now: the finding quotes now to the minute, so it holds for that instant only', () => {
    const ws = load(signedHome().outcome('2026-11-25T10:00'));
    const t = asOf('2026-11-20T12:00');
    const { findings, until } = judgeHolding(ws, t);
    expect(findings.map((f) => f.rule)).toContain('future-date');
    expect(until).toBe(t + 1);
  });
});
