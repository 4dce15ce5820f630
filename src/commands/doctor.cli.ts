import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('doctor')
    .description(
      'find and put right what stopped or crashed writes leave behind: a stale lock, a write interrupted before its commit (finished ' +
        'and committed with its own trailers), temporary files; list what needs a person',
    )
    .option('--dry-run', 'report only; change nothing')
    .option('--json', 'what was found and done, as JSON')
    .addHelpText('after', examples('careplan doctor', 'careplan doctor --dry-run', 'careplan doctor --repo /srv/records --json'))
    .action(
      run(
        async () => (await import('./doctor.js')).doctor,
        (cmd) => ({ ...globals(cmd) }),
      ),
    );
};
