import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { careplan, gitIn, gitRepo, removeDir, writeFiles } from '../helpers/repo.js';

/** A records repository as a provider's IT person leaves it: careplan installed in it, CI files, a package.json. */
describe('what in a records repository is not a record', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await gitRepo({
      'careplan.yaml': 'provider: { name: Test Home }\n',
      'staff/s-amina.yaml': 'id: s-amina\nname: Amina\nroles: [registered-manager]\nactive: true\n',
      '.gitignore': '*.log\n',
    });
  });
  afterAll(() => removeDir(repo));

  it('careplan init in an existing folder adds node_modules/ and the lock to its .gitignore, and says so', async () => {
    const dir = await gitRepo({ '.gitignore': '*.log\n', 'README.md': 'records\n' });
    const init = await careplan(['init', '.', '--provider', 'Oak Lodge'], { cwd: dir });
    expect(init.exitCode).toBe(0);
    expect(init.stderr).toContain(
      'added .careplan/lock, .careplan/lock.break, .careplan/journal*.json and node_modules/ to the existing .gitignore',
    );
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(
      '*.log\n# added by careplan init: not records\n.careplan/lock\n.careplan/lock.break\n.careplan/journal*.json\nnode_modules/\n',
    );
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe('');
    removeDir(dir);
  });

  it('check warns `uncommitted` only about record files: not node_modules/, package.json, CI files or ignored files', async () => {
    writeFiles(repo, {
      'node_modules/some-package/config.yaml': 'a: 1\n',
      'node_modules/careplan/examples/sunrise-house/staff/s-ben.yaml': 'id: s-ben\n',
      'package.json': '{ "devDependencies": { "careplan": "0.1.0" } }\n',
      '.gitlab-ci.yml': 'careplan: {}\n',
      'docs/notes.yaml': 'a: 1\n',
      'debug.log': 'x\n',
    });
    const quiet = await careplan(['check', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(JSON.parse(quiet.stdout).findings.filter((f: { rule: string }) => f.rule === 'uncommitted')).toEqual([]);

    writeFiles(repo, { 'staff/s-amina.yaml': 'id: s-amina\nname: Amina O.\nroles: [registered-manager]\nactive: true\n' });
    const warned = await careplan(['check', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    const uncommitted = JSON.parse(warned.stdout).findings.filter((f: { rule: string }) => f.rule === 'uncommitted');
    expect(uncommitted).toEqual([
      expect.objectContaining({
        file: 'staff/s-amina.yaml',
        message: expect.stringMatching(/^1 record file has uncommitted changes \(staff\/s-amina\.yaml\)/),
      }),
    ]);
  });
});
