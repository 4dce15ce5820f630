import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileVersion } from '../history/commits.js';
import type { CurrentFile } from '../history/subjectAccess.js';
import { workTreeRoot } from './git.js';
import { openGitRepository, readCommits, walkChanges } from './gitHistory.js';
import { listYamlFiles } from './loader.js';

/** The home's shared records that may concern a person (SPEC 5.6). */
const SHARED_FOLDERS = ['spotchecks', 'feedback', 'supervisions', 'audits'];

export interface SubjectAccessFiles {
  current: CurrentFile[];
  versions: FileVersion[];
  /** The records folder is in git with at least one commit: there is a change trail. */
  inGit: boolean;
}

/** Every file under a folder, hidden ones left out, repository-relative. */
function filesUnder(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  if (existsSync(path.join(root, folder))) walk(folder);
  return found.sort();
}

/**
 * The files a subject access answer is made from: the person's folder and the shared records, as
 * they stand (or, for a past moment, as git held them then), and every version git holds of them,
 * oldest first (two git processes however long the history).
 */
export async function subjectAccessFiles(root: string, person: string, before?: number): Promise<SubjectAccessFiles> {
  const folder = `people/${person}`;
  const wanted = (file: string) =>
    file.startsWith(`${folder}/`) || SHARED_FOLDERS.some((f) => file.startsWith(`${f}/`) && /\.ya?ml$/.test(file));
  const versions: FileVersion[] = [];
  let inGit = false;
  if (await workTreeRoot(root)) {
    const repo = await openGitRepository(root);
    inGit = repo.hasCommits;
    const commits = (await readCommits(repo, { paths: [`${folder}/`, ...SHARED_FOLDERS.map((f) => `${f}/`)] })).filter(
      (c) => before === undefined || c.at <= before,
    );
    await walkChanges(
      repo,
      commits,
      (_, change) => wanted(change.path) && !change.path.split('/').some((p) => p.startsWith('.')),
      (v) => versions.push(v),
    );
  }
  const last = new Map<string, Buffer | undefined>();
  for (const v of versions) last.set(v.path, v.after);
  let current: CurrentFile[];
  if (before !== undefined) {
    // As git held them then: the last version of each file committed by the moment.
    current = [...last]
      .filter((e): e is [string, Buffer] => e[1] !== undefined)
      .map(([file, content]) => ({ path: file, content, uncommitted: false }));
  } else {
    const files = [
      ...filesUnder(root, folder),
      ...SHARED_FOLDERS.flatMap((f) => (existsSync(path.join(root, f)) ? listYamlFiles(root, f) : [])),
    ];
    current = files.map((file) => {
      const content = readFileSync(path.join(root, file));
      const committed = last.get(file);
      return { path: file, content, uncommitted: inGit && !committed?.equals(content) };
    });
  }
  return { current, versions, inGit };
}
