import { UsageError } from '../errors.js';
import { formatOptionsFor, unguarded, type Io } from '../io.js';
import { exitCodeFor } from '../model/findings.js';
import { localTimestamp } from '../model/time.js';
import { findRepositoryRoot } from '../repo/loader.js';
import { loadWorkspaceParallel } from '../repo/parallelLoader.js';
import { workTreeElsewhere, workTreeStatus } from '../repo/git.js';
import { activePeople, judge } from '../rules/check.js';
import type { Versioning } from '../rules/context.js';
import { idsAbout } from '../rules/registry.js';
import type { CheckReport } from '../format/checkReport.js';
import { FINDINGS_FORMATS } from '../format/findingsFormats.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { FAIL_ON, judgingLoad, oneOf, resolveAsOf, checkAsOf, type CacheOptions, type GlobalOptions } from './options.js';
import { recordsAsOf } from './lookingBack.js';

export interface CheckOptions extends GlobalOptions, CacheOptions {
  format?: string;
  failOn?: string;
  person?: string[];
}

/** `careplan check`: every rule as of a moment; the CI gate. */
export async function check(options: CheckOptions, io: Io): Promise<number> {
  const format = oneOf('--format', options.format, FORMAT_NAMES.findings, 'text');
  const failOn = oneOf('--fail-on', options.failOn, FAIL_ON, 'error');
  checkAsOf(options.asOf);
  const root = findRepositoryRoot(io.cwd, options.repo);
  // git status runs while the records load: on a large repository it takes a good half second.
  const pending = workTreeStatus(root);
  // Its failure (git not installed) is reported once the records are loaded, not as an unhandled rejection.
  pending.catch(() => undefined);
  const now = io.now();
  const loaded = await loadWorkspaceParallel(root, judgingLoad(options, now), io.env);
  const asOf = resolveAsOf(options.asOf, now, loaded.timezone);
  const status = await pending;
  if (options.person?.length) {
    for (const id of options.person) {
      if (!loaded.people.has(id))
        throw new UsageError(`--person ${id}: there is no people/${id}/ in ${root}.`, 'Run `careplan person list` to see who is recorded.');
    }
  }
  const { ws, snapshot } = await recordsAsOf(io, loaded, asOf, now);
  // Git's state today says nothing about a moment in the past, so looking back judges no `uncommitted`.
  const versioning: Versioning | undefined = snapshot
    ? undefined
    : status === undefined
      ? { kind: 'none', outsideWorkTree: (await workTreeElsewhere(root).catch(() => undefined)) !== undefined }
      : { kind: 'git', changed: status.uncommitted };
  let findings = judge(ws, asOf, { versioning, now });
  const people = options.person?.length ? options.person : [...activePeople(ws)].sort();
  if (options.person?.length) {
    for (const id of options.person) {
      const then = localTimestamp(asOf, ws.timezone).replace('T', ' ');
      if (!ws.people.has(id)) io.stderr.write(`careplan: note: ${id} was not yet admitted as of ${then}.\n`);
    }
    const wanted = new Set(options.person);
    findings = findings.filter((f) => f.person !== undefined && wanted.has(f.person));
  }
  const report: CheckReport = {
    findings,
    asOf: new Date(asOf).toISOString(),
    asOfLocal: localTimestamp(asOf, ws.timezone),
    people,
    rules: {
      person: idsAbout('person'),
      home: options.person?.length ? [] : idsAbout('home'),
    },
    failOn,
    workTreePrefix: status?.prefix ?? '',
  };
  // GitHub annotations are workflow commands on purpose; their values are escaped by the formatter.
  const out = format === 'github' ? unguarded(io.stdout) : io.stdout;
  out.write(FINDINGS_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return exitCodeFor(findings, failOn);
}
