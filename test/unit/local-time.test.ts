import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { dateOffset, localTimeDone, machineTimeZone, useDateOffsets } from '../../src/localTime.js';
import { HOUR_MS, offsetAt } from '../../src/model/time.js';
import { childEnvironment, withEnvironment } from '../../src/repo/childEnvironment.js';
import { intlOffset } from '../helpers/intlOffset.js';

/**
 * src/localTime.ts: the CLI reads zone offsets from Date's local time, with TZ set to the zone,
 * where Date gives what Intl gives; git is given the machine's TZ, and a command's end puts TZ back.
 */

const QUARTER = 900_000;
const utc = (iso: string) => Date.parse(iso);
const savedTz = process.env.TZ;
afterEach(() => {
  localTimeDone();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe("Date's local time against Intl", () => {
  it('gives the same offset in every zone ICU lists, at quarter hours from 1900 to 2200', () => {
    const wrong: string[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const to = utc('2200-01-01T00:00:00Z');
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (let i = 0; i < 40; i++) {
        // Half the instants since 1990, where records are; the rest over the whole span.
        const from = utc(i % 2 ? '1990-01-01T00:00:00Z' : '1900-01-01T00:00:00Z');
        const ms = Math.floor((from + next() * (to - from)) / QUARTER) * QUARTER;
        if (dateOffset(ms, zone) !== intlOffset(ms, zone)) wrong.push(`${zone} ${new Date(ms).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['Europe/London', '2026-03-29', '2026-10-25'],
    ['Australia/Lord_Howe', '2026-04-05', '2026-10-04'], // half-hour summer time
    ['Pacific/Chatham', '2026-04-05', '2026-09-27'], // +12:45 and +13:45
    ['Pacific/Apia', '2011-12-29', '2011-12-31'], // a day skipped
    ['Asia/Katmandu', '1985-12-31', '1986-01-01'], // +5:30 to +5:45 (ICU lists Kathmandu by its old name)
    ['Africa/Casablanca', '2026-02-15', '2026-03-22'], // an hour back for Ramadan
  ])('gives the same offset every quarter hour of the days around %s changes (%s, %s)', (zone, ...days) => {
    const wrong: string[] = [];
    for (const day of days) {
      for (let ms = utc(`${day}T00:00:00Z`) - 2 * 24 * HOUR_MS; ms < utc(`${day}T00:00:00Z`) + 2 * 24 * HOUR_MS; ms += QUARTER)
        if (dateOffset(ms, zone) !== intlOffset(ms, zone)) wrong.push(new Date(ms).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('leaves to Intl a zone ICU does not list by that name, and years outside 1900–2200, and does not touch TZ', () => {
    process.env.TZ = 'America/Lima';
    for (const [ms, zone] of [
      [utc('2026-07-01T12:00:00Z'), 'UTC'],
      [utc('2026-07-01T12:00:00Z'), 'europe/london'],
      [utc('1899-12-31T12:00:00Z'), 'Europe/London'],
      [utc('2200-01-01T00:00:00Z'), 'Europe/London'],
    ] as const) {
      expect(dateOffset(ms, zone), `${zone} ${ms}`).toBeUndefined();
    }
    expect(process.env.TZ).toBe('America/Lima');
    expect(machineTimeZone()).toEqual({ changed: false });
  });
});

describe('TZ while a command runs, and after', () => {
  it("is the home's zone in this process, the machine's for git, and the machine's again at the end", () => {
    process.env.TZ = 'America/Lima';
    useDateOffsets();
    // A quarter hour no test has asked offsetAt for, so the reader is asked.
    expect(offsetAt(utc('2031-07-01T12:15:00Z') + 7 * QUARTER, 'Europe/London')).toBe(HOUR_MS);
    expect(process.env.TZ).toBe('Europe/London');
    expect(machineTimeZone()).toEqual({ changed: true, value: 'America/Lima' });
    expect(childEnvironment().TZ).toBe('America/Lima');
    // A command given its own environment (in-process tests) passes on that environment's TZ as it is.
    expect(withEnvironment({ TZ: 'Pacific/Fiji' }, () => childEnvironment()).TZ).toBe('Pacific/Fiji');
    localTimeDone();
    expect(process.env.TZ).toBe('America/Lima');
    expect(machineTimeZone()).toEqual({ changed: false });
    // Intl answers once the command is done: TZ stays as it is.
    expect(offsetAt(utc('2031-07-01T12:15:00Z') + 11 * QUARTER, 'Europe/London')).toBe(HOUR_MS);
    expect(process.env.TZ).toBe('America/Lima');
  });

  it('unset before, unset after, and unset for git', () => {
    delete process.env.TZ;
    useDateOffsets();
    expect(offsetAt(utc('2031-08-01T12:15:00Z') + 3 * QUARTER, 'Europe/London')).toBe(HOUR_MS);
    expect(process.env.TZ).toBe('Europe/London');
    expect('TZ' in childEnvironment()).toBe(false);
    localTimeDone();
    expect('TZ' in process.env).toBe(false);
  });

  it('a worker thread, whose TZ changes nothing, is answered by Intl', async () => {
    // dist/ is built before the tests (test/setup/dist.ts). The process's zone is Tokyo: a worker
    // that read Date's local time would answer +9 hours for London in July.
    const localTime = new URL('../../dist/localTime.js', import.meta.url).href;
    const time = new URL('../../dist/model/time.js', import.meta.url).href;
    process.env.TZ = 'Asia/Tokyo';
    const answer = await new Promise((resolve, reject) => {
      const worker = new Worker(
        `Promise.all([import(${JSON.stringify(localTime)}), import(${JSON.stringify(time)})]).then(([l, t]) => {
           l.useDateOffsets();
           const july = Date.UTC(2033, 6, 1, 12);
           const answer = [l.dateOffset(july, 'Europe/London') ?? null, t.offsetAt(july, 'Europe/London')];
           require('node:worker_threads').parentPort.postMessage(answer);
         })`,
        { eval: true },
      );
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(answer).toEqual([null, HOUR_MS]);
  });
});
