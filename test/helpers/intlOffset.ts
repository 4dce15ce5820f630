/**
 * The offset of `zone` at instant `ms`, straight from Intl: the wall-clock fields there read as
 * UTC, less the instant. The tests' own reference for src/model/time.ts and src/localTime.ts,
 * written apart from them.
 */
const intlFormats = new Map<string, Intl.DateTimeFormat>();
export function intlOffset(ms: number, zone: string): number {
  let format = intlFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    intlFormats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second')) - ms;
}
