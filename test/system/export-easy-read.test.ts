import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSource, axeViolations, hasChromium, OVERFLOW, printableWidthPx, visit } from '../helpers/chromium.js';
import { careplan, EXAMPLE, removeDir, tempDir } from '../helpers/repo.js';

/**
 * The easy-read plan of the example's Edie (issue 14's "done when"), as the person gets it: printed
 * on A4 in real headless Chromium with nothing wider than the page, read back with pdftotext,
 * checked with axe-core, and holding no staff or person ids.
 */

const PDFTOTEXT = '/usr/bin/pdftotext';
const canPrint = hasChromium && existsSync(PDFTOTEXT);
const dir = tempDir('careplan-easy-read-');
afterAll(() => removeDir(dir));

/** The page's own margins are 16 mm each side. */
const PRINTABLE_PX = printableWidthPx(16);

/** The page as the person reads it: headings, the smallest text, colours. */
const LOOK = `JSON.stringify({
  h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
  smallestPt: Math.round(100 * Math.min(...[...document.body.querySelectorAll('p, li, h1, h2, h3')]
    .map((e) => parseFloat(getComputedStyle(e).fontSize) * 0.75))) / 100,
  colour: getComputedStyle(document.body).color,
  background: getComputedStyle(document.body).backgroundColor,
  scripts: document.scripts.length,
  images: document.images.length,
  text: document.body.innerText,
})`;

const AXE = axeViolations(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);

const STAFF_IDS = readdirSync(path.join(EXAMPLE, 'staff')).map((f) => f.replace('.yaml', ''));
const PERSON_IDS = readdirSync(path.join(EXAMPLE, 'people'));

const file = path.join(dir, 'edie-my-plan.html');
const pdf = path.join(dir, 'edie-my-plan.pdf');
let html = '';

beforeAll(async () => {
  const r = await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--format', 'easy-read', '--out', file]);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stderr).toBe(`Wrote an easy-read plan for p-edith to ${file}.`);
  html = readFileSync(file, 'utf8');
});

describe('the easy-read plan of Edie', () => {
  it('holds no staff or person ids, fetches nothing, and says who to talk to by name and role', () => {
    for (const id of [...STAFF_IDS, ...PERSON_IDS]) expect(html, id).not.toMatch(new RegExp(`(?<![a-z0-9-])${id}(?![a-z0-9-])`));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    expect(html).toContain('<p><strong>Ben Hollis</strong> is my key worker.</p>');
    expect(html).toContain('<p><strong>Jo Clarke</strong> is my daughter.</p>');
    expect(html).toContain('<p>Jo Clarke can make decisions about my health and care if I cannot.</p>');
    expect(html).toContain('<p>I like to be called Edie.</p>');
    // The plan's own words, one sentence to a line.
    expect(html).toContain('<p>I miss my cat Moss - Jo has him now and brings him to see me.</p>');
    expect(html).toContain('<p>A cup of tea and a chat settles me.</p>');
    // A discontinued goal is not the person's goal any more.
    expect(html).not.toContain('Walks to lunch with her walker without needing help');
  });

  it.skipIf(!canPrint)(
    'prints on A4 with nothing wider than the page, large print, high contrast, the five headings in order',
    async () => {
      const page = await visit(file, OVERFLOW, { width: PRINTABLE_PX, media: 'print', pdfFile: pdf });
      expect(page.problems).toEqual([]);
      expect(page.requests).toEqual([]);
      expect(JSON.parse(page.result as string)).toEqual([]);
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
      const look = JSON.parse((await visit(file, LOOK, { width: PRINTABLE_PX, media: 'print' })).result as string);
      expect(look.h2).toEqual(['About me', 'What matters to me', 'How staff help me', 'My goals and how I am doing', 'Who to talk to']);
      expect(look.smallestPt).toBeGreaterThanOrEqual(16);
      expect(look.colour).toBe('rgb(0, 0, 0)');
      expect(look.background).toBe('rgb(255, 255, 255)');
      expect([look.scripts, look.images]).toEqual([0, 0]);
      const text = execFileSync(PDFTOTEXT, [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('My goals and how I am doing');
      expect(text).toContain('Walks to lunch every day with her walker and one carer and has no falls');
      for (const id of [...STAFF_IDS, ...PERSON_IDS]) expect(text).not.toContain(id);
    },
  );

  it.skipIf(!hasChromium)('axe-core finds no WCAG A or AA violation and no best-practice one, on a phone and as printed', async () => {
    const axe = axeSource();
    for (const view of [
      { width: 375, media: 'screen' },
      { width: PRINTABLE_PX, media: 'print' },
    ] as const) {
      const page = await visit(file, AXE, { ...view, scripts: [axe] });
      expect(JSON.parse(page.result as string), `${view.media} at ${view.width}px`).toEqual([]);
    }
  });

  it.skipIf(!hasChromium)('the checks themselves catch a page wider than A4', async () => {
    const bad = path.join(dir, 'wide.html');
    writeFileSync(
      bad,
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>' +
        `<p style="white-space:nowrap">${'wide '.repeat(300)}</p></main></body></html>`,
    );
    expect(JSON.parse((await visit(bad, OVERFLOW, { width: PRINTABLE_PX, media: 'print' })).result as string).length).toBeGreaterThan(0);
  });
});
