import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

export const register: Register = (program, run) => {
  program
    .command('due')
    .description(
      'what falls due in the coming days: plans to write or sign, reviews, acknowledgements, agreements, outcome reviews, ' +
        'escalations and their answers, goals reaching their date, key workers to replace, supervisions, spot checks, ' +
        'the audit and its actions',
    )
    .option('--within <days>', 'how many days ahead', '7')
    .option('--person <id>', 'only this person')
    .addOption(new Option('--format <format>', 'output format (default: text)').choices(FORMAT_NAMES.due))
    .option('--json', 'same as --format json')
    .option('--no-cache', 'read every record afresh and in full, leaving .git/careplan/ alone (the cache never changes a result)')
    .addHelpText(
      'after',
      examples(
        'careplan due',
        'careplan due --within 14 --repo examples/sunrise-house --as-of 2026-11-26',
        'careplan due --person p-edith --json',
      ),
    )
    .action(
      run(
        async () => (await import('./due.js')).due,
        (cmd) => ({ ...globals(cmd) }),
      ),
    );
};
