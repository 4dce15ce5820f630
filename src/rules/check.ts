import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/workspace.js';
import { personFolderOfPath } from '../model/layout.js';
import { withoutLines } from '../model/positions.js';
import { freshClocks, ruleContext, type RuleContext, type Versioning } from './context.js';
import { REGISTRY, RULES } from './registry.js';
import type { Rule, Scope } from './rule.js';

export { activePeople } from './context.js';

export interface JudgeOptions {
  /** Git's state of the records folder; without it `uncommitted` and `not-versioned` are not judged. */
  versioning?: Versioning;
  /** Only the rules of these scopes. */
  scopes?: readonly Scope[];
  /** Only these rules (default: the registry). */
  rules?: readonly Rule[];
  /** The real clock, for future-date (default: as-of, the same moment when judging the present). */
  now?: number;
}

/**
 * The registry's rules as of one moment: record rules over every record, person rules for each
 * active person (discharged people get only the record rules), home rules once.
 */
export function judge(ws: Workspace, asOf: number, options: JudgeOptions = {}): Finding[] {
  return judgeHolding(ws, asOf, options).findings;
}

/** Findings, and how long they hold. */
export interface Judged {
  findings: Finding[];
  /**
   * The findings are the same judged at any moment from as-of up to (not including) this one, as
   * of that moment and with now at that moment (judging the present); Infinity when no later
   * moment changes them. What the rules asked of the clock decides it (model/clock.ts).
   */
  until: number;
  /**
   * How long each person's own findings hold (those partitionOf gives them), for every person
   * whose records were judged: what the person rules asked about them, and what the record and
   * home rules asked about anyone. Never later than `until` for the findings as a whole.
   */
  spans: Map<string, number>;
}

/** `judge`, saying how long its findings hold (what `careplan check` keeps between runs). */
export function judgeHolding(ws: Workspace, asOf: number, options: JudgeOptions = {}): Judged {
  const ctx = ruleContext(ws, asOf, options.versioning, options.now);
  const rules = (options.rules ?? REGISTRY).filter((r) => !options.scopes || options.scopes.includes(r.scope));
  const findings: Finding[] = [];
  for (const rule of rules) if (rule.scope === 'record') findings.push(...rule.check(ctx));
  const personRules = rules.filter((r) => r.scope === 'person');
  // Each person is judged with clocks of their own, so that how long their findings hold is what
  // was asked about them (a deadline of one person's does not cut everyone's short).
  const personUntil = new Map<string, number>();
  if (personRules.length) {
    for (const folder of ws.people.values()) {
      if (!ctx.active.has(folder.id)) continue;
      const own: RuleContext = { ...ctx, ...freshClocks(ctx.zone, asOf, options.now) };
      for (const rule of personRules) findings.push(...rule.check(own, folder));
      personUntil.set(folder.id, Math.min(own.asOf.until, own.now.until));
    }
  }
  for (const rule of rules) if (rule.scope === 'home') findings.push(...rule.check(ctx));
  const shared = Math.min(ctx.asOf.until, ctx.now.until);
  const spans = new Map<string, number>();
  let until = shared;
  for (const id of ws.people.keys()) {
    const span = Math.min(shared, personUntil.get(id) ?? Number.POSITIVE_INFINITY);
    spans.set(id, span);
    if (span < until) until = span;
  }
  return { findings, until, spans };
}

/**
 * Whose a finding is, for keeping it with a person's records (repo/personResults.ts): the person
 * whose folder holds its file, else the person it names, when either is one of `folders`; else
 * the home's (undefined), as is every finding the home's rules make about the home. A person's
 * findings depend on their own folder and the home's records only, never on anyone else's folder
 * (test/unit/person-partitions.test.ts holds the rules to it).
 */
export function partitionOf(f: Finding, folders: ReadonlySet<string>): string | undefined {
  // The home's rules' findings about the home are the home's (uncommitted names the first file
  // changed, wherever it is). A record's (unexpected-file) is where its file is.
  const rule = RULES.get(f.rule);
  if (rule?.scope === 'home' && rule.about === 'home') return undefined;
  const folder = f.file === undefined ? undefined : personFolderOfPath(f.file);
  if (folder !== undefined) return folders.has(folder) ? folder : undefined;
  return f.person !== undefined && folders.has(f.person) ? f.person : undefined;
}

/** What `careplan check` reports: every rule. */
export function checkRules(ws: Workspace, asOf: number, versioning?: Versioning): Finding[] {
  return judge(ws, asOf, { versioning });
}

/**
 * The person rules for one person (none unless they are active), as of one moment. With
 * `lines: false` the findings carry no line, and no file is parsed again to find one: for a
 * write's warnings, which say a finding's words and not where it is.
 */
export function judgePerson(ws: Workspace, personId: string, asOf: number, { lines = true } = {}): Finding[] {
  const ctx = ruleContext(ws, asOf);
  const folder = ws.people.get(personId);
  if (!folder || !ctx.active.has(personId)) return [];
  const judge = () => REGISTRY.flatMap((rule) => (rule.scope === 'person' ? rule.check(ctx, folder) : []));
  return lines ? judge() : withoutLines(judge);
}

/**
 * The findings of `after` that `before` did not have: new ones, and ones whose message changed
 * (a count that grew). Findings that went away are not listed.
 */
export function findingsAdded(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.rule}\u0000${f.person ?? ''}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.message}`;
  // Counted, not just seen: judged without lines, two findings alike but for their line are one key.
  const seen = new Map<string, number>();
  for (const f of before) seen.set(key(f), (seen.get(key(f)) ?? 0) + 1);
  return after.filter((f) => {
    const left = seen.get(key(f)) ?? 0;
    seen.set(key(f), left - 1);
    return left <= 0;
  });
}
