import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

export const register: Register = (program, run) => {
  program
    .command('verify')
    .description(
      'tamper evidence from git: append-only lists only ever grew, every sign-off ' +
        'approves plan content git holds, each sign-off was committed by its signer',
    )
    .option('--since <rev>', 'check only commits after this one (a commit id, tag or branch)')
    .option('--allow-shallow', 'in a shallow clone, check only the commits it holds (else an error)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES.verify).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on findings at or above').choices(['error', 'warning', 'never']).default('error'))
    .addHelpText(
      'after',
      examples('careplan verify', 'careplan verify --since v2026-10 --fail-on warning', 'careplan verify --format json > verify.json'),
    )
    .action(
      run(
        async () => (await import('./verify.js')).verify,
        (cmd) => ({ ...globals(cmd) }),
      ),
    );
};
