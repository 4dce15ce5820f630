import type { AuditReport } from '../audit/report.js';
import { formatAuditCsv } from './auditCsv.js';
import { formatAuditHtml } from './auditHtml.js';
import { formatAuditJson } from './auditJson.js';
import { formatAuditMarkdown } from './auditMarkdown.js';
import { formatAuditText } from './auditText.js';
import { json, readable, type FormatName, type Registry } from './registry.js';

/** `careplan audit --format …`. */
export const AUDIT_FORMATS: Registry<'audit', AuditReport> = {
  text: readable(formatAuditText),
  markdown: readable(formatAuditMarkdown),
  html: readable(formatAuditHtml),
  json: json(formatAuditJson),
  csv: readable(formatAuditCsv),
};

/** The file extensions that choose each format for `audit --out FILE`; the first is the one to suggest. */
export const AUDIT_EXTENSIONS: Readonly<Record<FormatName<'audit'>, readonly string[]>> = {
  text: ['.txt', '.text'],
  markdown: ['.md', '.markdown'],
  html: ['.html', '.htm'],
  json: ['.json'],
  csv: ['.csv'],
};
