import { createRequire } from 'node:module';
import { DEFAULT_WIDTH, type FormatOptions } from './format/registry.js';
import { type Paint, plain } from './format/paint.js';
import { terminalSafe } from './format/safeText.js';

/** What a handler may touch of the outside world: injected, so tests call handlers directly. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  /** `columns` is the terminal's width when stdout is one. */
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The clock, read once per command to make the default --as-of. */
  now(): number;
}

type Stream = Io['stdout'];

const UNGUARDED = new WeakMap<object, Stream>();

/**
 * The command's streams behind the one output sanitiser (safeText.ts terminalSafe): whatever a
 * command prints, a record value in it shows escaped and starts no CI workflow command. run()
 * guards every command's streams; colour sequences pass only when that stream is coloured.
 */
export function guardedIo(io: Io, noColor: boolean): Io {
  const guard = (stream: Stream): Stream => {
    if (UNGUARDED.has(stream)) return stream;
    const colour = colourLevel(stream, io.env, noColor) > 0;
    // The terminal's width is read when a formatter asks: a terminal can be resized.
    const guarded: Stream = {
      write: (text: string) => stream.write(terminalSafe(text, colour)),
      isTTY: stream.isTTY,
      get columns() {
        return (stream as { columns?: number }).columns;
      },
    };
    UNGUARDED.set(guarded, stream);
    return guarded;
  };
  return { ...io, stdout: guard(io.stdout), stderr: guard(io.stderr) };
}

/**
 * The stream behind the guard, for the two writers that must reach it as they are: GitHub
 * annotations (workflow commands on purpose, their values escaped by the formatter) and prompts,
 * which draw on the terminal with escape sequences of their own.
 */
export function unguarded(stream: Stream): Stream {
  return UNGUARDED.get(stream) ?? stream;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    now: () => Date.now(),
  };
}

/**
 * Colour per stream (STYLE 6): chalk does not honour NO_COLOR, so decide here. Off with
 * --no-color, NO_COLOR, TERM=dumb, or when the stream is not a terminal; FORCE_COLOR turns it on.
 */
export function colourLevel(stream: { isTTY?: boolean }, env: Io['env'], noColor: boolean): 0 | 1 {
  let level: 0 | 1 = stream.isTTY ? 1 : 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') level = 1;
  if (noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb') level = 0;
  return level;
}

/** The colours a stream is painted in, and whether it is painted at all (level 0: never). */
export type Colour = Paint & { readonly level: number };

const UNCOLOURED: Colour = { ...plain, level: 0 };
const require = createRequire(import.meta.url);

/**
 * The stream's colours (colourLevel). chalk is loaded only when something is coloured: importing
 * it costs about 10 ms, and most runs (pipes, CI, hooks) print no colour. Node 20.19 and later
 * require an ES module such as chalk synchronously.
 */
export function colourFor(stream: { isTTY?: boolean }, env: Io['env'], noColor: boolean): Colour {
  if (colourLevel(stream, env, noColor) === 0) return UNCOLOURED;
  const { Chalk } = require('chalk') as typeof import('chalk');
  return new Chalk({ level: 1 });
}

/**
 * A formatter's colouring and width for output to `stream` (or, given `{}`, to a file: never
 * coloured, 80 columns): a terminal's own width, else 80.
 */
export function formatOptionsFor(stream: { isTTY?: boolean; columns?: number }, env: Io['env'], noColor: boolean): FormatOptions {
  const paint = colourFor(stream, env, noColor);
  const width = stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_WIDTH;
  return { paint, colour: paint.level > 0, width };
}

/** Prompts only on a terminal (STYLE 7). */
export function canPrompt(io: Io, noInput: boolean): boolean {
  return !noInput && Boolean(io.stdin.isTTY) && Boolean(io.stdout.isTTY);
}
