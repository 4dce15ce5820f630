import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  program
    .command('spotcheck')
    .description("record a shift lead's spot check (spotchecks/<date>-<staff>.yaml)")
    .option('--people <ids>', 'whose care and records were checked (comma-separated or repeated)', collect)
    .option('--finding <text>', 'a finding: "[PERSON:] what was found [-> action taken]" (repeatable; none means all was well)', collect)
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan spotcheck --people p-edith,p-frank --finding "p-frank: Two outcome ' +
          'entries missing from the morning -> Discussed with staff at handover"',
        'careplan spotcheck --people p-edith --as s-dana          # all well: no findings',
        'careplan spotcheck                                      # on a terminal: asks whom you checked and what you found',
      ),
    )
    .action(
      run(
        async () => (await import('./spotcheck.js')).spotcheck,
        (cmd) => globals(cmd),
      ),
    );
};
