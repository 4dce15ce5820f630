import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mappingProblems, sectionCqc, toMapping } from '../../src/audit/cqcMapping.js';
import { MEASURE_IDS, MEASURES } from '../../src/audit/measures.js';
import { SECTIONS } from '../../src/audit/metric.js';
import { toSavedAudit } from '../../src/audit/savedAudit.js';
import { RecordError } from '../../src/errors.js';
import { savedAuditText } from '../../src/repo/auditFile.js';
import { SHIPPED_MAPPING } from '../../src/repo/cqcMappingFile.js';
import { validatorFor } from '../../src/repo/schemas.js';
import { parseYaml } from '../../src/model/yamlText.js';
import { signedHome } from '../helpers/care.js';
import { auditOf, auditOfFiles, emptyHome } from '../helpers/audit.js';

const shipped = () => (parseYaml(readFileSync(SHIPPED_MAPPING, 'utf8')) as { value: unknown }).value;

describe('the measures and the CQC mapping', () => {
  it('the sections produce exactly the measures listed, in order, each with an id, a label and a definition', () => {
    const report = auditOf(signedHome(), '2026-11', '2026-12-05');
    expect(report.sections.map((s) => s.id)).toEqual(SECTIONS.map((s) => s.id));
    for (const section of report.sections) {
      expect(
        section.metrics.map((m) => m.id),
        section.id,
      ).toEqual(MEASURES[section.id].map((m) => `${section.id}.${m}`));
      for (const m of section.metrics) {
        expect(m.label.length, m.id).toBeGreaterThan(5);
        expect(m.definition.length, m.id).toBeGreaterThan(10);
        expect(m.cqc, m.id).toBeDefined();
      }
    }
  });

  it('the shipped mapping is sound and maps every measure to a key question, quality statements and an evidence category', () => {
    expect(mappingProblems(shipped(), true)).toEqual([]);
    const mapping = toMapping(shipped());
    expect(Object.keys(mapping.measures).sort()).toEqual([...MEASURE_IDS].sort());
    const keyQuestions = new Set(Object.values(mapping.measures).map((l) => l.key_question));
    expect([...keyQuestions].every((k) => ['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led'].includes(k))).toBe(true);
    // SPEC section 4's examples.
    const statements = Object.values(mapping.measures).flatMap((l) => l.quality_statements.map((s) => `${l.key_question}: ${s}`));
    for (const expected of [
      'Effective: Assessing needs',
      'Effective: Monitoring and improving outcomes',
      'Effective: Consent to care and treatment',
      'Responsive: Person-centred care',
      'Well-led: Governance, management and sustainability',
    ]) {
      expect(statements).toContain(expected);
    }
    expect(sectionCqc(mapping, 'outcomes')).toEqual({
      key_questions: ['Effective'],
      quality_statements: [{ key_question: 'Effective', statement: 'Monitoring and improving outcomes' }],
      evidence_categories: ['outcomes', 'processes'],
    });
  });

  it('an override may map some measures; the rest keep the shipped mapping', () => {
    const base = toMapping(shipped());
    const override = {
      measures: {
        'reviews.overdue': {
          key_question: 'Safe',
          quality_statements: ['Safe systems, pathways and transitions'],
          evidence_category: 'processes',
        },
      },
    };
    expect(mappingProblems(override, false)).toEqual([]);
    const merged = toMapping(override, base);
    expect(merged.framework).toBe(base.framework);
    expect(merged.measures['reviews.overdue'].key_question).toBe('Safe');
    expect(merged.measures['reviews.held']).toEqual(base.measures['reviews.held']);
  });

  it('says what is wrong with an unsound mapping', () => {
    expect(mappingProblems([], false)).toEqual(['it must be a mapping with `framework` and `measures`']);
    expect(mappingProblems({ framework: 'x', measure: {} }, false)).toEqual([
      'unknown key `measure` (expected framework, measures, notes)',
      '`measures` must be a mapping from measure ids (such as accuracy.plans-approved) ' +
        'to key_question, quality_statements and evidence_category',
    ]);
    expect(
      mappingProblems({ measures: { 'reviews.due': { key_question: '', quality_statements: [], evidence_category: 3, stat: 1 } } }, false),
    ).toEqual([
      'measures.reviews.due: unknown key `stat` (expected key_question, quality_statements, evidence_category)',
      'measures.reviews.due.key_question must be text, e.g. Effective',
      'measures.reviews.due.quality_statements must be a list of at least one quality statement, e.g. [Assessing needs]',
      'measures.reviews.due.evidence_category must be text, e.g. processes',
    ]);
    expect(mappingProblems({ framework: 'x', measures: {} }, true)[0]).toMatch(/^no mapping for accuracy.plans-approved, /);
    // An override written for an earlier release names the measure that replaced the one it maps.
    const link = {
      key_question: 'Well-led',
      quality_statements: ['Governance, management and sustainability'],
      evidence_category: 'observation',
    };
    expect(mappingProblems({ measures: { 'followed.spotchecks-per-week': link } }, false)).toEqual([
      'measures.followed.spotchecks-per-week: this measure (spot checks per week) was replaced by followed.spotcheck-weeks; ' +
        'rename the key to followed.spotcheck-weeks',
    ]);
  });
});

describe('the saved audit record', () => {
  it('holds every metric home-wide, the findings counted by rule, and the actions; it validates and reads back', () => {
    const report = auditOf(signedHome(), '2026-11', '2026-12-05');
    const saved = toSavedAudit(report, 's-amina', '2026-12-05T10:00', [
      { description: 'Spot check weekly', owner: 's-dana', due: '2026-12-12' },
    ]);
    expect(validatorFor('audit.schema.json')(saved)).toBe(true);
    expect(Object.keys(saved.metrics)).toEqual(MEASURE_IDS);
    expect(saved.metrics['accuracy.plans-approved']).toEqual({
      label: 'Plans approved (current content signed off)',
      numerator: 1,
      denominator: 1,
      percent: 100,
    });
    expect(saved.metrics['followed.ack-median-hours']).toEqual({
      label: 'Median time from sign-off to acknowledgement',
      value: 1,
      denominator: 1,
      unit: 'hours',
    });
    expect(saved.metrics['governance.previous-audit-saved']).toMatchObject({ value: 'not owed', numerator: 0, denominator: 0 });
    expect(saved.findings.by_rule).toEqual(Object.fromEntries(report.findings.byRule.filter((r) => r.count).map((r) => [r.rule, r.count])));
    expect(saved.findings.items).toHaveLength(report.findings.all.length);
    const text = savedAuditText(saved, 'Monthly audit - November 2026');
    expect(text.startsWith('# Monthly audit - November 2026\n')).toBe(true);
    expect((parseYaml(text) as { value: unknown }).value).toEqual(saved);
  });

  it('an empty month saves as a valid record too', () => {
    const saved = toSavedAudit(auditOfFiles(emptyHome(), '2026-11', '2026-12-05'), 's-amina', '2026-12-05T10:00', []);
    expect(validatorFor('audit.schema.json')(saved)).toBe(true);
    expect(saved.metrics['accuracy.plans-approved']).toEqual({
      label: 'Plans approved (current content signed off)',
      numerator: 0,
      denominator: 0,
      percent: null,
    });
  });

  it('refuses to write a record that does not match the schema', () => {
    const saved = toSavedAudit(auditOf(signedHome(), '2026-11', '2026-12-05'), 's-amina', '2026-12-05T10:00', [
      { description: '', owner: 'Not An Id', due: '5/12' },
    ]);
    expect(() => savedAuditText(saved, 'x')).toThrow(RecordError);
  });
});
