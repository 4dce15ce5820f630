import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, gitIn, PROJECT, removeDir, tempDir } from '../helpers/repo.js';
import { npmInstall, outsideEnv, pack } from '../helpers/pack.js';

const VERSION: string = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')).version;

/** What a fresh clone holds that packing needs: the sources, without tests, examples or a build. */
async function cleanClone(into: string): Promise<void> {
  const listed = await gitIn(PROJECT, ['ls-files', '--cached', '--others', '--exclude-standard']);
  const wanted = /^(package(-lock)?\.json|tsconfig\.json|README\.md|LICENSE|(bin|src|scripts|schemas|data)\/.+)$/;
  for (const file of listed.split('\n').filter((f) => wanted.test(f) && existsSync(path.join(PROJECT, f)))) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(path.join(PROJECT, file), path.join(into, file));
  }
  // `npm ci` would install these; the project's own copy is the same lock file's result.
  symlinkSync(path.join(PROJECT, 'node_modules'), path.join(into, 'node_modules'));
}

/** Runs a command as someone who has only the installed package would: from `cwd`, outside the source tree. */
async function outside(cwd: string, command: string, args: string[]) {
  const result = await execa(command, args, { cwd, env: outsideEnv(), extendEnv: false, reject: false });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('the packed careplan, installed outside the source tree', () => {
  let scratch: string;
  let tarball: string;
  let home: string;
  beforeAll(async () => {
    scratch = realpathSync(tempDir('careplan-package-'));
    const clone = path.join(scratch, 'clone');
    await cleanClone(clone);
    expect(existsSync(path.join(clone, 'dist'))).toBe(false);
    // With its scripts, as a release is packed: prepack builds dist/ in the clone.
    tarball = await pack(clone, scratch);
    home = path.join(scratch, 'empty');
    mkdirSync(home);
    await npmInstall(home, ['--save-dev', tarball]);
  }, 180_000);
  afterAll(() => removeDir(scratch));

  it('ships the built code, the schemas and the data, and no sources or tests', async () => {
    const listed = (await outside(scratch, 'tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    expect(listed).toEqual(expect.arrayContaining(['package.json', 'bin/careplan.js', 'dist/cli.js', 'dist/validators.js', 'data/pre-commit.sh', 'data/cqc-mapping.yaml', 'schemas/plan.schema.json']));
    expect(listed.filter((f) => /^(src|test|examples|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('installed in an empty folder, `careplan --version` runs the installed copy and prints the package version', async () => {
    const bin = realpathSync(path.join(home, 'node_modules', '.bin', 'careplan'));
    expect(bin.startsWith(path.join(home, 'node_modules', 'careplan') + path.sep)).toBe(true);
    const version = await outside(home, path.join(home, 'node_modules', '.bin', 'careplan'), ['--version']);
    expect(version).toMatchObject({ exitCode: 0, stdout: VERSION });
  });

  it('`careplan check --repo <a copy of the example>` prints its four lapses and exits 1', async () => {
    const copy = path.join(scratch, 'sunrise-house');
    cpSync(EXAMPLE, copy, { recursive: true });
    await gitIn(copy, ['init', '--quiet', '--initial-branch=main']);
    await gitIn(copy, ['add', '-A']);
    await gitIn(copy, ['commit', '--quiet', '-m', 'Sunrise House records']);
    const check = await outside(home, path.join(home, 'node_modules', '.bin', 'careplan'), ['check', '--repo', copy, '--as-of', '2026-11-26']);
    expect(check.exitCode).toBe(1);
    const lapses = check.stdout.split('\n').filter((l) => /^ {2}(error|warning) /.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(lapses).toEqual(['error escalation-missing', 'error plan-changed-since-signoff', 'error review-overdue', 'warning ack-missing']);
    expect(check.stdout).toContain('3 errors, 1 warning: 7 people checked as of 2026-11-26T23:59.');
  });

  it('`npx careplan` works in a records repository that has careplan as a dev dependency, and node_modules/ is not a record', async () => {
    const init = await outside(home, 'npx', ['--no-install', 'careplan', 'init', '.', '--provider', 'Test Home']);
    expect(init.stderr).not.toMatch(/error/i);
    expect(init.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(path.join(home, 'package.json'), 'utf8')).devDependencies.careplan).toMatch(/careplan-.*\.tgz$/);
    // init's .gitignore keeps the installed package out of git; package.json is the provider's to commit.
    expect((await gitIn(home, ['status', '--porcelain'])).split('\n').sort()).toEqual(['?? package-lock.json', '?? package.json']);
    const check = await outside(home, 'npx', ['--no-install', 'careplan', 'check']);
    expect(check).toMatchObject({ exitCode: 0, stderr: '' });
    expect(check.stdout).toMatch(/^No problems found: 0 people checked as of /m);
    expect(check.stdout).not.toContain('uncommitted');
  });
});
