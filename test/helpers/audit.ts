import { expect } from 'vitest';
import type { Measure, Metric } from '../../src/audit/metric.js';
import { auditPeriod } from '../../src/audit/period.js';
import { buildAuditReport, type AuditReport } from '../../src/audit/report.js';
import type { CommittedVersions } from '../../src/model/asItStood.js';
import { loadCqcMapping } from '../../src/repo/cqcMappingFile.js';
import { home, load, type Home } from './care.js';
import { asOf, workspaceOf } from './memory.js';

/** The audit of `month` for a fixture home, judged as of `when` (a date means the end of that day); `committed`: what git held. */
export function auditOf(h: Home, month: string, when: string, committed?: CommittedVersions): AuditReport {
  const ws = load(h);
  const period = auditPeriod(month, asOf(when), ws.timezone);
  if (!period) throw new Error(`${month} has not begun by ${when}`);
  return buildAuditReport(ws, period, loadCqcMapping(ws), committed, asOf(when));
}

/** The audit of `month` for records given as files (for homes the Home builder cannot make, such as one with nobody in it). */
export function auditOfFiles(files: Record<string, string>, month: string, when: string): AuditReport {
  const ws = workspaceOf(files);
  if (ws.loadFindings.length) throw new Error(`fixture does not load: ${ws.loadFindings.map((f) => `${f.file} ${f.message}`).join('; ')}`);
  const period = auditPeriod(month, asOf(when), ws.timezone)!;
  return buildAuditReport(ws, period, loadCqcMapping(ws));
}

/** A home with staff and nobody supported yet. */
export function emptyHome(): Record<string, string> {
  return Object.fromEntries(Object.entries(home().files()).filter(([file]) => !file.startsWith('people/')));
}

export function metricOf(report: AuditReport, id: string): Metric {
  const found = report.sections.flatMap((s) => s.metrics).find((m) => m.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

/** numerator/denominator of a metric, home-wide or for one person: "3/4". */
export function nd(report: AuditReport, id: string, person?: string): string {
  const m = metricOf(report, id);
  const measure: Measure | undefined = person ? m.people?.[person] : m;
  expect(measure, `${id} has no figure for ${person}`).toBeDefined();
  return `${measure!.numerator}/${measure!.denominator}`;
}

export function measureValue(report: AuditReport, id: string, person?: string): Measure['value'] {
  const m = metricOf(report, id);
  return person ? (m.people?.[person]?.value ?? (undefined as never)) : m.value;
}
