import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  program
    .command('review')
    .description(
      'record a care plan review (--kind plan) or the weekly outcome review ' +
        "(--kind outcomes, shown each goal's results since the last one)",
    )
    .argument('<person>', 'person id')
    .addOption(new Option('--kind <kind>', 'plan or outcomes').choices(['plan', 'outcomes']))
    .option('--with-person', 'plan review: the person took part')
    .option('--no-with-person', 'plan review: they did not')
    .addOption(
      new Option('--trigger <why>', 'plan review: why it was held').choices([
        'scheduled',
        'change-in-needs',
        'outcomes',
        'incident',
        'request',
      ]),
    )
    .option('--findings <text>', 'plan review: what the review found')
    .addOption(new Option('--result <result>', 'plan review: whether the plan changes').choices(['no-change', 'updated']))
    .option('--since <date>', 'outcome review: first day of the period (default the day after the last outcome review)')
    .option('--until <date>', 'outcome review: last day of the period (default today)')
    .option('--trend <goal=trend>', "outcome review: a goal's trend: improving, stable, worsening, no-data (repeatable)", collect)
    .option('--comment <goal=text>', 'outcome review: a comment on a goal (repeatable)', collect)
    .option('--discussed-with <staff>', 'outcome review: who it was discussed with')
    .option('--plan-update-needed', 'outcome review: the plan needs updating (without a terminal, the default when a trend is worsening)')
    .option('--no-plan-update-needed', "outcome review: it does not (without a terminal, the default unless a goal's trend is worsening)")
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan review p-edith --kind outcomes --trend mob-indep=improving ' +
          '--comment "mob-indep=3 unaided walks this week" --trend nut-fluids=stable',
        'careplan review p-edith --kind plan --trigger scheduled --with-person ' +
          '--findings "Walking improving; no change needed" --result no-change',
        'careplan review p-edith --kind outcomes      # on a terminal: shows the results and asks for each trend',
      ),
    )
    .action(
      run(
        async () => (await import('./review.js')).review,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
