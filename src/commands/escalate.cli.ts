import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  program
    .command('escalate')
    .description('record an escalation to the Registered Manager (a pattern of variation, or any concern); shows the variations since the last one')
    .argument('<person>', 'person id')
    .option('--to <staff>', 'who it is escalated to (default: the Registered Manager, when there is one)')
    .option('--reason <text>', 'what happened and what pattern it forms')
    .option('--response <text>', 'the response, when it is given at once')
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText('after', examples(
      'careplan escalate p-edith --reason "Wheelchair used three times this week; frame still away for repair"',
      'careplan escalate p-edith --to s-amina --reason "Refused lunch three days running" --response "GP informed; plan review booked"',
    ))
    .action(run(async () => (await import('./escalate.js')).escalate, (cmd, [person]) => ({ ...globals(cmd), person: person as string })));
};
