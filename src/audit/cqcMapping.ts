import { MEASURE_IDS, RETIRED_MEASURES } from './measures.js';
import type { SectionId } from './metric.js';

/** What one measure evidences in CQC's framework. */
export interface CqcLink {
  key_question: string;
  quality_statements: string[];
  evidence_category: string;
}

/** The mapping as data (SPEC section 4): shipped in data/cqc-mapping.yaml, overridable per repository. */
export interface CqcMapping {
  framework: string;
  measures: Record<string, CqcLink>;
}

/** What a section evidences: the union of its measures' links, in their order. */
export interface SectionCqc {
  key_questions: string[];
  quality_statements: { key_question: string; statement: string }[];
  evidence_categories: string[];
}

const KEYS = new Set(['framework', 'measures', 'notes']);
const LINK_KEYS = new Set(['key_question', 'quality_statements', 'evidence_category', 'notes']);

const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * A key of the mapping file as a message may quote it: a word-like key as it is, anything else
 * unquoted, since a file named by mistake (or by a hostile careplan.yaml) must not be echoed.
 */
const WORD = /^[A-Za-z0-9_.-]{1,64}$/;
const shownKey = (key: string) => (WORD.test(key) ? `\`${key}\`` : 'that is not a word (not shown)');

/**
 * Checks a mapping file's content; returns the problems in words (empty when it is sound). With
 * `complete`, every measure must be mapped (the shipped file); an override may map only some.
 */
export function mappingProblems(value: unknown, complete: boolean): string[] {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['it must be a mapping with `framework` and `measures`'];
  const data = value as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    if (!KEYS.has(key)) problems.push(`unknown key ${shownKey(key)} (expected framework, measures, notes)`);
  }
  if (data.framework !== undefined && !text(data.framework))
    problems.push('`framework` must be text naming the framework, e.g. "CQC single assessment framework"');
  if (complete && data.framework === undefined) problems.push('`framework` is missing');
  const measures = data.measures;
  if (measures === undefined || measures === null || typeof measures !== 'object' || Array.isArray(measures)) {
    problems.push(
      '`measures` must be a mapping from measure ids (such as accuracy.plans-approved) ' +
        'to key_question, quality_statements and evidence_category',
    );
    return problems;
  }
  const known = new Set(MEASURE_IDS);
  for (const [id, link] of Object.entries(measures as Record<string, unknown>)) {
    const where = `measures.${id}`;
    if (!known.has(id)) {
      const retired = RETIRED_MEASURES[id];
      const unknown = WORD.test(id)
        ? `${where}: no such measure`
        : 'a key under `measures` that is not a word (not shown) names no measure';
      problems.push(
        retired
          ? `${where}: this measure (${retired.was}) was replaced by ${retired.replacedBy}; rename the key to ${retired.replacedBy}`
          : `${unknown} (the measures are ${MEASURE_IDS.join(', ')})`,
      );
      continue;
    }
    if (link === null || typeof link !== 'object' || Array.isArray(link)) {
      problems.push(`${where} must be a mapping with key_question, quality_statements and evidence_category`);
      continue;
    }
    const l = link as Record<string, unknown>;
    for (const key of Object.keys(l)) {
      const expected = '(expected key_question, quality_statements, evidence_category)';
      if (!LINK_KEYS.has(key)) problems.push(`${where}: unknown key ${shownKey(key)} ${expected}`);
    }
    if (!text(l.key_question)) problems.push(`${where}.key_question must be text, e.g. Effective`);
    if (!Array.isArray(l.quality_statements) || l.quality_statements.length === 0 || !l.quality_statements.every(text)) {
      problems.push(`${where}.quality_statements must be a list of at least one quality statement, e.g. [Assessing needs]`);
    }
    if (!text(l.evidence_category)) problems.push(`${where}.evidence_category must be text, e.g. processes`);
  }
  if (complete) {
    const missing = MEASURE_IDS.filter((id) => !(id in (measures as Record<string, unknown>)));
    if (missing.length) problems.push(`no mapping for ${missing.join(', ')}`);
  }
  return problems;
}

function linkOf(raw: Record<string, unknown>): CqcLink {
  return {
    key_question: String(raw.key_question).trim(),
    quality_statements: (raw.quality_statements as string[]).map((s) => s.trim()),
    evidence_category: String(raw.evidence_category).trim(),
  };
}

/** A checked mapping's data as a CqcMapping; `base` supplies what an override leaves out. */
export function toMapping(value: unknown, base?: CqcMapping): CqcMapping {
  const data = value as { framework?: string; measures: Record<string, Record<string, unknown>> };
  const measures: Record<string, CqcLink> = { ...(base?.measures ?? {}) };
  for (const [id, raw] of Object.entries(data.measures)) measures[id] = linkOf(raw);
  return { framework: data.framework?.trim() ?? base?.framework ?? '', measures };
}

/** What a section evidences, from its measures' links. */
export function sectionCqc(mapping: CqcMapping, section: SectionId): SectionCqc {
  const out: SectionCqc = { key_questions: [], quality_statements: [], evidence_categories: [] };
  for (const id of MEASURE_IDS.filter((m) => m.startsWith(`${section}.`))) {
    const link = mapping.measures[id];
    if (!link) continue;
    if (!out.key_questions.includes(link.key_question)) out.key_questions.push(link.key_question);
    for (const statement of link.quality_statements) {
      if (!out.quality_statements.some((q) => q.key_question === link.key_question && q.statement === statement)) {
        out.quality_statements.push({ key_question: link.key_question, statement });
      }
    }
    if (!out.evidence_categories.includes(link.evidence_category)) out.evidence_categories.push(link.evidence_category);
  }
  return out;
}
