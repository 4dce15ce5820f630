import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('signoff')
    .description('approve the current content of a plan (Registered Manager); refused when the plan is incomplete or already signed')
    .argument('<person>', 'person id')
    .option('--note <text>', 'what was checked, e.g. "Checked against assessment"')
    .option('--yes', 'do not ask for confirmation on a terminal')
    .option('--at <time>', 'when it was signed (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan signoff p-edith --note "Checked against assessment with Jo"',
        'careplan signoff p-edith --as s-amina --yes',
        'careplan signoff p-edith --at 2026-10-29T16:20',
      ),
    )
    .action(
      run(
        async () => (await import('./signoff.js')).signoff,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
