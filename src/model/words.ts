/**
 * Counting words for messages: "1 error", "2 errors", "3 entries", "7 people". In model/ because
 * every layer writes messages (rules, history, format, commands) and model/ is the one folder they
 * all may import.
 */

/** The word for `count` of a thing: `one` for exactly one, else `many` (default: `one` + "s"). */
export function noun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** The count and its word: plural(1, 'error') is "1 error", plural(3, 'entry', 'entries') is "3 entries". */
export function plural(count: number, one: string, many?: string): string {
  return `${count} ${noun(count, one, many)}`;
}
