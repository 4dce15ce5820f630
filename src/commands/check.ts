import { UsageError } from '../errors.js';
import { colourFor, type Io } from '../io.js';
import { exitCodeFor } from '../model/findings.js';
import { localTimestamp } from '../model/time.js';
import { findRepositoryRoot } from '../repo/loader.js';
import { loadWorkspaceParallel } from '../repo/parallelLoader.js';
import { pathInWorkTree, uncommittedRecords } from '../repo/git.js';
import { activePeople, checkRules } from '../rules/check.js';
import { idsAbout } from '../rules/registry.js';
import { formatCheckText } from '../format/checkText.js';
import { formatFindingsJson } from '../format/findingsJson.js';
import { formatGithub } from '../format/github.js';
import { formatJunit } from '../format/junit.js';
import { FAIL_ON, oneOf, resolveAsOf, checkAsOf, type GlobalOptions } from './options.js';

export interface CheckOptions extends GlobalOptions {
  format?: string;
  failOn?: string;
  person?: string[];
}

/** `careplan check`: every rule as of a moment; the CI gate. */
export async function check(options: CheckOptions, io: Io): Promise<number> {
  const format = oneOf('--format', options.format, ['text', 'json', 'github', 'junit'] as const, 'text');
  const failOn = oneOf('--fail-on', options.failOn, FAIL_ON, 'error');
  checkAsOf(options.asOf);
  const root = findRepositoryRoot(io.cwd, options.repo);
  // git status runs while the records load: on a large repository it takes a good half second.
  const pending = uncommittedRecords(root);
  const ws = await loadWorkspaceParallel(root, { withoutNotes: true }, io.env);
  const asOf = resolveAsOf(options.asOf, io.now(), ws.timezone);
  const changed = await pending;
  let findings = checkRules(ws, asOf, changed === undefined ? { kind: 'none' } : { kind: 'git', changed });
  const people = options.person?.length ? options.person : [...activePeople(ws)].sort();
  if (options.person?.length) {
    for (const id of options.person) {
      if (!ws.people.has(id)) throw new UsageError(`--person ${id}: there is no people/${id}/ in ${root}.`, 'Run `careplan person list` to see who is recorded.');
    }
    const wanted = new Set(options.person);
    findings = findings.filter((f) => f.person !== undefined && wanted.has(f.person));
  }
  const label = localTimestamp(asOf, ws.timezone);
  const summary = { asOf: label, people: people.length };
  switch (format) {
    case 'json':
      io.stdout.write(formatFindingsJson(findings, new Date(asOf).toISOString(), { people: people.length }));
      break;
    case 'github':
      io.stdout.write(formatGithub(findings, summary, await pathInWorkTree(root)));
      break;
    case 'junit': {
      const homeRules = options.person?.length ? [] : idsAbout('home');
      io.stdout.write(formatJunit(findings, people, { person: idsAbout('person'), home: homeRules }, failOn, new Date(asOf).toISOString()));
      break;
    }
    default:
      io.stdout.write(formatCheckText(findings, summary, colourFor(io.stdout, io.env, options.color === false)));
  }
  return exitCodeFor(findings, failOn);
}
