import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSource, axeViolations, hasChromium, OVERFLOW, type PageVisit, printableWidthPx, visit } from '../helpers/chromium.js';
import { careplan, EXAMPLE, removeDir, tempDir } from '../helpers/repo.js';

/**
 * The November example audit as an inspector gets it (issue 10): printed on A4 portrait in real
 * headless Chromium, read back from the PDF with pdftotext, and checked with axe-core. `.ci/run`
 * installs Debian's chromium and poppler-utils, so in CI these run rather than skip.
 */

const PDFTOTEXT = '/usr/bin/pdftotext';
const canPrint = hasChromium && existsSync(PDFTOTEXT);
const dir = tempDir('careplan-audit-print-');
afterAll(() => removeDir(dir));

/** The page's own margins are 12 mm each side. */
const PRINTABLE_PX = printableWidthPx(12);

const AXE = axeViolations(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);

interface Figure {
  kind: string;
  unit: string | null;
  value: unknown;
  numerator: number | null;
  denominator: number | null;
  id: string;
}

/**
 * What a measure's figure must read as in the printed text: its n/N, or its value and unit. A
 * median's value and its "(median of N)" may sit on two lines of a cell, which the text layer
 * interleaves with the next cell's, so they are looked for apart.
 */
function expectedTexts(m: Figure): string[] {
  if (m.kind === 'ratio' || (m.kind === 'count' && m.denominator !== null))
    return [`${m.kind === 'ratio' ? m.numerator : m.value} of ${m.denominator}`];
  if (m.kind === 'median') return m.value === null ? ['– (none)'] : [`${m.value} ${m.unit}`, `(median of ${m.denominator})`];
  return [m.unit ? `${m.value} ${m.unit}` : String(m.value)];
}

const file = path.join(dir, 'audit-2026-11.html');
const pdf = path.join(dir, 'audit-2026-11.pdf');
/** Chromium on a busy machine: a visit may take a while. */
const BROWSER_MS = 120_000;
let printed: PageVisit;
let json: {
  sections: { metrics: Figure[] }[];
  needsAction: { person: string | null; rule: string; due: string }[];
  actions: { earlier: { audit: string; number: number }[] };
};

beforeAll(async () => {
  const args = ['audit', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--month', '2026-11'];
  expect((await careplan([...args, '--out', file])).exitCode).toBe(0);
  json = JSON.parse((await careplan([...args, '--format', 'json'])).stdout);
  // Printed once: the page as printed at the printable width, and the A4 PDF the other tests read.
  if (canPrint) printed = await visit(file, OVERFLOW, { width: PRINTABLE_PX, media: 'print', pdfFile: pdf });
}, BROWSER_MS);

describe.skipIf(!canPrint)('the November example audit printed on A4 in headless Chromium', () => {
  it('fits the printable width: no element is wider than the page, and no table cell spills its content', () => {
    expect(printed.problems).toEqual([]);
    expect(JSON.parse(printed.result as string)).toEqual([]);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it("every measure's n/N is in the printed text; page 1 holds each finding, last audit's actions and the sign-off", () => {
    const text = execFileSync(PDFTOTEXT, [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const measures = json.sections.flatMap((s) => s.metrics);
    expect(measures.length).toBeGreaterThan(35);
    const missing = measures.flatMap((m) => expectedTexts(m).map((t) => [m.id, t])).filter(([, t]) => !text.includes(t));
    expect(missing).toEqual([]);
    const first = execFileSync(PDFTOTEXT, ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(first).toContain('Sunrise House');
    expect(first).toContain('interim: the month is not over (26 of 30 days)');
    expect(first).toContain('Page 1 of');
    expect(json.needsAction).toHaveLength(6);
    for (const n of json.needsAction) expect(first).toMatch(new RegExp(`${n.person ?? 'home'} ${n.rule}.*${n.due}`));
    for (const a of json.actions.earlier.filter((x) => x.audit === '2026-10')) expect(first).toContain(`${a.audit} #${a.number}`);
    expect(first).toContain('Registered Manager');
    expect(first).toContain('Nominated individual');
    // The sections begin on the next page.
    expect(first).not.toContain('1. Accuracy and personalisation');
  });

  it(
    'axe-core finds no WCAG A or AA violation, on a desktop screen, on a 375 px phone, or as printed',
    async () => {
      const axe = axeSource();
      for (const view of [
        { width: 1280, media: 'screen' },
        { width: 375, media: 'screen' },
        { width: PRINTABLE_PX, media: 'print' },
      ] as const) {
        const page = await visit(file, AXE, { ...view, scripts: [axe] });
        expect(JSON.parse(page.result as string), `${view.media} at ${view.width}px`).toEqual([]);
      }
    },
    3 * BROWSER_MS,
  );

  it(
    'the checks themselves catch a table wider than the page and a page axe-core faults',
    async () => {
      const bad = path.join(dir, 'bad.html');
      writeFileSync(
        bad,
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><table><tr><td style="white-space:nowrap">' +
          `${'wide '.repeat(300)}</td></tr></table><p style="color:#bbb">faint</p></main></body></html>`,
      );
      expect(JSON.parse((await visit(bad, OVERFLOW, { width: PRINTABLE_PX, media: 'print' })).result as string).length).toBeGreaterThan(0);
      const axe = axeSource();
      const faults = JSON.parse((await visit(bad, AXE, { scripts: [axe] })).result as string) as { id: string }[];
      expect(faults.map((f) => f.id)).toContain('color-contrast');
    },
    2 * BROWSER_MS,
  );

  it(
    'on screen, from a 375 px phone to a 1280 px desktop: nothing wider than the screen, no cell spilling its content',
    async () => {
      for (const width of [375, 1280]) {
        const page = await visit(file, OVERFLOW, { width, media: 'screen' });
        expect(JSON.parse(page.result as string), `${width}px`).toEqual([]);
      }
    },
    2 * BROWSER_MS,
  );
});
