import { UsageError } from '../errors.js';
import { formatOptionsFor, type Io } from '../io.js';
import { addDays, localDate } from '../model/time.js';
import { findRepositoryRoot } from '../repo/loader.js';
import { loadWorkspaceParallel } from '../repo/parallelLoader.js';
import { dueItems } from '../rules/due.js';
import { DUE_FORMATS } from '../format/dueFormats.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { chosenFormat, judgingLoad, resolveAsOf, checkAsOf, type CacheOptions, type GlobalOptions } from './options.js';
import { recordsAsOf } from './lookingBack.js';

export interface DueOptions extends GlobalOptions, CacheOptions {
  within?: string;
  format?: string;
  json?: boolean;
  person?: string;
}

/** `careplan due [--within DAYS]`: what falls due in the coming days, soonest first. */
export async function due(options: DueOptions, io: Io): Promise<number> {
  const format = chosenFormat(FORMAT_NAMES.due, options, 'text');
  const within = options.within === undefined ? 7 : Number(options.within);
  if (!Number.isInteger(within) || within < 0 || within > 366) {
    throw new UsageError(`--within must be a whole number of days from 0 to 366, not "${options.within}".`);
  }
  checkAsOf(options.asOf);
  const root = findRepositoryRoot(io.cwd, options.repo);
  const now = io.now();
  const loaded = await loadWorkspaceParallel(root, judgingLoad(options, now), io.env);
  const asOf = resolveAsOf(options.asOf, now, loaded.timezone);
  if (options.person && !loaded.people.has(options.person)) {
    throw new UsageError(
      `--person ${options.person}: there is no people/${options.person}/ in ${root}.`,
      'Run `careplan person list` to see who is recorded.',
    );
  }
  const { ws } = await recordsAsOf(io, loaded, asOf, now);
  const items = dueItems(ws, asOf, within).filter((i) => !options.person || i.person === options.person);
  const horizon = addDays(localDate(asOf, ws.timezone), within);
  const report = { asOf: new Date(asOf).toISOString(), within, horizon, items };
  io.stdout.write(DUE_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  return 0;
}
