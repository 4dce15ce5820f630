import { spawn, spawnSync } from 'node:child_process';
import { BIN, GIT_ENV } from './repo.js';

/** util-linux `script` gives the command a pseudo-terminal, so careplan prompts as it would for a person. */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export interface Conversation {
  exitCode: number;
  /** Everything the terminal showed, escape sequences removed. */
  screen: string;
}

/**
 * Runs careplan on a pseudo-terminal and answers its prompts: each step waits until `prompt`
 * appears (after the previous answer) and then types `keys`. Fails if a prompt never comes.
 */
export async function converse(
  cwd: string,
  args: string[],
  steps: [RegExp, string][],
  env: Record<string, string> = {},
): Promise<Conversation> {
  const quoted = ['node', BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], {
    cwd,
    env: { ...process.env, ...GIT_ENV, TERM: 'xterm', NO_COLOR: '1', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  let from = 0;
  for (const [prompt, keys] of steps) {
    const deadline = Date.now() + 20_000;
    while (!prompt.test(out.slice(from).replace(ANSI, ''))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`no prompt ${prompt} on the terminal; it showed:\n${out.replace(ANSI, '')}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    from = out.length;
    child.stdin.write(keys);
  }
  const exitCode = await closed;
  return { exitCode, screen: out.replace(ANSI, '').replace(/\r/g, '') };
}

export const KEYS = { enter: '\r', down: '\u001b[B', space: ' ' };
