import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

export const register: Register = (program, run) => {
  program
    .command('handover')
    .description(
      'for a shift handover: plans changed or approved since a time and what ' +
        'changed, who has not yet acknowledged them, escalations and variations',
    )
    .option('--since <time>', 'from this timestamp, date (its start) or span back from as-of', '12h')
    .addOption(new Option('--format <format>', 'output format (default: text)').choices(FORMAT_NAMES.handover))
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      examples(
        'careplan handover',
        'careplan handover --since 3d --json > handover.json',
        'careplan handover --since 2026-11-19T19:00 --as-of 2026-11-20T07:00   # a past handover, against the plans of then',
      ),
    )
    .action(
      run(
        async () => (await import('./handover.js')).handover,
        (cmd) => ({ ...globals(cmd) }),
      ),
    );
};
