import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportInput } from '../format/exportFormats.js';
import { FORMAT_NAMES, type FormatName } from '../format/registry.js';
import type { SubjectAccessReport } from '../format/subjectAccessIndex.js';
import { subjectAccessAnswer } from '../history/subjectAccess.js';
import { otherPeople, subjectNames } from '../model/otherPeople.js';
import { personShare, type PersonShare } from '../model/personShare.js';
import { localDate, localTimestamp } from '../model/time.js';
import type { Workspace } from '../model/workspace.js';
import { exportTarget, writeExportFile, writeExportFolder, type ExportTarget } from '../repo/exportTarget.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { subjectAccessFiles } from '../repo/subjectAccessFiles.js';
import { recordsAsOf } from './lookingBack.js';
import { checkAsOf, resolveAsOf, type GlobalOptions } from './options.js';
import { resolveSince } from './trailOptions.js';
import { checkId, personFolder } from './writeOptions.js';

export interface ExportOptions extends GlobalOptions {
  people: string[];
  format?: string;
  out?: string;
  since?: string;
  includeNotes?: boolean;
}

const FLAGS = { since: 'since', 'include-notes': 'includeNotes' } as const;

/** The format asked for, and the flags and people it takes; refused before anything is read. */
function chosen(options: ExportOptions): { name: FormatName<'export'>; format: ExportFormat; people: string[] } {
  const names = FORMAT_NAMES.export;
  if (options.format === undefined) {
    throw new UsageError(
      `careplan export needs --format: ${names.join(', ')}.`,
      'For example `careplan export p-edith --format fhir --out edith.json`.',
    );
  }
  if (!(names as readonly string[]).includes(options.format))
    throw new UsageError(`--format must be one of ${names.join(', ')}, not "${options.format}".`);
  const name = options.format as FormatName<'export'>;
  const format = EXPORT_FORMATS[name];
  const people = [...new Set(options.people.map((id) => checkId(id, 'person id')))];
  if (!format.manyPeople && people.length > 1) {
    throw new UsageError(
      `--format ${name} takes one person at a time, not ${people.length}.`,
      `Run it once for each person: \`careplan export ${people[0]} --format ${name} …\`.`,
    );
  }
  for (const [flag, key] of Object.entries(FLAGS)) {
    if (options[key] !== undefined && options[key] !== false && !format.takes.includes(flag as never)) {
      throw new UsageError(
        `--${flag} does not apply to --format ${name}.`,
        `Only ${Object.entries(EXPORT_FORMATS)
          .filter(([, f]) => f.takes.includes(flag as never))
          .map(([n]) => `--format ${n}`)
          .join(', ')} takes it.`,
      );
    }
  }
  if (format.out !== 'file-or-stdout' && options.out === undefined) {
    const example = format.out === 'folder' ? `--out ${people[0]}-records` : `--out ${people[0]}-plan.html`;
    throw new UsageError(
      `--format ${name} needs --out: ${format.out === 'folder' ? 'a new or empty folder' : 'the file to write'}.`,
      `For example \`careplan export ${people[0]} --format ${name} ${example}\`.`,
    );
  }
  return { name, format, people };
}

/** Says on stderr what a reader of the export should know about each person. */
function notes(io: Io, shares: readonly PersonShare[], name: FormatName<'export'>): void {
  for (const s of shares) {
    if (s.person.status === 'discharged') {
      io.stderr.write(
        `careplan: note: ${s.id} was discharged${s.person.discharged ? ` on ${s.person.discharged}` : ''}; the export says so.\n`,
      );
    }
    if (!s.plan && name === 'fhir')
      io.stderr.write(`careplan: note: ${s.id} has no care plan yet, so their Bundle holds the Patient and no care plan.\n`);
  }
}

async function subjectAccess(
  root: string,
  current: Workspace,
  share: PersonShare,
  before: number | undefined,
  asOf?: string,
): Promise<SubjectAccessReport> {
  const found = await subjectAccessFiles(root, share.id, before);
  const staff = new Map([...current.staff].map(([id, doc]) => [id, { name: doc.data.name, email: doc.data.email }]));
  const answer = subjectAccessAnswer({
    subject: share.id,
    zone: current.timezone,
    current: found.current,
    versions: found.versions,
    staff,
    subjectNames: subjectNames(current, share.id),
    others: otherPeople(current, share.id),
  });
  return {
    provider: share.provider.name,
    person: {
      id: share.id,
      name: share.person.name,
      status: share.person.status,
      ...(share.person.discharged ? { discharged: share.person.discharged } : {}),
    },
    ...(asOf ? { asOf } : {}),
    inGit: found.inGit,
    answer,
  };
}

function wrote(io: Io, target: ExportTarget, format: ExportFormat, people: readonly string[], input: ExportInput, files: number): void {
  const where = target.kind === 'stdout' ? '' : target.shown;
  const report = input.access;
  if (report) {
    const versions = report.answer.records.reduce((n, r) => n + r.versions.length, 0);
    io.stderr.write(
      `Wrote a subject access answer for ${people[0]} to ${where}: ` +
        `${report.answer.records.length} records, ${versions} versions from git, ` +
        `${report.answer.replaced} mentions of other people replaced with "another person". Open ${where}/index.html.\n`,
    );
    if (report.answer.unreadable)
      io.stderr.write(
        `careplan: note: ${report.answer.unreadable} versions of shared records could not be read, ` +
          'so they are left out; check them by hand.\n',
      );
    io.stderr.write(
      "Before sending it: check the requester's identity, read every file, " +
        'and take out anything else that identifies someone other than the person.\n',
    );
    return;
  }
  io.stderr.write(`Wrote ${format.what} for ${people.join(', ')} to ${files > 1 ? `${files} files in ` : ''}${where}.\n`);
}

/** `careplan export PERSON… --format fhir|easy-read|sar` (SPEC 5.6): a person's record to share. */
export async function exportRecords(options: ExportOptions, io: Io): Promise<number> {
  const { name, format, people } = chosen(options);
  checkAsOf(options.asOf);
  const target = exportTarget(options.out, io.cwd, format.out);
  const root = findRepositoryRoot(io.cwd, options.repo);
  // A subject access answer names everyone else only to take them out, so it needs every person's names.
  const loaded = loadWorkspace(root, format.readsHistory ? {} : { onlyPeople: new Set(people) });
  for (const id of people) personFolder(loaded, id);
  const now = io.now();
  const asOf = resolveAsOf(options.asOf, now, loaded.timezone);
  const since = resolveSince(options.since, asOf, loaded.timezone);
  const { ws, snapshot } = await recordsAsOf(io, loaded, asOf, now);
  const asked = options.asOf === undefined ? undefined : localTimestamp(asOf, ws.timezone);
  const shares = people.map((id) => {
    const folder = ws.people.get(id);
    if (!folder?.person)
      throw new UsageError(`${id} was not yet admitted as of ${asked?.replace('T', ' ')}.`, 'Give a later --as-of, or leave it out.');
    const share = personShare(ws, { ...folder, person: folder.person });
    if (format.needsPlan && !share.plan) {
      throw new UsageError(
        `${id} has no care plan${asked ? ` as of ${asked.replace('T', ' ')}` : ' yet'}, so there is no plan to make easy to read.`,
        `Draft one with \`careplan plan create ${id}\`.`,
      );
    }
    return share;
  });
  notes(io, shares, name);
  const input: ExportInput = {
    shares,
    since,
    includeNotes: Boolean(options.includeNotes),
    timestamp: options.asOf === undefined ? undefined : asOf,
    date: localDate(asOf, ws.timezone),
    days: ws.policy.no_progress_days,
    perPerson: target.kind === 'folder' && format.out === 'file-or-stdout',
  };
  if (format.readsHistory) input.access = await subjectAccess(root, loaded, shares[0], snapshot ? asOf : undefined, asked);
  const files = format.files(input);
  if (target.kind === 'stdout') {
    for (const f of files) io.stdout.write(f.content.toString());
    return 0;
  }
  if (target.kind === 'file') writeExportFile(target, files[0].content);
  else writeExportFolder(target, files);
  wrote(io, target, format, people, input, files.length);
  return 0;
}
