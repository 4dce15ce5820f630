import { byFileAndLine, type Finding } from '../model/findings.js';
import { authorisedSignoffs } from '../model/planState.js';
import type { UnreadPeople, Workspace } from '../model/workspace.js';
import { programIdentity, surveyLines } from '../repo/checkResult.js';
import { keepPeople, keptPeople, printsOf, type KeptPerson, type Prints } from '../repo/personResults.js';
import type { Survey } from '../repo/survey.js';
import { earliestInFolder } from '../rules/care/governance.js';
import { activePeople, partitionOf, type Judged } from '../rules/check.js';

/** What `careplan check` can take as kept (repo/personResults.ts) rather than read and judge again. */
export interface Reuse {
  prints: Prints;
  /** The people whose kept findings hold now. */
  held: Map<string, KeptPerson>;
  /** What the loader leaves unread, and what the home's rules need of it; undefined when everyone is read. */
  unread?: { people: ReadonlySet<string>; facts: UnreadPeople };
}

/** The people whose kept findings hold at `now` for the records the survey found. */
export function reusable(survey: Survey, gitDir: string, now: number): Reuse {
  const prints = printsOf(programIdentity(), surveyLines(survey), survey.listing.links);
  const held = keptPeople(gitDir, prints, now);
  return { prints, held, unread: held.size ? { people: new Set(held.keys()), facts: unreadFacts(held.values()) } : undefined };
}

/** What the home's rules need of the held people (Workspace.unread). */
export function unreadFacts(held: Iterable<KeptPerson>): UnreadPeople {
  const facts: UnreadPeople = { active: 0, signoffs: [] };
  for (const person of held) {
    if (person.active) facts.active++;
    facts.signoffs.push(...person.signoffs);
    if (person.earliest && (!facts.earliest || person.earliest < facts.earliest)) facts.earliest = person.earliest;
  }
  return facts;
}

/**
 * The findings judged now, with the held people's kept findings in place of any about them (the
 * load still reports links in their folders), in one order whichever way they came; how long they
 * all hold; and who is active, sorted.
 */
export function merged(
  ws: Workspace,
  judged: Judged,
  held: ReadonlyMap<string, KeptPerson> | undefined,
  activeRead: ReadonlySet<string>,
): { findings: Finding[]; until: number; active: string[] } {
  const active = new Set(activeRead);
  let findings = judged.findings;
  let until = judged.until;
  if (held?.size) {
    const folders = new Set(ws.people.keys());
    findings = findings.filter((f) => {
      const whose = partitionOf(f, folders);
      return whose === undefined || !held.has(whose);
    });
    for (const [id, person] of held) {
      findings.push(...person.findings);
      if (person.until < until) until = person.until;
      if (person.active) active.add(id);
    }
  }
  return { findings: [...findings].sort(inOneOrder), until, active: [...active].sort() };
}

/** By file and line, then by everything a finding says: the same order however the findings were gathered. */
function inOneOrder(a: Finding, b: Finding): number {
  const by = byFileAndLine(a, b);
  if (by) return by;
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Keeps each person's findings: those held as they were, everyone read now as judged now. */
export function keep(gitDir: string, reuse: Reuse, ws: Workspace, judged: Judged, now: number): void {
  keepPeople(gitDir, reuse.prints.home, personParts(ws, judged, now, reuse.prints.people, reuse.held));
}

/**
 * Each person's part of a judgement made at `now`: `held` as they are, and everyone whose records
 * were read with their findings, how long those hold, and the facts the home's rules ask of them.
 */
export function personParts(
  ws: Workspace,
  judged: Judged,
  now: number,
  prints: ReadonlyMap<string, string>,
  held: ReadonlyMap<string, KeptPerson>,
): Map<string, KeptPerson> {
  const people = new Map(held);
  const folders = new Set(ws.people.keys());
  const theirs = new Map<string, Finding[]>();
  for (const f of judged.findings) {
    const whose = partitionOf(f, folders);
    if (whose === undefined || held.has(whose)) continue;
    const list = theirs.get(whose);
    if (list) list.push(f);
    else theirs.set(whose, [f]);
  }
  const active = activePeople(ws);
  for (const folder of ws.people.values()) {
    const print = prints.get(folder.id);
    const until = judged.spans.get(folder.id);
    if (held.has(folder.id) || print === undefined || until === undefined || until <= now + 1) continue;
    people.set(folder.id, {
      print,
      from: now,
      until,
      findings: theirs.get(folder.id) ?? [],
      active: active.has(folder.id),
      signoffs: authorisedSignoffs(ws, folder).map((s) => s.at),
      earliest: earliestInFolder(folder, ws.timezone),
    });
  }
  return people;
}
