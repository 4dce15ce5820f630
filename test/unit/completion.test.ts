import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { completionSpec, type CommandSpec } from '../../src/completion/spec.js';
import { processIo } from '../../src/io.js';

const spec = completionSpec(await buildProgram(processIo(), () => undefined));
const command = (path: string): CommandSpec => {
  const found = spec.commands.find((c) => c.path === path);
  if (!found) throw new Error(`no command ${path}`);
  return found;
};
const optionValue = (path: string, flag: string) => command(path).options.find((o) => o.flags.includes(flag))?.value;

describe('what the completion scripts complete, read from the commands themselves', () => {
  it('every command and subcommand, under its path', () => {
    expect(command('careplan').subcommands.map((s) => s.name)).toEqual(
      expect.arrayContaining(['init', 'outcome', 'plan', 'check', 'verify', 'completion']),
    );
    expect(command('careplan plan').subcommands.map((s) => s.name)).toEqual(['create', 'update', 'show']);
    expect(spec.commands.map((c) => c.path)).toEqual(
      expect.arrayContaining(['careplan plan create', 'careplan person discharge', 'careplan staff add']),
    );
  });

  it('a person argument completes people ids, and `ack` takes several', () => {
    expect(command('careplan outcome')).toMatchObject({ args: ['people'], variadic: false });
    expect(command('careplan plan create').args).toEqual(['people']);
    expect(command('careplan ack')).toMatchObject({ args: ['people'], variadic: true });
    expect(command('careplan person discharge').args).toEqual(['people']);
  });

  it('a new id (`person add`, `staff add`) completes nothing', () => {
    expect(command('careplan person add').args).toEqual(['text']);
    expect(command('careplan staff add').args).toEqual(['text']);
  });

  it('options: staff for --as and <staff> values, people for --person, choices where the command has them, files and folders', () => {
    expect(spec.globals.find((o) => o.flags.includes('--as'))?.value).toBe('staff');
    expect(spec.globals.find((o) => o.flags.includes('--repo'))?.value).toBe('dir');
    expect(optionValue('careplan escalate', '--to')).toBe('staff');
    expect(optionValue('careplan check', '--person')).toBe('people');
    expect(optionValue('careplan check', '--format')).toEqual({ choices: ['text', 'json', 'github', 'junit'] });
    expect(optionValue('careplan audit', '--out')).toBe('file');
    expect(optionValue('careplan outcome', '--no-commit')).toBeUndefined();
    expect(command('careplan validate')).toMatchObject({ args: ['file'], variadic: true });
    expect(command('careplan completion').args).toEqual([{ choices: ['bash', 'zsh', 'fish'] }]);
  });

  it('leaves out what help hides: the --ids the scripts call back', () => {
    expect(command('careplan completion').options.flatMap((o) => o.flags)).not.toContain('--ids');
  });
});
