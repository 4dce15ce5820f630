import { describe, expect, it } from 'vitest';
import { commandsFor, run } from '../../src/cli.js';
import { colourFor } from '../../src/io.js';
import type { Io } from '../../src/io.js';

function capture(): { io: Io; out: () => string } {
  let text = '';
  const stream = { write: (t: string) => (text += t), isTTY: false };
  const io: Io = { cwd: process.cwd(), env: { NO_COLOR: '1' }, stdout: stream, stderr: stream, stdin: process.stdin, now: () => 0 };
  return { io, out: () => text };
}

const WRITE_COMMANDS = [
  ['staff'],
  ['staff', 'add'],
  ['staff', 'list'],
  ['person'],
  ['plan'],
  ['person', 'add'],
  ['person', 'list'],
  ['person', 'discharge'],
  ['assess'],
  ['plan', 'create'],
  ['plan', 'update'],
  ['plan', 'show'],
  ['signoff'],
  ['ack'],
  ['agree'],
  ['outcome'],
  ['review'],
  ['escalate'],
  ['spotcheck'],
  ['feedback'],
  ['supervise'],
  ['audit', 'action'],
  ['staff', 'update'],
  ['staff', 'leave'],
  ['person', 'update'],
  ['person', 'readmit'],
  ['escalate', 'respond'],
];

describe('help for the recording commands', () => {
  it.each(WRITE_COMMANDS.map((c) => [c.join(' '), c]))('careplan %s --help ends with real examples', async (_name, command) => {
    const { io, out } = capture();
    expect(await run([...(command as string[]), '--help'], io)).toBe(0);
    const examples = out().trimEnd().split('\nExamples:\n')[1]?.split('\n') ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const line of examples) expect(line).toMatch(new RegExp(`^  \\$ careplan ${(command as string[]).join(' ')}( |$)`));
  });
});

describe('only the command that runs is registered', () => {
  const names = (argv: string[]) => commandsFor(argv).map(([name]) => name);

  it('registers just the named command, after the program options and their values', () => {
    expect(names(['outcome', 'p-edith', '--goal', 'g-1'])).toEqual(['outcome']);
    expect(names(['--repo', 'check', 'outcome'])).toEqual(['outcome']);
    expect(names(['--repo=home', '--as', 's-amy', '--as-of', '2026-11-26', '--no-color', 'check'])).toEqual(['check']);
    expect(names(['plan', 'show', 'p-edith'])).toEqual(['plan']);
  });

  it('registers every command when none is named, or the one named lists them all', () => {
    const all = commandsFor([]).length;
    expect(all).toBe(24);
    for (const argv of [
      [],
      ['--help'],
      ['--help', 'check'],
      ['--repo', 'x', '-h', 'outcome'],
      ['help', 'check'],
      ['chek'],
      ['--', 'check'],
      ['completion', 'bash'],
      ['--repo'],
    ]) {
      expect(names(argv)).toHaveLength(all);
    }
  });

  it('still lists every command, and suggests the one meant for a misspelt name', async () => {
    const help = capture();
    expect(await run(['--help'], help.io)).toBe(0);
    for (const [name] of commandsFor([])) expect(help.out()).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const before = capture();
    expect(await run(['--help', 'check'], before.io)).toBe(0);
    expect(before.out()).toMatch(/^  outcome\b/m);
    const typo = capture();
    expect(await run(['outcom'], typo.io)).toBe(2);
    expect(typo.out()).toContain('(Did you mean outcome?)');
  });
});

describe('colour', () => {
  it('is plain when the stream is not painted, chalk only when it is', () => {
    const off = colourFor({ isTTY: true }, { NO_COLOR: '1' }, false);
    expect(off.level).toBe(0);
    expect(off.red('x')).toBe('x');
    const on = colourFor({ isTTY: false }, { FORCE_COLOR: '1' }, false);
    expect(on.level).toBe(1);
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colourFor({ isTTY: true }, {}, true).level).toBe(0);
  });
});
