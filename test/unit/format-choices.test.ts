import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { formatFor } from '../../src/commands/audit.js';
import { chosenFormat } from '../../src/commands/options.js';
import type { UsageError } from '../../src/errors.js';
import { FORMAT_NAMES } from '../../src/format/registry.js';
import type { Io } from '../../src/io.js';

function capture(): { io: Io; err: () => string } {
  let text = '';
  const stream = { write: (t: string) => (text += t), isTTY: false };
  return {
    io: { cwd: process.cwd(), env: { NO_COLOR: '1' }, stdout: stream, stderr: stream, stdin: process.stdin, now: () => 0 },
    err: () => text,
  };
}

const COMMANDS: [string[], keyof typeof FORMAT_NAMES][] = [
  [['check'], 'findings'],
  [['audit'], 'audit'],
  [['verify'], 'verify'],
  [['history', 'p-edith'], 'history'],
  [['handover'], 'handover'],
  [['due'], 'due'],
];

describe('--format choices come from the format registries', () => {
  it.each(COMMANDS)('%s refuses a format its registry does not have, listing the ones it has', async (argv, kind) => {
    const { io, err } = capture();
    expect(await run([...argv, '--format', 'xml'], io)).toBe(2);
    expect(err()).toContain(`Allowed choices are ${FORMAT_NAMES[kind].join(', ')}.`);
  });

  it('--json is --format json; both at once must agree', () => {
    expect(chosenFormat(FORMAT_NAMES.due, {}, 'text')).toBe('text');
    expect(chosenFormat(FORMAT_NAMES.due, { json: true }, 'text')).toBe('json');
    expect(chosenFormat(FORMAT_NAMES.due, { json: true, format: 'json' }, 'text')).toBe('json');
    expect(() => chosenFormat(FORMAT_NAMES.due, { json: true, format: 'text' }, 'text')).toThrow(
      '--json and --format text disagree; give one of them.',
    );
    expect(() => chosenFormat(FORMAT_NAMES.history, { format: 'xml' }, 'text')).toThrow('--format must be one of text, json, not "xml".');
  });

  it("audit --out picks the format from the file's extension, and names the extensions it knows when it cannot", () => {
    expect(['a.txt', 'a.MD', 'a.markdown', 'a.htm', 'a.json', 'a.csv'].map((out) => formatFor({ out }))).toEqual([
      'text',
      'markdown',
      'markdown',
      'html',
      'json',
      'csv',
    ]);
    expect(formatFor({ out: 'a.csv', format: 'html' })).toBe('html');
    const error = (() => {
      try {
        formatFor({ out: 'audit.pdf' });
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(error?.message).toBe('--out audit.pdf: careplan cannot tell the format from ".pdf".');
    expect(error?.hint).toBe('Name the file .txt, .md, .html, .json or .csv, or pass --format text|markdown|html|json|csv.');
  });
});
