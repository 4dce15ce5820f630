import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { firstActingCharacter } from '../format/safeText.js';
import { idProblem } from '../model/ids.js';
import { isCalendarDate, localDate, localTimestamp, parseTimestamp } from '../model/time.js';
import type { PersonFolder, Workspace } from '../model/workspace.js';
import type { GlobalOptions } from './options.js';

/** Flags every command that records something takes. */
export interface WriteOptions extends GlobalOptions {
  /** When it happened (default now). */
  at?: string;
  /** false with --no-commit. */
  commit?: boolean;
}

/** commander accumulator for repeatable flags. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Values of a repeatable flag, each of which may also be a comma-separated list. */
export function listOf(values: string | readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  return (typeof values === 'string' ? [values] : values)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * `--at`: when the thing happened, written as local time YYYY-MM-DDTHH:MM in the provider's
 * timezone. A full timestamp (any offset), or HH:MM meaning today; default the clock. Never later
 * than the clock: a record says what has happened (SPEC 5.1).
 */
export function resolveAt(value: string | undefined, now: number, zone: string): { ms: number; text: string; date: string } {
  let ms: number | undefined = now;
  if (value !== undefined) {
    const today = /^\d{2}:\d{2}$/.test(value) ? `${localDate(now, zone)}T${value}` : value;
    ms = parseTimestamp(today, zone);
    if (ms === undefined) {
      const hint = isCalendarDate(value)
        ? `Add the time: --at ${value}T14:30.`
        : 'Use a local date and time such as 2026-11-02T12:40, or just 12:40 for today.';
      throw new UsageError(`--at "${value}" is not a date and time.`, hint);
    }
    // Whole minutes: --at 09:30 given at 09:30:20 is now, not the future.
    if (ms > now && localTimestamp(ms, zone) > localTimestamp(now, zone)) {
      const shown = (moment: number) => localTimestamp(moment, zone).replace('T', ' ');
      throw new UsageError(
        `--at ${shown(ms)} is later than now (${shown(now)}); a record says what has happened.`,
        'Record it once it has happened, or correct the date.',
      );
    }
  }
  return { ms, text: localTimestamp(ms, zone), date: localDate(ms, zone) };
}

/** A date flag (--admitted, --on): YYYY-MM-DD, default today. */
export function resolveDate(flag: string, value: string | undefined, now: number, zone: string): string {
  if (value === undefined) return localDate(now, zone);
  if (!isCalendarDate(value))
    throw new UsageError(`${flag} "${value}" is not a date.`, `Use YYYY-MM-DD, for example ${flag} ${localDate(now, zone)}.`);
  return value;
}

/** An id given on the command line, refused before it can become a path (../../etc and the like). */
export function checkId(value: string, what: string): string {
  const problem = idProblem(value, what);
  if (problem)
    throw new UsageError(
      `${problem}.`,
      `Ids name files and folders, so they are kept to that form; check the ${what} (\`careplan person list\`, \`careplan staff list\`).`,
    );
  return value;
}

/** The person's folder, or a usage error that says how to find or add them. */
export function personFolder(ws: Workspace, id: string): PersonFolder & { person: NonNullable<PersonFolder['person']> } {
  checkId(id, 'person id');
  const folder = ws.people.get(id);
  if (!folder?.person) {
    const present = folder?.presentFiles.has('person.yaml');
    throw new UsageError(
      present
        ? `people/${id}/person.yaml is not a valid record, so careplan cannot record for ${id}.`
        : `There is no person ${id} (no people/${id}/person.yaml).`,
      present
        ? `Run \`careplan validate people/${id}\` and correct it.`
        : `Check the id with \`careplan person list\`, or add them with \`careplan person add ${id}\`.`,
    );
  }
  return folder as PersonFolder & { person: NonNullable<PersonFolder['person']> };
}

/**
 * `key=value` pairs of a repeatable flag, in the order given: every one counts, so two
 * `--preference nutrition=…` both reach the record. Flags that allow one value per key (a goal's
 * `--trend`) use `onePerKey`.
 */
export function pairs(flag: string, values: readonly string[] | undefined): [string, string][] {
  return (values ?? []).map((value) => {
    const at = value.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} "${value}" is not KEY=VALUE.`, `For example ${flag} mob-indep=improving.`);
    return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
  });
}

/** `key=value` pairs where each key may be given once (--trend mob-indep=improving); a repeat is refused, not silently dropped. */
export function onePerKey(flag: string, values: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of pairs(flag, values)) {
    if (out.has(key)) {
      throw new UsageError(`${flag} gives ${key} twice ("${out.get(key)}" and "${value}").`, `Give one ${flag} for ${key}.`);
    }
    out.set(key, value);
  }
  return out;
}

/**
 * Free text going into a record: refused when it holds a control character (ESC, CR, a bidirectional
 * override…), which would act in every terminal and CI log that later shows it; a line break only
 * where `lineBreaks` (notes). `what` names the flag or argument.
 */
export function checkFreeText(what: string, text: string, lineBreaks = false): string {
  const acting = firstActingCharacter(text, lineBreaks);
  if (acting) {
    const kind = acting.shown === '\\n' ? 'a line break' : `a control character (${acting.shown})`;
    throw new UsageError(
      `${what} holds ${kind} at character ${acting.index + 1}: ` +
        'records keep text without control characters, which act as commands in the terminals and CI logs that show them.',
      `Give ${what} again without it${lineBreaks ? '' : ' (only --note may run over several lines)'}.`,
    );
  }
  return text;
}

/** Every value a write command was given (flags and arguments) passes checkFreeText; run by cli.ts before the handler. */
export function checkWriteArguments(cmd: Command, args: readonly unknown[]): void {
  for (const option of cmd.options) {
    const value: unknown = cmd.getOptionValue(option.attributeName());
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    for (const text of texts) checkFreeText(option.long ?? option.flags, text, option.attributeName() === 'note');
  }
  cmd.registeredArguments.forEach((argument, i) => {
    const value = args[i];
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    for (const text of texts) checkFreeText(`the ${argument.name()} argument`, text);
  });
}
