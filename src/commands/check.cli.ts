import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const register: Register = (program, run) => {
  program
    .command('check')
    .description('run the care planning rules (docs/rules.md) and report what is overdue, unsigned or invalid: the CI gate')
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES.findings).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on findings at or above').choices(['error', 'warning', 'never']).default('error'))
    .option('--person <id>', 'only this person (repeatable)', collect)
    .option('--no-cache', 'read and judge every record afresh, not from what earlier checks kept; leaves .git/careplan/ alone')
    .addHelpText(
      'after',
      examples(
        'careplan check --as-of 2026-11-26 --repo examples/sunrise-house',
        'careplan check --format github            # in GitHub Actions: annotations on the files',
        'careplan check --person p-edith --fail-on warning',
      ),
    )
    .action(
      run(
        async () => (await import('./check.js')).check,
        (cmd) => ({ ...globals(cmd) }),
      ),
    );
};
