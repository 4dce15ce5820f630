import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
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
