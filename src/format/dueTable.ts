import Table from 'cli-table3';
import type { DueItem } from '../rules/due.js';
import { plural } from '../model/words.js';
import { PLAIN, type FormatOptions } from './registry.js';

/** `careplan due`: what falls due by the horizon, soonest first, and what is overdue. */
export interface DueReport {
  /** The moment judged, ISO 8601 in UTC. */
  asOf: string;
  /** Days ahead looked at (--within). */
  within: number;
  /** The last local date looked at. */
  horizon: string;
  items: readonly DueItem[];
}

/** `careplan due` as a table, soonest first; overdue items marked. */
export function formatDueTable(report: DueReport, { paint, colour }: FormatOptions = PLAIN): string {
  const { items, horizon } = report;
  if (items.length === 0) return `Nothing falls due by ${horizon}.\n`;
  const table = new Table({
    head: ['Due', 'What', 'Person', 'Who / what', ''],
    style: { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const item of items) {
    table.push([
      item.due.replace('T', ' '),
      item.what,
      item.person ?? '(home)',
      item.subject ?? '',
      item.overdue ? paint.red('OVERDUE') : '',
    ]);
  }
  const overdue = items.filter((i) => i.overdue).length;
  return `${table.toString()}\n${plural(items.length, 'item')} due by ${horizon}${overdue ? `, ${overdue} overdue` : ''}.\n`;
}
