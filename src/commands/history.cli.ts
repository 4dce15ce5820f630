import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

export const register: Register = (program, run) => {
  program
    .command('history')
    .description(
      'the change trail from git: each plan version with what changed in care words, who changed ' +
        'it, who signed and acknowledged it; assessments, reviews, escalations and hand edits',
    )
    .argument('<person>', 'the person, e.g. p-edith')
    .option('--plan', 'plan versions only, each with its sign-offs, acknowledgements and agreements')
    .option('--since <time>', 'changes from this date (its start), timestamp, or span back from as-of (12h, 3d)')
    .option(
      '--version <n>',
      'print plan version N as it was committed (the signed-off content when there was one; with --as-of, as git held it then)',
    )
    .addOption(new Option('--format <format>', 'output format (default: text)').choices(FORMAT_NAMES.history))
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      examples(
        'careplan history p-edith',
        'careplan history p-edith --plan --since 2026-10-01',
        'careplan history p-edith --as-of 2026-11-14T09:00     # the trail up to then',
      ),
    )
    .action(
      run(
        async () => (await import('./history.js')).history,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
