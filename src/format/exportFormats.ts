import type { PersonShare } from '../model/personShare.js';
import { easyReadHtml } from './easyRead.js';
import { fhirBundle, fhirBundles } from './fhirBundle.js';
import type { FormatName } from './registry.js';
import { jsonSafe } from './safeText.js';
import { subjectAccessHtml, subjectAccessJson, type SubjectAccessReport } from './subjectAccessIndex.js';

/**
 * `careplan export` formats (SPEC 5.6), by the names in FORMAT_NAMES.export. An export is files,
 * not one report: each format says what `--out` names (a file, or a folder), how many people it
 * takes, which flags apply, and makes its files from the people's records. Pure.
 */

export interface ExportInput {
  /** Each person asked for, as their records stood at the moment of the export. */
  shares: PersonShare[];
  /** --since: outcome entries from this instant. */
  since?: number;
  includeNotes: boolean;
  /** The moment asked for with --as-of (no clock in the output otherwise). */
  timestamp?: number;
  /** The local date of the export's moment, and how many days "how I am doing" looks back. */
  date: string;
  days: number;
  /** --out names a folder: one file each. */
  perPerson: boolean;
  /** The subject access answer, made by the command from git (sar only). */
  access?: SubjectAccessReport;
}

/** A file of the export: `name` empty for the one document of a format that writes one file. */
export interface ExportFile {
  name: string;
  content: string | Buffer;
}

export interface ExportFormat {
  /** What the format makes, for --help and messages. */
  what: string;
  /** What --out names: a file (stdout without --out), a file that must be given, or a folder that must be given. */
  out: 'file-or-stdout' | 'file' | 'folder';
  /** Several people at once (else one). */
  manyPeople: boolean;
  /** Flags only this format takes. */
  takes: readonly ('since' | 'include-notes')[];
  /** The format needs a plan (a person without one is refused). */
  needsPlan: boolean;
  /** The format reads git for every version of the records. */
  readsHistory: boolean;
  files(input: ExportInput): ExportFile[];
}

/** JSON as the one output sanitiser writes it: values exact, characters that act as `\u` escapes. */
const json = (value: unknown) => jsonSafe(`${JSON.stringify(value, null, 2)}\n`);

export const EXPORT_FORMATS: { readonly [F in FormatName<'export'>]: ExportFormat } = {
  fhir: {
    what: 'an HL7 FHIR R4 Bundle',
    out: 'file-or-stdout',
    manyPeople: true,
    takes: ['since', 'include-notes'],
    needsPlan: false,
    readsHistory: false,
    files: (input) => {
      const options = { since: input.since, includeNotes: input.includeNotes, timestamp: input.timestamp };
      const bundles = input.shares.map((share) => ({ share, bundle: fhirBundle(share, options) }));
      if (input.perPerson) return bundles.map(({ share, bundle }) => ({ name: `${share.id}.fhir.json`, content: json(bundle) }));
      if (bundles.length === 1) return [{ name: '', content: json(bundles[0].bundle) }];
      return [
        {
          name: '',
          content: json(
            fhirBundles(
              bundles.map((b) => b.bundle),
              input.shares[0].zone,
              input.timestamp,
            ),
          ),
        },
      ];
    },
  },
  'easy-read': {
    what: 'an easy-read plan',
    out: 'file',
    manyPeople: false,
    takes: [],
    needsPlan: true,
    readsHistory: false,
    files: (input) => [{ name: '', content: easyReadHtml(input.shares[0], { date: input.date, days: input.days }) }],
  },
  sar: {
    what: 'a subject access answer',
    out: 'folder',
    manyPeople: false,
    takes: [],
    needsPlan: false,
    readsHistory: true,
    files: (input) => {
      const report = input.access;
      if (!report) throw new Error('a subject access answer needs the records from git');
      return [
        { name: 'index.html', content: subjectAccessHtml(report) },
        { name: 'index.json', content: subjectAccessJson(report) },
        ...[...report.answer.files].map(([name, content]) => ({ name, content })),
      ];
    },
  },
};
