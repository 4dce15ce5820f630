import type { CheckReport } from './checkReport.js';
import { formatCheckText } from './checkText.js';
import { formatFindingsJson } from './findingsJson.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { annotations, json, readable, type Registry } from './registry.js';

/** `careplan check --format …`. */
export const FINDINGS_FORMATS: Registry<'findings', CheckReport> = {
  text: readable(formatCheckText),
  json: json((report) => formatFindingsJson(report.findings, report.asOf, { people: report.people.length })),
  github: annotations(formatGithub),
  junit: readable(formatJunit),
};
