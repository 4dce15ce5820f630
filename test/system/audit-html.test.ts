import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasChromium, visit } from '../helpers/chromium.js';
import { careplan, EXAMPLE, read, removeDir, tempDir } from '../helpers/repo.js';

const dir = tempDir('careplan-audit-html-');
afterAll(() => removeDir(dir));

/** What the page is made of, read in the browser after it has loaded. */
const STRUCTURE =
  `JSON.stringify({
  title: document.title,
  sections: [...document.querySelectorAll('section')].map((s) => ({
    id: s.id,
    heading: s.querySelector('h2')?.textContent,
    tables: s.querySelectorAll('table').length,
    charts: s.querySelectorAll('svg.chart').length,
  })),
  sparklines: document.querySelectorAll('#goals svg.spark').length,
  goalRows: document.querySelectorAll('#goals tbody tr').length,
  bars: document.querySelectorAll('svg.bars rect.bar').length,
  svgTitles: [...document.querySelectorAll('svg > title')].length,
  scripts: document.scripts.length,
  printA4: [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((r) => r.cssText.startsWith('@page') && ` +
  `/size: A4/i.test(r.cssText))),
  printRules: [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((r) => r.cssText.startsWith('@media print'))),
})`;

describe('the HTML audit in headless Chromium', () => {
  it.skipIf(!hasChromium)(
    'opens without console errors or any request, with every section, its tables and the SVG charts, and prints on A4',
    async () => {
      const file = path.join(dir, 'audit-2026-11.html');
      const made = await careplan(['audit', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--month', '2026-11', '--out', file]);
      expect(made.exitCode).toBe(0);
      const html = read(dir, 'audit-2026-11.html');
      // url(#…) names a pattern inside the same SVG; nothing else may be referenced.
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);

      const page = await visit(file, STRUCTURE);
      expect(page.problems).toEqual([]);
      expect(page.requests).toEqual([]);
      const structure = JSON.parse(page.result as string);
      expect(structure.title).toBe('Monthly audit: Sunrise House, November 2026');
      expect(structure.sections.map((s: { id: string }) => s.id)).toEqual([
        'summary',
        'accuracy',
        'followed',
        'outcomes',
        'reviews',
        'governance',
        'trends',
        'goals',
        'findings',
      ]);
      for (const s of structure.sections.slice(1, 6)) {
        expect(s.tables, s.id).toBe(2); // the home's measures, and the same by person
      }
      expect(structure.sections[0].heading).toBe('Summary');
      expect(structure.sections[1].heading).toBe('1. Accuracy and personalisation');
      // Acknowledgement coverage and reviews on time as bar charts: the home and each person.
      expect(structure.sections.find((s: { id: string }) => s.id === 'followed').charts).toBe(1);
      expect(structure.sections.find((s: { id: string }) => s.id === 'reviews').charts).toBe(1);
      expect(structure.bars).toBeGreaterThanOrEqual(2 * 7);
      // A trend line for every goal listed.
      expect(structure.sparklines).toBe(structure.goalRows);
      expect(structure.goalRows).toBeGreaterThan(30);
      // Two bar charts, a sparkline a goal, and a run chart for each trend measure.
      expect(structure.sections.find((s: { id: string }) => s.id === 'trends').charts).toBe(3);
      expect(structure.svgTitles).toBe(2 + structure.sparklines + 3);
      expect(structure.scripts).toBe(0);
      expect(structure.printA4).toBe(true);
      expect(structure.printRules).toBe(true);
      expect(page.pdfPages).toBeGreaterThan(1);
    },
  );

  it.skipIf(!hasChromium)('the check itself catches a page that fetches something or logs an error', async () => {
    const bad = path.join(dir, 'bad.html');
    writeFileSync(
      bad,
      '<!DOCTYPE html><html><head><title>x</title><link rel="stylesheet" ' +
        'href="https://example.invalid/a.css"></head><body><script>console.error("boom")</script></body></html>',
    );
    const page = await visit(bad, '1');
    expect(page.requests).toEqual(['https://example.invalid/a.css']);
    expect(page.problems.some((p) => p.includes('boom'))).toBe(true);
  });
});
