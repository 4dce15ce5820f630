import { createHash } from 'node:crypto';
import { isCalendarDate, localTimestamp, parseTimestamp } from '../model/time.js';

/**
 * FHIR's primitive values from careplan's: stable resource ids, and dates and times with their
 * offset. Pure, and never the clock: the same records give the same bytes.
 */

/**
 * A UUID made from a seed (its SHA-256, shaped as a name-based UUID, RFC 9562 version 5 bits): the
 * same record gives the same id in every export, so a receiving system can match what it was sent
 * before, and two records never share one.
 */
export function stableUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const MINUTE = 60_000;

/** An instant as local time in `zone` with its offset and seconds: 2026-11-02T12:40:00+00:00 (FHIR dateTime and instant). */
export function instantText(ms: number, zone: string): string {
  const minute = Math.floor(ms / MINUTE) * MINUTE;
  const offset = Date.parse(`${localTimestamp(ms, zone)}:00Z`) - minute;
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / MINUTE;
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A record's timestamp (local time in `zone` unless it has an offset) as a FHIR dateTime; undefined if it is not one. */
export function fhirDateTime(value: string, zone: string): string | undefined {
  if (isCalendarDate(value)) return value;
  const ms = parseTimestamp(value, zone);
  return ms === undefined ? undefined : instantText(ms, zone);
}

/** Free text kept under `notes` (anything) as one string. */
export function notesText(notes: unknown): string | undefined {
  if (notes === undefined || notes === null) return undefined;
  const text = typeof notes === 'string' ? notes : JSON.stringify(notes);
  return text.trim() ? text.trim() : undefined;
}

/** The UTF-8 bytes of a text as base64 (FHIR base64Binary). */
export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
