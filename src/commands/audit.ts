import { existsSync } from 'node:fs';
import path from 'node:path';
import { auditPeriod, defaultMonth, isMonth } from '../audit/period.js';
import { buildAuditReport, type AuditReport } from '../audit/report.js';
import { agreedActions } from '../audit/actions.js';
import { toSavedAudit, type AgreedAction } from '../audit/savedAudit.js';
import { RecordError, UsageError } from '../errors.js';
import { canPrompt, formatOptionsFor, type Io } from '../io.js';
import { localTimestamp } from '../model/time.js';
import type { Workspace } from '../model/workspace.js';
import { auditPath, savedAuditText } from '../repo/auditFile.js';
import { writeFileAtomic } from '../repo/atomicWrite.js';
import { loadCqcMapping } from '../repo/cqcMappingFile.js';
import { findRepositoryRoot } from '../repo/loader.js';
import { committedVersions } from '../repo/asItStood.js';
import { filesGitHolds } from '../model/asItStood.js';
import { resolveActor } from '../repo/actor.js';
import { lockWaitFromEnv, withLock } from '../repo/lock.js';
import { applyWrite, bytesBefore, preflight, recoverInterrupted } from '../repo/transaction.js';
import { trailRefusal } from '../repo/trail.js';
import { writeRefusal } from '../repo/safePath.js';
import { loadWorkspaceParallel } from '../repo/parallelLoader.js';
import { AUDIT_EXTENSIONS, AUDIT_FORMATS } from '../format/auditFormats.js';
import { monthName } from '../format/auditWords.js';
import { FORMAT_NAMES, type FormatName } from '../format/registry.js';
import { confirmReplace, parseAction, promptActions } from './auditPrompts.js';
import { chosenFormat, fullLoad, resolveAsOf, type CacheOptions, type GlobalOptions } from './options.js';

export interface AuditOptions extends GlobalOptions, CacheOptions {
  month?: string;
  format?: string;
  json?: boolean;
  out?: string;
  save?: boolean;
  action?: string[];
  force?: boolean;
  commit?: boolean;
}

type Format = FormatName<'audit'>;

/** --format, else --json, else the extension of --out, else text. */
export function formatFor(options: Pick<AuditOptions, 'format' | 'json' | 'out'>): Format {
  if (options.format !== undefined || options.json || options.out === undefined) return chosenFormat(FORMAT_NAMES.audit, options, 'text');
  const extension = path.extname(options.out).toLowerCase();
  const format = FORMAT_NAMES.audit.find((f) => AUDIT_EXTENSIONS[f].includes(extension));
  if (!format) {
    const suggested = FORMAT_NAMES.audit.map((f) => AUDIT_EXTENSIONS[f][0]);
    const names = `${suggested.slice(0, -1).join(', ')} or ${suggested[suggested.length - 1]}`;
    throw new UsageError(
      `--out ${options.out}: careplan cannot tell the format from "${extension || 'no extension'}".`,
      `Name the file ${names}, or pass --format ${FORMAT_NAMES.audit.join('|')}.`,
    );
  }
  return format;
}

interface SavePlan {
  file: string;
  saver: string;
  actions: AgreedAction[];
  /** The month was already saved, and replacing it was confirmed or forced. */
  replacing: boolean;
}

/** Everything --save needs, settled before anything is printed or written, so a refusal changes nothing. */
async function planSave(options: AuditOptions, io: Io, ws: Workspace, report: AuditReport, asOfDate: string): Promise<SavePlan> {
  if (!report.period.complete) {
    throw new UsageError(
      `${monthName(report.month)} is not over yet (as of ${report.asOf.replace('T', ' ')}), so its audit cannot be saved.`,
      'Run it without --save to see the month so far, and save it once the month has ended (by ' +
        `day ${ws.policy.audit_due_day} of the next).`,
    );
  }
  const saver = (await resolveActor(ws, { as: options.as, env: io.env }, 'saving the audit', { date: asOfDate }))!.id;
  const file = auditPath(report.month);
  const interactive = canPrompt(io, options.input === false);
  const replacing = existsSync(path.join(ws.root, file));
  if (replacing && !options.force) {
    const saved = ws.audits.find((a) => a.month === report.month)?.data;
    const who = saved ? ` (saved ${saved.saved_at} by ${saved.saved_by})` : '';
    if (!interactive || !(await confirmReplace(io, file))) {
      throw new RecordError(
        `the audit for ${report.month} is already saved in ${file}${who}; an audit is a record, so it was not replaced.`,
        'To replace it (for example after correcting records), run again with --force; git keeps the earlier version.',
      );
    }
  }
  const actions = (options.action ?? []).map((value) => parseAction(ws, value));
  if (actions.length === 0 && interactive) actions.push(...(await promptActions(io, ws)));
  return { file, saver, actions, replacing };
}

/** `careplan audit [--month YYYY-MM]`: the monthly audit report; `--save` records it. */
export async function audit(options: AuditOptions, io: Io): Promise<number> {
  if (options.month !== undefined && !isMonth(options.month)) {
    throw new UsageError(`--month "${options.month}" is not a month.`, 'Give it as YYYY-MM, for example --month 2026-10.');
  }
  const format = formatFor(options);
  for (const [flag, given] of [
    ['--action', options.action?.length],
    ['--force', options.force],
    ['--no-commit', options.commit === false],
  ] as const) {
    if (given && !options.save)
      throw new UsageError(`${flag} only applies with --save.`, `Add --save to save the audit, or leave out ${flag}.`);
  }
  const root = findRepositoryRoot(io.cwd, options.repo);
  const ws = await loadWorkspaceParallel(root, fullLoad(options), io.env);
  const zone = ws.timezone;
  const now = io.now();
  const asOf = resolveAsOf(options.asOf, now, zone);
  if (options.save && asOf > now) {
    // saved_at is as-of: an audit saved "as of" a later moment would be dated in the future.
    const shown = (ms: number) => localTimestamp(ms, zone).replace('T', ' ');
    throw new UsageError(
      `--as-of ${shown(asOf)} is later than now (${shown(now)}), so the audit cannot be saved as of it.`,
      'Leave out --as-of to save it as of now, or give a past moment.',
    );
  }
  const month = options.month ?? defaultMonth(asOf, zone);
  const period = auditPeriod(month, asOf, zone);
  if (!period) {
    throw new UsageError(
      `--month ${month} has not begun as of ${localTimestamp(asOf, zone).replace('T', ' ')}, so there is nothing to audit.`,
      'Give a month up to the current one (the default is the previous full month).',
    );
  }
  const mapping = loadCqcMapping(ws);
  // The month so far ends now: the records as they stand, uncommitted edits included; a past end asks git how they stood.
  const committed = period.end < now ? await committedVersions(root, filesGitHolds(ws, period.end)) : undefined;
  const report = buildAuditReport(ws, period, mapping, committed, asOf);
  const save = options.save ? await planSave(options, io, ws, report, localTimestamp(asOf, zone).slice(0, 10)) : undefined;
  // Asked before anything is printed or written: an audit that cannot reach the change trail is not saved.
  const refusal = save && (writeRefusal(root, save.file) ?? (options.commit !== false ? await trailRefusal(root) : undefined));
  if (refusal) throw refusal;
  // The report printed while saving shows the actions being agreed, as the saved file will.
  if (save) report.actions.agreed = agreedActions(report.month, save.actions, localTimestamp(asOf, zone).slice(0, 10));

  if (options.out !== undefined) {
    const target = path.resolve(io.cwd, options.out);
    try {
      // Colour only on a terminal, never in a file.
      writeFileAtomic(target, AUDIT_FORMATS[format](report, formatOptionsFor({}, io.env, true)));
    } catch (error) {
      throw new UsageError(
        `--out ${options.out}: cannot write it (${(error as Error).message}).`,
        'Choose a file in a folder you can write to.',
      );
    }
    io.stderr.write(`Wrote the ${format} audit for ${month} to ${options.out}.\n`);
  } else {
    io.stdout.write(AUDIT_FORMATS[format](report, formatOptionsFor(io.stdout, io.env, options.color === false)));
  }

  if (save) {
    const savedAt = localTimestamp(asOf, zone);
    const record = toSavedAudit(report, save.saver, savedAt, save.actions);
    const text = savedAuditText(record, `Monthly audit - ${monthName(report.month)}. Saved by ${save.saver}.`);
    const commit = options.commit !== false;
    // The same lock and transaction as every recording command: two people saving at once take
    // turns, and the second sees the first's file rather than silently replacing it; the audit
    // reaches the change trail, or nothing is saved.
    const notices: string[] = [];
    const saved = await withLock(
      root,
      async (lease) => {
        await recoverInterrupted(root, notices);
        if (!save.replacing && existsSync(path.join(root, save.file))) {
          throw new RecordError(
            `the audit for ${report.month} was saved by someone else while this one ran; it was not replaced.`,
            'Look at the saved one, and run again with --force only if it should be replaced.',
          );
        }
        const writes = [{ file: save.file, bytes: Buffer.from(text, 'utf8'), before: bytesBefore(root, save.file) }];
        await preflight(root, writes, commit);
        const subject = `Audit for ${report.month} saved`;
        const trailers = { action: 'audit', by: save.saver };
        return applyWrite(root, writes, { commit, subject, trailers, command: 'careplan audit --save', lease });
      },
      { waitMs: lockWaitFromEnv(io.env), command: 'audit --save', notices },
    );
    for (const notice of notices) io.stderr.write(`careplan: warning: ${notice}\n`);
    const how = saved.sha ? `and committed it (${saved.sha.slice(0, 7)})` : '(not committed: --no-commit)';
    io.stderr.write(`Saved ${save.file} ${how}.\n`);
  }
  return 0;
}
