import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  const person = program.command('person').description('the people supported: add, update, list, discharge, readmit');
  person.addHelpText(
    'after',
    examples(
      'careplan person add p-edith --name "Edith Clarke" --admitted 2026-10-28 --key-worker s-ben',
      'careplan person update p-edith --key-worker s-priya --add-to-team s-priya',
      'careplan person discharge p-walter --on 2026-12-01',
    ),
  );

  person
    .command('add')
    .description('add a person supported (people/<id>/person.yaml), committed in git')
    .argument('<id>', 'person id, e.g. p-edith')
    .option('--name <name>', 'full name')
    .option('--preferred-name <name>', 'what they like to be called')
    .option('--dob <date>', 'date of birth YYYY-MM-DD')
    .option('--nhs-number <number>', 'NHS number, e.g. "943 476 5919"')
    .option('--admitted <date>', 'date admitted YYYY-MM-DD (default today)')
    .option('--key-worker <staff>', 'their key worker (a staff member with role key-worker)')
    .option('--team <staff>', 'who must acknowledge their plan (repeat or comma-separate; default all care staff)', collect)
    .option(
      '--representative <name,relationship,authority>',
      'who may act for them (repeatable); authority: lpa-health-welfare, deputy, other',
      collect,
    )
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan person add p-edith --name "Edith Clarke" --preferred-name Edie --admitted 2026-10-28 --key-worker s-ben',
        'careplan person add p-frank --name "Frank Hughes" --key-worker s-priya --team s-priya,s-carl,s-dana',
        'careplan person add p-edith --name "Edith Clarke" --key-worker s-ben --representative "Jo Clarke,daughter,lpa-health-welfare"',
      ),
    )
    .action(
      run(
        async () => (await import('./person.js')).personAdd,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );

  person
    .command('update')
    .description("change a person's key worker, team, preferred name or representatives (people/<id>/person.yaml), committed in git")
    .argument('<id>', 'person id')
    .option('--key-worker <staff>', 'their new key worker (an active staff member with role key-worker)')
    .option('--team <staff>', 'set who must acknowledge their plan (repeat or comma-separate), replacing the team', collect)
    .option('--add-to-team <staff>', 'add someone to their team (repeatable)', collect)
    .option('--remove-from-team <staff>', 'take someone out of their team (repeatable)', collect)
    .option('--preferred-name <name>', 'what they like to be called ("" for none)')
    .option(
      '--representative <name,relationship,authority>',
      'add someone who may act for them (repeatable); authority: lpa-health-welfare, deputy, other',
      collect,
    )
    .option('--end-representative <name>', 'someone whose authority to act for them has ended (repeatable); git keeps the entry', collect)
    .option('--name <name>', 'correct their full name')
    .option('--dob <date>', 'correct their date of birth YYYY-MM-DD')
    .option('--nhs-number <number>', 'their NHS number, e.g. "943 476 5919"')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan person update p-frank --key-worker s-priya --add-to-team s-priya --remove-from-team s-eve --as s-amina',
        'careplan person update p-edith --representative "Sam Clarke,son,deputy" --end-representative "Jo Clarke"',
        'careplan person update p-edith      # on a terminal: asks what changes',
      ),
    )
    .action(
      run(
        async () => (await import('./personChange.js')).personUpdate,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );

  person
    .command('readmit')
    .description('a discharged person comes back: status active, a new `admitted`, `discharged` removed (the earlier stay stays in git)')
    .argument('<id>', 'person id')
    .option('--on <date>', 'the day they came back, YYYY-MM-DD (default today)')
    .option('--key-worker <staff>', 'their key worker from now on, when it changes')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan person readmit p-walter --on 2026-12-09 --as s-amina',
        'careplan person readmit p-walter --on 2026-12-09 --key-worker s-ben',
      ),
    )
    .action(
      run(
        async () => (await import('./personChange.js')).personReadmit,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );

  person
    .command('list')
    .description('list the people supported, with key worker and plan state')
    .option('--all', 'include people who have been discharged')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', examples('careplan person list', 'careplan person list --all', 'careplan person list --json'))
    .action(
      run(
        async () => (await import('./person.js')).personList,
        (cmd) => globals(cmd),
      ),
    );

  person
    .command('discharge')
    .description('record that a person has left the service (their records stay)')
    .argument('<id>', 'person id')
    .option('--on <date>', 'the day they left, YYYY-MM-DD (default today)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText('after', examples('careplan person discharge p-walter --on 2026-12-01', 'careplan person discharge p-walter --as s-amina'))
    .action(
      run(
        async () => (await import('./person.js')).personDischarge,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );
};
