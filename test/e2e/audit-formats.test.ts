import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { careplan, EXAMPLE } from '../helpers/repo.js';

const NOVEMBER = ['audit', '--repo', EXAMPLE, '--as-of', '2026-11-26', '--month', '2026-11'];

/** careplan with stdout a terminal `columns` wide (colour off, so widths are the text's own). */
async function onTerminal(args: string[], columns: number): Promise<string> {
  let stdout = '';
  const code = await run(args, {
    cwd: process.cwd(),
    env: { ...process.env, NO_COLOR: '1' },
    now: () => Date.now(),
    stdin: Readable.from(['']),
    stdout: { write: (text: string) => (stdout += text), isTTY: true, columns },
    stderr: { write: () => true, isTTY: true },
  });
  expect(code).toBe(0);
  return stdout;
}

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('careplan audit --format text fits the terminal', () => {
  it('not on a terminal: 80 columns, no line longer, October and November alike', async () => {
    for (const args of [NOVEMBER, ['audit', '--repo', EXAMPLE, '--as-of', '2026-11-26']]) {
      const result = await careplan([...args, '--format', 'text']);
      expect(result.exitCode).toBe(0);
      expect(widest(result.stdout)).toBeLessThanOrEqual(80);
    }
  });

  it('on a terminal: its own width, narrow or wide', async () => {
    const wide = await onTerminal([...NOVEMBER, '--format', 'text'], 160);
    expect(widest(wide)).toBeLessThanOrEqual(160);
    expect(widest(wide)).toBeGreaterThan(80);
    expect(widest(await onTerminal([...NOVEMBER, '--format', 'text'], 60))).toBeLessThanOrEqual(60);
  });
});

describe('every format carries the same page 1', () => {
  it("needs action (person, rule, due date), earlier audits' actions with their status and the targets, in every format", async () => {
    const json = JSON.parse((await careplan([...NOVEMBER, '--format', 'json'])).stdout);
    const outputs = Object.fromEntries(
      await Promise.all(['text', 'markdown', 'html', 'csv'].map(async (f) => [f, (await careplan([...NOVEMBER, '--format', f])).stdout])),
    );
    for (const [format, output] of Object.entries(outputs) as [string, string][]) {
      const flat = output.replace(/\s+/g, ' ');
      for (const n of json.needsAction) {
        expect(flat, `${format}: ${n.rule}`).toContain(n.rule);
        expect(flat, format).toContain(n.due);
      }
      for (const a of json.actions.earlier) expect(output, `${format}: ${a.audit} #${a.number}`).toContain(`${a.audit} #${a.number}`);
      expect(output, format).toContain('overdue');
      if (format !== 'csv') expect(output, format).toContain('below target');
    }
    // csv says the target's status in its own column: "not met".
    expect(outputs.csv).toContain(',not met,');
    expect(outputs.text).toContain('Sign-off');
    expect(outputs.markdown).toContain('### Sign-off');
  });
});
