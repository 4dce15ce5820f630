import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

export const register: Register = (program, run) => {
  program
    .command('export')
    .description(
      "share a person's record: an HL7 FHIR R4 Bundle for health partners, an easy-read plan for the person, or a subject access answer",
    )
    .argument('<people...>', 'the person (fhir: one or more), e.g. p-edith')
    .addOption(new Option('--format <format>', 'fhir (JSON), easy-read (HTML), or sar (a folder)').choices(FORMAT_NAMES.export))
    .option(
      '--out <path>',
      'fhir: a file, or an existing folder for one file each (default: stdout); easy-read: the HTML file; sar: a new or empty folder',
    )
    .option('--since <time>', 'fhir: outcome entries from this date (its start), timestamp or span back from as-of (28d)')
    .option('--include-notes', 'fhir: include free text (outcome, sign-off and agreement notes); left out by default')
    .addHelpText(
      'after',
      examples(
        'careplan export p-edith --format fhir --since 2026-11-01 --out edith-fhir.json',
        'careplan export p-edith --format easy-read --out edie-my-plan.html',
        'careplan export p-edith --format sar --out sar-p-edith-2026-11',
      ),
    )
    .action(
      run(
        async () => (await import('./export.js')).exportRecords,
        (cmd, [people]) => ({ ...globals(cmd), people: people as string[] }),
      ),
    );
};
