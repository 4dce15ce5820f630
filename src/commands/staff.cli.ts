import { examples, globals, type Register } from '../cliSupport.js';
import { collect } from './writeOptions.js';

export const register: Register = (program, run) => {
  const staff = program.command('staff').description('the staff roster: add staff, list them').addHelpText('after', examples(
    'careplan staff add s-ben --name "Ben Hollis" --role key-worker --email ben@sunrise.example',
    'careplan staff list --all',
  ));

  staff
    .command('add')
    .description('add a staff member to the roster (staff/<id>.yaml), committed in git')
    .argument('<id>', 'staff id, e.g. s-amina')
    .option('--name <name>', 'full name')
    .option('--role <role>', 'role (repeat or comma-separate): registered-manager, deputy-manager, key-worker, shift-lead, care-staff, senior-leader', collect)
    .option('--email <email>', 'their email: git commits with it are recognised as theirs')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText('after', examples(
      'careplan staff add s-amina --name "Amina Okafor" --role registered-manager --email amina@sunrise.example',
      'careplan staff add s-tomasz --name "Tomasz Nowak" --role key-worker,shift-lead',
      'careplan staff add s-carl --as s-amina',
    ))
    .action(run(async () => (await import('./staff.js')).staffAdd, (cmd, [id]) => ({ ...globals(cmd), id: id as string })));

  staff
    .command('list')
    .description('list the staff on the roster')
    .option('--all', 'include staff who are no longer active')
    .option('--json', 'print the roster as JSON')
    .addHelpText('after', examples(
      'careplan staff list',
      'careplan staff list --all',
      'careplan staff list --json | jq -r ".[].email"',
    ))
    .action(run(async () => (await import('./staff.js')).staffList, (cmd) => globals(cmd)));
};
