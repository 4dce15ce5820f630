import { createHash } from 'node:crypto';
import type { Finding } from '../model/findings.js';
import { personFolderOfPath } from '../model/layout.js';
import { resultCache, untilAsJson, untilFromJson } from './checkResult.js';

/**
 * Each person's findings, kept by `careplan check` with what they were judged from and how long
 * they hold, so that after a change to some people's records (a new outcome entry) check reads and
 * judges only those people's folders and the home's own records, and takes everyone else's findings
 * as it kept them. What makes that sound (checked by test/unit/person-partitions.test.ts):
 *
 * - a person's findings (rules/check.ts partitionOf) depend only on their own folder, the home's
 *   records (careplan.yaml, staff, spot checks, feedback, audits, supervisions), careplan's code
 *   and the clock: never on another person's folder, nor on what git says is uncommitted;
 * - the home's findings are judged afresh every time. What they ask of people whose records are
 *   not read (whether anyone is active, when plans were first signed off, the earliest record) is
 *   kept here with each person (Workspace.unread), and which people have a person.yaml comes from
 *   the folder listing, which is always complete.
 *
 * So a person's kept findings are used when the home's records and careplan are as they were, the
 * person's folder is as it was (every file's path and blob id, every link), and the moment is
 * within the span they were judged to hold for. Kept next to the home's findings (checkResult.ts),
 * sealed the same way: a damaged or foreign file is ignored, never trusted.
 */
export interface KeptPerson {
  /** The fingerprint of the person's folder. */
  print: string;
  /** Judged at; held until (exclusive; Infinity when nothing later changes them). */
  from: number;
  until: number;
  findings: Finding[];
  /** Active (their care judged by the person rules). */
  active: boolean;
  /** Their authorised sign-offs' instants, oldest first. */
  signoffs: number[];
  /** Their records' earliest event date. */
  earliest?: string;
}

/** Fingerprints of what the findings depend on: the home's part (with careplan's code) and each person's folder. */
export interface Prints {
  home: string;
  people: Map<string, string>;
}

const GROUP = 'people';

/**
 * Fingerprints from `lines` ("path NUL blob id" for every listed file, sorted by path, as
 * checkResult.ts's blobLines makes them) and the listing's links: a file or link under
 * people/<id>/ is that person's; everything else, with `program` (careplan's code), is the home's.
 */
export function printsOf(program: string, lines: readonly string[], links: readonly string[]): Prints {
  const home = createHash('sha1').update(`${program}\0`);
  const people = new Map<string, ReturnType<typeof createHash>>();
  const hashFor = (file: string) => {
    const id = personFolderOfPath(file);
    if (id === undefined) return home;
    let hash = people.get(id);
    if (!hash) people.set(id, (hash = createHash('sha1')));
    return hash;
  };
  // The lines are sorted by path, so each person's come together: hashed a run at a time.
  for (let start = 0; start < lines.length; ) {
    const id = personFolderOfPath(lines[start]);
    let end = start + 1;
    if (id !== undefined) {
      const prefix = `people/${id}/`;
      while (end < lines.length && lines[end].startsWith(prefix)) end++;
    }
    hashFor(lines[start]).update(`${lines.slice(start, end).join('\n')}\n`);
    start = end;
  }
  // Links as JSON: a name may hold a newline.
  for (const link of links) hashFor(link).update(`\0link\0${JSON.stringify(link)}`);
  return { home: home.digest('hex'), people: new Map([...people].map(([id, hash]) => [id, hash.digest('hex')])) };
}

/**
 * The people whose kept findings hold at `now` for these fingerprints: none when the home's part
 * differs (every person is judged afresh).
 */
export function keptPeople(gitDir: string, prints: Prints, now: number): Map<string, KeptPerson> {
  const held = new Map<string, KeptPerson>();
  const kept = resultCache(gitDir).read(GROUP) as { home?: unknown; people?: unknown };
  if (kept.home !== prints.home || kept.people === null || typeof kept.people !== 'object') return held;
  for (const [id, value] of Object.entries(kept.people as Record<string, unknown>)) {
    const person = soundPerson(value);
    if (!person || prints.people.get(id) !== person.print) continue;
    if (now < person.from || now >= person.until) continue;
    held.set(id, person);
  }
  return held;
}

/** A kept person as written, or undefined when any part is missing or of the wrong type. */
function soundPerson(value: unknown): KeptPerson | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const until = untilFromJson(v.until);
  if (typeof v.print !== 'string' || typeof v.from !== 'number' || until === undefined) return undefined;
  if (!Array.isArray(v.findings) || typeof v.active !== 'boolean' || !Array.isArray(v.signoffs)) return undefined;
  if (!v.signoffs.every((t) => typeof t === 'number') || (v.earliest !== undefined && typeof v.earliest !== 'string')) return undefined;
  return {
    print: v.print,
    from: v.from,
    until,
    findings: v.findings as Finding[],
    active: v.active,
    signoffs: v.signoffs as number[],
    earliest: v.earliest as string | undefined,
  };
}

/** Keeps every person's findings for the home's fingerprint `home`; one that cannot be written is no error. */
export function keepPeople(gitDir: string, home: string, people: ReadonlyMap<string, KeptPerson>): void {
  const entries: Record<string, unknown> = {};
  for (const [id, p] of people) entries[id] = { ...p, until: untilAsJson(p.until) };
  try {
    resultCache(gitDir).write(
      GROUP,
      new Map([
        ['home', JSON.stringify(home)],
        ['people', JSON.stringify(entries)],
      ]),
    );
  } catch {
    // Not kept: the next check judges everyone afresh.
  }
}
