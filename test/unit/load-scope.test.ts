import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/findings.js';
import { diskReader, listHomeFiles, loadWorkspace } from '../../src/repo/loader.js';
import { judgePerson } from '../../src/rules/check.js';
import { home, load } from '../helpers/care.js';
import { tempDir } from '../helpers/repo.js';
import { recordRules } from '../../src/rules/record.js';

/**
 * A one-person load (a write, `validate FILE`, `plan show`) reads careplan.yaml, the staff and that
 * person's folder only, so its time does not grow with the home. It must judge that person exactly
 * as a load of the whole home does: every person of the example, as of several moments.
 */
const EXAMPLE = path.resolve('examples/sunrise-house');
const MOMENTS = ['2026-10-01T12:00:00Z', '2026-11-12T09:00:00Z', '2026-11-26T23:59:00Z'].map((t) => Date.parse(t));
const inFolder = (id: string) => (f: Finding) => f.file?.startsWith(`people/${id}/`) ?? false;

describe('a load scoped to one person', () => {
  const whole = loadWorkspace(EXAMPLE);
  const people = [...whole.people.keys()].sort();

  it("reads careplan.yaml, the staff and the person's own folder, nothing else", () => {
    const ws = loadWorkspace(EXAMPLE, { onlyPeople: new Set(['p-edith']) });
    expect([...ws.people.keys()]).toEqual(['p-edith']);
    expect(ws.files.every((f) => f === 'careplan.yaml' || f.startsWith('staff/') || f.startsWith('people/p-edith/'))).toBe(true);
    expect(ws.files).toEqual(whole.files.filter((f) => f === 'careplan.yaml' || f.startsWith('staff/') || f.startsWith('people/p-edith/')));
    expect(ws.spotchecks).toEqual([]);
  });

  it.each(people)("finds for %s what the whole home's load finds, person rules and record rules", (id) => {
    const ws = loadWorkspace(EXAMPLE, { onlyPeople: new Set([id]) });
    for (const moment of MOMENTS) {
      expect(judgePerson(ws, id, moment)).toEqual(judgePerson(whole, id, moment));
      expect(recordRules(ws, moment).filter(inFolder(id))).toEqual(recordRules(whole, moment).filter(inFolder(id)));
    }
  });

  it("for a home record (validate FILE), reads the home's records and each person.yaml, and finds what the whole home's load finds", () => {
    const ws = loadWorkspace(EXAMPLE, {}, diskReader(EXAMPLE, listHomeFiles(EXAMPLE, new Set())));
    const homeFiles = whole.files.filter((f) => !f.startsWith('people/'));
    expect(ws.files).toEqual([...homeFiles, ...people.map((id) => `people/${id}/person.yaml`)].sort());
    for (const file of homeFiles) {
      for (const moment of MOMENTS) {
        expect(recordRules(ws, moment).filter((f) => f.file === file)).toEqual(recordRules(whole, moment).filter((f) => f.file === file));
      }
    }
  });
});

describe('a scoped load still reports the links in its scope (symlink), and reads nothing through them', () => {
  const linked = () => {
    const dir = tempDir('careplan-scope-');
    cpSync(EXAMPLE, dir, { recursive: true });
    const outside = tempDir('careplan-elsewhere-');
    writeFileSync(path.join(outside, 'month.yaml'), '- { at: "2026-11-03T10:00", by: s-ben, goal: g-1, result: improving }\n');
    symlinkSync(path.join(outside, 'month.yaml'), path.join(dir, 'people/p-edith/outcomes/2026-01.yaml'));
    symlinkSync(outside, path.join(dir, 'staff/elsewhere'));
    symlinkSync(outside, path.join(dir, 'people/p-linked'));
    symlinkSync(path.join(outside, 'month.yaml'), path.join(dir, 'audits/2026-01.yaml'));
    return dir;
  };
  const links = (ws: ReturnType<typeof loadWorkspace>) =>
    ws.loadFindings
      .filter((f) => f.rule === 'symlink')
      .map((f) => f.file)
      .sort();

  it("one person's load: the links in their folder and in staff/, not those elsewhere", () => {
    const dir = linked();
    const ws = loadWorkspace(dir, { onlyPeople: new Set(['p-edith']) });
    expect(links(ws)).toEqual(['people/p-edith/outcomes/2026-01.yaml', 'staff/elsewhere']);
    expect(ws.files).not.toContain('people/p-edith/outcomes/2026-01.yaml');
  });

  it('a person whose folder is itself a link: reported, not read', () => {
    const dir = linked();
    const ws = loadWorkspace(dir, { onlyPeople: new Set(['p-linked']) });
    expect(links(ws)).toEqual(['people/p-linked', 'staff/elsewhere']);
    expect(ws.files.some((f) => f.startsWith('people/p-linked'))).toBe(false);
  });

  it("a home record's load (validate FILE): every link outside people/ and each linked person folder", () => {
    const dir = linked();
    const ws = loadWorkspace(dir, {}, diskReader(dir, listHomeFiles(dir, new Set())));
    expect(links(ws)).toEqual(['audits/2026-01.yaml', 'people/p-linked', 'staff/elsewhere']);
  });
});

describe('the order of assessments', () => {
  it('two in the same minute (an initial one, then a change started from it): the initial one is first, whatever their names', () => {
    const h = home()
      .assess('2026-11-30T08:03')
      .assess('2026-11-30T08:03', { type: 'change-in-needs', needs: ['mobility', 'night'] });
    const folder = load(h).people.get('p-a')!;
    expect(folder.assessments.map((a) => a.data.type)).toEqual(['initial', 'change-in-needs']);
  });
});

/**
 * A write loads one person's records up to four times; from the second load on, a file whose
 * text is unchanged is not parsed again (rememberedLoad). The kept value is shared, so frozen.
 */
describe('a one-person load remembers what it parsed', () => {
  const copy = () => {
    const root = path.join(tempDir('remembered'), 'home');
    cpSync(EXAMPLE, root, { recursive: true });
    return root;
  };
  const only = { onlyPeople: new Set(['p-edith']) };

  it('gives the same records and findings again, the same values, frozen', () => {
    const root = copy();
    writeFileSync(path.join(root, 'people/p-edith/reviews/2026-11-20.yaml'), 'date: 2026-11-20\nkind: [not a kind]\n');
    const first = loadWorkspace(root, only);
    const second = loadWorkspace(root, only);
    expect(second.loadFindings).toEqual(first.loadFindings);
    expect(first.loadFindings.some((f) => f.file === 'people/p-edith/reviews/2026-11-20.yaml')).toBe(true);
    expect(second.loadFindings[0]).not.toBe(first.loadFindings[0]);
    const [a, b] = [first.people.get('p-edith'), second.people.get('p-edith')];
    expect(b?.plan?.data).toBe(a?.plan?.data);
    expect(b?.outcomes[0]?.data).toBe(a?.outcomes[0]?.data);
    expect(Object.isFrozen(b?.outcomes[0]?.data)).toBe(true);
    for (const moment of MOMENTS) expect(judgePerson(second, 'p-edith', moment)).toEqual(judgePerson(first, 'p-edith', moment));
  });

  it('parses a file again when its text changed, and a whole-home load keeps nothing', () => {
    const root = copy();
    const plan = path.join(root, 'people/p-edith/plan.yaml');
    const first = loadWorkspace(root, only);
    writeFileSync(plan, 'id: broken\n');
    const changed = loadWorkspace(root, only);
    expect(changed.people.get('p-edith')?.plan).toBeUndefined();
    expect(changed.loadFindings.some((f) => f.file === 'people/p-edith/plan.yaml' && f.rule === 'schema')).toBe(true);
    cpSync(path.join(EXAMPLE, 'people/p-edith/plan.yaml'), plan);
    const back = loadWorkspace(root, only);
    expect(back.people.get('p-edith')?.plan?.data).toEqual(first.people.get('p-edith')?.plan?.data);
    expect(Object.isFrozen(loadWorkspace(root).people.get('p-walter')?.plan?.data)).toBe(false);
  });
});
