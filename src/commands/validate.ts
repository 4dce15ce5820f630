import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { colourFor, type Io } from '../io.js';
import { exitCodeFor } from '../model/findings.js';
import { diskReader, findRepositoryRoot, listHomeFiles, listRecordFiles, loadWorkspace } from '../repo/loader.js';
import { inspectPath } from '../repo/safePath.js';
import { loadWorkspaceParallel } from '../repo/parallelLoader.js';
import { recordRules } from '../rules/record.js';
import { formatFindingsByFile } from '../format/findingsText.js';
import { formatFindingsJson } from '../format/findingsJson.js';
import { json, readable } from '../format/registry.js';
import { FAIL_ON, fullLoad, oneOf, resolveAsOf, checkAsOf, type CacheOptions, type GlobalOptions } from './options.js';

export interface ValidateOptions extends GlobalOptions, CacheOptions {
  paths: string[];
  format?: string;
  failOn?: string;
}

/** Repository-relative YAML files named on the command line (files or folders). */
function namedFiles(root: string, cwd: string, paths: string[]): Set<string> {
  const files = new Set<string>();
  const inside = (abs: string) => {
    const rel = path.relative(root, abs);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  for (const given of paths) {
    let abs = path.resolve(cwd, given);
    // `--repo DIR people/p-edith/plan.yaml` from outside DIR: a relative path that misses the
    // repository from here means the file inside it.
    if (!inside(abs) && !path.isAbsolute(given) && existsSync(path.resolve(root, given))) abs = path.resolve(root, given);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel))
      throw new UsageError(`${given} is outside the records repository ${root}.`, 'Name files inside the repository, or pass --repo.');
    // Judged without following links: a link (or a linked folder on the way) is named, so its `symlink` finding shows.
    const state = rel === '' ? { kind: 'folder' as const } : inspectPath(root, rel);
    if (state.kind === 'missing') {
      const hint = 'Check the path (a pre-commit hook should pass only added or modified files: --diff-filter=ACMR).';
      throw new UsageError(`${given} does not exist.`, hint);
    }
    if (state.kind === 'link') {
      files.add(state.at);
    } else if (state.kind === 'folder') {
      const listing = listRecordFiles(root, rel);
      for (const file of [...listing.files, ...listing.links]) files.add(file);
    } else if (/\.ya?ml$/.test(rel)) {
      files.add(rel);
    }
  }
  return files;
}

/** `careplan validate [PATH…]`: schema and record rules only, fast, for editors and pre-commit. */
export async function validate(options: ValidateOptions, io: Io): Promise<number> {
  const format = oneOf('--format', options.format, ['text', 'json'] as const, 'text');
  const failOn = oneOf('--fail-on', options.failOn, FAIL_ON, 'error');
  checkAsOf(options.asOf);
  const root = findRepositoryRoot(io.cwd, options.repo);
  const only = options.paths.length ? namedFiles(root, io.cwd, options.paths) : undefined;
  // Named files (a pre-commit hook) load what their rules need, on this thread: their people's
  // folders, and for a home record the home's records and everyone's person.yaml. The whole
  // repository loads from the cache, and on workers when it is large.
  const named = only ? [...only] : [];
  const people = new Set(named.filter((f) => f.split('/').length > 2 && f.startsWith('people/')).map((f) => f.split('/')[1]));
  const home = named.some((f) => !(f.startsWith('people/') && f.split('/').length > 2));
  const ws = !only
    ? await loadWorkspaceParallel(root, fullLoad(options), io.env)
    : home
      ? loadWorkspace(root, {}, diskReader(root, listHomeFiles(root, people)))
      : loadWorkspace(root, { onlyPeople: people });
  const now = io.now();
  const asOf = resolveAsOf(options.asOf, now, ws.timezone);
  // Records are valid or not whenever one looks: future-date judges by the clock, never by --as-of (SPEC 5.1).
  const findings = recordRules(ws, now).filter((f) => !only || (f.file !== undefined && only.has(f.file)));
  const count = only ? only.size : ws.files.length;
  const checked = `${count} file${count === 1 ? '' : 's'} checked`;
  if (format === 'json') {
    io.stdout.write(json(formatFindingsJson)(findings, new Date(asOf).toISOString(), { files: count }));
  } else {
    io.stdout.write(readable(formatFindingsByFile)(findings, checked, colourFor(io.stdout, io.env, options.color === false)));
  }
  return exitCodeFor(findings, failOn);
}
