import { execa } from 'execa';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { careplan, copyRepo, removeDir, tempDir } from '../helpers/repo.js';
import { by, edieHistory, git, History, planFile, planVersions, staffAuthor } from '../helpers/trail.js';

/**
 * A records repository handed over as a zip, `.git` and all, prepared by someone hostile: its
 * configuration names a program for every way git can be made to run one. careplan's commands
 * must never run any of them; each leaves a marker file when run.
 */

const HOOKS = [
  'pre-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'reference-transaction',
  'post-index-change',
  'pre-auto-gc',
];

let base: History;
let scratch: string;
let marker: string;
let evil: string;

beforeAll(async () => {
  scratch = tempDir('careplan-hostile-');
  marker = path.join(scratch, 'ran');
  evil = path.join(scratch, 'evil.sh');
  // A program that records it ran, then behaves as a harmless filter would.
  writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`);
  chmodSync(evil, 0o755);

  base = await History.create();
  await edieHistory(base);
  // A sign-off commit signed with a real SSH key, and one whose PGP signature git must check:
  // verify asks git for signatures, which runs the signing program.
  const key = path.join(scratch, 'key');
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'amina', '-f', key]);
  const hash = planFile(planVersions()[2]).hash;
  const signoff = (at: string) => ({ 'people/p-edith/signoffs.yaml': `- { version: 3, plan: "${hash}", by: s-amina, at: ${at} }\n` });
  await base.commit(
    'Sign again',
    {},
    { author: staffAuthor('s-amina'), date: '2026-11-24T09:00:00+00:00', trailers: by('signoff', 's-amina'), signWith: key },
    signoff('2026-11-24T09:00'),
  );
  await base.commit(
    'Sign once more',
    {},
    { author: staffAuthor('s-amina'), date: '2026-11-25T09:00:00+00:00', trailers: by('signoff', 's-amina') },
    signoff('2026-11-25T09:00'),
  );
  const object = await git(base.dir, ['cat-file', 'commit', 'HEAD']);
  const forged = object.replace(/\n\n/, '\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n');
  const written = await execa('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: base.dir, input: `${forged}\n` });
  await git(base.dir, ['update-ref', 'HEAD', written.stdout.trim()]);

  // The hostile configuration, some of it through an include.
  const hooks = path.join(scratch, 'hooks');
  mkdirSync(hooks);
  for (const hook of HOOKS) {
    writeFileSync(path.join(hooks, hook), `#!/bin/sh\necho "${hook}" >> '${marker}'\n`);
    chmodSync(path.join(hooks, hook), 0o755);
    writeFileSync(path.join(base.dir, '.git', 'hooks', hook), `#!/bin/sh\necho "${hook}" >> '${marker}'\n`);
    chmodSync(path.join(base.dir, '.git', 'hooks', hook), 0o755);
  }
  writeFileSync(path.join(scratch, 'included'), `[core]\n\thooksPath = ${hooks}\n`);
  const settings: [string, string][] = [
    ['include.path', path.join(scratch, 'included')],
    ['core.fsmonitor', evil],
    ['core.pager', evil],
    ['pager.log', evil],
    ['gpg.program', evil],
    ['gpg.ssh.program', evil],
    ['gpg.x509.program', evil],
    ['gpg.ssh.defaultKeyCommand', evil],
    ['diff.external', evil],
    ['diff.hostile.textconv', evil],
    ['diff.hostile.command', evil],
    ['filter.hostile.clean', evil],
    ['filter.hostile.smudge', evil],
    ['filter.hostile.process', evil],
    ['core.sshCommand', evil],
    ['core.editor', evil],
  ];
  for (const [key, value] of settings) await git(base.dir, ['config', key, value]);
  writeFileSync(path.join(base.dir, '.git', 'info', 'attributes'), '* diff=hostile filter=hostile\n');
  // Every tracked file looks changed to git, so `git status` would have to run the clean filter.
  await execa('touch', ['-d', '2026-11-29T10:00', ...['careplan.yaml', 'people/p-edith/person.yaml', 'people/p-edith/plan.yaml']], {
    cwd: base.dir,
  });
});
afterAll(() => {
  base.remove();
  removeDir(scratch);
});

let dir: string;
beforeEach(() => {
  rmSync(marker, { force: true });
  dir = copyRepo(base.dir, 'careplan-hostile-copy-');
  return () => removeDir(dir);
});

const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');

describe('a repository whose git configuration names programs to run', () => {
  it('the hostile configuration is live: plain git runs its programs', async () => {
    await execa('git', ['status'], {
      cwd: dir,
      reject: false,
      stdin: 'ignore',
      env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    await execa('git', ['log', '--show-signature', '-1'], {
      cwd: dir,
      reject: false,
      stdin: 'ignore',
      env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    expect(ran()).toContain(evil);
  });

  it.each([
    ['check', ['check', '--as-of', '2026-11-29']],
    ['validate', ['validate']],
    ['verify', ['verify']],
    ['history', ['history', 'p-edith']],
    ['handover', ['handover', '--since', '2026-11-01']],
    ['audit', ['audit', '--month', '2026-11']],
  ])('%s runs none of them', async (_, argv) => {
    const r = await careplan(argv, { cwd: dir });
    expect(r.exitCode, r.stderr).toBeLessThan(2);
    expect(ran()).toBe('');
  });

  it('outcome records and commits, running no hook, filter or signing program', async () => {
    const r = await careplan(
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'nut-fluids', '--result', 'improving', '--at', '2026-11-29T12:00'],
      { cwd: dir },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('not committed');
    expect(await git(dir, ['log', '-1', '--format=%B'])).toContain('Careplan-Action: outcome');
    expect(ran()).toBe('');
  });

  it('with CAREPLAN_PRE_COMMIT=1 the user opts in to the pre-commit hook, and to no other', async () => {
    const r = await careplan(
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'nut-fluids', '--result', 'improving', '--at', '2026-11-29T12:00'],
      {
        cwd: dir,
        env: { CAREPLAN_PRE_COMMIT: '1' },
      },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    // The hook the configuration names (through its include), as git itself would choose it.
    expect(ran()).toBe('pre-commit\n');
  });
});
