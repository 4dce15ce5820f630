import type { Io } from '../io.js';
import { diagnose, type DoctorItem } from '../repo/doctor.js';
import { findRepositoryRoot } from '../repo/loader.js';
import { lockWaitFromEnv } from '../repo/lock.js';
import type { GlobalOptions } from './options.js';

export interface DoctorOptions extends GlobalOptions {
  dryRun?: boolean;
  json?: boolean;
}

const MARK: Record<DoctorItem['state'], string> = { ok: 'ok', repaired: 'repaired', attention: 'needs you' };

function itemText(item: DoctorItem): string {
  const files = item.files && item.files.length > 1 ? item.files.map((f) => `\n    ${f}`).join('') : '';
  return `- ${MARK[item.state]}: ${item.message}${files}${item.fix ? `\n  fix: ${item.fix}` : ''}`;
}

/**
 * `careplan doctor`: what stopped writes left behind, repaired (or only reported with
 * --dry-run). Exit 0 when nothing is left for a person to do, 1 when something is.
 */
export async function doctor(options: DoctorOptions, io: Io): Promise<number> {
  const root = findRepositoryRoot(io.cwd, options.repo);
  const items = await diagnose(root, { dryRun: options.dryRun === true, waitMs: lockWaitFromEnv(io.env) });
  const attention = items.filter((i) => i.state === 'attention').length;
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ root, dryRun: options.dryRun === true, items }, null, 2)}\n`);
  } else if (items.length === 0) {
    io.stdout.write(`Nothing to put right in ${root}: no stale lock, no interrupted write, no leftover files.\n`);
  } else {
    const repaired = items.filter((i) => i.state === 'repaired').length;
    const summary =
      [repaired ? `${repaired} repaired` : '', attention ? `${attention} for you to look at` : ''].filter(Boolean).join(', ') ||
      'nothing to repair';
    io.stdout.write(`${root}:\n${items.map(itemText).join('\n')}\n${summary}.\n`);
  }
  return attention ? 1 : 0;
}
