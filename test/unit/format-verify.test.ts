import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/history/verify.js';
import { PLAIN } from '../../src/format/registry.js';
import { VERIFY_FORMATS } from '../../src/format/verifyFormats.js';
import { formatVerifyText } from '../../src/format/verifyText.js';
import { expectGolden, TAGS } from '../helpers/golden.js';

const SHA = (c: string) => c.repeat(40);

/** A verify report by hand: a shallow clone checked since a commit, a rewrite and an unsigned sign-off found. */
function report(): VerifyReport {
  return {
    findings: [
      {
        rule: 'signoff-not-by-signer',
        severity: 'warning',
        person: 'p-edith',
        file: 'people/p-edith/signoffs.yaml',
        line: 7,
        message:
          'sign-off of version 2 by s-amina (entry 2, added in commit bbbbbbb): ' +
          "neither the commit's author email nor a Careplan-By trailer is s-amina's",
        fix: 'the signer records sign-offs with `careplan signoff p-edith` under their own git identity',
      },
      {
        rule: 'append-only-rewritten',
        severity: 'error',
        person: 'p-edith',
        file: 'people/p-edith/acknowledgements.yaml',
        line: 4,
        message:
          'commit ccccccc (2026-11-20 09:00, Jo Bloggs <jo@elsewhere.example>, ' +
          'not made with careplan) changed entry 2 (at) of this append-only list',
        fix: 'earlier entries must never be edited or removed: restore them and record any correction as a new entry',
      },
      {
        rule: 'signoff-hash-unknown',
        severity: 'error',
        person: 'p-arthur',
        file: 'people/p-arthur/signoffs.yaml',
        message: 'sign-off of version 1 approves an unknown content',
      },
    ],
    signoffs: [
      {
        person: 'p-arthur',
        version: 1,
        by: 's-amina',
        at: '2026-10-27T11:00',
        commit: SHA('a'),
        hashKnown: false,
        committedBySigner: true,
        signature: 'G',
      },
      {
        person: 'p-edith',
        version: 2,
        by: 's-amina',
        at: '2026-11-12T10:30',
        commit: SHA('b'),
        hashKnown: true,
        committedBySigner: false,
        signature: 'N',
      },
      {
        person: 'p-edith',
        version: 3,
        by: 's-amina',
        at: '2026-11-21T10:30',
        commit: SHA('d'),
        hashKnown: true,
        committedBySigner: true,
        signature: 'E',
      },
    ],
    commits: 14,
    listVersions: 1,
    shallow: true,
    since: SHA('9'),
    signaturesRequired: false,
  };
}

describe('verify formats', () => {
  it('the registry offers exactly the formats the CLI lists', () => {
    expect(Object.keys(VERIFY_FORMATS)).toEqual(['text', 'json']);
  });

  it('text: the shallow-clone warning, signed sign-offs, findings by file, one summary line', () => {
    expectGolden('verify/text.txt', VERIFY_FORMATS.text(report(), PLAIN));
  });

  it('text: colour on the warning, the file names and the severities', () => {
    expectGolden('verify/text-colour.txt', formatVerifyText(report(), { paint: TAGS, colour: true }));
  });

  it('text: a clean whole history says what it checked, in the singular where it is one', () => {
    const clean: VerifyReport = { findings: [], signoffs: [], commits: 1, listVersions: 1, shallow: false, signaturesRequired: false };
    expect(formatVerifyText(clean)).toBe('No problems found (1 commit (whole history), 1 list version, 0 sign-offs checked).\n');
  });

  it('json: summary, findings in file order and each sign-off with its signature in words', () => {
    expectGolden('verify/verify.json', VERIFY_FORMATS.json(report(), PLAIN));
  });
});
