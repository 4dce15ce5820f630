import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/findings.js';
import { parseAsOf } from '../../src/model/time.js';
import { loadWorkspace } from '../../src/repo/loader.js';
import * as fx from '../fixtures/records.js';
import { removeDir, tempDir, writeFiles } from '../helpers/repo.js';
import { judgeVetted } from '../helpers/rules.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

type Changes = Record<string, string | null>;

/** The valid fixture repository with files replaced, added or (null) removed, judged as of `asOf`. */
function judge(changes: Changes = {}, asOf = fx.AS_OF): Finding[] {
  const files: Record<string, string> = { ...fx.validRepository() };
  for (const [file, content] of Object.entries(changes)) {
    if (content === null) delete files[file];
    else files[file] = content;
  }
  const dir = tempDir('careplan-rules-');
  dirs.push(dir);
  writeFiles(dir, files);
  const ws = loadWorkspace(dir);
  return judgeVetted(ws, parseAsOf(asOf, ws.timezone)!, { scopes: ['record'] });
}

/** Findings reduced to what a reader checks: rule, severity, file, line. */
function brief(findings: Finding[]): { rule: string; severity: string; file?: string; line?: number }[] {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line }));
}

function only(findings: Finding[]): Finding {
  expect(findings, findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`).join('\n')).toHaveLength(1);
  return findings[0];
}

const PERSON = 'people/p-edith/person.yaml';
const PLAN = 'people/p-edith/plan.yaml';
const OUTCOMES = 'people/p-edith/outcomes/2026-11.yaml';
const line = fx.lineContaining;

it('the fixture repository has no findings', () => {
  expect(judge()).toEqual([]);
});

describe('yaml-syntax (made by the loader)', () => {
  it('malformed YAML: error at its line', () => {
    const text = 'id: s-ben\nname: Ben Hart\nroles: [key-worker\nactive: true\n';
    const f = only(judge({ 'staff/s-ben.yaml': text }));
    expect(f).toMatchObject({ rule: 'yaml-syntax', severity: 'error', file: 'staff/s-ben.yaml' });
    expect(f.line).toBeGreaterThanOrEqual(3);
  });
  it('a duplicate key: error at the second one, with the person', () => {
    const f = only(judge({ [PERSON]: `${fx.PERSON}name: Edie Clarke\n` }));
    expect(f).toMatchObject({
      rule: 'yaml-syntax',
      severity: 'error',
      file: PERSON,
      person: 'p-edith',
      line: fx.PERSON.split('\n').length,
    });
    expect(f.message).toMatch(/twice/);
  });
  it('an empty file, a binary file, a comments-only file, an alias bomb', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefghij'
      .split('')
      .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)
      .join('\n')}\n`;
    const findings = judge({
      'staff/s-ben.yaml': '',
      'staff/s-dana.yaml': '\0\x01\x02',
      'feedback/2026-11-14-walks.yaml': '# to do\n',
      'audits/2026-10.yaml': bomb,
    });
    expect(brief(findings).sort((a, b) => a.file!.localeCompare(b.file!))).toEqual([
      { rule: 'yaml-syntax', severity: 'error', file: 'audits/2026-10.yaml', line: undefined },
      { rule: 'yaml-syntax', severity: 'error', file: 'feedback/2026-11-14-walks.yaml', line: undefined },
      { rule: 'yaml-syntax', severity: 'error', file: 'staff/s-ben.yaml', line: undefined },
      { rule: 'yaml-syntax', severity: 'error', file: 'staff/s-dana.yaml', line: undefined },
    ]);
    const text = findings.map((f) => f.message).join('\n');
    expect(text).toMatch(/empty/);
    expect(text).toMatch(/binary/);
    expect(text).toMatch(/no record/);
    expect(text).toMatch(/alias bomb/);
  });
  it('a record that fails to parse is left out, but its id still counts as existing', () => {
    // s-ben is the key worker and author: a broken staff file must not also make unknown-ref noise.
    const findings = judge({ 'staff/s-ben.yaml': 'id: [\n' });
    expect(findings.map((f) => f.rule)).toEqual(['yaml-syntax']);
  });
});

describe('schema (made by the loader)', () => {
  it("a wrong value: error at the field's line, message naming the field", () => {
    const text = fx.PERSON.replace('admitted: 2026-10-28', 'admitted: 2026-13-01');
    const f = only(judge({ [PERSON]: text }));
    expect(f).toMatchObject({ rule: 'schema', severity: 'error', file: PERSON, person: 'p-edith', line: line(text, 'admitted') });
    expect(f.message).toContain('admitted');
  });
  it('an unknown key: error at that key', () => {
    const text = fx.PLAN.replace('    preferences:', '    preferences_:');
    const f = only(judge({ [PLAN]: text }));
    expect(f).toMatchObject({ rule: 'schema', file: PLAN, line: line(text, 'preferences_') });
    expect(f.message).toContain('preferences_');
  });
  it('a missing key at the top: error at the first line', () => {
    const text = fx.STAFF_BEN.replace('name: Ben Hart\n', '');
    expect(brief([only(judge({ 'staff/s-ben.yaml': text }))])).toEqual([
      { rule: 'schema', severity: 'error', file: 'staff/s-ben.yaml', line: 1 },
    ]);
  });
  it('a wrong NHS number check digit', () => {
    const text = fx.PERSON.replace('943 476 5919', '943 476 5918');
    const f = only(judge({ [PERSON]: text }));
    expect(f).toMatchObject({ rule: 'schema', line: line(text, 'nhs_number') });
    expect(f.message).toMatch(/nhs_number.*check digit/);
  });
  it('an id like ../../etc', () => {
    const text = fx.PERSON.replace('key_worker: s-ben', 'key_worker: ../../etc');
    const f = only(judge({ [PERSON]: text }));
    expect(f).toMatchObject({ rule: 'schema', line: line(text, 'key_worker') });
  });
  it('one bad entry of a list: error at its line, the other entries are still judged', () => {
    const text =
      `${fx.OUTCOMES}- at: 2026-11-04T12:40\n  by: s-ben\n  goal: no-such-goal\n  result: improving\n` +
      '- at: 2026-11-05T12:40\n  by: s-ben\n  goal: mob-indep\n  result: great\n';
    const findings = judge({ [OUTCOMES]: text });
    expect(brief(findings).sort((a, b) => a.line! - b.line!)).toEqual([
      { rule: 'unknown-ref', severity: 'error', file: OUTCOMES, line: line(text, 'no-such-goal') },
      { rule: 'schema', severity: 'error', file: OUTCOMES, line: line(text, 'result: great') },
    ]);
  });
  it('an unknown timezone in careplan.yaml', () => {
    const text = fx.CONFIG.replace('Europe/London', 'Europe/Londn');
    const f = only(judge({ 'careplan.yaml': text }));
    expect(f).toMatchObject({ rule: 'schema', severity: 'error', file: 'careplan.yaml', line: line(text, 'timezone') });
  });
  it('a list file that holds a mapping', () => {
    const f = only(judge({ 'people/p-edith/signoffs.yaml': 'version: 1\n' }));
    expect(f).toMatchObject({ rule: 'schema', file: 'people/p-edith/signoffs.yaml', line: 1 });
    expect(f.message).toMatch(/list/);
  });
});

describe('unexpected-file (made by the loader)', () => {
  it('YAML outside the layout is a warning; hidden folders are skipped', () => {
    const findings = judge({
      'notes.yaml': 'a: 1\n',
      'staff/s-eve.yml': 'a: 1\n',
      'people/p-edith/outcomes/november.yaml': '- a: 1\n',
      'people/p-edith/care.yaml': 'a: 1\n',
      '.github/workflows/careplan.yml': 'on: push\n',
      '.careplan/schemas/x.yaml': 'a: 1\n',
      'README.md': '# not YAML, not judged\n',
    });
    expect(brief(findings).sort((a, b) => a.file!.localeCompare(b.file!))).toEqual([
      { rule: 'unexpected-file', severity: 'warning', file: 'notes.yaml', line: undefined },
      { rule: 'unexpected-file', severity: 'warning', file: 'people/p-edith/care.yaml', line: undefined },
      { rule: 'unexpected-file', severity: 'warning', file: 'people/p-edith/outcomes/november.yaml', line: undefined },
      { rule: 'unexpected-file', severity: 'warning', file: 'staff/s-eve.yml', line: undefined },
    ]);
    expect(findings.find((f) => f.file === 'staff/s-eve.yml')?.message).toMatch(/\.yaml/);
    expect(findings.find((f) => f.file === 'people/p-edith/outcomes/november.yaml')?.message).toMatch(/YYYY-MM/);
  });
});

describe('id-mismatch', () => {
  it('a staff id that differs from its file name: error at `id`', () => {
    const text = fx.STAFF_DANA.replace('id: s-dana', 'id: s-diana');
    expect(brief([only(judge({ 'staff/s-dana.yaml': text }))])).toEqual([
      { rule: 'id-mismatch', severity: 'error', file: 'staff/s-dana.yaml', line: 1 },
    ]);
  });
  it('a person id that differs from its folder', () => {
    const text = `name: Edith Clarke\n${fx.PERSON.replace('name: Edith Clarke\n', '').replace('id: p-edith', 'id: p-edie')}`;
    const f = only(judge({ [PERSON]: text }));
    expect(f).toMatchObject({ rule: 'id-mismatch', severity: 'error', file: PERSON, person: 'p-edith', line: 2 });
    expect(f.message).toContain('p-edie');
  });
  it('an assessment whose type differs from its file name', () => {
    const file = 'people/p-edith/assessments/2026-10-28-initial.yaml';
    const f = only(judge({ [file]: fx.ASSESSMENT.replace('type: initial', 'type: review') }));
    expect(f).toMatchObject({ rule: 'id-mismatch', severity: 'error', file, line: 1 });
    expect(f.message).toMatch(/type/);
  });
  it('an assessment whose `at` is on another day than its file name', () => {
    const file = 'people/p-edith/assessments/2026-10-28-initial.yaml';
    const text = fx.ASSESSMENT.replace('at: 2026-10-28T14:00', 'at: 2026-10-27T14:00');
    expect(brief([only(judge({ [file]: text }))])).toEqual([{ rule: 'id-mismatch', severity: 'error', file, line: line(text, 'at:') }]);
  });
  it('a review whose kind differs from its file name', () => {
    const file = 'people/p-edith/reviews/2026-11-09-outcomes.yaml';
    const findings = judge({ [file]: null, 'people/p-edith/reviews/2026-11-09-plan.yaml': fx.OUTCOME_REVIEW });
    expect(brief([only(findings)])).toEqual([
      { rule: 'id-mismatch', severity: 'error', file: 'people/p-edith/reviews/2026-11-09-plan.yaml', line: 1 },
    ]);
  });
  it('a spot check by someone other than its file name says; an audit of another month', () => {
    const findings = judge({
      'spotchecks/2026-11-10-s-dana.yaml': null,
      'spotchecks/2026-11-10-s-ben.yaml': fx.SPOTCHECK,
      'audits/2026-10.yaml': fx.AUDIT.replace('month: 2026-10', 'month: 2026-09'),
    });
    expect(brief(findings).sort((a, b) => a.file!.localeCompare(b.file!))).toEqual([
      { rule: 'id-mismatch', severity: 'error', file: 'audits/2026-10.yaml', line: 1 },
      { rule: 'id-mismatch', severity: 'error', file: 'spotchecks/2026-11-10-s-ben.yaml', line: line(fx.SPOTCHECK, 'by:') },
    ]);
  });
  it('a folder or file name that is not a valid id or date', () => {
    const findings = judge({ 'people/P-Edith/person.yaml': fx.PERSON, 'feedback/2026-02-30-walks.yaml': fx.FEEDBACK });
    expect(brief(findings).sort((a, b) => a.file!.localeCompare(b.file!))).toEqual([
      { rule: 'id-mismatch', severity: 'error', file: 'feedback/2026-02-30-walks.yaml', line: undefined },
      { rule: 'id-mismatch', severity: 'error', file: 'people/P-Edith/person.yaml', line: undefined },
    ]);
  });
});

describe('unknown-ref', () => {
  it('a key worker who is not on the roster: error at the field', () => {
    const text = fx.PERSON.replace('key_worker: s-ben', 'key_worker: s-bob');
    const f = only(judge({ [PERSON]: text }));
    expect(f).toMatchObject({ rule: 'unknown-ref', severity: 'error', file: PERSON, person: 'p-edith', line: line(text, 'key_worker') });
    expect(f.message).toContain('s-bob');
  });
  it('an outcome naming a goal and an action the plan does not have', () => {
    const text = fx.OUTCOMES.replace('goal: mob-indep', 'goal: mob-indie').replace('[mob-walk]', '[mob-run]');
    const findings = judge({ [OUTCOMES]: text });
    expect(brief(findings)).toEqual([
      { rule: 'unknown-ref', severity: 'error', file: OUTCOMES, line: line(text, 'mob-indie') },
      { rule: 'unknown-ref', severity: 'error', file: OUTCOMES, line: line(text, 'mob-run') },
    ]);
  });
  it('a plan naming an assessment that does not exist, and a need its assessment lacks', () => {
    const missing = fx.PLAN.replace('assessment: 2026-10-28-initial', 'assessment: 2026-10-27-initial');
    expect(brief([only(judge({ [PLAN]: missing }))])).toEqual([{ rule: 'unknown-ref', severity: 'error', file: PLAN, line: 2 }]);
    const need = fx.PLAN.replace('need: mobility', 'need: nutrition');
    expect(brief([only(judge({ [PLAN]: need }))])).toEqual([
      { rule: 'unknown-ref', severity: 'error', file: PLAN, line: line(need, 'need: nutrition') },
    ]);
  });
  it('list entries naming unknown staff: sign-off, acknowledgement, agreement, escalation', () => {
    const findings = judge({
      'people/p-edith/signoffs.yaml': fx.SIGNOFFS.replace('by: s-amina', 'by: s-anna'),
      'people/p-edith/acknowledgements.yaml': fx.ACKNOWLEDGEMENTS.replace('staff: s-ben', 'staff: s-bob'),
      'people/p-edith/agreements.yaml': fx.AGREEMENTS.replace('recorded_by: s-ben', 'recorded_by: s-bob'),
      'people/p-edith/escalations.yaml': fx.ESCALATIONS.replace('to: s-amina', 'to: s-anna'),
    });
    expect(findings.map((f) => [f.rule, f.file, f.line]).sort()).toEqual([
      ['unknown-ref', 'people/p-edith/acknowledgements.yaml', 1],
      ['unknown-ref', 'people/p-edith/agreements.yaml', 1],
      ['unknown-ref', 'people/p-edith/escalations.yaml', 1],
      ['unknown-ref', 'people/p-edith/signoffs.yaml', 1],
    ]);
  });
  it('a spot check, feedback and review naming people, staff and goals that do not exist', () => {
    const spot = fx.SPOTCHECK.replace('people: [p-edith]', 'people: [p-edith, p-frank]');
    const findings = judge({
      'spotchecks/2026-11-10-s-dana.yaml': spot,
      'feedback/2026-11-14-walks.yaml': fx.FEEDBACK.replace('person: p-edith', 'person: p-edie'),
      'people/p-edith/reviews/2026-11-09-outcomes.yaml': fx.OUTCOME_REVIEW.replace('goal: mob-indep', 'goal: mob-x'),
      'audits/2026-10.yaml': fx.AUDIT.replace('owner: s-dana', 'owner: s-dan'),
    });
    expect(brief(findings).sort((a, b) => a.file!.localeCompare(b.file!))).toEqual([
      { rule: 'unknown-ref', severity: 'error', file: 'audits/2026-10.yaml', line: line(fx.AUDIT, 'owner') },
      { rule: 'unknown-ref', severity: 'error', file: 'feedback/2026-11-14-walks.yaml', line: line(fx.FEEDBACK, 'person') },
      {
        rule: 'unknown-ref',
        severity: 'error',
        file: 'people/p-edith/reviews/2026-11-09-outcomes.yaml',
        line: line(fx.OUTCOME_REVIEW, 'goal: mob'),
      },
      { rule: 'unknown-ref', severity: 'error', file: 'spotchecks/2026-11-10-s-dana.yaml', line: line(spot, 'people:') },
    ]);
  });
  it('records in a person folder without person.yaml belong to nobody', () => {
    const findings = judge({ 'people/p-edie/plan.yaml': fx.PLAN, 'people/p-edie/signoffs.yaml': fx.SIGNOFFS });
    const orphan = findings.filter((f) => f.message.includes('no person.yaml'));
    expect(brief(orphan)).toEqual([
      { rule: 'unknown-ref', severity: 'error', file: 'people/p-edie/plan.yaml', line: undefined },
      { rule: 'unknown-ref', severity: 'error', file: 'people/p-edie/signoffs.yaml', line: undefined },
    ]);
    expect(orphan[0].fix).toContain('careplan person add p-edie');
  });
  it("an invalid person.yaml still makes the folder someone's", () => {
    expect(judge({ [PERSON]: fx.PERSON.replace('status: active', 'status: gone') }).map((f) => f.rule)).toEqual(['schema']);
  });
  it('goals are not judged unknown while plan.yaml itself is invalid', () => {
    const findings = judge({
      [PLAN]: fx.PLAN.replace('version: 1', 'version: one'),
      [OUTCOMES]: fx.OUTCOMES.replace('goal: mob-indep', 'goal: mob-x'),
    });
    expect(findings.map((f) => `${f.rule} ${f.file}`)).toEqual([`schema ${PLAN}`]);
  });
});

describe('duplicate-id', () => {
  it('two goals of one plan share an id: error at the second, naming the first line', () => {
    const withSecondGoal = `${fx.PLAN}      - { id: mob-indep, description: Walks in the garden, status: active }\n`;
    const f = only(judge({ [PLAN]: withSecondGoal }));
    expect(f).toMatchObject({
      rule: 'duplicate-id',
      severity: 'error',
      file: PLAN,
      person: 'p-edith',
      line: withSecondGoal.trimEnd().split('\n').length,
    });
    expect(f.message).toContain(`line ${line(withSecondGoal, 'id: mob-indep')}`);
  });
  it('two needs of one assessment share an id', () => {
    const file = 'people/p-edith/assessments/2026-10-28-initial.yaml';
    const text = `${fx.ASSESSMENT}  - id: mobility\n    domain: safety\n    description: Wanders at night.\n`;
    expect(brief([only(judge({ [file]: text }))])).toEqual([
      { rule: 'duplicate-id', severity: 'error', file, line: text.trimEnd().split('\n').length - 2 },
    ]);
  });
  it('an action id used under two needs', () => {
    const assessment = `${fx.ASSESSMENT}  - id: nutrition\n    domain: nutrition-hydration\n    description: Small appetite.\n`;
    const plan =
      `${fx.PLAN}  - need: nutrition\n    preferences: [Tea with two sugars]\n    actions:\n      - { id: mob-walk, description: ` +
      'Offer snacks, status: active }\n    goals: []\n';
    const f = only(judge({ 'people/p-edith/assessments/2026-10-28-initial.yaml': assessment, [PLAN]: plan }));
    expect(f).toMatchObject({ rule: 'duplicate-id', file: PLAN, line: line(plan, 'Offer snacks') });
  });
});

describe('misfiled-entry', () => {
  const outcome = (at: string) => `- { at: ${at}, by: s-ben, goal: mob-indep, result: improving }\n`;
  it("an entry in another month's file: error at its `at`", () => {
    const text = `${fx.OUTCOMES}- at: 2026-12-01T08:00\n  by: s-ben\n  goal: mob-indep\n  result: improving\n`;
    const f = only(judge({ [OUTCOMES]: text }, '2026-12-02'));
    expect(f).toMatchObject({
      rule: 'misfiled-entry',
      severity: 'error',
      file: OUTCOMES,
      person: 'p-edith',
      line: line(text, '2026-12-01T08:00'),
    });
    expect(f.fix).toContain('people/p-edith/outcomes/2026-12.yaml');
  });
  it('months are local: 23:30Z on 31 October is still October in London (GMT)', () => {
    expect(judge({ 'people/p-edith/outcomes/2026-10.yaml': outcome('2026-10-31T23:30Z') })).toEqual([]);
  });
  it('months are local: 23:30Z on 31 July is 1 August in London (BST)', () => {
    const file = 'people/p-edith/outcomes/2026-07.yaml';
    const f = only(judge({ [file]: outcome('2026-07-31T23:30Z') }));
    expect(f).toMatchObject({ rule: 'misfiled-entry', file, line: 1 });
    expect(f.message).toContain('2026-08');
    expect(judge({ 'people/p-edith/outcomes/2026-08.yaml': outcome('2026-07-31T23:30Z') })).toEqual([]);
  });
  it('a local timestamp late on the last day of a month belongs to that month', () => {
    expect(judge({ 'people/p-edith/outcomes/2026-10.yaml': outcome('2026-10-31T23:59') })).toEqual([]);
    expect(only(judge({ 'people/p-edith/outcomes/2026-11.yaml': `${fx.OUTCOMES}${outcome('2026-10-31T23:59')}` })).rule).toBe(
      'misfiled-entry',
    );
  });
});

describe('future-date', () => {
  const entry = (at: string) => `${fx.OUTCOMES}- { at: ${at}, by: s-ben, goal: mob-indep, result: improving }\n`;
  it('an entry exactly at as-of is not in the future; a minute later is', () => {
    expect(judge({ [OUTCOMES]: entry('2026-11-26T09:00') }, '2026-11-26T09:00')).toEqual([]);
    const text = entry('2026-11-26T09:01');
    const f = only(judge({ [OUTCOMES]: text }, '2026-11-26T09:00'));
    expect(f).toMatchObject({ rule: 'future-date', severity: 'error', file: OUTCOMES, person: 'p-edith', line: line(text, '09:01') });
  });
  it('a date as-of means the end of that day', () => {
    expect(judge({ [OUTCOMES]: entry('2026-11-26T23:59') }, '2026-11-26')).toEqual([]);
    expect(only(judge({ [OUTCOMES]: entry('2026-11-26T23:59') }, '2026-11-25')).rule).toBe('future-date');
  });
  it('an offset timestamp is compared as the instant it names', () => {
    // 2026-11-27T00:30+01:00 is 23:30 on the 26th in London: not after the end of the 26th.
    expect(judge({ [OUTCOMES]: entry('2026-11-27T00:30+01:00') }, '2026-11-26')).toEqual([]);
  });
  it('admitted after as-of; a plan updated after as-of', () => {
    const person = fx.PERSON.replace('admitted: 2026-10-28', 'admitted: 2026-11-27');
    const plan = fx.PLAN.replace('updated: 2026-10-29T10:00', 'updated: 2026-11-27T10:00');
    const findings = judge({ [PERSON]: person, [PLAN]: plan });
    expect(brief(findings).sort((a, b) => a.file!.localeCompare(b.file!))).toEqual([
      { rule: 'future-date', severity: 'error', file: PERSON, line: line(person, 'admitted') },
      { rule: 'future-date', severity: 'error', file: PLAN, line: line(plan, 'updated') },
    ]);
  });
  it("a file name dated after as-of, and a future month's outcome file", () => {
    const review = fx.PLAN_REVIEW.replace('at: 2026-11-25T11:00', 'at: 2026-11-28T11:00');
    const findings = judge({
      'people/p-edith/reviews/2026-11-25-plan.yaml': null,
      'people/p-edith/reviews/2026-11-28-plan.yaml': review,
    });
    expect(brief(findings)).toEqual([
      { rule: 'future-date', severity: 'error', file: 'people/p-edith/reviews/2026-11-28-plan.yaml', line: undefined },
      { rule: 'future-date', severity: 'error', file: 'people/p-edith/reviews/2026-11-28-plan.yaml', line: line(review, 'at:') },
    ]);
    const december = judge({
      'people/p-edith/outcomes/2026-12.yaml': '- { at: 2026-12-01T09:00, by: s-ben, goal: mob-indep, result: improving }\n',
    });
    expect(brief(december).filter((f) => f.line === undefined)).toEqual([
      { rule: 'future-date', severity: 'error', file: 'people/p-edith/outcomes/2026-12.yaml', line: undefined },
    ]);
  });
  it('every `at` of every record type is judged', () => {
    const later = (text: string) => text.replace(/at: 2026-1\d-\d\dT/g, 'at: 2026-11-27T');
    const findings = judge({
      'people/p-edith/signoffs.yaml': later(fx.SIGNOFFS),
      'people/p-edith/acknowledgements.yaml': later(fx.ACKNOWLEDGEMENTS),
      'people/p-edith/agreements.yaml': later(fx.AGREEMENTS),
      'people/p-edith/escalations.yaml': later(fx.ESCALATIONS).replace(' }', ', responded_at: 2026-11-28T09:00 }'),
      'audits/2026-10.yaml': fx.AUDIT.replace('saved_at: 2026-11-05T09:00', 'saved_at: 2026-11-27T09:00'),
    });
    expect(findings.every((f) => f.rule === 'future-date' && f.severity === 'error')).toBe(true);
    expect(findings.map((f) => f.file).sort()).toEqual([
      'audits/2026-10.yaml',
      'people/p-edith/acknowledgements.yaml',
      'people/p-edith/agreements.yaml',
      'people/p-edith/escalations.yaml',
      'people/p-edith/escalations.yaml',
      'people/p-edith/signoffs.yaml',
    ]);
  });
  it("target dates are exempt: a goal's `by`, an audit action's `due`, a planned leaving date", () => {
    expect(
      judge({
        [PLAN]: fx.PLAN.replace('by: 2027-01-31', 'by: 2030-01-31'),
        'audits/2026-10.yaml': fx.AUDIT.replace('due: 2026-12-15', 'due: 2030-12-15'),
        'staff/s-dana.yaml': `${fx.STAFF_DANA}left: 2030-12-31\n`,
      }),
    ).toEqual([]);
  });
});
