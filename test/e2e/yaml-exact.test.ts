import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { readCoreYaml } from '../../src/model/coreSchema.js';
import { EXAMPLE, removeDir, tempDir } from '../helpers/repo.js';

/**
 * Issue 16's classes applied to records of the example written in careplan's own style: `check`
 * must report what a conforming YAML reading of the same files reports, and nothing silent. The
 * conforming reading is made by writing js-yaml's value of the edited file back as JSON (which
 * every reader reads alike); when js-yaml refuses the file, by a file that is plainly not YAML.
 */

interface Finding {
  rule: string;
  severity: string;
  person?: string;
  file?: string;
  line?: number;
  message: string;
}

async function check(repo: string): Promise<Finding[]> {
  let out = '';
  const stream = { write: (text: string) => (out += text), isTTY: false };
  const io: Io = {
    cwd: repo,
    env: { NO_COLOR: '1', CAREPLAN_PARALLEL_FROM: '0' },
    stdout: stream,
    stderr: { write: () => true },
    stdin: process.stdin,
    now: () => 0,
  };
  await run(['check', '--repo', repo, '--as-of', '2026-11-26', '--format', 'json', '--fail-on', 'never'], io);
  return (JSON.parse(out) as { findings: Finding[] }).findings;
}

/** Findings as comparable text: line numbers differ between YAML and JSON, and so does a syntax error's wording. */
const comparable = (findings: Finding[]) =>
  findings
    .map((f) =>
      f.rule === 'yaml-syntax' ? `${f.rule} ${f.file}` : `${f.rule} ${f.severity} ${f.person ?? ''} ${f.file ?? ''} ${f.message}`,
    )
    .sort();

const PERSON = 'people/p-edith/person.yaml';
const OUTCOMES = 'people/p-edith/outcomes/2026-11.yaml';
const PLAN = 'people/p-edith/plan.yaml';
const STAFF = 'staff/s-ben.yaml';

/** p-edith's person.yaml as `careplan person add` writes it (team a flow list, representatives flow maps). */
const PERSON_TEXT =
  'id: p-edith\nname: Edith Clarke\npreferred_name: Edie\nadmitted: 2026-09-02\nkey_worker: s-ben\n' +
  'team: [s-ben, s-carl, s-dana, s-fatima, s-kwame, s-leah]\n' +
  'representatives:\n  - { name: Jo Clarke, relationship: daughter, authority: lpa-health-welfare }\nstatus: active\n';
const BLOCK_TEAM = 'team:\n  - s-ben\n  - s-carl\n  - s-dana\n  - s-fatima\n  - s-kwame\n  - s-leah\n';
/** An outcome log as `careplan outcome` writes it: no header comment (the example's have one). */
const asCareplanWrites = (text: string) => text.replace(/^(#.*\n)+/, '');
/** An outcome entry as `careplan outcome` appends it. */
const ENTRY =
  '- at: 2026-11-25T12:40\n  by: s-carl\n  goal: mob-walk-lunch\n  result: improving\n  note: Walked to lunch with her frame.\n';

type Edit = { file: string; text: (original: string) => string };
const CASES: Record<string, Edit> = {
  'blank team before a list (1)': { file: PERSON, text: () => PERSON_TEXT.replace(/team: .*\n/, 'team:\n') },
  'team as a block list': { file: PERSON, text: () => PERSON_TEXT.replace(/team: .*\n/, BLOCK_TEAM) },
  'team written with extra spaces after the dash (6)': {
    file: PERSON,
    text: () => PERSON_TEXT.replace(/team: .*\n/, BLOCK_TEAM.replace(/ {2}- s-/g, '  -  s-')),
  },
  'a result ending in a no-break space (2)': {
    file: OUTCOMES,
    text: (t) => `${asCareplanWrites(t)}${ENTRY.replace('improving', 'declined\u00a0')}`,
  },
  'a version ending in an ideographic space (2)': { file: PLAN, text: (t) => t.replace('version: 2\n', 'version: 2\u3000\n') },
  'a no-break space and a comment on the next line (3)': {
    file: OUTCOMES,
    text: (t) => `${asCareplanWrites(t)}${ENTRY.replace(/(note: .*)\n/, '$1\n   \u00a0# and more\n')}`,
  },
  'a line of only a no-break space (3)': { file: OUTCOMES, text: (t) => `${asCareplanWrites(t)}\u00a0\n${ENTRY}` },
  "a no-break space inside a note is the note's own (3)": {
    file: OUTCOMES,
    text: (t) => `${asCareplanWrites(t)}${ENTRY.replace('her frame', 'her\u00a0frame')}`,
  },
  'a control character in a note (4)': {
    file: OUTCOMES,
    text: (t) => `${asCareplanWrites(t)}${ENTRY.replace('lunch with', 'lunch\u0001 with')}`,
  },
  // A file that mentions *something* used to be read by the `yaml` package, which read these differently.
  'a version written 0b10, in a plan that mentions *chart* (7)': {
    file: PLAN,
    text: (t) => `${t.replace('version: 2\n', 'version: 0b10\n')}# see *chart*\n`,
  },
  'a ~ key, in a record that mentions *chart* (7)': { file: STAFF, text: (t) => `${t}~: x\n# see *chart*\n` },
  'a note mentioning *chart* (7)': {
    file: OUTCOMES,
    text: (t) => `${asCareplanWrites(t)}${ENTRY.replace('her frame.', 'her frame, see *chart*')}`,
  },
  'CRLF line ends and an emoji': {
    file: OUTCOMES,
    text: (t) => `${asCareplanWrites(t)}${ENTRY.replace('frame.', 'frame 😊')}`.replace(/\n/g, '\r\n'),
  },
};

describe('check reads edited example records as a conforming YAML reader does', () => {
  let edited: string;
  let conforming: string;
  beforeAll(() => {
    edited = path.join(tempDir(), 'edited');
    conforming = path.join(tempDir(), 'conforming');
    // The home's policy, its staff and Edie's folder: every edit is there, and the other people would only cost time.
    for (const copy of [edited, conforming]) {
      for (const part of ['careplan.yaml', 'staff', 'people/p-edith'])
        cpSync(path.join(EXAMPLE, part), path.join(copy, part), { recursive: true });
    }
  });
  afterAll(() => {
    removeDir(path.dirname(edited));
    removeDir(path.dirname(conforming));
  });

  it.each(Object.entries(CASES))('%s', async (_name, edit) => {
    const original = readFileSync(path.join(EXAMPLE, edit.file), 'utf8');
    const text = edit.text(original);
    let reference: string;
    try {
      reference = `${JSON.stringify(readCoreYaml(text))}\n`;
    } catch {
      reference = '{ not: yaml\n';
    }
    writeFileSync(path.join(edited, edit.file), text);
    writeFileSync(path.join(conforming, edit.file), reference);
    try {
      const [got, want] = [await check(edited), await check(conforming)];
      expect(comparable(got)).toEqual(comparable(want));
    } finally {
      writeFileSync(path.join(edited, edit.file), original);
      writeFileSync(path.join(conforming, edit.file), original);
    }
  });

  it('the blank team is the schema error a conforming reading reports, not an empty team', async () => {
    writeFileSync(path.join(edited, PERSON), CASES['blank team before a list (1)'].text(''));
    try {
      const findings = await check(edited);
      expect(findings).toContainEqual(expect.objectContaining({ rule: 'schema', file: PERSON, message: expect.stringMatching(/team/) }));
    } finally {
      writeFileSync(path.join(edited, PERSON), readFileSync(path.join(EXAMPLE, PERSON)));
    }
  });

  it('a lone CR is a yaml-syntax finding with its line and column, and quotes nothing of the record', async () => {
    const original = readFileSync(path.join(EXAMPLE, OUTCOMES), 'utf8');
    const lines = original.split('\n').length;
    writeFileSync(path.join(edited, OUTCOMES), `${original}${ENTRY.replace('frame.\n', 'frame.\r  variation: Used wheelchair\n')}`);
    try {
      const found = (await check(edited)).filter((f) => f.file === OUTCOMES);
      expect(found).toEqual([expect.objectContaining({ rule: 'yaml-syntax', severity: 'error', line: lines + 4 })]);
      expect(found[0].message).toMatch(/^a carriage return \(CR\) on its own at column 40 of the `note` line/);
      expect(found[0].message).not.toMatch(/Walked|frame|wheelchair/);
    } finally {
      writeFileSync(path.join(edited, OUTCOMES), original);
    }
  });
});
