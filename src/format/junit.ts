import type { FailOn, Finding } from '../model/findings.js';
import type { CheckReport } from './checkReport.js';
import { xmlText } from './safeText.js';
import { compareText } from '../model/textOrder.js';

const attribute = (s: string) => xmlText(s, true);

function failsAt(f: Finding, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return failOn === 'warning' || f.severity === 'error';
}

/**
 * JUnit XML: a test suite per person (and one for the home), a test case per rule. A finding at or
 * above --fail-on is a failure; a warning below it is written to the case's system-out.
 */
export function formatJunit(report: CheckReport): string {
  const { findings, people, rules, failOn, asOf } = report;
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.person ?? 'home'}\u0000${f.rule}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const suites = [...new Set(['home', ...people, ...findings.map((f) => f.person ?? 'home')])].sort((a, b) =>
    a === 'home' ? -1 : b === 'home' ? 1 : compareText(a, b),
  );
  let totalTests = 0;
  let totalFailures = 0;
  const body: string[] = [];
  for (const suite of suites) {
    const cases: string[] = [];
    let failures = 0;
    const suiteRules = [
      ...new Set([
        ...(suite === 'home' ? rules.home : rules.person),
        ...findings.filter((f) => (f.person ?? 'home') === suite).map((f) => f.rule),
      ]),
    ].sort();
    for (const rule of suiteRules) {
      const found = byKey.get(`${suite}\u0000${rule}`) ?? [];
      const failing = found.filter((f) => failsAt(f, failOn));
      const passing = found.filter((f) => !failsAt(f, failOn));
      let inner = '';
      if (failing.length) {
        failures++;
        const text = failing
          .map((f) => `${f.file ?? ''}${f.line ? `:${f.line}` : ''} ${f.message}${f.fix ? `\nfix: ${f.fix}` : ''}`)
          .join('\n');
        inner += `<failure type="${attribute(rule)}" message="${attribute(failing[0].message)}">${xmlText(text)}</failure>`;
      }
      if (passing.length) inner += `<system-out>${xmlText(passing.map((f) => `${f.severity}: ${f.message}`).join('\n'))}</system-out>`;
      const close = inner ? `>${inner}</testcase>` : ' />';
      cases.push(`    <testcase classname="careplan.${attribute(suite)}" name="${attribute(rule)}"${close}`);
    }
    totalTests += suiteRules.length;
    totalFailures += failures;
    const counts = `tests="${suiteRules.length}" failures="${failures}" errors="0" skipped="0"`;
    body.push(`  <testsuite name="${attribute(suite)}" ${counts} timestamp="${attribute(asOf)}">`, ...cases, '  </testsuite>');
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="careplan check" tests="${totalTests}" ` +
    `failures="${totalFailures}" errors="0">\n${body.join('\n')}\n</testsuites>\n`
  );
}
