import type { Command } from 'commander';
import type { Io } from './io.js';

/** Help that ends with real invocations (STYLE 8). */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export type Handler<O> = (options: O, io: Io) => Promise<number>;

/**
 * Wires a commander action to a lazily loaded handler: `options` turns commander's arguments
 * (positional values, then the command) into the handler's options, global flags included.
 */
export type Runner = <O>(
  load: () => Promise<Handler<O>>,
  options: (cmd: Command, args: unknown[]) => O,
) => (...args: unknown[]) => Promise<void>;

/** Each command file registers itself on the program with this signature. */
export type Register = (program: Command, run: Runner) => void;

export const globals = (cmd: Command): Record<string, unknown> => cmd.optsWithGlobals();
