import { stringify } from 'yaml';
import { CORE_YAML_OPTIONS, CORE_YAML_TO_STRING } from '../model/coreSchema.js';
import { RecordError } from '../errors.js';
import type { SavedAudit } from '../model/records.generated.js';
import { describeSchemaErrors } from './schemaMessages.js';
import { validatorFor } from './schemas.js';
import { parseYaml } from '../model/yamlText.js';

/** Where a month's audit is saved, relative to the repository. */
export function auditPath(month: string): string {
  return `audits/${month}.yaml`;
}

/**
 * The saved audit as YAML, checked against audit.schema.json and read back the way the loader
 * reads it before anything is written: a record that would not load is never saved.
 */
export function savedAuditText(audit: SavedAudit, title: string): string {
  const validate = validatorFor('audit.schema.json');
  const month = audit.month;
  if (!validate(audit)) {
    const problems = describeSchemaErrors(validate.errors ?? [], audit).map((p) => p.message);
    throw new RecordError(
      `the audit for ${month} does not match audits' schema, so nothing was written: ${problems.join('; ')}`,
      'This is most likely a bug in careplan; please report it.',
    );
  }
  const text =
    `# ${title}\n# Saved by careplan audit --save. A record: do not edit; save again with --force ` +
    `if it must change.\n${stringify(audit, { ...CORE_YAML_OPTIONS, ...CORE_YAML_TO_STRING })}`;
  const back = parseYaml(text);
  if (!back.ok || !validate(back.value) || JSON.stringify(back.value) !== JSON.stringify(audit)) {
    throw new RecordError(
      `the audit for ${month} would not read back as written, so nothing was written.`,
      'This is a bug in careplan; please report it.',
    );
  }
  return text;
}
