import { execa } from 'execa';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, careplan, EXAMPLE, removeDir, tempDir } from '../helpers/repo.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const PEOPLE = ['p-arthur', 'p-edith', 'p-george', 'p-margaret', 'p-nora', 'p-olive', 'p-rajinder', 'p-walter'];
const STAFF = [
  's-amina',
  's-ben',
  's-carl',
  's-dana',
  's-fatima',
  's-grace',
  's-helen',
  's-joy',
  's-kwame',
  's-leah',
  's-priya',
  's-tomasz',
];

/** Each shell's script, and a `careplan` on PATH for the scripts to call back (the built bin). */
let scripts: Record<'bash' | 'zsh' | 'fish', string>;
let bin: string;
beforeAll(async () => {
  bin = tempDir('careplan-completion-');
  writeFileSync(path.join(bin, 'careplan'), `#!/bin/sh\nexec node ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(path.join(bin, 'careplan'), 0o755);
  const entries = await Promise.all(
    (['bash', 'zsh', 'fish'] as const).map(async (shell) => {
      const result = await careplan(['completion', shell]);
      expect(result.exitCode).toBe(0);
      writeFileSync(path.join(bin, `careplan.${shell}`), result.stdout);
      return [shell, path.join(bin, `careplan.${shell}`)];
    }),
  );
  scripts = Object.fromEntries(entries);
});
afterAll(() => removeDir(bin));

/** Runs `script` in `shell` inside the example home, with the scripts' `careplan` first on PATH. */
async function inShell(shell: string, args: string[], script: string): Promise<string[]> {
  const result = await execa(shell, [...args, script], {
    cwd: EXAMPLE,
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH}`, HOME: bin },
    extendEnv: false,
    reject: false,
  });
  expect(result.stderr).toBe('');
  return String(result.stdout).split('\n').filter(Boolean);
}

describe('careplan completion', () => {
  it('the scripts are valid in their shells', async () => {
    expect((await execa('bash', ['-n', scripts.bash], { reject: false })).exitCode).toBe(0);
    if (has('zsh')) expect((await execa('zsh', ['-n', scripts.zsh], { reject: false })).exitCode).toBe(0);
    if (has('fish')) expect((await execa('fish', ['-n', scripts.fish], { reject: false })).exitCode).toBe(0);
  });

  it('bash: `careplan outcome p-` offers the people of the home; commands, choices and staff ids complete too', async () => {
    const complete = (words: string[]) =>
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; ` +
      `_careplan; printf '[%s]\\n' "\${COMPREPLY[*]}"`;
    const lines = await inShell(
      'bash',
      ['--norc', '--noprofile', '-c'],
      [
        `source ${scripts.bash}`,
        complete(['careplan', 'outcome', 'p-']),
        complete(['careplan', 'plan', '']),
        complete(['careplan', 'check', '--format', 'j']),
        complete(['careplan', 'outcome', 'p-edith', '--as', 's-']),
        complete(['careplan', '--repo', '.', 'ack', 'p-edith', 'p-m']),
        complete(['careplan', 'outcome', 'p-edith', '']),
      ].join('\n'),
    );
    // `outcome` takes one person: after it, nothing.
    expect(lines).toEqual([`[${PEOPLE.join(' ')}]`, '[create update show]', '[json junit]', `[${STAFF.join(' ')}]`, '[p-margaret]', '[]']);
  });

  it.skipIf(!has('zsh'))('zsh: the same, through compsys', async () => {
    // compsys is not running outside an interactive shell: its builtins print what they are given.
    const lines = await inShell(
      'zsh',
      ['-f', '-c'],
      [
        'compdef() { :; }',
        `source ${scripts.zsh}`,
        'compadd() { while [[ $1 != -- ]]; do shift; done; shift; print -r -- "$*"; }',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own expansions, not JavaScript's
        '_describe() { local name=${@[-1]}; local -a items; items=("${(@P)name}"); items=(${items%%:*}); print -r -- "${(j: :)items}"; }',
        'words=(careplan outcome p-); CURRENT=3; _careplan',
        'words=(careplan plan ""); CURRENT=3; _careplan',
        'words=(careplan --as ""); CURRENT=3; _careplan',
      ].join('\n'),
    );
    expect(lines).toEqual([PEOPLE.join(' '), 'create update show', STAFF.join(' ')]);
  });

  it.skipIf(!has('fish'))('fish: the same, through `complete -C`', async () => {
    const lines = await inShell(
      'fish',
      ['--no-config', '-c'],
      `source ${scripts.fish}; complete -C 'careplan outcome p-'; complete -C 'careplan check --format ju'`,
    );
    expect(lines).toEqual([...PEOPLE, 'junit']);
  });

  it('--ids prints ids only, read from names, never a record: nothing personal, and nothing outside a repository', async () => {
    const people = await careplan(['completion', '--ids', 'people', '--repo', EXAMPLE]);
    expect(people).toMatchObject({ exitCode: 0, stderr: '' });
    expect(people.stdout.split('\n')).toEqual(PEOPLE);
    expect((await careplan(['completion', '--ids', 'staff'], { cwd: EXAMPLE })).stdout.split('\n')).toEqual(STAFF);
    const nowhere = tempDir();
    expect(await careplan(['completion', '--ids', 'people'], { cwd: nowhere })).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    removeDir(nowhere);
  });

  it("--ids follows no link: a linked people/ or staff/ (another home's names) offers nothing", async () => {
    const elsewhere = tempDir();
    mkdirSync(path.join(elsewhere, 'people', 'p-elsewhere'), { recursive: true });
    writeFileSync(path.join(elsewhere, 's-elsewhere.yaml'), 'id: s-elsewhere\n');
    const home = tempDir();
    writeFileSync(path.join(home, 'careplan.yaml'), 'provider: Linked House\n');
    symlinkSync(path.join(elsewhere, 'people'), path.join(home, 'people'));
    symlinkSync(elsewhere, path.join(home, 'staff'));
    for (const kind of ['people', 'staff']) {
      expect(await careplan(['completion', '--ids', kind, '--repo', home])).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    }
    removeDir(home);
    removeDir(elsewhere);
  });

  it('without a shell it is a usage error naming the choices; its help ends with real examples', async () => {
    const bare = await careplan(['completion']);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain('bash, zsh or fish');
    const help = await careplan(['completion', '--help']);
    expect(help.stdout.trimEnd().split('\nExamples:\n')[1].split('\n')).toEqual([
      '  $ careplan completion bash > ~/.local/share/bash-completion/completions/careplan',
      '  $ careplan completion zsh > ~/.zfunc/_careplan     # with fpath+=(~/.zfunc) before compinit in ~/.zshrc',
      '  $ careplan completion fish > ~/.config/fish/completions/careplan.fish',
    ]);
    expect(help.stdout).not.toContain('--ids');
  });
});
