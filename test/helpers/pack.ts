import { execa } from 'execa';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { GIT_ENV, PROJECT } from './repo.js';

/**
 * The environment of a machine that has never seen careplan's source: no npm_* variables from the
 * `npm test` that started vitest (npm_config_local_prefix would point installs back at the
 * project), and no PATH entry inside the project. npm's cache stays (dependencies come from it,
 * as from a CI cache); the registry is only asked about what the cache lacks.
 */
export function outsideEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir && !dir.startsWith(PROJECT))
    .join(path.delimiter);
  return {
    ...env,
    ...GIT_ENV,
    NO_COLOR: '1',
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/**
 * `npm pack` of `dir` into `dest`; returns the tarball's path. With scripts (the default) npm runs
 * prepack and prepare, as a release would; `ignoreScripts` packs the dist/ that `npm test` built.
 */
export async function pack(dir: string, dest: string, options: { ignoreScripts?: boolean } = {}): Promise<string> {
  const args = ['pack', '--pack-destination', dest, '--silent', ...(options.ignoreScripts ? ['--ignore-scripts'] : [])];
  const result = await execa('npm', args, { cwd: dir, env: outsideEnv(), extendEnv: false, reject: false });
  if (result.exitCode !== 0) throw new Error(`npm pack failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${dest}`);
  return path.join(dest, tarball);
}

/** `npm install` of `specs` into `dir`, as someone setting careplan up there would. */
export async function npmInstall(dir: string, args: string[]): Promise<void> {
  const result = await execa('npm', ['install', ...args], { cwd: dir, env: outsideEnv(), extendEnv: false, reject: false });
  if (result.exitCode !== 0) throw new Error(`npm install ${args.join(' ')} failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
}
