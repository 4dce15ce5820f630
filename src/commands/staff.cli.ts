import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  const staff = program
    .command('staff')
    .description('the staff roster: add, update, record a leaver, list')
    .addHelpText(
      'after',
      examples(
        'careplan staff add s-ben --name "Ben Hollis" --role key-worker --email ben@sunrise.example',
        'careplan staff update s-ben --add-role shift-lead',
        'careplan staff leave s-eve --on 2026-11-21',
      ),
    );

  staff
    .command('add')
    .description('add a staff member to the roster (staff/<id>.yaml), committed in git')
    .argument('<id>', 'staff id, e.g. s-amina')
    .option('--name <name>', 'full name')
    .option(
      '--role <role>',
      'role (repeat or comma-separate): registered-manager, deputy-manager, key-worker, shift-lead, care-staff, senior-leader',
      collect,
    )
    .option('--email <email>', 'their email: git commits with it are recognised as theirs')
    .option('--started <date>', 'first working day YYYY-MM-DD (supervision is counted from it)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan staff add s-amina --name "Amina Okafor" --role registered-manager --email amina@sunrise.example',
        'careplan staff add s-tomasz --name "Tomasz Nowak" --role key-worker,shift-lead',
        'careplan staff add s-carl --as s-amina',
      ),
    )
    .action(
      run(
        async () => (await import('./staff.js')).staffAdd,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );

  staff
    .command('update')
    .description("change a staff member's roles, email, name or start date (staff/<id>.yaml), committed in git")
    .argument('<id>', 'staff id')
    .option('--name <name>', 'full name')
    .option('--email <email>', 'their email: git commits with it are recognised as theirs')
    .option('--role <role>', 'set the roles (repeat or comma-separate), replacing the ones they have', collect)
    .option('--add-role <role>', 'give a role (repeatable)', collect)
    .option('--remove-role <role>', "take a role away (repeatable; not key-worker while they are someone's key worker)", collect)
    .option('--started <date>', 'first working day YYYY-MM-DD (supervision is counted from it)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan staff update s-carl --add-role shift-lead --as s-amina',
        'careplan staff update s-ben --email ben.hollis@sunrise.example --started 2026-09-01',
        'careplan staff update s-dana --role deputy-manager,shift-lead',
      ),
    )
    .action(
      run(
        async () => (await import('./staffChange.js')).staffUpdate,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );

  staff
    .command('leave')
    .description("record a staff member's last working day: `left` set and no longer active; their records stay")
    .argument('<id>', 'staff id')
    .option('--on <date>', 'their last working day YYYY-MM-DD, not after today and not before their last record (default today)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples('careplan staff leave s-eve --on 2026-11-21 --as s-amina', 'careplan staff leave s-eve      # their last day is today'),
    )
    .action(
      run(
        async () => (await import('./staffChange.js')).staffLeave,
        (cmd, [id]) => ({ ...globals(cmd), id: id as string }),
      ),
    );

  staff
    .command('list')
    .description('list the staff on the roster')
    .option('--all', 'include staff who are no longer active')
    .option('--json', 'print the roster as JSON')
    .addHelpText('after', examples('careplan staff list', 'careplan staff list --all', 'careplan staff list --json | jq -r ".[].email"'))
    .action(
      run(
        async () => (await import('./staff.js')).staffList,
        (cmd) => globals(cmd),
      ),
    );
};
