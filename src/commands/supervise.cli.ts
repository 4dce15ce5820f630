import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  program
    .command('supervise')
    .description("record a staff member's supervision (supervisions/<date>-<staff>.yaml), by a manager, senior leader or shift lead")
    .argument('<staff>', 'who was supervised (a staff id)')
    .addOption(
      new Option('--kind <kind>', 'supervision, observation (of practice) or corrective (default supervision)').choices([
        'supervision',
        'observation',
        'corrective',
      ]),
    )
    .option('--topic <text>', 'a topic discussed, such as care-plan-adherence (repeatable, or comma-separated)', collect)
    .option('--findings <text>', 'what was found')
    .option(
      '--action <text[;due]>',
      'an action agreed, with an optional due date: "Explain every variation;2026-11-25" (repeatable)',
      collect,
    )
    .option('--people <ids>', 'people whose care was discussed (comma-separated or repeated)', collect)
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan supervise s-carl --as s-grace --topic recording --findings "Two variations not explained" ' +
          '--action "Explain every variation;2026-11-25" --people p-edith',
        'careplan supervise s-carl --kind observation --findings "Walked with Edie as her plan says" --at 2026-11-18T14:00',
        'careplan supervise s-carl        # on a terminal: asks for the kind, topics, findings, actions and people discussed',
      ),
    )
    .action(
      run(
        async () => (await import('./supervise.js')).supervise,
        (cmd, [staff]) => ({ ...globals(cmd), staff: staff as string }),
      ),
    );
};
