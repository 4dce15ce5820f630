import { stringify } from 'yaml';
import { placementOf, LIST_KINDS } from '../model/layout.js';
import { Redactor, type Names } from '../model/otherPeople.js';
import { localTimestamp } from '../model/time.js';
import { decodeRecord } from '../model/yamlText.js';
import { isPlainAppend, listEntries } from './appendOnly.js';
import { shortSha, type FileVersion } from './commits.js';
import { parseContent } from './content.js';
import { SHARED_KINDS, sharedExtract, type SharedKind } from './sharedExtracts.js';

/**
 * A subject access answer (SPEC 5.6, UK GDPR article 15): every record about one person as it
 * stands and every version git holds, with who changed it and when; the home's shared records
 * only where they concern the person; other people's ids and names replaced by "another person".
 * Pure: the files and versions come in (src/repo/subjectAccessFiles.ts reads them), the answer's
 * files and its index go out.
 */

export interface CurrentFile {
  /** Repository-relative path. */
  path: string;
  content: Buffer;
  /** Differs from the last committed version (or was never committed). */
  uncommitted: boolean;
}

export interface SubjectAccessInput {
  subject: string;
  zone: string;
  /** The records as they stand (or stood at the moment asked for). */
  current: readonly CurrentFile[];
  /** Every version git holds of the person's files and the shared records, oldest first. */
  versions: readonly FileVersion[];
  /** Staff id → name and email, to say who made each change. */
  staff: ReadonlyMap<string, { name: string; email?: string }>;
  /** The person's own ids and names (what mentions them). */
  subjectNames: Names;
  /** Everyone else the home supports (what becomes "another person"). */
  others: Names;
}

export interface AnswerVersion {
  /** 1, 2, … for this record, oldest first. */
  number: number;
  commit: string;
  /** Commit time, local YYYY-MM-DDTHH:MM. */
  at: string;
  /** The staff member (the Careplan-By trailer, else the one whose email made the commit). */
  by?: string;
  byName?: string;
  /** Who git says made the commit. */
  author: { name: string; email: string };
  /** Made outside careplan (no Careplan-Action trailer). */
  handEdit: boolean;
  change: 'added' | 'changed' | 'removed';
  /** This version's copy in the answer; absent when removed, or when a later copy begins with it. */
  file?: string;
  /** A list that only grew: this version is the beginning of that later copy, its first `entries` entries. */
  startOf?: string;
  entries?: number;
}

export interface AnswerRecord {
  /** The record kind (plan, outcomes, spotcheck, …), or `other` for a file outside careplan's layout. */
  kind: string;
  /** The record's path in the home's repository (other people's names taken out). */
  path: string;
  /** Only the parts about the person (a shared record). */
  extract: boolean;
  /** Its copy as it stands; absent when it no longer exists. */
  current?: string;
  uncommitted: boolean;
  versions: AnswerVersion[];
}

export interface SubjectAccessAnswer {
  subject: string;
  records: AnswerRecord[];
  /** Every file of the answer but the index: path in the answer → content. */
  files: Map<string, Buffer>;
  /** How many mentions of other people were replaced. */
  replaced: number;
  /** Versions of shared records that could not be read, so could not be checked for the person. */
  unreadable: number;
}

const stem = (path: string) => path.replace(/\.ya?ml$/, '');

function kindOf(path: string): string {
  const placement = placementOf(path);
  return placement.kind === 'unexpected' || placement.kind === 'bad-name' ? 'other' : placement.kind;
}

const isShared = (kind: string): kind is SharedKind => SHARED_KINDS.includes(kind);

/** The copy of a shared record's extract: YAML with a line that says what it is. */
function extractText(kind: SharedKind, extract: unknown): Buffer {
  const what = kind === 'auditActions' ? 'list' : 'record';
  const header = `# Only the parts of this ${what} about you; other people are shown as "another person".\n`;
  return Buffer.from(header + stringify(extract, { lineWidth: 0 }), 'utf8');
}

class Answer {
  readonly files = new Map<string, Buffer>();
  readonly redactor: Redactor;
  unreadable = 0;
  private readonly byEmail = new Map<string, string>();

  constructor(readonly input: SubjectAccessInput) {
    this.redactor = new Redactor(input.others);
    for (const [id, s] of input.staff) if (s.email) this.byEmail.set(s.email.toLowerCase(), id);
  }

  /** A file's path in the answer, with any name in it taken out. */
  outPath(path: string): string {
    return path
      .split('/')
      .map((part) => this.redactor.slug(part))
      .join('/');
  }

  /**
   * The answer's copy of one content of a record: redacted text, the extract of a shared one, or
   * undefined when it is not about the person.
   */
  copy(kind: string, content: Buffer): Buffer | undefined {
    if (isShared(kind)) {
      const parsed = parseContent(content);
      if (parsed === undefined) {
        this.unreadable++;
        return undefined;
      }
      const extract = sharedExtract(kind, parsed, this.input.subject, this.input.subjectNames);
      return extract === undefined ? undefined : extractText(kind, this.redactor.value(extract));
    }
    const decoded = decodeRecord(content);
    // Text is checked for other people; a file that is not text is copied as it is.
    return decoded.ok ? Buffer.from(this.redactor.text(decoded.text), 'utf8') : content;
  }

  who(v: FileVersion): Pick<AnswerVersion, 'by' | 'byName' | 'author' | 'handEdit'> {
    const by = v.commit.trailers.by ?? this.byEmail.get(v.commit.author.email.toLowerCase());
    const byName = by ? this.input.staff.get(by)?.name : undefined;
    return {
      ...(by ? { by } : {}),
      ...(byName ? { byName } : {}),
      author: this.redactor.value(v.commit.author),
      handEdit: !v.commit.trailers.action,
    };
  }
}

/** The versions of one record, with copies only where a later one does not already hold them. */
function versionsOf(answer: Answer, path: string, kind: string, versions: readonly FileVersion[]): AnswerVersion[] {
  const out: AnswerVersion[] = [];
  const list = LIST_KINDS.has(kind as never);
  const kept: { v: FileVersion; copy?: Buffer }[] = [];
  let previous: Buffer | undefined;
  for (const v of versions) {
    if (v.after === undefined) {
      if (previous !== undefined) kept.push({ v });
      previous = undefined;
      continue;
    }
    const copy = answer.copy(kind, v.after);
    // A shared record's version matters only when what it says about the person changed; any
    // record's version matters only when its content changed (a merge can repeat one).
    if (copy === undefined || (previous !== undefined && copy.equals(previous))) continue;
    kept.push({ v, copy });
    previous = copy;
  }
  const folder = `versions/${stem(answer.outPath(path))}`;
  kept.forEach(({ v, copy }, i) => {
    const number = i + 1;
    const base = {
      number,
      commit: v.commit.sha,
      at: localTimestamp(v.commit.at, answer.input.zone),
      ...answer.who(v),
      change:
        copy === undefined ? ('removed' as const) : i === 0 || kept[i - 1].copy === undefined ? ('added' as const) : ('changed' as const),
    };
    if (!copy) {
      out.push(base);
      return;
    }
    const when = base.at.replace(/[-:]/g, '').replace('T', '-');
    const file = `${folder}/${String(number).padStart(3, '0')}-${when}-${shortSha(v.commit.sha)}.yaml`;
    out.push({ ...base, file });
    answer.files.set(file, copy);
  });
  // A list that only grew: each version is the beginning of the next, so only the last of such a
  // run is kept whole and the others say how many of its entries they held.
  if (list && !isShared(kind)) {
    const contents = out.map((v) => (v.file ? answer.files.get(v.file) : undefined));
    for (let i = out.length - 2; i >= 0; i--) {
      const here = out[i];
      const [a, b] = [contents[i], contents[i + 1]];
      if (!here.file || !a || !b || !isPlainAppend(a, b)) continue;
      answer.files.delete(here.file);
      here.startOf = out[i + 1].startOf ?? out[i + 1].file;
      here.entries = listEntries(a)?.length;
      delete here.file;
    }
  }
  return out;
}

/** The subject access answer's records and files. */
export function subjectAccessAnswer(input: SubjectAccessInput): SubjectAccessAnswer {
  const answer = new Answer(input);
  const byPath = new Map<string, FileVersion[]>();
  for (const v of input.versions) byPath.set(v.path, [...(byPath.get(v.path) ?? []), v]);
  const current = new Map(input.current.map((f) => [f.path, f]));
  const paths = [...new Set([...byPath.keys(), ...current.keys()])].sort();
  const records: AnswerRecord[] = [];
  for (const path of paths) {
    const kind = kindOf(path);
    const versions = versionsOf(answer, path, kind, byPath.get(path) ?? []);
    const now = current.get(path);
    const copy = now ? answer.copy(kind, now.content) : undefined;
    if (!copy && !versions.length) continue;
    const out = answer.outPath(path);
    let currentFile: string | undefined;
    if (copy) {
      currentFile = `records/${out}`;
      answer.files.set(currentFile, copy);
    }
    records.push({
      kind,
      path: out,
      extract: isShared(kind),
      ...(currentFile ? { current: currentFile } : {}),
      uncommitted: Boolean(now?.uncommitted && copy),
      versions,
    });
  }
  return { subject: input.subject, records, files: answer.files, replaced: answer.redactor.replaced, unreadable: answer.unreadable };
}
