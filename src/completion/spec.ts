import type { Command, Option } from 'commander';

/** What a value (an option's or a positional argument) completes to. */
export type ValueKind = 'people' | 'staff' | 'file' | 'dir' | 'text' | { choices: readonly string[] };

export interface OptionSpec {
  flags: string[];
  description: string;
  /** Absent when the option takes no value. */
  value?: ValueKind;
}

export interface CommandSpec {
  /** `careplan`, `careplan plan`, `careplan plan create`: never empty, so every shell can key on it. */
  path: string;
  subcommands: { name: string; description: string }[];
  /** The command's own options (the program's global ones and help apply everywhere). */
  options: OptionSpec[];
  /** Positional arguments in order; when `variadic`, the last repeats. */
  args: ValueKind[];
  variadic: boolean;
}

const PEOPLE_NAMES = new Set(['person', 'people', 'persons']);
const FILE_NAMES = new Set(['file', 'files', 'path', 'paths']);

/**
 * What a value completes to, from the words the help already uses for it: `<person>`, `--as
 * <staff>`, `--person <id>`, `<file>`. An `<id>` under `person` or `staff` is an existing one,
 * except for `add`, which names a new one.
 */
function kindOf(name: string, choices: readonly string[] | undefined, flag: string | undefined, command: Command): ValueKind {
  if (choices?.length) return { choices };
  const parent = command.parent?.name();
  if (PEOPLE_NAMES.has(name) || flag === '--person' || flag === '--people') return 'people';
  if (name === 'staff' || flag === '--staff') return 'staff';
  if ((name === 'id' || name === 'ids') && command.name() !== 'add') {
    if (parent === 'person' || command.name() === 'person') return 'people';
    if (parent === 'staff' || command.name() === 'staff') return 'staff';
  }
  if (FILE_NAMES.has(name)) return 'file';
  if (name === 'dir' || flag === '--repo') return 'dir';
  return 'text';
}

/** The placeholder in `--as <staff>` or `--reason [text]`, if the option takes a value. */
function placeholder(option: Option): string | undefined {
  return /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1].replace(/\.\.\.$/, '');
}

function optionSpec(option: Option, command: Command): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => Boolean(f));
  const name = placeholder(option);
  return { flags, description: option.description, ...(name ? { value: kindOf(name, option.argChoices, option.long, command) } : {}) };
}

const HELP: OptionSpec = { flags: ['-h', '--help'], description: 'display help for command' };

const visible = (command: Command) => !(command as unknown as { _hidden?: boolean })._hidden;

export interface CompletionSpec {
  /** The program's name: what the scripts complete, and run to ask for ids. */
  name: string;
  commands: CommandSpec[];
  /** Options accepted after any command: the program's own, and help. */
  globals: OptionSpec[];
}

/** Every command of the program, as the completion scripts need it. Hidden commands and options are left out. */
export function completionSpec(program: Command): CompletionSpec {
  const globals = [...program.options.filter((o) => !o.hidden).map((o) => optionSpec(o, program)), HELP];
  const specs: CommandSpec[] = [];
  const walk = (command: Command, path: string, root: boolean) => {
    const own = root ? [] : command.options.filter((o) => !o.hidden).map((o) => optionSpec(o, command));
    const args = command.registeredArguments.map((a) => kindOf(a.name(), a.argChoices, undefined, command));
    const subcommands = command.commands.filter(visible);
    specs.push({
      path,
      subcommands: subcommands.map((c) => ({ name: c.name(), description: c.description() })),
      options: own,
      args,
      variadic: command.registeredArguments.at(-1)?.variadic ?? false,
    });
    for (const sub of subcommands) walk(sub, `${path} ${sub.name()}`, false);
  };
  walk(program, program.name(), true);
  return { name: program.name(), commands: specs, globals };
}

/** A value kind as one shell word list: `people`, `file`, `choices text json`. */
export function kindWords(kind: ValueKind): string {
  return typeof kind === 'string' ? kind : `choices ${kind.choices.join(' ')}`;
}
