import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('init')
    .description('create a new records repository: careplan.yaml, folders, editor schema wiring, git init and a first commit')
    .argument('[dir]', 'folder to create it in', '.')
    .option('--provider <name>', 'the provider (care home) name')
    .option('--location-id <id>', 'CQC location id, e.g. 1-000000001')
    .option('--timezone <zone>', 'IANA timezone', 'Europe/London')
    .addOption(new Option('--ci <system>', 'also add a CI workflow that runs careplan check').choices(['github', 'gitlab']))
    .option('--no-commit', 'do not make the first commit')
    .addHelpText(
      'after',
      examples(
        'careplan init sunrise-house --provider "Sunrise House" --location-id 1-000000001',
        'careplan init . --provider "Oak Lodge" --no-commit',
        'careplan init records --provider "Sunrise House" --ci github',
      ),
    )
    .action(
      run(
        async () => (await import('./init.js')).init,
        (cmd, [dir]) => ({ ...globals(cmd), dir: dir as string }),
      ),
    );
};
