import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepPeople, keptPeople, printsOf, type KeptPerson } from '../../src/repo/personResults.js';
import { folderIdentity, sealOf } from '../../src/repo/recordCache.js';
import { tempDir } from '../helpers/repo.js';

/** What `careplan check` keeps of each person (repo/personResults.ts): taken only while it holds, for the same records. */

const lines = [
  'careplan.yaml\0b1',
  'people/p-a/person.yaml\0b2',
  'people/p-a/plan.yaml\0b3',
  'people/p-b/person.yaml\0b4',
  'staff/s-x.yaml\0b5',
];
const person = (print: string, change: Partial<KeptPerson> = {}): KeptPerson => ({
  print,
  from: 1000,
  until: 5000,
  findings: [{ rule: 'ack-missing', severity: 'warning', person: 'p-a', message: 'm' }],
  active: true,
  signoffs: [900],
  earliest: '2026-01-01',
  ...change,
});

describe("a person's fingerprint is their folder's; the home's is everything else with careplan's code", () => {
  it("changes with a file or link in the person's folder only for them, and with anything else for the home", () => {
    const base = printsOf('code', lines, []);
    expect([...base.people.keys()]).toEqual(['p-a', 'p-b']);
    const edited = printsOf(
      'code',
      lines.map((l) => l.replace('b3', 'b9')),
      [],
    );
    expect(edited.home).toBe(base.home);
    expect(edited.people.get('p-a')).not.toBe(base.people.get('p-a'));
    expect(edited.people.get('p-b')).toBe(base.people.get('p-b'));
    const linked = printsOf('code', lines, ['people/p-b/outcomes']);
    expect(linked.people.get('p-b')).not.toBe(base.people.get('p-b'));
    expect(linked.home).toBe(base.home);
    expect(
      printsOf(
        'code',
        lines.map((l) => l.replace('b5', 'b8')),
        [],
      ).home,
    ).not.toBe(base.home);
    expect(printsOf('other code', lines, []).home).not.toBe(base.home);
    expect(printsOf('code', lines, ['staff/s-y.yaml']).home).not.toBe(base.home);
  });
});

describe('kept people are taken while they hold, for the same records, and never when the file is not sound', () => {
  const prints = printsOf('code', lines, []);
  const keep = () => {
    const gitDir = tempDir('careplan-people-');
    keepPeople(
      gitDir,
      prints.home,
      new Map([
        ['p-a', person(prints.people.get('p-a')!)],
        ['p-b', person(prints.people.get('p-b')!, { until: Number.POSITIVE_INFINITY, earliest: undefined })],
      ]),
    );
    return gitDir;
  };

  it('from the moment judged up to (not including) the end of its span; Infinity survives the round trip', () => {
    const gitDir = keep();
    expect([...keptPeople(gitDir, prints, 1000).keys()]).toEqual(['p-a', 'p-b']);
    expect(keptPeople(gitDir, prints, 4999).get('p-a')).toEqual(person(prints.people.get('p-a')!));
    expect([...keptPeople(gitDir, prints, 5000).keys()]).toEqual(['p-b']);
    expect(keptPeople(gitDir, prints, 999).size).toBe(0);
    expect(keptPeople(gitDir, prints, 10 ** 13).get('p-b')?.until).toBe(Number.POSITIVE_INFINITY);
  });

  it("only for the person's folder as it was, and for none when the home's records or careplan changed", () => {
    const gitDir = keep();
    const edited = printsOf(
      'code',
      lines.map((l) => l.replace('b3', 'b9')),
      [],
    );
    expect([...keptPeople(gitDir, edited, 2000).keys()]).toEqual(['p-b']);
    expect(
      keptPeople(
        gitDir,
        printsOf(
          'code',
          lines.map((l) => l.replace('b1', 'b7')),
          [],
        ),
        2000,
      ).size,
    ).toBe(0);
    expect(keptPeople(gitDir, printsOf('new code', lines, []), 2000).size).toBe(0);
  });

  it('a file cut short, damaged, or holding the wrong types is ignored', () => {
    const gitDir = keep();
    const dir = path.join(gitDir, 'careplan', 'cache');
    const file = path.join(dir, readdirSync(dir)[0], 'people.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, -20));
    expect(keptPeople(gitDir, prints, 2000).size).toBe(0);
    writeFileSync(file, text.replace('"active":true', '"active":false'));
    expect(keptPeople(gitDir, prints, 2000).size).toBe(0);
    // Sealed again by hand, with a wrong type: that person is not taken.
    const body = text.slice(text.indexOf('\n') + 1).replace('"signoffs":[900]', '"signoffs":["900"]');
    const header = text.slice(0, text.indexOf('\n'));
    writeFileSync(file, `${header.slice(0, header.lastIndexOf(' '))} ${createHash('sha1').update(body).digest('hex')}\n${body}`);
    // Sealed as careplan sealed it before the seal held the folder's identity: not taken either.
    expect(keptPeople(gitDir, prints, 2000).size).toBe(0);
    writeFileSync(file, `${sealOf(folderIdentity(path.dirname(file))!, body)}\n${body}`);
    expect([...keptPeople(gitDir, prints, 2000).keys()]).toEqual(['p-b']);
  });
});
