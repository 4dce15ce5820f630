import { examples, globals, type Register } from '../cliSupport.js';

export const register: Register = (program, run) => {
  const escalate = program
    .command('escalate')
    .description(
      'record an escalation to the Registered Manager (a pattern of variation, or any concern); shows the variations since the last one',
    )
    .argument('<person>', 'person id')
    .option('--to <staff>', 'who it is escalated to (default: the Registered Manager, when there is one)')
    .option('--reason <text>', 'what happened and what pattern it forms')
    .option('--response <text>', 'the response, when it is given at once')
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan escalate p-edith --reason "Wheelchair used three times this week; frame still away for repair"',
        'careplan escalate p-edith --to s-amina --reason "Refused lunch three days running" --response "GP informed; plan review booked"',
        'careplan escalate respond p-edith --response "GP informed; plan review booked" --as s-amina',
      ),
    )
    .action(
      run(
        async () => (await import('./escalate.js')).escalate,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );

  escalate
    .command('respond')
    .description('record the response to an escalation, appended to escalations.yaml (earlier entries are never edited)')
    .argument('<person>', 'person id')
    .option('--to-escalation <at>', 'the `at` of the escalation answered (default: the only open one)')
    .option('--response <text>', 'what was done or decided')
    .option('--again', 'add a further response to an escalation already answered')
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan escalate respond p-edith --response "GP informed; plan review booked" --as s-amina',
        'careplan escalate respond p-frank --to-escalation 2026-11-12T18:00 --response "Dietitian referral made" --at 2026-11-13T09:10',
        'careplan escalate respond p-frank --to-escalation 2026-11-12T18:00 --again --response "Dietitian visited; plan updated"',
      ),
    )
    .action(
      run(
        async () => (await import('./escalateRespond.js')).escalateRespond,
        (cmd, [person]) => ({ ...globals(cmd), person: person as string }),
      ),
    );
};
