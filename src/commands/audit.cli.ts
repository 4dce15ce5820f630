import { Option } from 'commander';
import { examples, globals, type Register } from '../cliSupport.js';
import { FORMAT_NAMES } from '../format/registry.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const register: Register = (program, run) => {
  const audit = program
    .command('audit')
    .description(
      'the monthly audit: page 1 a summary (measures against their targets, what needs action, actions followed up, ' +
        'sign-off), then plans accurate, followed and updated from outcomes, mapped to CQC quality statements; --save records it',
    )
    .option('--month <YYYY-MM>', 'the month to audit (default: the previous full month)')
    .addOption(new Option('--format <format>', 'output format (default: from --out, else text)').choices(FORMAT_NAMES.audit))
    .option('--json', 'same as --format json')
    .option('--out <file>', 'write the report to FILE (atomically) instead of stdout; the format follows its extension')
    .option('--save', 'save the audit as audits/YYYY-MM.yaml and commit it')
    .option('--action <text;owner;due>', 'an action agreed at the audit, saved with it (repeatable)', collect)
    .option('--force', 'with --save: replace an audit already saved for the month')
    .option('--no-cache', 'read every record afresh and in full, leaving .git/careplan/ alone (the cache never changes a result)')
    .option('--no-commit', 'with --save: write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan audit --repo examples/sunrise-house --as-of 2026-11-26',
        'careplan audit --month 2026-10 --out audit-2026-10.html        # one file to print on A4 or send',
        'careplan audit --month 2026-10 --save --as s-amina --action "Review Arthur\'s plan;s-priya;2026-11-24"',
      ),
    )
    .action(
      run(
        async () => (await import('./audit.js')).audit,
        (cmd) => ({ ...globals(cmd) }),
      ),
    );

  // `careplan audit` stays the report; `audit action` closes one of a saved audit's actions.
  audit
    .command('action')
    .description('record what became of an action a saved audit agreed: done or dropped (appended to audits/actions.yaml)')
    .argument('<month>', "the saved audit's month, YYYY-MM")
    .argument('<n>', "the action's number in that audit, from 1")
    .option('--done', 'the action was carried out')
    .option('--dropped', 'the action was dropped (say why with --note)')
    .option('--note <text>', 'what was done, or why it was dropped')
    .option('--at <time>', 'when (default now)')
    .option('--no-commit', 'write the file but do not commit it')
    .addHelpText(
      'after',
      examples(
        'careplan audit action 2026-10 2 --done --note "Plan reviewed with Arthur and his son" --as s-amina',
        'careplan audit action 2026-10 1 --dropped --note "Superseded by the November action on night checks"',
      ),
    )
    .action(
      run(
        async () => (await import('./auditAction.js')).auditAction,
        (cmd, [month, n]) => ({ ...globals(cmd), month: month as string, number: n as string }),
      ),
    );
};
