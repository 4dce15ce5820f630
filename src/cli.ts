import { Command, CommanderError } from 'commander';
import { examples, type Register, type Runner } from './cliSupport.js';
import { GitError, RecordError, UsageError } from './errors.js';
import { colourFor, guardedIo, processIo, type Io } from './io.js';
import { withEnvironment } from './repo/childEnvironment.js';
import { describeIoError } from './repo/ioErrors.js';
import { PACKAGE } from './version.js';
import { register as audit } from './commands/audit.cli.js';
import { register as check } from './commands/check.cli.js';
import { register as due } from './commands/due.cli.js';
import { register as init } from './commands/init.cli.js';
import { register as validate } from './commands/validate.cli.js';
import { register as staff } from './commands/staff.cli.js';
import { register as person } from './commands/person.cli.js';
import { register as assess } from './commands/assess.cli.js';
import { register as plan } from './commands/plan.cli.js';
import { register as signoff } from './commands/signoff.cli.js';
import { register as ack } from './commands/ack.cli.js';
import { register as agree } from './commands/agree.cli.js';
import { register as outcome } from './commands/outcome.cli.js';
import { register as review } from './commands/review.cli.js';
import { register as escalate } from './commands/escalate.cli.js';
import { register as spotcheck } from './commands/spotcheck.cli.js';
import { register as supervise } from './commands/supervise.cli.js';
import { register as feedback } from './commands/feedback.cli.js';
import { register as handover } from './commands/handover.cli.js';
import { register as history } from './commands/history.cli.js';
import { register as verify } from './commands/verify.cli.js';
import { register as exportRecords } from './commands/export.cli.js';
import { register as completion } from './commands/completion.cli.js';
import { register as doctor } from './commands/doctor.cli.js';

/** Every command, in the order `careplan --help` lists them. */
const COMMANDS: Register[] = [
  init,
  validate,
  staff,
  person,
  assess,
  plan,
  signoff,
  ack,
  agree,
  outcome,
  review,
  escalate,
  spotcheck,
  supervise,
  feedback,
  check,
  due,
  audit,
  verify,
  history,
  handover,
  exportRecords,
  doctor,
  completion,
];

/** Builds the commander program. Handlers load lazily so `careplan --help` stays quick. */
export function buildProgram(io: Io, exit: (code: number) => void): Command {
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

  for (const register of COMMANDS) register(program, run);

  return program;
}

/** Runs the CLI; returns the exit code (STYLE 1: the one top-level catch maps errors to 0/1/2). */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  // Everything a command prints passes the one output sanitiser (record values escaped, no CI workflow commands).
  io = guardedIo(io, argv.includes('--no-color'));
  const program = buildProgram(io, (c) => (code = c));
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  if (argv[0] === '--version') argv = ['-V', ...argv.slice(1)];
  const paint = colourFor(io.stderr, io.env, argv.includes('--no-color'));
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
      io.stderr.write(`${paint.red('careplan: error:')} ${error.message}\n`);
      if (error.hint) io.stderr.write(`${error.hint}\n`);
      return 2;
    }
    // The file system's refusals (a full or read-only disk, permissions) are named, never called a bug.
    const ioProblem = describeIoError(error);
    if (ioProblem) {
      io.stderr.write(`${paint.red('careplan: error:')} ${ioProblem.message}\n${ioProblem.hint}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${paint.red('careplan: internal error:')} ${message}\nThis is a bug in careplan, not in your records; nothing ` +
        `was written. Please report it${io.env.CAREPLAN_DEBUG ? '' : ' (set CAREPLAN_DEBUG=1 to see the details)'}.\n`,
    );
    if (io.env.CAREPLAN_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
