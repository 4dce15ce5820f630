import { multiLine } from './safeText.js';

/**
 * Text in the exports' HTML pages (easy-read plan, subject access index). Every value from a record
 * goes through `html` so it shows as text and never acts as markup; characters that act rather
 * than show (controls, bidirectional overrides) are shown escaped by the one output sanitiser.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A value as HTML text (also safe inside a quoted attribute). */
export function html(value: string | number): string {
  return multiLine(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A calendar date (YYYY-MM-DD) in words: 31 December 2026. */
export function longDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][
    m - 1
  ];
  return month ? `${d} ${month} ${y}` : date;
}

/**
 * The page's head: a Content-Security-Policy that lets it fetch nothing, so it opens offline and
 * sends nothing. `images`: the page shows images it carries itself (data: URLs), as the audit does.
 */
export function pageHead(title: string, style: string, options: { images?: boolean } = {}): string {
  const images = options.images ? '; img-src data:' : '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${images}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${html(title)}</title>
<style>${style}</style>
</head>`;
}
