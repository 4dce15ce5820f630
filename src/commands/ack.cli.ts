import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('ack')
    .description('confirm you have read the current approved plan(s), after being shown what changed since the version you last confirmed')
    .argument('[people...]', 'person ids (default: every approved plan of the people you support that you have not yet confirmed)')
    .option('--yes', 'do not ask for confirmation on a terminal')
    .option('--at <time>', 'when you read it (default now)')
    .option('--no-commit', 'write the files but do not commit them')
    .addHelpText(
      'after',
      examples(
        'careplan ack p-edith',
        'careplan ack --as s-carl            # every plan s-carl still has to confirm',
        'careplan ack p-edith p-frank --yes',
      ),
    )
    .action(
      run(
        async () => (await import('./ack.js')).ack,
        (cmd, [people]) => ({ ...globals(cmd), people: (people as string[] | undefined) ?? [] }),
      ),
    );
};
