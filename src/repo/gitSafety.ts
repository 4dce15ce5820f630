import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What a repository's own git configuration may not do to careplan (gitRunner.ts applies these).
 * Its configuration is untrusted, the user's own (global, system) is trusted: a care home's records
 * can arrive as a zip with a `.git` that names programs for git to run.
 */

/** Runs git with careplan's fixed options only (gitRunner's raw runner, passed in to keep one spawn). */
export type RawGit = (cwd: string, args: readonly string[]) => Promise<{ stdout: Buffer; exitCode: number }>;

/**
 * The programs git signs and verifies with: git's own defaults, unless the user's own configuration
 * names others (a 1Password or gpg2 user). Never the repository's.
 */
export const SIGNING_PROGRAMS: Readonly<Record<string, string>> = {
  'gpg.program': 'gpg',
  'gpg.openpgp.program': 'gpg',
  'gpg.x509.program': 'gpgsm',
  'gpg.ssh.program': 'ssh-keygen',
  'gpg.ssh.defaultkeycommand': 'ssh-add -L',
};

const TRUSTED_SCOPES = new Set(['system', 'global', 'command']);

/**
 * The one `git config` question a write asks: the filter and signing settings (here) and how a
 * commit is made (plumbingCommit.ts `commitSettings`), in one git process rather than two. git
 * remembers the answer for the command (gitRunner.ts).
 */
export const CONFIG_QUESTION: readonly string[] = [
  'config',
  '-z',
  '--show-scope',
  '--get-regexp',
  '^(filter|gpg)\\.|^(core\\.filemode|commit\\.gpgsign|commit\\.cleanup)$',
];

/**
 * `git config -z --show-scope --get-regexp` output: each setting's scope, key (as git prints it:
 * section and name in lower case) and value (undefined: none).
 */
export function scopedSettings(out: Buffer): { scope: string; key: string; value: string | undefined }[] {
  const settings: { scope: string; key: string; value: string | undefined }[] = [];
  const fields = out.toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const entry = fields[i + 1];
    const newline = entry.indexOf('\n');
    settings.push({
      scope: fields[i],
      key: newline < 0 ? entry : entry.slice(0, newline),
      value: newline < 0 ? undefined : entry.slice(newline + 1),
    });
  }
  return settings;
}

/**
 * `-c` options that put back the user's own value (or nothing) for every filter and signing setting
 * the repository's configuration sets: `filter.<name>.clean` runs on `git status` and `git add`.
 * One `git config` read, done only for commands that would run them.
 */
export async function configOverrides(git: RawGit, cwd: string): Promise<string[]> {
  const result = await git(cwd, CONFIG_QUESTION);
  // Exit 1: none set. Any other failure shows when the command itself runs.
  if (result.exitCode !== 0) return [];
  const trusted = new Map<string, string>();
  const untrusted = new Set<string>();
  for (const { scope, key, value } of scopedSettings(result.stdout)) {
    if (!/^(filter|gpg)\./i.test(key)) continue;
    if (TRUSTED_SCOPES.has(scope)) trusted.set(key, value ?? '');
    else untrusted.add(key);
  }
  const options: string[] = [];
  for (const key of untrusted) {
    if (!/^filter\.|\.program$|\.defaultkeycommand$/i.test(key)) continue;
    options.push('-c', `${key}=${trusted.get(key) ?? SIGNING_PROGRAMS[key.toLowerCase()] ?? ''}`);
  }
  for (const [key, value] of trusted) if (key.toLowerCase() in SIGNING_PROGRAMS) options.push('-c', `${key}=${value}`);
  return options;
}

/** The user opts in to the repository's pre-commit hook on careplan's commits (docs/ci.md). */
export function preCommitOptedIn(env: Record<string, string | undefined>): boolean {
  const value = env.CAREPLAN_PRE_COMMIT?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false' && value !== 'no';
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A hooks folder holding only a `pre-commit` that runs the repository's own (found as git would:
 * `core.hooksPath`, else `.git/hooks`), so an opted-in commit runs that one hook and no other
 * (commit-msg, post-commit, reference-transaction). Undefined when the repository has none.
 */
export async function preCommitOnly(git: RawGit, cwd: string): Promise<{ dir: string; remove(): void } | undefined> {
  const where = await git(cwd, ['rev-parse', '--show-toplevel', '--git-common-dir']);
  if (where.exitCode !== 0) return undefined;
  const [top, common] = where.stdout.toString('utf8').trim().split('\n');
  // careplan's own core.hooksPath=/dev/null is on the command line: the hook is the one the
  // configuration files name (relative to the top of the work tree, as git runs hooks there).
  const set = await git(cwd, ['config', '-z', '--type=path', '--show-scope', '--get-all', 'core.hooksPath']);
  const fields = set.exitCode === 0 ? set.stdout.toString('utf8').split('\0') : [];
  let configured: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] !== 'command') configured = fields[i + 1];
  const hooksDir = configured ? path.resolve(top, configured) : path.join(path.resolve(cwd, common), 'hooks');
  const hook = path.join(hooksDir, 'pre-commit');
  if (!existsSync(hook) || !(statSync(hook).mode & 0o111)) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'careplan-hooks-'));
  writeFileSync(path.join(dir, 'pre-commit'), `#!/bin/sh\nexec ${shellQuote(hook)} "$@"\n`);
  chmodSync(path.join(dir, 'pre-commit'), 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
