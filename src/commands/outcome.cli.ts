import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  program
    .command('outcome')
    .description("record an outcome after an interaction, linked to the plan's goals and actions, with any variation from the plan")
    .argument('<person>', 'person id')
    .option('--goal <goal>', 'the goal it is about (a goal id of the plan)')
    .option('--actions <actions>', 'the actions carried out (comma-separated or repeated)', collect)
    .option('--result <result>', 'achieved, improving, no-change, worsening, declined or not-attempted')
    .option('--note <text>', 'what happened')
    .option('--value <number>', 'a measurement for a measured goal, in its unit (kg, ml, walks): shown against the target')
    .option('--variation <text>', 'how care differed from the plan, and why (only when it did)')
    .option('--at <time>', 'when (default now; 12:40 means today at 12:40)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan outcome p-edith --goal nut-weight --result improving --value 57.4 --note "Weighed before breakfast"',
        'careplan outcome p-edith --goal mob-indep --actions mob-walk --result ' +
          'no-change --variation "Used wheelchair; frame away for repair" --at 12:40',
        'careplan outcome p-edith        # on a terminal: asks for the goal, actions, result, note, measurement and variation',
      ),
    )
    .action(
      run(
        async () => (await import('./outcome.js')).outcome,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
