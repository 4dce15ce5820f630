import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('feedback')
    .description('record feedback from a person, family, staff, a professional or a commissioner')
    .addOption(new Option('--from <source>', 'who it came from').choices(['person', 'family', 'staff', 'professional', 'commissioner']))
    .option('--person <id>', 'the person it is about, if one')
    .addOption(new Option('--sentiment <sentiment>', 'positive, neutral or negative').choices(['positive', 'neutral', 'negative']))
    .option('--text <text>', 'what they said')
    .option('--response <text>', 'what was done in response')
    .option('--slug <slug>', "the file name's slug (default: the source and person)")
    .option('--at <time>', 'when it was given (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan feedback --from family --person p-edith --sentiment positive --text "Mum says staff walk with her the way she likes."',
        'careplan feedback --from professional --sentiment neutral --text "District ' +
          'nurse: pressure care records complete" --response "Shared at team meeting"',
        'careplan feedback          # on a terminal: asks for each field',
      ),
    )
    .action(
      run(
        async () => (await import('./feedback.js')).feedback,
        (cmd) => globals(cmd),
      ),
    );
};
