import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  endOfDate,
  HOUR_MS,
  hoursBetween,
  isCalendarDate,
  isTimestamp,
  isTimeZone,
  localDate,
  localTimestamp,
  offsetAt,
  offsetHolding,
  parseAsOf,
  parseTimestamp,
  startOfDate,
  timestampDate,
} from '../../src/model/time.js';
import { intlOffset } from '../helpers/intlOffset.js';

const LONDON = 'Europe/London';
const utc = (iso: string) => Date.parse(iso);

describe('isCalendarDate', () => {
  it('accepts real dates, leap days of leap years', () => {
    for (const d of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-02-28', '1938-04-02'])
      expect(isCalendarDate(d), d).toBe(true);
  });
  it('refuses impossible dates and other shapes', () => {
    for (const d of [
      '2026-13-01',
      '2026-00-10',
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-01-00',
      '2026-1-1',
      '26-01-01',
      '2026-01-01T00:00',
      ' 2026-01-01',
      '',
    ]) {
      expect(isCalendarDate(d), d).toBe(false);
    }
  });
});

describe('isTimestamp', () => {
  it('accepts the SPEC forms', () => {
    for (const t of [
      '2026-10-28T14:00',
      '2026-10-28T14:00:59',
      '2026-10-28T14:00Z',
      '2026-10-28T14:00:00Z',
      '2026-10-28T14:00+01:00',
      '2026-10-28T14:00-05:30',
      '2026-10-28T00:00',
      '2026-10-28T23:59',
    ]) {
      expect(isTimestamp(t), t).toBe(true);
    }
  });
  it('refuses impossible values and other shapes', () => {
    for (const t of [
      '2026-10-28T24:00',
      '2026-10-28T14:60',
      '2026-10-28T14:00:60',
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-10-28 14:00',
      '2026-10-28T14',
      '2026-10-28T14:00:00.000Z',
      '2026-10-28T14:00+1',
      '2026-10-28T14:00+15:00',
      '2026-10-28',
    ]) {
      expect(isTimestamp(t), t).toBe(false);
    }
  });
});

describe('parseTimestamp', () => {
  it('reads Z and explicit offsets as given, whatever the zone', () => {
    expect(parseTimestamp('2026-11-02T12:40Z', LONDON)).toBe(utc('2026-11-02T12:40:00Z'));
    expect(parseTimestamp('2026-07-02T12:40:30Z', LONDON)).toBe(utc('2026-07-02T12:40:30Z'));
    expect(parseTimestamp('2026-07-02T12:40+02:00', LONDON)).toBe(utc('2026-07-02T10:40:00Z'));
    expect(parseTimestamp('2026-07-02T12:40-05:30', LONDON)).toBe(utc('2026-07-02T18:10:00Z'));
    expect(parseTimestamp('2026-07-02T12:40+02:00', 'America/New_York')).toBe(utc('2026-07-02T10:40:00Z'));
  });
  it('reads a timestamp without an offset as local time: GMT in winter, BST in summer', () => {
    expect(parseTimestamp('2026-01-15T09:00', LONDON)).toBe(utc('2026-01-15T09:00:00Z'));
    expect(parseTimestamp('2026-07-15T09:00', LONDON)).toBe(utc('2026-07-15T08:00:00Z'));
    expect(parseTimestamp('2026-07-15T09:00', 'America/New_York')).toBe(utc('2026-07-15T13:00:00Z'));
    expect(parseTimestamp('2026-07-15T09:00', 'UTC')).toBe(utc('2026-07-15T09:00:00Z'));
  });
  it('clocks go forward on 29 March 2026 at 01:00 GMT', () => {
    expect(parseTimestamp('2026-03-29T00:59', LONDON)).toBe(utc('2026-03-29T00:59:00Z'));
    expect(parseTimestamp('2026-03-29T02:00', LONDON)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(parseTimestamp('2026-03-29T03:00', LONDON)).toBe(utc('2026-03-29T02:00:00Z'));
    // 01:30 does not exist that night: read with the offset before the change, it is 02:30 BST.
    expect(parseTimestamp('2026-03-29T01:30', LONDON)).toBe(utc('2026-03-29T01:30:00Z'));
    expect(hoursBetween(parseTimestamp('2026-03-28T12:00', LONDON)!, parseTimestamp('2026-03-29T12:00', LONDON)!)).toBe(23);
  });
  it('clocks go back on 25 October 2026 at 01:00 GMT; the repeated hour means its first occurrence', () => {
    expect(parseTimestamp('2026-10-25T00:30', LONDON)).toBe(utc('2026-10-24T23:30:00Z'));
    expect(parseTimestamp('2026-10-25T01:30', LONDON)).toBe(utc('2026-10-25T00:30:00Z'));
    expect(parseTimestamp('2026-10-25T02:00', LONDON)).toBe(utc('2026-10-25T02:00:00Z'));
    expect(hoursBetween(parseTimestamp('2026-10-24T12:00', LONDON)!, parseTimestamp('2026-10-25T12:00', LONDON)!)).toBe(25);
  });
  it('returns undefined for anything that is not a timestamp', () => {
    for (const t of ['garbage', '2026-10-28', '2026-02-30T10:00', '2026-10-28T25:00', ''])
      expect(parseTimestamp(t, LONDON), t).toBeUndefined();
  });
});

describe('localDate and localTimestamp', () => {
  it('give the wall-clock date in the zone, which differs from UTC late on a summer evening', () => {
    expect(localDate(utc('2026-07-31T23:30:00Z'), LONDON)).toBe('2026-08-01');
    expect(localDate(utc('2026-10-31T23:30:00Z'), LONDON)).toBe('2026-10-31');
    expect(localDate(utc('2026-07-31T22:59:59Z'), LONDON)).toBe('2026-07-31');
    expect(localDate(utc('2026-07-31T23:30:00Z'), 'UTC')).toBe('2026-07-31');
    expect(localDate(utc('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31');
  });
  it('across both changes of the clocks', () => {
    expect(localTimestamp(utc('2026-03-29T00:59:00Z'), LONDON)).toBe('2026-03-29T00:59');
    expect(localTimestamp(utc('2026-03-29T01:00:00Z'), LONDON)).toBe('2026-03-29T02:00');
    expect(localTimestamp(utc('2026-10-25T00:59:00Z'), LONDON)).toBe('2026-10-25T01:59');
    expect(localTimestamp(utc('2026-10-25T01:00:00Z'), LONDON)).toBe('2026-10-25T01:00');
    expect(localTimestamp(utc('2026-10-25T00:15:00Z'), LONDON)).toBe('2026-10-25T01:15');
  });
  it('round-trips local timestamps outside the changes', () => {
    for (const t of ['2026-01-01T00:00', '2026-06-30T23:59', '2026-03-29T03:00', '2026-10-25T02:00', '2026-12-31T23:59']) {
      expect(localTimestamp(parseTimestamp(t, LONDON)!, LONDON)).toBe(t);
    }
  });
  it('timestampDate takes the local date, converting only when an offset is given', () => {
    expect(timestampDate('2026-07-31T23:30', LONDON)).toBe('2026-07-31');
    expect(timestampDate('2026-07-31T23:30:15', LONDON)).toBe('2026-07-31');
    expect(timestampDate('2026-07-31T23:30Z', LONDON)).toBe('2026-08-01');
    expect(timestampDate('2026-10-31T23:30Z', LONDON)).toBe('2026-10-31');
    expect(timestampDate('2026-08-01T00:30+02:00', LONDON)).toBe('2026-07-31');
    expect(timestampDate('2026-07-31T23:30-05:00', LONDON)).toBe('2026-08-01');
    expect(timestampDate('2026-02-30T10:00', LONDON)).toBeUndefined();
  });
});

describe('start and end of a date', () => {
  it('are local midnight and the last millisecond of the local day', () => {
    expect(startOfDate('2026-07-01', LONDON)).toBe(utc('2026-06-30T23:00:00Z'));
    expect(startOfDate('2026-12-01', LONDON)).toBe(utc('2026-12-01T00:00:00Z'));
    expect(endOfDate('2026-07-01', LONDON)).toBe(utc('2026-07-01T22:59:59.999Z'));
    expect(endOfDate('2026-11-26', LONDON)).toBe(utc('2026-11-26T23:59:59.999Z'));
  });
  it('days the clocks change are 23 and 25 hours long', () => {
    expect(hoursBetween(startOfDate('2026-03-29', LONDON), endOfDate('2026-03-29', LONDON) + 1)).toBe(23);
    expect(hoursBetween(startOfDate('2026-10-25', LONDON), endOfDate('2026-10-25', LONDON) + 1)).toBe(25);
  });
});

describe('parseAsOf', () => {
  it('a date means the end of that day, local time', () => {
    expect(parseAsOf('2026-11-26', LONDON)).toBe(utc('2026-11-26T23:59:59.999Z'));
    expect(parseAsOf('2026-07-01', LONDON)).toBe(utc('2026-07-01T22:59:59.999Z'));
    expect(parseAsOf('2026-03-29', LONDON)).toBe(utc('2026-03-29T22:59:59.999Z'));
    expect(parseAsOf('2026-10-25', LONDON)).toBe(utc('2026-10-25T23:59:59.999Z'));
    expect(localDate(parseAsOf('2026-07-01', LONDON)!, LONDON)).toBe('2026-07-01');
  });
  it('a timestamp means that moment', () => {
    expect(parseAsOf('2026-11-26T09:00', LONDON)).toBe(utc('2026-11-26T09:00:00Z'));
    expect(parseAsOf('2026-07-26T09:00', LONDON)).toBe(utc('2026-07-26T08:00:00Z'));
    expect(parseAsOf('2026-07-26T09:00Z', LONDON)).toBe(utc('2026-07-26T09:00:00Z'));
  });
  it('anything else is undefined, for the caller to report', () => {
    for (const v of ['garbage', '2026-13-01', '2026-02-30', 'tomorrow', '26/11/2026', '', '2026-11-26T25:00'])
      expect(parseAsOf(v, LONDON), v).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it('daysBetween counts calendar days, unaffected by the clocks changing', () => {
    expect(daysBetween('2026-11-01', '2026-11-29')).toBe(28);
    expect(daysBetween('2026-11-29', '2026-11-01')).toBe(-28);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
  });
  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-10-29', 28)).toBe('2026-11-26');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Londn')).toBe(false);
    expect(isTimeZone('GMT+25')).toBe(false);
  });
});

describe('offsets and local times against Intl, in zones with awkward rules', () => {
  const QUARTER = 900_000;
  const DAY_MS = 24 * HOUR_MS;
  // Zones with awkward rules, over a year with their changes (at least `changes` of them).
  const zones: [zone: string, from: string, to: string, changes: number][] = [
    [LONDON, '2026-01-01', '2027-01-01', 2],
    ['America/New_York', '2026-01-01', '2027-01-01', 2],
    ['Australia/Lord_Howe', '2026-01-01', '2027-01-01', 2], // half-hour summer time
    ['Asia/Kathmandu', '1985-07-01', '1986-07-01', 1], // +5:30 to +5:45 on 1 January 1986
    ['Pacific/Apia', '2011-03-01', '2012-05-01', 4], // 30 December 2011 skipped, -10 to +14
    ['Pacific/Chatham', '2026-01-01', '2027-01-01', 2], // +12:45 and +13:45
    ['America/St_Johns', '2026-01-01', '2027-01-01', 2], // -3:30 and -2:30
    ['Africa/Casablanca', '2026-01-01', '2027-01-01', 2], // an hour back for Ramadan
    ['Antarctica/Troll', '2026-01-01', '2027-01-01', 2], // two hours of summer time
    ['Pacific/Auckland', '2026-01-01', '2027-01-01', 2], // +13 in summer
  ];
  type Change = { at: number; before: number; after: number };
  const changesFound = new Map<string, Change[]>();
  /**
   * Compares offsetAt with Intl every hour from `from` to `to` and every quarter hour (at its start
   * and inside it) of the UTC days before, of and after each change of offset, which it returns (each
   * at the first quarter hour with the new offset) with the comparisons that differ.
   */
  function walk(zone: string, from: string, to: string): { changes: Change[]; wrong: string[] } {
    const wrong: string[] = [];
    const compare = (quarterStart: number, ms: number, want = intlOffset(quarterStart, zone)) => {
      if (offsetAt(ms, zone) !== want) wrong.push(`${new Date(ms).toISOString()} ${offsetAt(ms, zone)} ≠ ${want}`);
      return want;
    };
    const changes: Change[] = [];
    const start = utc(`${from}T00:00:00Z`);
    let previous = compare(start, start);
    for (let t = start + HOUR_MS; t < utc(`${to}T00:00:00Z`); t += HOUR_MS) {
      const offset = compare(t, t + (((t / HOUR_MS) * 7919) % QUARTER));
      if (offset === previous) continue;
      let at = t - 3 * QUARTER;
      while (intlOffset(at, zone) === previous) at += QUARTER;
      changes.push({ at, before: previous, after: offset });
      previous = offset;
    }
    for (const { at } of changes) {
      const day = Math.floor(at / DAY_MS) * DAY_MS;
      for (let t = day - DAY_MS; t < day + 2 * DAY_MS; t += QUARTER) {
        const want = compare(t, t);
        compare(t, t + 1 + (((t / QUARTER) * 7919) % (QUARTER - 1)), want);
        compare(t, t + QUARTER - 1, want);
      }
    }
    changesFound.set(`${zone} ${from}`, changes);
    return { changes, wrong };
  }

  it.each(zones)('%s, every hour from %s to %s and every quarter hour around each change', (zone, from, to, count) => {
    const { changes, wrong } = walk(zone, from, to);
    expect(changes.length).toBeGreaterThanOrEqual(count);
    expect(wrong).toEqual([]);
  });

  it("reads a change inside a quarter hour from the next quarter hour, as before (St John's at 00:01 until 2011)", () => {
    const zone = 'America/St_Johns';
    expect(intlOffset(utc('2010-03-14T03:31:00Z'), zone)).toBe(-2.5 * HOUR_MS);
    expect(offsetAt(utc('2010-03-14T03:35:00Z'), zone)).toBe(-3.5 * HOUR_MS);
    expect(offsetAt(utc('2010-03-14T03:45:00Z'), zone)).toBe(-2.5 * HOUR_MS);
    const { changes, wrong } = walk(zone, '2010-01-01', '2011-01-01');
    expect(changes.map(({ at }) => new Date(at).toISOString())).toEqual(['2010-03-14T03:45:00.000Z', '2010-11-07T02:45:00.000Z']);
    expect(wrong).toEqual([]);
  });

  /** Local wall-clock times around each change, read as SPEC says, that parseTimestamp reads otherwise. */
  function misread(zone: string, from: string, to: string): string[] {
    const wrong: string[] = [];
    for (const { at, before, after } of changesFound.get(`${zone} ${from}`) ?? walk(zone, from, to).changes) {
      // Wall times from 2 hours before the earlier local reading of the change to 2 hours after the later.
      const first = at + Math.min(before, after) - 2 * HOUR_MS;
      const last = at + Math.max(before, after) + 2 * HOUR_MS;
      for (let wall = first; wall <= last; wall += QUARTER / 3) {
        // The earlier instant that reads `wall` on the clock; where none does (the gap), read with the offset before.
        const fits = [wall - before, wall - after].filter((t) => t + intlOffset(t, zone) === wall);
        const want = fits.length > 0 ? Math.min(...fits) : wall - before;
        const text = new Date(wall).toISOString().slice(0, 16);
        const got = parseTimestamp(text, zone);
        if (got !== want)
          wrong.push(`${text}: ${got === undefined ? 'undefined' : new Date(got).toISOString()} ≠ ${new Date(want).toISOString()}`);
        if (fits.length > 0 && localTimestamp(want, zone) !== text) wrong.push(`localTimestamp of ${text}: ${localTimestamp(want, zone)}`);
      }
    }
    return wrong;
  }

  // Lord Howe's and Kathmandu's gaps end inside an hour, Chatham and Auckland are more than 12 hours
  // ahead of UTC, and Apia skipped a day: each was misread near its changes until 2026-11-30.
  it.each(zones)('%s: local times in the spring gap, the autumn repeat and around them', (zone, from, to) => {
    expect(misread(zone, from, to)).toEqual([]);
  });

  it("Auckland's autumn repeat is read as its earlier instant, and Apia's skipped day with the offset before", () => {
    expect(new Date(parseTimestamp('2026-04-05T02:00', 'Pacific/Auckland')!).toISOString()).toBe('2026-04-04T13:00:00.000Z');
    expect(new Date(parseTimestamp('2011-12-30T12:00', 'Pacific/Apia')!).toISOString()).toBe('2011-12-30T22:00:00.000Z');
    expect(new Date(parseTimestamp('2026-10-04T02:40', 'Australia/Lord_Howe')!).toISOString()).toBe('2026-10-03T15:40:00.000Z');
  });
});

describe('offsetHolding: the offset, and the span it holds for, give the local time localTimestamp gives', () => {
  it.each([LONDON, 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Auckland'])('%s, around its changes in 2026', (zone) => {
    let spansEndingAtAChange = 0;
    for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 5 * HOUR_MS + 1234) {
      const held = offsetHolding(t, zone);
      expect(held.from).toBeLessThanOrEqual(t);
      expect(held.until).toBeGreaterThan(t);
      for (const u of [held.from, t, held.until - 1, Math.floor((t + held.until) / 2)]) {
        expect(new Date(u + held.offset).toISOString().slice(0, 16), new Date(u).toISOString()).toBe(localTimestamp(u, zone));
      }
      // It ends where the offset changes, or at the horizon (two days).
      if (held.until < held.from + 2 * 24 * HOUR_MS) {
        spansEndingAtAChange++;
        expect(offsetAt(held.until, zone)).not.toBe(held.offset);
      } else expect(held.until - held.from).toBe(2 * 24 * HOUR_MS);
    }
    expect(spansEndingAtAChange).toBeGreaterThan(2);
  });
});
