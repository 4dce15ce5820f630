import Table from 'cli-table3';
import type { DueItem } from '../rules/due.js';
import { plural } from '../model/words.js';
import { plain, type Paint } from './paint.js';

/** `careplan due` as a table, soonest first; overdue items marked. */
export function formatDueTable(items: readonly DueItem[], horizon: string, paint: Paint = plain, colour = false): string {
  if (items.length === 0) return `Nothing falls due by ${horizon}.\n`;
  const table = new Table({
    head: ['Due', 'What', 'Person', 'Who / what', ''],
    style: { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const item of items) {
    table.push([item.due.replace('T', ' '), item.what, item.person ?? '(home)', item.subject ?? '', item.overdue ? paint.red('OVERDUE') : '']);
  }
  const overdue = items.filter((i) => i.overdue).length;
  return `${table.toString()}\n${plural(items.length, 'item')} due by ${horizon}${overdue ? `, ${overdue} overdue` : ''}.\n`;
}
