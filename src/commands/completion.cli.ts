import { Argument, Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('completion')
    .description('print a shell completion script: commands, options, and the people and staff ids of the records repository')
    .addArgument(new Argument('[shell]', 'the shell').choices(['bash', 'zsh', 'fish']))
    // What the scripts call back for ids: the ids only, read from file and folder names.
    .addOption(new Option('--ids <kind>').choices(['people', 'staff']).hideHelp())
    .addHelpText(
      'after',
      examples(
        'careplan completion bash > ~/.local/share/bash-completion/completions/careplan',
        'careplan completion zsh > ~/.zfunc/_careplan     # with fpath+=(~/.zfunc) before compinit in ~/.zshrc',
        'careplan completion fish > ~/.config/fish/completions/careplan.fish',
      ),
    )
    .action(
      run(
        async () => (await import('./completion.js')).completion,
        // The program itself is handed over (not imported from cli.ts): commands never import the CLI.
        (cmd, [shell]) => ({ ...globals(cmd), shell: shell as string | undefined, program: cmd.parent ?? cmd }),
      ),
    );
};
