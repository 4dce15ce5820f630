import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  program
    .command('assess')
    .description("record an assessment: a full snapshot of the person's needs, risks and preferences")
    .argument('<person>', 'person id')
    .addOption(
      new Option('--type <type>', 'initial, review or change-in-needs (default initial for the first)').choices([
        'initial',
        'review',
        'change-in-needs',
      ]),
    )
    .option('--from <file>', 'YAML with the needs (as in an assessment file: needs: [{ id, domain, description, risks, preferences }])')
    .option('--from-latest', 'start from the needs, risks and preferences of the newest assessment, then change them with the flags below')
    .option('--need <id:domain:description>', 'add or replace a need (repeatable)', collect)
    .option('--preference <need=text>', 'add a preference to a need (repeatable: every one counts)', collect)
    .option(
      '--risk <need=level[,tool[,score]]:description>',
      'add a risk to a need (repeatable); level low, medium or high, e.g. "skin=high,waterlow,18:Pressure ulcer"',
      collect,
    )
    .option('--remove-need <id>', 'leave a need out (repeatable; not one the plan addresses: describe that one as met instead)', collect)
    .option('--remove-risk <need=which>', 'leave out a risk, named by its position (1, 2, ...), text or start (repeatable)', collect)
    .option('--remove-preference <need=which>', 'leave out a preference, named by its position, text or start (repeatable)', collect)
    .option('--with-person', 'the assessment was completed with the person')
    .option('--no-with-person', 'it was not (say why in the needs or notes)')
    .option('--at <time>', 'when it was done (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan assess p-edith --type initial --from edith-needs.yaml --with-person --at 2026-10-28T14:00',
        'careplan assess p-edith --type change-in-needs --from-latest --need "night-safety:safety:Gets up at night without calling"' +
          ' --risk "night-safety=high,frat,14:Falls at night" --with-person',
        'careplan assess p-frank --type review --from-latest --remove-risk "skin=Pressure ulcer"' +
          ' --risk "skin=high,waterlow,18:Pressure ulcer"' +
          ' --preference "nutrition=Small portions" --preference "nutrition=Tea with two sugars" --with-person',
      ),
    )
    .action(
      run(
        async () => (await import('./assess.js')).assess,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
