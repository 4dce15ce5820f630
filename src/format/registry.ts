import { plain, type Paint } from './paint.js';
import { jsonSafe, shownValues, withoutWorkflowCommands } from './safeText.js';

/**
 * Output formats, by report kind. Each kind has a registry (findingsFormats.ts, auditFormats.ts, …)
 * mapping a format's name to a pure formatter. The names are listed here too, apart from the
 * formatters, so the CLI can offer them as --format choices without loading a single formatter at
 * start-up; `Registry` makes each registry hold exactly these names, so the two cannot drift apart.
 */
export const FORMAT_NAMES = {
  findings: ['text', 'json', 'github', 'junit'],
  audit: ['text', 'markdown', 'html', 'json', 'csv'],
  verify: ['text', 'json'],
  history: ['text', 'json'],
  handover: ['text', 'json'],
  due: ['text', 'json'],
  export: ['fhir', 'easy-read', 'sar'],
} as const;

export type ReportKind = keyof typeof FORMAT_NAMES;
export type FormatName<K extends ReportKind> = (typeof FORMAT_NAMES)[K][number];

/** What a formatter is told besides its report: how to colour (plain, unless writing to a terminal). */
export interface FormatOptions {
  paint: Paint;
  /** Colour is on: tables may draw their borders and headings in colour too. */
  colour: boolean;
  /** Columns of text the output should fit (the terminal's width; DEFAULT_WIDTH when not a terminal or not given). */
  width?: number;
}

/** The width of text written anywhere but a terminal: a file, a pipe, a log. */
export const DEFAULT_WIDTH = 80;

export const PLAIN: FormatOptions = { paint: plain, colour: false, width: DEFAULT_WIDTH };

/** A pure formatter: a report in, the whole output out. */
export type Formatter<R> = (report: R, options: FormatOptions) => string;

/** A report kind's formatters, one for each of its names in FORMAT_NAMES and no other. */
export type Registry<K extends ReportKind, R> = { readonly [F in FormatName<K>]: Formatter<R> };

/**
 * A format people read (text, Markdown, HTML, CSV, JUnit): every string of the report shown on one
 * line with its control characters escaped (safeText.ts), and no line of the output a CI workflow
 * command. Every registry wraps its formatters in one of these three.
 */
export function readable<R, A extends unknown[]>(format: (report: R, ...rest: A) => string): (report: R, ...rest: A) => string {
  return (report, ...rest) => withoutWorkflowCommands(format(shownValues(report), ...rest));
}

/** GitHub annotations: the report's strings shown on one line; the lines are workflow commands on purpose. */
export function annotations<R, A extends unknown[]>(format: (report: R, ...rest: A) => string): (report: R, ...rest: A) => string {
  return (report, ...rest) => format(shownValues(report), ...rest);
}

/** JSON: values kept exactly; characters that act are written as `\u` escapes. */
export function json<R, A extends unknown[]>(format: (report: R, ...rest: A) => string): (report: R, ...rest: A) => string {
  return (report, ...rest) => jsonSafe(format(report, ...rest));
}
