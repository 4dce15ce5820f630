import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { formatOptionsFor, type Io } from '../io.js';
import { isId } from '../model/ids.js';
import { measuredGoals } from '../model/goalMeasures.js';
import { localTimestamp, parseTimestamp } from '../model/time.js';
import type { FileVersion } from '../history/commits.js';
import { shortSha } from '../history/commits.js';
import { readPastPlanVersion } from '../repo/planVersions.js';
import { buildTimeline, isTrailFile } from '../history/timeline.js';
import { HISTORY_FORMATS } from '../format/historyFormats.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { openGitRepository, readCommits, walkChanges } from '../repo/gitHistory.js';
import { gitProblem } from '../repo/gitRunner.js';
import { findRepositoryRoot, loadWorkspace } from '../repo/loader.js';
import { chosenFormat, resolveAsOf, type GlobalOptions } from './options.js';
import { positiveInteger, resolveSince } from './trailOptions.js';

export interface HistoryOptions extends GlobalOptions {
  person: string;
  plan?: boolean;
  since?: string;
  version?: string;
  format?: string;
  json?: boolean;
}

/** `careplan history PERSON`: the person's change trail from git (SPEC section 3). */
export async function history(options: HistoryOptions, io: Io): Promise<number> {
  const person = options.person;
  if (!isId(person))
    throw new UsageError(`"${person}" is not a person id.`, 'Person ids look like p-edith: lowercase letters, digits and hyphens.');
  const format = chosenFormat(FORMAT_NAMES.history, options, 'text');
  const version = positiveInteger('--version', options.version);
  const root = findRepositoryRoot(io.cwd, options.repo);
  // The person's own folder: their plan's measured goals and the outcome log's values.
  const ws = loadWorkspace(root, { onlyPeople: new Set([person]) });
  const asOf = resolveAsOf(options.asOf, io.now(), ws.timezone);
  const since = resolveSince(options.since, asOf, ws.timezone);
  const repo = await openGitRepository(root);

  if (version !== undefined) {
    // Only plan.yaml and signoffs.yaml matter here: two git processes, not the whole trail.
    const until = options.asOf === undefined ? undefined : asOf;
    const past = await readPastPlanVersion(root, person, version, until);
    if (!past.found) {
      const held = past.versions;
      const then = until === undefined ? '' : ` as of ${localTimestamp(until, ws.timezone).replace('T', ' ')}`;
      throw new UsageError(
        `git holds no plan version ${version} for ${person}${then}.`,
        held.length ? `Versions in git: ${held.join(', ')}.` : 'No plan.yaml has been committed for this person.',
      );
    }
    const found = past.version;
    const at = localTimestamp(found.commit.at, ws.timezone).replace('T', ' ');
    if (format === 'json') {
      io.stdout.write(
        `${JSON.stringify(
          {
            person,
            version: found.version,
            commit: found.commit.sha,
            at: localTimestamp(found.commit.at, ws.timezone),
            hash: found.hash,
            chosen: found.chosen,
            contents: found.contents,
            signoffs: found.signoffs,
            plan: found.plan,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const signed = found.signoffs.length
        ? `signed off by ${found.signoffs.map((s) => `${s.by} at ${s.at?.replace('T', ' ')}`).join(', ')}`
        : 'never signed off';
      const drafts =
        found.contents > 1
          ? ` (${found.contents} different contents carried this number; this is ` +
            `the ${found.chosen === 'signed' ? 'one signed off' : 'last committed'})`
          : '';
      io.stderr.write(`${person} plan version ${version}, committed in ${shortSha(found.commit.sha)} on ${at}; ${signed}${drafts}\n`);
      io.stdout.write(found.text.endsWith('\n') ? found.text : `${found.text}\n`);
    }
    return 0;
  }

  if (!repo.hasCommits) throw gitProblem('no-commits', root);
  const commits = await readCommits(repo, { paths: [`people/${person}/`] });
  if (!commits.length) {
    const here = existsSync(path.join(root, 'people', person));
    throw new UsageError(
      here ? `people/${person}/ has no committed history yet.` : `There are no records of ${person}, now or in git history.`,
      here
        ? 'Commit the records (careplan commits what it writes; hand edits need `git add` and `git commit`).'
        : 'Check the id: `ls people/` lists the people.',
    );
  }
  const versions: FileVersion[] = [];
  await walkChanges(
    repo,
    commits,
    (_, change) => isTrailFile(change.path),
    (v) => versions.push(v),
  );
  const staffEmails = new Map([...ws.staff].map(([id, doc]) => [id, doc.data.email]));

  // --as-of stops the trail there, each change dated by the record's own date where it has one.
  const until = options.asOf === undefined ? undefined : asOf;
  let entries = buildTimeline({ versions, staffEmails, zone: ws.timezone, until });
  if (since !== undefined) {
    const from = localTimestamp(since, ws.timezone);
    entries = entries.filter((e) => e.at >= from);
  }
  if (options.plan) entries = entries.filter((e) => e.type === 'plan');
  const shownSince = since === undefined ? undefined : localTimestamp(since, ws.timezone);
  const shownUntil = until === undefined ? undefined : localTimestamp(until, ws.timezone);
  const folder = ws.people.get(person);
  const logged = (folder?.outcomes ?? []).filter((o) => (parseTimestamp(o.data.at, ws.timezone) ?? Infinity) <= asOf).map((o) => o.data);
  const measures = folder?.plan ? measuredGoals(folder.plan.data, logged, ws.timezone) : [];
  const report = { person, planOnly: Boolean(options.plan), since: shownSince, until: shownUntil, entries, measures };
  io.stdout.write(HISTORY_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return 0;
}
