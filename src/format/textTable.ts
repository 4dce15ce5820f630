import Table from 'cli-table3';

/**
 * Tables and paragraphs for a terminal of a given width: cells wrap at word boundaries (a word
 * longer than its column is broken), columns narrow from the widest down, and a table too wide
 * even then is split into several that repeat its leading columns. No line is wider than `width`.
 */

/** A cell's text, and how to paint each of its lines (colour, when on). */
export type TextCell = string | { text: string; paint: (line: string) => string };

export interface TextTableOptions {
  width: number;
  /** Draw the borders and headings in colour. */
  colour: boolean;
  /** Leading columns repeated in each part when the table must be split (the row's name). */
  keep?: number;
}

const MIN_COLUMN = 3;
const textOf = (cell: TextCell) => (typeof cell === 'string' ? cell : cell.text);

/** Words of `text` in lines of at most `width` characters; a longer word is broken. Keeps the text's own line breaks. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ').filter((w) => w !== '')) {
      while (word.length > width) {
        if (line) lines.push(line);
        lines.push(word.slice(0, width));
        word = word.slice(width);
        line = '';
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A paragraph wrapped to `width`, later lines indented by `hang` (a list item's text under its marker). */
export function wrapParagraph(text: string, width: number, indent = '', hang = indent): string {
  const first = wrapText(text, Math.max(MIN_COLUMN, width - indent.length));
  if (first.length <= 1 || hang === indent) return first.map((l) => `${indent}${l}`).join('\n');
  const rest = wrapText(first.slice(1).join(' '), Math.max(MIN_COLUMN, width - hang.length));
  return [`${indent}${first[0]}`, ...rest.map((l) => `${hang}${l}`)].join('\n');
}

const longest = (lines: readonly string[]) => lines.reduce((n, l) => Math.max(n, l.length), 0);
const longestWord = (text: string) => longest(text.split(/[\s]+/));
/** Borders and padding of a table with `n` columns: a border and two spaces a column, and one closing border. */
const overhead = (n: number) => 3 * n + 1;

function render(head: string[], rows: TextCell[][], widths: number[], colour: boolean): string {
  const table = new Table({
    head: head.map((h, i) => wrapText(h, widths[i]).join('\n')),
    colWidths: widths.map((w) => w + 2),
    style: { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) {
    table.push(
      row.map((cell, i) => {
        const lines = wrapText(textOf(cell), widths[i]);
        return (typeof cell === 'string' ? lines : lines.map((line) => cell.paint(line))).join('\n');
      }),
    );
  }
  return table.toString();
}

/** Column widths that fit `width`: the natural ones, the widest narrowed first, never below a column's longest word if it can be helped. */
function fitWidths(natural: number[], minimum: number[], width: number): number[] {
  const widths = [...natural];
  let excess = widths.reduce((a, b) => a + b, 0) + overhead(widths.length) - width;
  while (excess > 0) {
    let pick = -1;
    for (let i = 0; i < widths.length; i++)
      if (widths[i] > minimum[i] && (pick < 0 || widths[i] - minimum[i] > widths[pick] - minimum[pick])) pick = i;
    if (pick < 0) for (let i = 0; i < widths.length; i++) if (widths[i] > MIN_COLUMN && (pick < 0 || widths[i] > widths[pick])) pick = i;
    if (pick < 0) break;
    widths[pick]--;
    excess--;
  }
  return widths;
}

/** One table, or several side by side in turn when its columns cannot fit `width` together. */
export function textTables(head: string[], rows: TextCell[][], { width, colour, keep = 1 }: TextTableOptions): string[] {
  const columns = head.map((h, i) => [h, ...rows.map((r) => textOf(r[i]))]);
  const natural = columns.map((cells) => Math.max(1, longest(cells.flatMap((c) => c.split('\n')))));
  const minimum = columns.map((cells, i) => Math.min(natural[i], Math.max(MIN_COLUMN, ...cells.slice(1).map(longestWord))));
  const parts: number[][] = [];
  let part: number[] = [];
  const kept = head.map((_, i) => i).slice(0, keep);
  const fits = (cols: number[]) => cols.reduce((n, i) => n + minimum[i], 0) + overhead(cols.length) <= width;
  for (let i = keep; i < head.length; i++) {
    if (part.length && !fits([...kept, ...part, i])) {
      parts.push(part);
      part = [];
    }
    part.push(i);
  }
  if (part.length || !parts.length) parts.push(part);
  return parts.map((cols) => {
    const all = [...kept, ...cols];
    const widths = fitWidths(
      all.map((i) => natural[i]),
      all.map((i) => minimum[i]),
      width,
    );
    return render(
      all.map((i) => head[i]),
      rows.map((r) => all.map((i) => r[i])),
      widths,
      colour,
    );
  });
}
