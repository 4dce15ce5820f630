import { RECORD_KIND_NAMES } from '../model/layout.js';
import { DEFAULT_POLICY, DEFAULT_TARGETS, SPOTCHECK_GAP_MEASURE, type Policy } from '../model/policy.js';
import { RECORD_KINDS } from '../model/recordKinds.js';

const EXPLAIN: Record<Exclude<keyof Policy, 'targets'>, string> = {
  plan_due_hours: 'plan written and signed off within this long of the assessment it must reflect',
  review_interval_days: 'plan reviewed at least this often',
  review_warn_days: '`review-due` warning this many days before a review falls due',
  signoff_roles: 'who may sign a plan off',
  acknowledge_within_hours: 'each team member confirms a newly approved plan within this long',
  outcome_gap_days: 'an active goal with no outcome recorded for this long is flagged',
  no_progress_days: 'window for the no-progress warning',
  outcome_review_days: "key worker's weekly outcome review",
  escalation_hours: 'a pattern of variation is escalated to the Registered Manager within this long',
  variation_pattern: 'what counts as a pattern: this many variations within this many days',
  spotcheck_days: 'a shift lead spot check at least this often',
  audit_due_day: "the previous month's audit is saved by this day of the month",
  lookback_days: 'how far back `careplan check` judges past events (older lapses are counted by their audit)',
  escalation_response_hours: 'the Registered Manager answers an escalation within this long',
  supervision_days: 'each member of the care team is supervised at least this often',
  require_signed_signoffs: "each sign-off's commit signed with the signer's own key (staff signing_key)",
};

function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (value && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ')} }`;
  return String(value);
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** careplan.yaml as `careplan init` writes it: every policy default written out and explained. */
export function careplanYaml(provider: { name: string; location_id?: string }, timezone: string): string {
  const lines = [
    '# careplan.yaml: who the provider is and the care planning policy careplan checks against.',
    '# Every policy number is the default; change it here to match your own policy.',
    'provider:',
    `  name: ${quoted(provider.name)}`,
  ];
  if (provider.location_id) lines.push(`  location_id: ${quoted(provider.location_id)}   # CQC location id`);
  lines.push(`timezone: ${timezone}   # times without an offset are local time here`, 'policy:');
  for (const key of Object.keys(EXPLAIN) as (keyof typeof EXPLAIN)[]) {
    const setting = `  ${key}: ${yamlValue(DEFAULT_POLICY[key])}`;
    lines.push(`${setting.padEnd(44)}# ${EXPLAIN[key]}`);
  }
  lines.push(
    `${'  targets:'.padEnd(44)}# the monthly audit's targets: a percentage for a share (at least it, or at most it`,
    `${''.padEnd(44)}# where lower is better), else days, hours or a count; null for no target`,
    ...Object.entries(DEFAULT_TARGETS).map(([id, target]) => `    ${id}: ${target}`),
    `    # ${SPOTCHECK_GAP_MEASURE} (days) follows spotcheck_days unless set here`,
  );
  return `${lines.join('\n')}\n`;
}

/** Which schema validates which files: for VS Code's YAML extension (redhat.vscode-yaml). */
export const EDITOR_SCHEMA_GLOBS: Record<string, string[]> = Object.fromEntries(
  RECORD_KIND_NAMES.map((kind) => [RECORD_KINDS[kind].schema, [RECORD_KINDS[kind].editorGlob]]),
);

/** The folders `careplan init` makes, from the kinds' paths: staff, people, spotchecks, feedback, audits. */
export const RECORD_FOLDERS = [
  ...new Set(
    RECORD_KIND_NAMES.map((kind) => RECORD_KINDS[kind].path.split('/'))
      .filter((parts) => parts.length > 1)
      .map(([top]) => top),
  ),
];

export const GITIGNORE = `# careplan: editor and lock files are not records, nor careplan itself when installed here
.careplan/lock
.careplan/lock.break
.careplan/journal*.json
node_modules/
*.tmp
.DS_Store
*~
`;

/** What every records repository's .gitignore must hold, whoever wrote the file. */
const IGNORED = [
  { line: '.careplan/lock', also: ['/.careplan/lock', '.careplan/'] },
  // A write's journal and a lock breaker's turn: present only while a write runs, or after one was killed.
  { line: '.careplan/lock.break', also: ['/.careplan/lock.break', '.careplan/', '.careplan/lock*', '/.careplan/lock*'] },
  { line: '.careplan/journal*.json', also: ['/.careplan/journal*.json', '.careplan/'] },
  { line: 'node_modules/', also: ['node_modules', '/node_modules', '/node_modules/'] },
];

/** An existing .gitignore with careplan's lines added where missing; undefined when none is. */
export function gitignoreAdding(existing: string): { text: string; added: string[] } | undefined {
  const present = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = IGNORED.filter((i) => !present.has(i.line) && !i.also.some((a) => present.has(a))).map((i) => i.line);
  if (!missing.length) return undefined;
  const base = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return { text: `${base}# added by careplan init: not records\n${missing.join('\n')}\n`, added: missing };
}
