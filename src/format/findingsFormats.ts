import type { CheckReport } from './checkReport.js';
import { formatCheckText } from './checkText.js';
import { formatFindingsJson } from './findingsJson.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import type { Registry } from './registry.js';

/** `careplan check --format …`. */
export const FINDINGS_FORMATS: Registry<'findings', CheckReport> = {
  text: formatCheckText,
  json: (report) => formatFindingsJson(report.findings, report.asOf, { people: report.people.length }),
  github: formatGithub,
  junit: formatJunit,
};
