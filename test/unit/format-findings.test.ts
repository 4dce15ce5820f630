import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/format/checkReport.js';
import { formatCheckText } from '../../src/format/checkText.js';
import { FINDINGS_FORMATS } from '../../src/format/findingsFormats.js';
import { formatGithub } from '../../src/format/github.js';
import { formatJunit } from '../../src/format/junit.js';
import { PLAIN } from '../../src/format/registry.js';
import { expectGolden, TAGS } from '../helpers/golden.js';

/**
 * A small check report by hand: two errors and two warnings over three people and the home; one
 * person (p-nora) with nothing found; text that GitHub and XML must escape.
 */
function report(over: Partial<CheckReport> = {}): CheckReport {
  return {
    findings: [
      {
        rule: 'ack-missing',
        severity: 'warning',
        person: 'p-edith',
        file: 'people/p-edith/signoffs.yaml',
        line: 7,
        message: 's-kwame has not confirmed reading version 2 (signed off 2026-11-12T10:30; due within 72 hours)',
        fix: 's-kwame reads the plan and runs `careplan ack p-edith --as s-kwame`',
        due: '2026-11-15T10:30',
        subject: 's-kwame',
      },
      {
        rule: 'review-overdue',
        severity: 'error',
        person: 'p-arthur',
        file: 'people/p-arthur/plan.yaml',
        line: 1,
        message: 'plan review was due 2026-11-24 (28 days after 2026-10-27); 2 days overdue',
        fix: 'review the plan with p-arthur and record it: `careplan review p-arthur --kind plan`',
        due: '2026-11-24',
      },
      {
        rule: 'escalation-missing',
        severity: 'error',
        person: 'p-george',
        file: 'people/p-george/outcomes/2026-11.yaml',
        line: 400,
        message:
          '3 variations from the plan between 2026-11-14T12:45 and 2026-11-18T12:50 & no escalation to the "Registered Manager" <100%>',
        fix: 'raise it: `careplan escalate p-george --to <manager-id> --reason "..."`',
        due: '2026-11-19T12:50',
      },
      {
        rule: 'not-versioned',
        severity: 'warning',
        message: 'the records are not in a git repository, so there is no change trail of who changed what and when',
        fix: 'run `git init && git add -A && git commit -m "Care records"` in the records folder',
      },
    ],
    asOf: '2026-11-26T23:59:00.000Z',
    asOfLocal: '2026-11-26T23:59',
    people: ['p-arthur', 'p-edith', 'p-george', 'p-nora'],
    rules: { person: ['ack-missing', 'escalation-missing', 'review-overdue'], home: ['not-versioned', 'spotcheck-overdue'] },
    failOn: 'error',
    workTreePrefix: 'records/',
    ...over,
  };
}

describe('check formats', () => {
  it('the registry offers exactly the formats the CLI lists', () => {
    expect(Object.keys(FINDINGS_FORMATS)).toEqual(['text', 'json', 'github', 'junit']);
  });

  it('text: grouped by person, most urgent first, each finding with where and the fix', () => {
    expectGolden('check/text.txt', FINDINGS_FORMATS.text(report(), PLAIN));
  });

  it('text: colour marks severities, names and locations only', () => {
    expectGolden('check/text-colour.txt', formatCheckText(report(), { paint: TAGS, colour: true }));
  });

  it('text: nothing found is one quiet line, "1 person" in the singular', () => {
    expect(formatCheckText(report({ findings: [], people: ['p-nora'] }))).toBe(
      'No problems found: 1 person checked as of 2026-11-26T23:59.\n',
    );
  });

  it('json: summary counts and findings in file order, every key always in the same place', () => {
    expectGolden('check/findings.json', FINDINGS_FORMATS.json(report(), PLAIN));
  });

  it('github: an annotation per finding on its file in the work tree, data and properties escaped', () => {
    expectGolden('check/github.txt', formatGithub(report()));
  });

  it('github: records at the top of the work tree are named as they are', () => {
    const lines = formatGithub(report({ workTreePrefix: '' })).split('\n');
    expect(lines[1]).toMatch(/^::error file=people\/p-arthur\/plan.yaml,line=1,title=review-overdue \(p-arthur\)::/);
  });

  it('github: commas, colons and newlines cannot break out of an annotation', () => {
    const odd = report({
      findings: [{ rule: 'schema', severity: 'error', person: 'p-a', file: 'people/p-a/a,b:c.yaml', line: 3, message: 'first\nsecond\r' }],
    });
    expect(formatGithub(odd).split('\n')[0]).toBe(
      '::error file=records/people/p-a/a%2Cb%3Ac.yaml,line=3,title=schema (p-a)::first%0Asecond%0D',
    );
  });

  it('junit: a suite per person and the home, a case per rule, errors fail, warnings go to system-out', () => {
    const xml = formatJunit(report());
    expectGolden('check/junit.xml', xml);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = parsed.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: unknown }[];
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['home', '2', '0'],
      ['p-arthur', '3', '1'],
      ['p-edith', '3', '0'],
      ['p-george', '3', '1'],
      ['p-nora', '3', '0'],
    ]);
    expect(parsed.testsuites).toMatchObject({ name: 'careplan check', tests: '14', failures: '2', errors: '0' });
    const george = suites[3].testcase as { name: string; failure?: { message: string } }[];
    expect(george.find((c) => c.name === 'escalation-missing')!.failure!.message).toContain(
      '& no escalation to the "Registered Manager" <100%>',
    );
  });

  it('junit: --fail-on warning makes the warnings failures too; --person leaves out the home rules', () => {
    const xml = formatJunit(
      report({ failOn: 'warning', rules: { person: ['ack-missing', 'escalation-missing', 'review-overdue'], home: [] } }),
    );
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ tests: '13', failures: '4' });
    const home = parsed.testsuites.testsuite[0];
    expect(home).toMatchObject({ name: 'home', tests: '1', failures: '1' });
    expect(home.testcase.name).toBe('not-versioned');
  });
});
