import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('validate')
    .description('check records against their schemas and the record rules (fast: for editors and pre-commit)')
    .argument('[paths...]', 'files or folders to check (default: the whole repository)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on findings at or above').choices(['error', 'warning', 'never']).default('error'))
    .option('--no-cache', 'read every record afresh and in full, leaving .git/careplan/ alone (the cache never changes a result)')
    .addHelpText(
      'after',
      examples(
        'careplan validate',
        'careplan validate people/p-edith/plan.yaml staff/s-ben.yaml',
        'careplan validate --format json --as-of 2026-11-26 > findings.json',
      ),
    )
    .action(
      run(
        async () => (await import('./validate.js')).validate,
        (cmd, [paths]) => ({ ...globals(cmd), paths: paths as string[] }),
      ),
    );
};
