import { Command, CommanderError } from 'commander';
import { examples, type Register, type Runner } from './cliSupport.js';
import { GitError, RecordError, UsageError } from './errors.js';
import { colourFor, guardedIo, processIo, type Io } from './io.js';
import { withEnvironment } from './repo/childEnvironment.js';
import { describeIoError } from './repo/ioErrors.js';
import { PACKAGE } from './version.js';
import { localTimeDone, useDateOffsets } from './localTime.js';

/**
 * Every command, in the order `careplan --help` lists them, with the module that registers it.
 * A module is imported only when its command may run: see commandsFor.
 */
const COMMANDS: ReadonlyArray<readonly [name: string, load: () => Promise<{ register: Register }>]> = [
  ['init', () => import('./commands/init.cli.js')],
  ['validate', () => import('./commands/validate.cli.js')],
  ['staff', () => import('./commands/staff.cli.js')],
  ['person', () => import('./commands/person.cli.js')],
  ['assess', () => import('./commands/assess.cli.js')],
  ['plan', () => import('./commands/plan.cli.js')],
  ['signoff', () => import('./commands/signoff.cli.js')],
  ['ack', () => import('./commands/ack.cli.js')],
  ['agree', () => import('./commands/agree.cli.js')],
  ['outcome', () => import('./commands/outcome.cli.js')],
  ['review', () => import('./commands/review.cli.js')],
  ['escalate', () => import('./commands/escalate.cli.js')],
  ['spotcheck', () => import('./commands/spotcheck.cli.js')],
  ['supervise', () => import('./commands/supervise.cli.js')],
  ['feedback', () => import('./commands/feedback.cli.js')],
  ['check', () => import('./commands/check.cli.js')],
  ['due', () => import('./commands/due.cli.js')],
  ['audit', () => import('./commands/audit.cli.js')],
  ['verify', () => import('./commands/verify.cli.js')],
  ['history', () => import('./commands/history.cli.js')],
  ['handover', () => import('./commands/handover.cli.js')],
  ['export', () => import('./commands/export.cli.js')],
  ['doctor', () => import('./commands/doctor.cli.js')],
  ['completion', () => import('./commands/completion.cli.js')],
];

/** The program's own options that take a value, so their value is not read as the command's name. */
const VALUE_OPTIONS = new Set(['--repo', '--as', '--as-of']);

/**
 * The commands to register for `argv`: only the one it names, so a carer's `careplan outcome` does
 * not import the other 23 commands' definitions (about 15 ms of every run); all of them when argv
 * names none (`careplan`, `--help`, `help check`, a misspelt name commander then suggests for), asks
 * for the program's help before the name (`--help check`), or names `completion`, whose script
 * lists every command.
 */
export function commandsFor(argv: readonly string[]): typeof COMMANDS {
  let i = 0;
  while (i < argv.length && argv[i]?.startsWith('-') && argv[i] !== '--') {
    // Help asked before the command's name is the program's own, which lists every command.
    if (argv[i] === '-h' || argv[i] === '--help') return COMMANDS;
    i += VALUE_OPTIONS.has(argv[i] as string) ? 2 : 1;
  }
  const named = COMMANDS.find(([name]) => name === argv[i]);
  return named && named[0] !== 'completion' ? [named] : COMMANDS;
}

/**
 * Builds the commander program: every command, or with `argv` only those it may run (commandsFor).
 * Handlers load lazily too, when their command runs.
 */
export async function buildProgram(io: Io, exit: (code: number) => void, argv?: readonly string[]): Promise<Command> {
  const registrations = await Promise.all((argv ? commandsFor(argv) : COMMANDS).map(([, load]) => load()));
  const program = new Command('careplan');
  const run: Runner =
    (load, options) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      // A command that records something (they all take --no-commit) refuses control characters in what it is given.
      if (cmd.options.some((o) => o.long === '--no-commit')) {
        (await import('./commands/writeOptions.js')).checkWriteArguments(cmd, args.slice(0, -2));
      }
      const handler = await load();
      exit(await handler(options(cmd, args.slice(0, -2)), io));
    };

  program
    .description('Care plan records for adult social care, kept as YAML in git: validated, checked against policy, audited monthly.')
    // Only -V is the program's: commander recognises program options after a subcommand too, and
    // `--version N` belongs to commands (`history --version`, `plan show --version`). run() maps a
    // leading --version to -V.
    .version(PACKAGE.version, '-V', 'output the version number (also --version before any command)')
    .option('--repo <dir>', 'records repository (default: the nearest folder upwards holding careplan.yaml)')
    .option('--as <staff>', 'who acts (else CAREPLAN_AS, else the staff member whose email is git user.email)')
    .option('--as-of <time>', 'judge as of this date (end of day) or timestamp instead of now; in the past: the records as they stood then')
    .option('--no-color', 'no colour (also NO_COLOR=1 or TERM=dumb)')
    .option('--no-input', 'never prompt; a missing value is an error naming its flag')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      examples(
        'careplan check --repo examples/sunrise-house --as-of 2026-11-26',
        'careplan init my-home --provider "My Home"',
        'careplan audit --month 2026-10 --out audit-2026-10.html',
      ),
    );

  for (const { register } of registrations) register(program, run);

  return program;
}

/** Runs the CLI; returns the exit code (STYLE 1: the one top-level catch maps errors to 0/1/2). */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  // Everything a command prints passes the one output sanitiser (record values escaped, no CI workflow commands).
  io = guardedIo(io, argv.includes('--no-color'));
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  if (argv[0] === '--version') argv = ['-V', ...argv.slice(1)];
  const program = await buildProgram(io, (c) => (code = c), argv);
  override(program);
  // Painted only when there is an error to paint: colour loads chalk (colourFor).
  const red = (text: string): string => colourFor(io.stderr, io.env, argv.includes('--no-color')).red(text);
  // Zone offsets from Date's local time, which costs less than Intl's (localTime.ts).
  useDateOffsets();
  try {
    // Git and every other child process see this command's environment (io.env).
    await withEnvironment(io.env, () => program.parseAsync(argv, { from: 'user' }));
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof RecordError || error instanceof GitError) {
      io.stderr.write(`${red('careplan: error:')} ${error.message}\n`);
      if (error.hint) io.stderr.write(`${error.hint}\n`);
      return 2;
    }
    // The file system's refusals (a full or read-only disk, permissions) are named, never called a bug.
    const ioProblem = describeIoError(error);
    if (ioProblem) {
      io.stderr.write(`${red('careplan: error:')} ${ioProblem.message}\n${ioProblem.hint}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${red('careplan: internal error:')} ${message}\nThis is a bug in careplan, not in your records; nothing ` +
        `was written. Please report it${io.env.CAREPLAN_DEBUG ? '' : ' (set CAREPLAN_DEBUG=1 to see the details)'}.\n`,
    );
    if (io.env.CAREPLAN_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 2;
  } finally {
    // Offsets from Intl and the machine's TZ again, for whoever runs next in this process.
    localTimeDone();
  }
}
