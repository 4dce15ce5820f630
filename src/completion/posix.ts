import { kindWords, type CompletionSpec } from './spec.js';

/** One shell word, whatever it holds. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

type Row = [pattern: string, lines: string[]];

function caseFunction(name: string, doc: string, rows: Row[], { after = '', subject = '"$1"' } = {}): string {
  const body = rows
    .filter(([, lines]) => lines.length)
    .map(([pattern, lines]) => `    ${pattern}) printf '%s\\n' ${lines.map(shellQuote).join(' ')} ;;`);
  return [`# ${doc}`, `${name}() {`, `  case ${subject} in`, ...body, '  esac', ...(after ? [after] : []), '}'].join('\n');
}

/**
 * The tables the bash and zsh scripts both read, as `case` functions keyed by the command path
 * (`careplan plan create`): subcommands, options, what an option's value is, the arguments.
 * `item` writes a subcommand or option with its description, for shells that show them.
 */
export function posixTables(spec: CompletionSpec, item: (name: string, description: string) => string): string {
  const fn = `_${spec.name}`;
  const values: Row[] = spec.commands.flatMap((c) =>
    c.options.filter((o) => o.value).flatMap((o) => o.flags.map((f): Row => [shellQuote(`${c.path}|${f}`), [kindWords(o.value!)]])),
  );
  const globalValues = spec.globals
    .filter((o) => o.value)
    .flatMap((o) => o.flags.map((f): Row => [`*${shellQuote(`|${f}`)}`, [kindWords(o.value!)]]));
  const globals = spec.globals.flatMap((o) => o.flags.map((f) => item(f, o.description)));
  return [
    caseFunction(
      `${fn}_commands`,
      'The subcommands of a command path.',
      spec.commands.map((c) => [shellQuote(c.path), c.subcommands.map((s) => item(s.name, s.description))]),
    ),
    caseFunction(
      `${fn}_options`,
      'The options of a command path, then the global ones.',
      spec.commands.map((c) => [shellQuote(c.path), c.options.flatMap((o) => o.flags.map((f) => item(f, o.description)))]),
      { after: `  printf '%s\\n' ${globals.map(shellQuote).join(' ')}` },
    ),
    caseFunction(
      `${fn}_value`,
      'What the value of option $2 of command path $1 is (nothing: it takes none).',
      [...values, ...globalValues],
      { subject: '"$1|$2"' },
    ),
    caseFunction(
      `${fn}_arguments`,
      'What each argument of a command path is; a last line "..." repeats the one before.',
      spec.commands.map((c) => [shellQuote(c.path), [...c.args.map(kindWords), ...(c.variadic ? ['...'] : [])]]),
    ),
  ].join('\n\n');
}
