import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { isId } from '../model/ids.js';
import { findRepositoryRoot } from '../repo/loader.js';
import { inspectPath } from '../repo/safePath.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { zshScript } from '../completion/zsh.js';
import { completionSpec } from '../completion/spec.js';
import type { GlobalOptions } from './options.js';

export interface CompletionOptions extends GlobalOptions {
  shell?: string;
  ids?: 'people' | 'staff';
  /** The program whose commands and options the script completes. */
  program: Command;
}

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript };

/**
 * The ids of the people or staff of the repository, from folder and file names alone: a
 * completion runs at every Tab, so it reads no record, and can print nothing personal.
 */
function ids(root: string, kind: 'people' | 'staff'): string[] {
  // A linked people/ or staff/ is not followed (as everywhere else): its names could be another home's.
  if (inspectPath(root, kind).kind !== 'folder') return [];
  const folder = path.join(root, kind);
  const entries = readdirSync(folder, { withFileTypes: true });
  const names =
    kind === 'people'
      ? entries.filter((e) => e.isDirectory()).map((e) => e.name)
      : entries.filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => e.name.slice(0, -'.yaml'.length));
  return names.filter(isId).sort();
}

/** `careplan completion bash|zsh|fish`: the script; `--ids people|staff`: what it asks for. */
export async function completion(options: CompletionOptions, io: Io): Promise<number> {
  if (options.ids) {
    let root: string;
    try {
      root = findRepositoryRoot(io.cwd, options.repo);
    } catch {
      return 0; // outside a records repository there is nothing to offer, and Tab must stay quiet
    }
    for (const id of ids(root, options.ids)) io.stdout.write(`${id}\n`);
    return 0;
  }
  const shell = options.shell as keyof typeof SCRIPTS | undefined;
  if (!shell)
    throw new UsageError(
      'Name the shell to complete in: bash, zsh or fish.',
      'For example: careplan completion bash > ~/.local/share/bash-completion/completions/careplan',
    );
  io.stdout.write(SCRIPTS[shell](completionSpec(options.program)));
  return 0;
}
