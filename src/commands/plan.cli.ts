import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

const FROM_EXAMPLE = `
--from FILE holds what the key worker writes (the rest comes from the assessment):
  about_me: Retired teacher; loves crosswords and her cat Moss.
  strengths: [Knows her own routine well]
  needs:
    - need: mobility                 # a need id of the assessment
      preferences: [Walks to lunch with staff beside her, not holding her arm]   # default: the assessment's
      actions:
        - { id: mob-walk, description: Walk beside Edie to the dining room, frequency: daily at 12:30 }
      goals:
        - { id: mob-indep, description: Walks to lunch without help, measure: unaided walks a week, target: 5, by: 2027-01-31 }
    - need: nutrition
      goals:                         # a measured goal: outcomes record --value, shown against the target
        - { id: nut-weight, description: Keeps her weight, measure: weight, target: 60, unit: kg, direction: maintain }
`;

export const register: Register = (program, run) => {
  const plan = program
    .command('plan')
    .description('the care plan: draft it from the assessment, update it, show it')
    .addHelpText(
      'after',
      examples(
        'careplan plan create p-edith --from edith-plan.yaml',
        'careplan plan update p-edith --stop mob-exercise',
        'careplan plan show p-edith',
      ),
    );

  plan
    .command('create')
    .description(
      'draft the first plan from the newest assessment: each need with ' +
        'its preferences, the actions and goals asked for or read from --from',
    )
    .argument('<person>', 'person id')
    .option('--from <file>', "YAML with about_me, strengths and each need's actions and goals (see below)")
    .option('--about-me <text>', 'what matters to the person, in their words')
    .option('--strength <text>', 'a strength (repeatable)', collect)
    .option('--at <time>', 'when it was written (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      FROM_EXAMPLE +
        examples(
          'careplan plan create p-edith --from edith-plan.yaml',
          'careplan plan create p-edith --about-me "Retired teacher; loves crosswords" --from edith-needs.yaml --at 2026-10-29T10:00',
          "careplan plan create p-edith          # on a terminal: asks for each need's actions and goals",
        ),
    )
    .action(
      run(
        async () => (await import('./plan.js')).planCreate,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );

  plan
    .command('update')
    .description(
      'update the plan after a new assessment (adds new needs, keeps every action and goal) or with changes; bumps the version once signed',
    )
    .argument('<person>', 'person id')
    .option(
      '--from <file>',
      "YAML with new or changed needs, actions and goals (matched by id: a goal's target, unit, direction), " + 'about_me, strengths',
    )
    .option('--about-me <text>', 'reword what matters to the person')
    .option('--strength <text>', 'the strengths, replacing the old list (repeatable)', collect)
    .option('--stop <action>', 'stop an action (repeatable)', collect)
    .option('--achieve <goal>', 'mark a goal achieved (repeatable)', collect)
    .option('--discontinue <goal>', 'discontinue a goal (repeatable)', collect)
    .option('--at <time>', 'when it was changed (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan plan update p-edith --from night-safety.yaml',
        'careplan plan update p-edith --stop mob-exercise --achieve nut-fluids',
        'careplan plan update p-edith      # on a terminal: asks for the actions and goals of new needs',
      ),
    )
    .action(
      run(
        async () => (await import('./plan.js')).planUpdate,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );

  plan
    .command('show')
    .description('show the plan with its state (approved, unsigned, changed since sign-off) and what falls due')
    .argument('<person>', 'person id')
    .option('--json', 'print the plan, state and due dates as JSON')
    .option('--version <n>', 'print version N of the plan as git holds it (the signed-off content where drafts share the number)')
    .addHelpText(
      'after',
      examples(
        'careplan plan show p-edith',
        'careplan plan show p-edith --version 1      # what version 1 said, from git',
        'careplan plan show p-edith --as-of 2026-11-14T09:00   # the plan as it stood then, and its state',
      ),
    )
    .action(
      run(
        async () => (await import('./planShow.js')).planShow,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
