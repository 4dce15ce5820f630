import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withEnvironment } from '../../src/repo/childEnvironment.js';
import { commitFiles, commitMessage, type Trailers } from '../../src/repo/git.js';
import { runGit } from '../../src/repo/gitRunner.js';
import { cleanedMessage } from '../../src/repo/plumbingCommit.js';
import { GIT_ENV, removeDir, tempDir, writeFiles } from '../helpers/repo.js';

// A commit by plumbing (src/repo/plumbingCommit.ts) must be the commit `git add -- FILES && git
// commit --only -F - -- FILES` makes. With the clock fixed, the two make the same commit id: the
// same tree, parent, author, committer and message, byte for byte. So each case is made twice,
// in two copies of one repository, once each way, and the results compared whole.

const DATES = { GIT_AUTHOR_DATE: '2026-11-30T10:00:00+00:00', GIT_COMMITTER_DATE: '2026-11-30T10:00:00+00:00' };
// Every repository here is small: CAREPLAN_PLUMBING_FROM=0 makes careplan commit by plumbing all the same.
const ENV = { ...GIT_ENV, ...DATES, CAREPLAN_PLUMBING_FROM: '0' };

/** A git wrapper first on the PATH that logs each command it runs, to tell which way a commit was made. */
const logDir = tempDir('careplan-git-log-');
const log = path.join(logDir, 'log');
writeFileSync(
  path.join(logDir, 'git'),
  `#!/bin/sh\nfor a in "$@"; do case "$a" in -*|*=*) ;; *) echo "$a" >> "${log}"; break;; esac; done\nexec /usr/bin/git "$@"\n`,
  { mode: 0o755 },
);
const asked = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);

/** commitFiles as a careplan command runs it: with the command's environment (the tests' identity and clock). */
const inCommand = <T>(work: () => Promise<T>, env: Record<string, string> = {}) => {
  writeFileSync(log, '');
  return withEnvironment({ ...process.env, ...ENV, PATH: `${logDir}:${process.env.PATH}`, ...env }, work);
};

async function gitAt(cwd: string, args: string[], input?: string): Promise<string> {
  const result = await execa('git', args, { cwd, env: ENV, input, reject: false, stripFinalNewline: false });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return String(result.stdout);
}

const made: string[] = [];
afterAll(() => [logDir, ...made].forEach(removeDir));

interface Twin {
  /** Where the records are: the top of the work tree, or a folder in it. */
  plumbing: string;
  porcelain: string;
}

/**
 * A repository holding `committed`, in two copies, each then changed by `change`; the records are
 * in `records` (a folder of the work tree, '' for its top). `init` are `git init` options.
 */
async function twin(
  committed: Record<string, string>,
  change: (dir: string) => Promise<void> | void,
  options: { records?: string; init?: string[]; name?: string } = {},
): Promise<Twin> {
  const top = tempDir(options.name ?? 'careplan-plumbing-');
  made.push(top);
  await gitAt(top, ['init', '--quiet', '--initial-branch=main', ...(options.init ?? [])]);
  writeFiles(top, committed);
  await gitAt(top, ['add', '-A']);
  await gitAt(top, ['commit', '--quiet', '-m', 'records']);
  const copy = tempDir(options.name ?? 'careplan-plumbing-');
  made.push(copy);
  execFileSync('cp', ['-a', `${top}/.`, copy]);
  const records = options.records ?? '';
  const dirs = { plumbing: path.join(top, records), porcelain: path.join(copy, records) };
  await change(dirs.plumbing);
  await change(dirs.porcelain);
  return dirs;
}

/** Commits `files` both ways; returns what careplan's commitFiles said. */
async function commitBoth(dirs: Twin, files: string[], subject: string, trailers: Trailers) {
  const result = await inCommand(() => commitFiles(dirs.plumbing, files, subject, trailers));
  await gitAt(dirs.porcelain, ['--literal-pathspecs', 'add', '--', ...files]);
  await gitAt(dirs.porcelain, ['--literal-pathspecs', 'commit', '--quiet', '-F', '-', '--', ...files], commitMessage(subject, trailers));
  return result;
}

/** Everything a user would see of the commit and the state it left: HEAD, its reflogs, the index, and git status. */
async function state(dir: string) {
  return {
    head: await gitAt(dir, ['rev-parse', 'HEAD']),
    commit: await gitAt(dir, ['cat-file', '-p', 'HEAD']),
    reflogs: [await gitAt(dir, ['reflog', '-1', '--format=%gs', 'HEAD']), await gitAt(dir, ['reflog', '-1', '--format=%gs', 'main'])],
    index: await gitAt(dir, ['ls-files', '-s', '--full-name', ':/']),
    status: await gitAt(dir, ['status', '--porcelain', '--untracked-files=all']),
    unrefreshed: await gitAt(dir, ['diff-files', '--name-status']),
  };
}

async function expectSame(dirs: Twin) {
  const [plumbing, porcelain] = [await state(dirs.plumbing), await state(dirs.porcelain)];
  expect(plumbing).toEqual(porcelain);
  return plumbing;
}

const RECORDS = {
  'careplan.yaml': 'provider: { name: Test House }\n',
  'people/p-edith/person.yaml': 'id: p-edith\n',
  'people/p-edith/outcomes/2026-10.yaml': '- at: 2026-10-02T10:00\n',
  'people/p-frank/person.yaml': 'id: p-frank\n',
  'staff/s-amina.yaml': 'id: s-amina\n',
};

describe('a commit by plumbing is the commit git commit --only makes', () => {
  it('a changed file: the same commit, message and reflogs; other staged work stays staged, other changes stay unstaged', async () => {
    const dirs = await twin(RECORDS, async (dir) => {
      writeFiles(dir, {
        'people/p-edith/outcomes/2026-10.yaml': '- at: 2026-10-02T10:00\n- at: 2026-10-03T10:00\n',
        'staff/s-amina.yaml': 'id: s-amina\nname: Amina\n',
        'notes.txt': 'mine\n',
        'people/p-frank/person.yaml': 'id: p-frank\nname: Frank\n',
      });
      await gitAt(dir, ['add', 'notes.txt', 'staff/s-amina.yaml']);
    });
    const result = await commitBoth(dirs, ['people/p-edith/outcomes/2026-10.yaml'], 'Outcome for p-edith', {
      action: 'outcome',
      person: 'p-edith',
      by: 's-amina',
    });
    expect(result.ok).toBe(true);
    const after = await expectSame(dirs);
    if (result.ok) expect(result.sha).toBe(after.head.trim());
    expect(await gitAt(dirs.plumbing, ['fsck', '--no-progress'])).toBe('');
    expect(asked()).toContain('commit-tree');
    expect(asked()).not.toContain('commit');
    expect(after.reflogs).toEqual(['commit: Outcome for p-edith\n', 'commit: Outcome for p-edith\n']);
    expect(await gitAt(dirs.plumbing, ['show', '--name-only', '--format=', 'HEAD'])).toBe('people/p-edith/outcomes/2026-10.yaml\n');
    expect(after.status.split('\n').sort()).toEqual(['', ' M people/p-frank/person.yaml', 'A  notes.txt', 'M  staff/s-amina.yaml']);
    // The changed file not committed is the only one git sees changed on disk: stat data was recorded for the rest.
    expect(after.unrefreshed).toBe('M\tpeople/p-frank/person.yaml\n');
  });

  it('new folders (a new person, a new month) and several files at once, in one commit', async () => {
    const dirs = await twin(RECORDS, (dir) =>
      writeFiles(dir, {
        'people/p-gina/person.yaml': 'id: p-gina\n',
        'people/p-gina/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n',
        'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n',
        'feedback/2026-11-14-a.yaml': 'a: 1\n',
      }),
    );
    const files = [
      'people/p-gina/person.yaml',
      'people/p-gina/outcomes/2026-11.yaml',
      'people/p-edith/outcomes/2026-11.yaml',
      'feedback/2026-11-14-a.yaml',
    ];
    expect((await commitBoth(dirs, files, 'Add p-gina', { action: 'person-add', person: ['p-gina', 'p-edith'] })).ok).toBe(true);
    expect(asked()).toContain('commit-tree');
    const after = await expectSame(dirs);
    expect(after.status).toBe('');
    expect(after.unrefreshed).toBe('');
  });

  it('records in a folder of the work tree, with spaces in its path and the work tree’s', async () => {
    const inFolder = Object.fromEntries(Object.entries(RECORDS).map(([file, text]) => [`care records/${file}`, text]));
    const dirs = await twin(
      { ...inFolder, 'README.md': 'the home\n' },
      (dir) =>
        writeFiles(dir, {
          'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n',
          'people/p-edith/person.yaml': 'id: p-edith\nx: 1\n',
        }),
      { records: 'care records', name: 'careplan plumbing ' },
    );
    const files = ['people/p-edith/outcomes/2026-11.yaml', 'people/p-edith/person.yaml'];
    expect((await commitBoth(dirs, files, 'Edith', { action: 'outcome' })).ok).toBe(true);
    expect(asked()).toContain('commit-tree');
    const after = await expectSame(dirs);
    expect(await gitAt(dirs.plumbing, ['show', '--name-only', '--format=', 'HEAD'])).toBe(
      'care records/people/p-edith/outcomes/2026-11.yaml\ncare records/people/p-edith/person.yaml\n',
    );
    expect(after.status).toBe('');
  });

  it('in a SHA-256 repository', async () => {
    const dirs = await twin(RECORDS, (dir) => writeFiles(dir, { 'people/p-frank/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n' }), {
      init: ['--object-format=sha256'],
    });
    expect((await commitBoth(dirs, ['people/p-frank/outcomes/2026-11.yaml'], 'Frank', { action: 'outcome' })).ok).toBe(true);
    expect(asked()).toContain('commit-tree');
    const after = await expectSame(dirs);
    expect(after.head.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(await gitAt(dirs.plumbing, ['fsck', '--no-progress'])).toBe('');
  });

  it('an executable file, and with core.fileMode false the mode the index holds', async () => {
    const dirs = await twin({ ...RECORDS, 'run.sh': '#!/bin/sh\n' }, (dir) => {
      writeFiles(dir, { 'tools/new.sh': '#!/bin/sh\n', 'run.sh': '#!/bin/sh\necho\n' });
      chmodSync(path.join(dir, 'tools/new.sh'), 0o755);
    });
    expect((await commitBoth(dirs, ['tools/new.sh', 'run.sh'], 'Tools', { action: 'x' })).ok).toBe(true);
    expect(asked()).toContain('commit-tree');
    const after = await expectSame(dirs);
    expect(after.index).toContain('100755');

    const relaxed = await twin({ ...RECORDS, 'run.sh': '#!/bin/sh\n' }, async (dir) => {
      await gitAt(dir, ['update-index', '--chmod=+x', 'run.sh']);
      await gitAt(dir, ['commit', '-qm', 'executable']);
      await gitAt(dir, ['config', 'core.fileMode', 'false']);
      writeFiles(dir, { 'run.sh': '#!/bin/sh\necho\n', 'new.sh': '#!/bin/sh\n' });
      chmodSync(path.join(dir, 'new.sh'), 0o755);
    });
    expect((await commitBoth(relaxed, ['run.sh', 'new.sh'], 'Relaxed', { action: 'x' })).ok).toBe(true);
    expect((await expectSame(relaxed)).index).toMatch(/^100644 \S+ 0\tnew.sh\n(.|\n)*^100755 \S+ 0\trun.sh$/m);
  });

  it('keeps sibling names that are not UTF-8 byte for byte', async () => {
    const dirs = await twin(RECORDS, async (dir) => {
      writeFileSync(Buffer.from(path.join(dir, 'people/caf\xe9.txt'), 'latin1'), 'x\n');
      await gitAt(dir, ['add', '-A']);
      await gitAt(dir, ['commit', '-qm', 'odd name']);
      writeFiles(dir, { 'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\n' });
    });
    expect((await commitBoth(dirs, ['people/p-edith/person.yaml'], 'Edith', { action: 'x' })).ok).toBe(true);
    expect(asked()).toContain('commit-tree');
    await expectSame(dirs);
    const listed = execFileSync('git', ['ls-tree', '-z', '--name-only', 'HEAD:people'], { cwd: dirs.plumbing });
    expect(listed.includes(Buffer.from('caf\xe9.txt\0', 'latin1'))).toBe(true);
  });

  it('a file where HEAD has a folder, and a folder where HEAD has a file: as git would (by git commit)', async () => {
    const dirs = await twin({ ...RECORDS, 'notes/a.txt': 'a\n', 'plans.txt': 'p\n' }, (dir) => {
      rmSync(path.join(dir, 'notes'), { recursive: true });
      rmSync(path.join(dir, 'plans.txt'));
      writeFiles(dir, { notes: 'now a file\n', 'plans.txt/b.txt': 'b\n' });
    });
    expect((await commitBoth(dirs, ['notes', 'plans.txt/b.txt'], 'Swap', { action: 'x' })).ok).toBe(true);
    expect(asked()).toContain('commit');
    await expectSame(dirs);
  });

  it('a name HEAD holds in another case (Feedback/ for feedback/): by git commit, from the index as it was', async () => {
    const dirs = await twin({ ...RECORDS, 'Feedback/2026-10-01-a.yaml': 'a: 1\n' }, (dir) =>
      writeFiles(dir, { 'feedback/2026-11-14-b.yaml': 'b: 1\n', 'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\n' }),
    );
    const files = ['people/p-edith/person.yaml', 'feedback/2026-11-14-b.yaml'];
    expect((await commitBoth(dirs, files, 'Feedback', { action: 'feedback' })).ok).toBe(true);
    expect(asked()).toContain('commit');
    await expectSame(dirs);
  });
});

describe('when the commit by plumbing is not made', () => {
  it('a commit someone made after careplan read HEAD: the write fails, nothing of it is committed or staged', async () => {
    const dirs = await twin(RECORDS, (dir) => writeFiles(dir, { 'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n' }));
    const dir = dirs.plumbing;
    const result = await inCommand(async () => {
      // careplan asks for HEAD once a command; someone commits after it asked.
      const head = await runGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
      await gitAt(dir, ['commit', '--allow-empty', '-qm', 'someone else']);
      const answer = await commitFiles(dir, ['people/p-edith/outcomes/2026-11.yaml'], 'Edith', { action: 'outcome' });
      expect(head.stdout.toString().trim()).not.toBe(await gitAt(dir, ['rev-parse', 'HEAD']));
      return answer;
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('someone else committed');
    expect(await gitAt(dir, ['log', '-1', '--format=%s'])).toBe('someone else\n');
    expect(await gitAt(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('?? people/p-edith/outcomes/2026-11.yaml\n');
  });

  it('nothing changed: refused, as git commit refuses, and the index is as it was', async () => {
    const dirs = await twin(RECORDS, (dir) => writeFiles(dir, { 'notes.txt': 'mine\n' }));
    const result = await inCommand(() => commitFiles(dirs.plumbing, ['people/p-edith/person.yaml'], 'Nothing', { action: 'x' }));
    expect(result.ok).toBe(false);
    expect(await gitAt(dirs.plumbing, ['log', '-1', '--format=%s'])).toBe('records\n');
    expect(await gitAt(dirs.plumbing, ['status', '--porcelain'])).toBe('?? notes.txt\n');
  });

  it('a signed commit is made by git commit -S, and so is every commit when the user signs them all (commit.gpgSign)', async () => {
    const dirs = await twin(RECORDS, (dir) => writeFiles(dir, { 'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n' }));
    const dir = dirs.plumbing;
    const key = path.join(path.dirname(dir), `${path.basename(dir)}.key`);
    made.push(key, `${key}.pub`);
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'amina', '-f', key]);
    await gitAt(dir, ['config', 'gpg.format', 'ssh']);
    await gitAt(dir, ['config', 'user.signingKey', key]);
    const signed = await inCommand(() =>
      commitFiles(dir, ['people/p-edith/outcomes/2026-11.yaml'], 'Signed', { action: 'signoff', signed: true }),
    );
    expect(signed.ok).toBe(true);
    expect(asked()).toContain('commit');
    expect(asked()).not.toContain('commit-tree');
    expect(await gitAt(dir, ['cat-file', 'commit', 'HEAD'])).toContain('gpgsig');

    await gitAt(dir, ['config', 'commit.gpgSign', 'true']);
    writeFiles(dir, { 'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\n' });
    const always = await inCommand(() => commitFiles(dir, ['people/p-edith/person.yaml'], 'Always', { action: 'x' }));
    expect(always.ok).toBe(true);
    expect(asked()).not.toContain('commit-tree');
    expect(await gitAt(dir, ['cat-file', 'commit', 'HEAD'])).toContain('gpgsig');
  });

  it('with CAREPLAN_PRE_COMMIT=1, by git commit, so that the hook runs (and may refuse)', async () => {
    const dirs = await twin(RECORDS, (dir) => writeFiles(dir, { 'people/p-edith/outcomes/2026-11.yaml': '- at: 2026-11-02T10:00\n' }));
    const dir = dirs.plumbing;
    mkdirSync(path.join(dir, '.git', 'hooks'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho "refused by the hook" >&2\nexit 1\n', { mode: 0o755 });
    const plain = await inCommand(() => commitFiles(dir, ['people/p-edith/outcomes/2026-11.yaml'], 'Plain', { action: 'outcome' }));
    expect(plain.ok).toBe(true);
    writeFiles(dir, { 'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\n' });
    const hooked = await inCommand(() => commitFiles(dir, ['people/p-edith/person.yaml'], 'Hooked', { action: 'x' }), {
      CAREPLAN_PRE_COMMIT: '1',
    });
    expect(hooked).toEqual({ ok: false, message: 'refused by the hook' });
    expect(asked()).toContain('commit');
    expect(await gitAt(dir, ['status', '--porcelain'])).toBe(' M people/p-edith/person.yaml\n');
  });

  it('a new file .gitignore names is refused, as git add refuses it, and nothing is staged', async () => {
    const dirs = await twin({ ...RECORDS, '.gitignore': 'feedback/\n' }, (dir) =>
      writeFiles(dir, { 'feedback/2026-11-14-a.yaml': 'a: 1\n', 'people/p-edith/person.yaml': 'id: p-edith\nname: Edith\n' }),
    );
    const files = ['people/p-edith/person.yaml', 'feedback/2026-11-14-a.yaml'];
    const result = await inCommand(() => commitFiles(dirs.plumbing, files, 'Ignored', { action: 'feedback' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('The following paths are ignored by one of your .gitignore files');
    expect(await gitAt(dirs.plumbing, ['log', '-1', '--format=%s'])).toBe('records\n');
    expect(await gitAt(dirs.plumbing, ['status', '--porcelain'])).toBe(' M people/p-edith/person.yaml\n');
  });

  it('the first commit of a repository (no HEAD yet) is made by git commit', async () => {
    const dir = tempDir('careplan-plumbing-');
    made.push(dir);
    await gitAt(dir, ['init', '--quiet', '--initial-branch=main']);
    writeFiles(dir, RECORDS);
    const result = await inCommand(() => commitFiles(dir, Object.keys(RECORDS), 'Start', { action: 'init' }));
    expect(result.ok).toBe(true);
    expect(asked()).toContain('commit');
    expect(await gitAt(dir, ['reflog', '-1', '--format=%gs'])).toBe('commit (initial): Start\n');
  });
});

describe('which way a commit is made, by the size of the index', () => {
  it('a home of fewer index entries than CAREPLAN_PLUMBING_FROM (5,000) commits by git commit; a larger one by plumbing', async () => {
    const changed = { 'people/p-edith/outcomes/2026-10.yaml': '- at: 2026-10-02T10:00\n- at: 2026-10-03T10:00\n' };
    const dirs = await twin(RECORDS, (dir) => writeFiles(dir, changed));
    const file = ['people/p-edith/outcomes/2026-10.yaml'];
    const trailers = { action: 'outcome', person: 'p-edith' };
    const entries = Object.keys(RECORDS).length;
    // The default, here in a repository of a handful of files: git commit.
    expect(await inCommand(() => commitFiles(dirs.porcelain, file, 'Outcome', trailers), { CAREPLAN_PLUMBING_FROM: '' })).toMatchObject({
      ok: true,
    });
    expect(asked()).toContain('commit');
    expect(asked()).not.toContain('commit-tree');
    // As many entries as the setting asks for: plumbing, and the same commit.
    const threshold = { CAREPLAN_PLUMBING_FROM: String(entries) };
    expect(await inCommand(() => commitFiles(dirs.plumbing, file, 'Outcome', trailers), threshold)).toMatchObject({ ok: true });
    expect(asked()).toContain('commit-tree');
    expect(asked()).not.toContain('commit');
    await expectSame(dirs);
    // One entry short of it: git commit again.
    writeFiles(dirs.plumbing, { 'people/p-edith/outcomes/2026-10.yaml': '- at: 2026-10-02T10:00\n- at: 2026-10-04T10:00\n' });
    const above = { CAREPLAN_PLUMBING_FROM: String(entries + 1) };
    expect(await inCommand(() => commitFiles(dirs.plumbing, file, 'Outcome', trailers), above)).toMatchObject({ ok: true });
    expect(asked()).not.toContain('commit-tree');
  });
});

describe('cleanedMessage', () => {
  it.each([
    'Subject\n\nCareplan-Action: x\n',
    'Subject  \t\n\n\n\nBody\r\n\n',
    '\n\n  \nSubject\n   \n \nTrailer: y  ',
    'one line',
    'tabs\tinside \t \n#not a comment\n',
    '',
  ])('stores %j as git commit -F - does (git stripspace)', async (message) => {
    const git = await execa('git', ['stripspace'], { input: message, stripFinalNewline: false });
    expect(cleanedMessage(message)).toBe(String(git.stdout));
  });
});
