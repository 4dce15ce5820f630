import { csvCell } from './safeText.js';

/**
 * Escaping for the audit's formats, in one place so a shared output sanitiser can replace it:
 * HTML text and attributes, Markdown table cells and running text, CSV fields (RFC 4180).
 */

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Text in a Markdown table cell: pipes and backslashes escaped, one line. */
export const markdownCell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Free text (an action's description, a finding's message) in running Markdown: nothing in it becomes markup. */
export const markdownText = (text: string) => text.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/\r?\n/g, ' ');

/** One CSV field: quoted when it holds a comma, quote or line break; never a formula (safeText.ts). */
export const csvField = csvCell;

/** Text as a CSS string (for `content:` in the print header): quotes, backslashes and `<` escaped, one line. */
export const cssString = (text: string) =>
  `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/</g, '\\3c ')
    .replace(/[\r\n]+/g, ' ')}"`;
