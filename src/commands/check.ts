import { UsageError } from '../errors.js';
import { formatOptionsFor, unguarded, type Io } from '../io.js';
import { exitCodeFor } from '../model/findings.js';
import { localTimestamp, offsetHolding, wallClock } from '../model/time.js';
import { checkFingerprint, keepCheck, keptCheck, type KeptCheck } from '../repo/checkResult.js';
import { findRepositoryRoot } from '../repo/listing.js';
import { surveyRecords } from '../repo/survey.js';
import { statusUnderway, workTreeElsewhere, workTreeStatus } from '../repo/git.js';
import type { Versioning } from '../rules/context.js';
import type { CheckReport } from '../format/checkReport.js';
import { FINDINGS_FORMATS } from '../format/findingsFormats.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { FAIL_ON, judgingLoad, oneOf, resolveAsOf, checkAsOf, type CacheOptions, type GlobalOptions } from './options.js';

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
  // git status runs while the folder is walked (and, where no findings can be kept, while the records
  // load): on a large repository it takes a fifth of a second.
  const pending = workTreeStatus(root);
  // Its failure (git not installed) is reported where its answer is needed, not as an unhandled rejection.
  pending.catch(() => undefined);
  const now = io.now();
  const load = judgingLoad(options, now);
  // Spawned before the folder is walked (synchronously), so that git walks it alongside careplan.
  await statusUnderway(root);
  // Judging the present with the cache on: the findings the last check kept, while they hold (checkResult.ts).
  // git status also says which files differ from git's index, so the survey need not ask git diff-files.
  const differing = pending.then(
    (status) => status?.differFromIndex,
    () => undefined,
  );
  const survey = load.cache && options.asOf === undefined ? await surveyRecords(root, true, io.env, differing) : undefined;
  const versioningOf = async (): Promise<Versioning> => {
    const status = await pending;
    return status === undefined
      ? { kind: 'none', outsideWorkTree: (await workTreeElsewhere(root).catch(() => undefined)) !== undefined }
      : { kind: 'git', changed: status.uncommitted };
  };
  // Only when git vouches for the files can there be a fingerprint; else git status goes on while the records load.
  const present = survey?.content ? await versioningOf() : undefined;
  const fingerprint = survey && checkFingerprint(survey, present);
  const gitDir = survey?.content?.gitDir;
  const kept = fingerprint && gitDir ? keptCheck(gitDir, fingerprint, now) : undefined;
  // --person names someone with a folder (as the records are now).
  const requirePeople = (folders: Iterable<string>) => {
    const known = new Set(folders);
    for (const id of options.person ?? []) {
      if (!known.has(id))
        throw new UsageError(`--person ${id}: there is no people/${id}/ in ${root}.`, 'Run `careplan person list` to see who is recorded.');
    }
  };
  if (kept) requirePeople(kept.folders);
  const judged = kept ? { ...kept, asOf: now } : await judgeAfresh();
  const status = await pending;

  async function judgeAfresh(): Promise<KeptCheck & { asOf: number }> {
    // Loaded only here: a check that prints the findings it kept does not load the loader or the rules.
    const [{ loadWorkspaceParallel }, { activePeople, judgeHolding }, { idsAbout }, { recordsAsOf }, people] = await Promise.all([
      import('../repo/parallelLoader.js'),
      import('../rules/check.js'),
      import('../rules/registry.js'),
      import('./lookingBack.js'),
      import('./keptPeople.js'),
    ]);
    // Judging the present with the cache on: people whose own findings were kept and still hold are not read again.
    const reuse = fingerprint && gitDir && survey ? people.reusable(survey, gitDir, now) : undefined;
    const loaded = await loadWorkspaceParallel(root, { ...load, survey, unread: reuse?.unread }, io.env);
    const asOf = resolveAsOf(options.asOf, now, loaded.timezone);
    requirePeople(loaded.people.keys());
    const { ws, snapshot } = await recordsAsOf(io, loaded, asOf, now);
    // Git's state today says nothing about a moment in the past, so looking back judges no `uncommitted`.
    const versioning = snapshot ? undefined : (present ?? (await versioningOf()));
    const judgedNow = judgeHolding(ws, asOf, { versioning, now });
    const { findings, until, active } = people.merged(ws, judgedNow, reuse?.held, activePeople(ws));
    const result = {
      folders: [...ws.people.keys()],
      active,
      zone: ws.timezone,
      findings,
      rules: { person: idsAbout('person'), home: idsAbout('home') },
      offset: offsetHolding(now, ws.timezone),
    };
    // A CQC mapping file is read from outside the fingerprint's files, so its home keeps nothing.
    if (fingerprint && gitDir && ws.config?.data.cqc_mapping === undefined) {
      keepCheck(gitDir, fingerprint, now, until, result);
      if (reuse) people.keep(gitDir, reuse, ws, judgedNow, now);
    }
    return { ...result, asOf };
  }

  const { asOf, zone, offset } = judged;
  // The moment's local time: from the offset kept with the findings while it holds, else from Intl.
  const localAt = (ms: number) =>
    offset && ms >= offset.from && ms < offset.until ? wallClock(ms, offset.offset) : localTimestamp(ms, zone);
  let findings = judged.findings;
  const people = options.person?.length ? options.person : judged.active;
  if (options.person?.length) {
    // Looking back, someone admitted later had no folder yet (judged.folders are the records as they stood).
    const admitted = new Set(judged.folders);
    for (const id of options.person) {
      const then = localAt(asOf).replace('T', ' ');
      if (!admitted.has(id)) io.stderr.write(`careplan: note: ${id} was not yet admitted as of ${then}.\n`);
    }
    const wanted = new Set(options.person);
    findings = findings.filter((f) => f.person !== undefined && wanted.has(f.person));
  }
  const report: CheckReport = {
    findings,
    asOf: new Date(asOf).toISOString(),
    asOfLocal: localAt(asOf),
    people,
    rules: {
      person: judged.rules.person,
      home: options.person?.length ? [] : judged.rules.home,
    },
    failOn,
    workTreePrefix: status?.prefix ?? '',
  };
  // GitHub annotations are workflow commands on purpose; their values are escaped by the formatter.
  const out = format === 'github' ? unguarded(io.stdout) : io.stdout;
  out.write(FINDINGS_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return exitCodeFor(findings, failOn);
}
