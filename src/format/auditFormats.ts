import type { AuditReport } from '../audit/report.js';
import { formatAuditCsv } from './auditCsv.js';
import { formatAuditHtml } from './auditHtml.js';
import { formatAuditJson } from './auditJson.js';
import { formatAuditMarkdown } from './auditMarkdown.js';
import { formatAuditText } from './auditText.js';
import type { FormatName, Registry } from './registry.js';

/** `careplan audit --format …`. */
export const AUDIT_FORMATS: Registry<'audit', AuditReport> = {
  text: formatAuditText,
  markdown: formatAuditMarkdown,
  html: formatAuditHtml,
  json: formatAuditJson,
  csv: formatAuditCsv,
};

/** The file extensions that choose each format for `audit --out FILE`; the first is the one to suggest. */
export const AUDIT_EXTENSIONS: Readonly<Record<FormatName<'audit'>, readonly string[]>> = {
  text: ['.txt', '.text'],
  markdown: ['.md', '.markdown'],
  html: ['.html', '.htm'],
  json: ['.json'],
  csv: ['.csv'],
};
