import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAsOf } from '../../src/model/time.js';
import { loadWorkspace } from '../../src/repo/loader.js';
import { dueItems } from '../../src/rules/due.js';
import { REGISTRY, RULES, ruleTable, severityOf, idsAbout, type RuleInfo } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/rule.js';
import { home, load } from '../helpers/care.js';
import { asOf } from '../helpers/memory.js';
import { EXAMPLE } from '../helpers/repo.js';
import { judgeVetted } from '../helpers/rules.js';

/** src/rules/registry.ts: every rule id, declared once by the rule that reports it, documented in docs/rules.md. */

const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');

/** The "All rules at a glance" row a rule id must have. */
const rowOf = (r: RuleInfo) => `| [${r.id}](#${r.docs}) | ${r.severity} | ${r.scope} | ${r.due ?? ''} |`;

describe('the registry', () => {
  it('declares each id once, with its rule', () => {
    expect(RULES.size).toBe(REGISTRY.reduce((n, rule) => n + Object.keys(rule.meta).length, 0));
    for (const rule of REGISTRY) for (const id of Object.keys(rule.meta)) expect(RULES.get(id)?.rule).toBe(rule);
  });
  it('refuses an id declared by two rules', () => {
    const twice: Rule = { name: 'copy', scope: 'person', meta: { 'plan-due': { severity: 'error', docs: 'x' } }, check: () => [] };
    expect(() => ruleTable([...REGISTRY, twice])).toThrow('rule id plan-due is registered twice (by plan and copy)');
  });
  it('ids are lowercase words joined by hyphens, and every rule has a name of its own', () => {
    for (const id of RULES.keys()) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(REGISTRY.map((r) => r.name)).size).toBe(REGISTRY.length);
  });
  it('home rules are about the home unless they say otherwise; record and person rules are about people', () => {
    expect(idsAbout('home').sort()).toEqual([
      'audit-action-overdue',
      'audit-missing',
      'not-versioned',
      'spotcheck-overdue',
      'supervision-overdue',
      'uncommitted',
      'unexpected-file',
    ]);
    expect(RULES.get('role-mismatch')).toMatchObject({ scope: 'home', about: 'person' });
    expect(idsAbout('person').length + idsAbout('home').length).toBe(RULES.size);
  });
  it('severityOf: the declared severity, nothing for an id no rule reports (a saved audit of an older version)', () => {
    expect(severityOf('plan-unsigned')).toBe('error');
    expect(severityOf('plan-due')).toBe('warning');
    expect(severityOf('no-such-rule')).toBeUndefined();
  });
});

describe('every finding carries an id its own rule declares, with the declared severity', () => {
  // judgeVetted runs each rule on its own; the care and record rule tests do the same on every fixture.
  const ws = loadWorkspace(EXAMPLE);
  for (const when of ['2026-09-20', '2026-10-05', '2026-11-26', '2026-12-20', '2027-03-01']) {
    it(`on the example, as of ${when}`, () => {
      const findings = judgeVetted(ws, parseAsOf(when, ws.timezone)!, { versioning: { kind: 'git', changed: ['staff/s-ben.yaml'] } });
      expect(findings.length).toBeGreaterThan(0);
    });
  }
  it('outside git', () => {
    const findings = judgeVetted(ws, parseAsOf('2026-11-26', ws.timezone)!, { versioning: { kind: 'none' } });
    expect(findings.map((f) => f.rule)).toContain('not-versioned');
  });
});

describe('careplan due reads what each id adds from the registry', () => {
  it('a task id lists under its words; an id with none is not listed', () => {
    const h = home()
      .assess('2026-11-01T10:00', { needs: ['mobility'] })
      .plan({ needs: [{ need: 'mobility', actions: [], goals: [] }] });
    // Due now: sign-off by 2026-11-03T10:00 (plan-due); by the horizon it is overdue (plan-unsigned).
    const items = dueItems(load(h), asOf('2026-11-02'), 7);
    expect(items.map((i) => [i.rule, i.what])).toEqual([
      ['plan-unsigned', 'sign off the care plan'],
      ['plan-due', 'write or sign off the care plan'],
    ]);
    // need-unaddressed and goal-missing are found too, but are no task with a date.
    expect(RULES.get('need-unaddressed')!.due).toBeUndefined();
  });
});

describe('docs/rules.md and the registry agree', () => {
  const glance = DOC.slice(DOC.indexOf('| rule | severity | judged |'));
  const rows = glance.slice(0, glance.indexOf('\n\n')).split('\n').slice(2);
  const sections = DOC.split(/^### /m)
    .slice(1)
    .map((text) => {
      const heading = text.split('\n')[0];
      return { heading, anchor: anchorOf(heading), ids: heading.split(' / '), text };
    });

  it('"All rules at a glance" has one row per id: its docs anchor, severity, scope and what it adds to due', () => {
    expect([...rows].sort(), 'rows missing from or extra in docs/rules.md').toEqual([...RULES.values()].map(rowOf).sort());
  });
  it('each id has its section at its docs anchor, giving its severity', () => {
    for (const rule of RULES.values()) {
      const section = sections.find((s) => s.anchor === rule.docs);
      expect(section, `docs/rules.md has no section #${rule.docs} (for ${rule.id})`).toBeDefined();
      expect(section!.ids, `section #${rule.docs} names ${rule.id}`).toContain(rule.id);
      const { text } = section!;
      // A section for one id says **warning**; a section for two says `plan-missing: error · plan-due: warning`.
      const named =
        text.includes(`${rule.id}: ${rule.severity}`) || (!text.includes(`${rule.id}: `) && text.includes(`**${rule.severity}**`));
      expect(named, `docs/rules.md gives ${rule.id} severity ${rule.severity}`).toBe(true);
    }
  });
  it('documents no rule that is not registered', () => {
    const documented = new Set(sections.flatMap((s) => s.ids));
    expect(
      [...documented].filter((id) => !RULES.has(id)),
      'sections for ids no rule reports',
    ).toEqual([]);
  });
});
