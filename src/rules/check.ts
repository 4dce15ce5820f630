import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/workspace.js';
import { ruleContext, type Versioning } from './context.js';
import { REGISTRY } from './registry.js';
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
}

/** `judge`, saying how long its findings hold (what `careplan check` keeps between runs). */
export function judgeHolding(ws: Workspace, asOf: number, options: JudgeOptions = {}): Judged {
  const ctx = ruleContext(ws, asOf, options.versioning, options.now);
  const rules = (options.rules ?? REGISTRY).filter((r) => !options.scopes || options.scopes.includes(r.scope));
  const findings: Finding[] = [];
  for (const rule of rules) if (rule.scope === 'record') findings.push(...rule.check(ctx));
  const personRules = rules.filter((r) => r.scope === 'person');
  if (personRules.length) {
    for (const folder of ws.people.values()) {
      if (!ctx.active.has(folder.id)) continue;
      for (const rule of personRules) findings.push(...rule.check(ctx, folder));
    }
  }
  for (const rule of rules) if (rule.scope === 'home') findings.push(...rule.check(ctx));
  return { findings, until: Math.min(ctx.asOf.until, ctx.now.until) };
}

/** What `careplan check` reports: every rule. */
export function checkRules(ws: Workspace, asOf: number, versioning?: Versioning): Finding[] {
  return judge(ws, asOf, { versioning });
}

/** The person rules for one person (none unless they are active), as of one moment. */
export function judgePerson(ws: Workspace, personId: string, asOf: number): Finding[] {
  const ctx = ruleContext(ws, asOf);
  const folder = ws.people.get(personId);
  if (!folder || !ctx.active.has(personId)) return [];
  return REGISTRY.flatMap((rule) => (rule.scope === 'person' ? rule.check(ctx, folder) : []));
}

/**
 * The findings of `after` that `before` did not have: new ones, and ones whose message changed
 * (a count that grew). Findings that went away are not listed.
 */
export function findingsAdded(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.rule}\u0000${f.person ?? ''}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.message}`;
  const seen = new Set(before.map(key));
  return after.filter((f) => !seen.has(key(f)));
}
