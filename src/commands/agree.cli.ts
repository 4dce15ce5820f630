import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('agree')
    .description("record the person's (or their representative's) agreement to the approved plan")
    .argument('<person>', 'person id')
    .addOption(new Option('--by <who>', 'who agreed').choices(['person', 'representative']))
    .option('--representative <name>', 'the representative (as named in person.yaml)')
    .addOption(new Option('--method <method>', 'how it was agreed').choices(['signed', 'verbal', 'easy-read', 'best-interests']))
    .option('--note <text>', 'anything to add (required for best-interests: who decided and why)')
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan agree p-edith --by person --method signed',
        'careplan agree p-edith --representative "Jo Clarke" --method verbal --note "By phone; Jo will sign at Sunday visit"',
        'careplan agree p-walter --by person --method best-interests --note "MCA assessment 12/11; best-interests meeting with GP and son"',
      ),
    )
    .action(
      run(
        async () => (await import('./agree.js')).agree,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
