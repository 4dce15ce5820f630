import { describe, expect, it } from 'vitest';
import { blobLines, checkFingerprint } from '../../src/repo/checkResult.js';
import type { Survey } from '../../src/repo/survey.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** git's order: by the bytes of the UTF-8 path. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('blobLines: listed files with their blob ids, two sorted lists walked side by side', () => {
  it('gives what a lookup of each file gives, whatever is vouched for and however git sorts', () => {
    // Names where git's byte order and JavaScript's order differ (a character above U+FFFF against one just below it).
    const names = [
      'a.yaml',
      'b/c.yaml',
      'b-c.yaml',
      'z\u{1F600}.yaml',
      'z\uFF5E.yaml',
      'é.yaml',
      'people/p-1/plan.yaml',
      'people/p-10/plan.yaml',
    ];
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const files = names.filter(() => next(4) > 0).sort();
      const vouched = new Map(
        [...names]
          .filter(() => next(3) > 0)
          .sort(byBytes)
          .map((name, i) => [name, i % 2 ? A : B] as [string, string]),
      );
      const otherwise = (file: string) => vouched.get(file) ?? (next(5) ? undefined : `hashed:${file}`);
      const seen = new Map<string, string | undefined>();
      const memo = (file: string) => {
        if (!seen.has(file)) seen.set(file, otherwise(file));
        return seen.get(file);
      };
      const got = blobLines(files, vouched, memo);
      expect(got).toEqual(files.map((file) => `${file}\0${vouched.get(file) ?? memo(file) ?? '-'}`));
    }
  });
});

describe('the fingerprint of what check judged', () => {
  const survey = (
    change: Partial<Survey> = {},
    blobs = new Map([
      ['careplan.yaml', A],
      ['people/p-a/plan.yaml', B],
    ]),
  ): Survey => ({
    root: '/nowhere',
    listing: { files: ['careplan.yaml', 'people/p-a/new.yaml', 'people/p-a/plan.yaml'], links: [] },
    content: { gitDir: '/nowhere/.git', blobs },
    hashed: new Map([['people/p-a/new.yaml', 'c'.repeat(40)]]),
    folders: new Set(),
    ...change,
  });
  const git = { kind: 'git' as const, changed: ['people/p-a/new.yaml'] };

  it('is the same for the same records and changes with any file, link or git state', () => {
    const base = checkFingerprint(survey(), git);
    expect(base).toMatch(/^[0-9a-f]{40}$/);
    expect(checkFingerprint(survey(), git)).toBe(base);
    const others = [
      checkFingerprint(
        survey(
          {},
          new Map([
            ['careplan.yaml', A],
            ['people/p-a/plan.yaml', A],
          ]),
        ),
        git,
      ),
      checkFingerprint(survey({ hashed: new Map([['people/p-a/new.yaml', 'd'.repeat(40)]]) }), git),
      checkFingerprint(
        survey({ listing: { files: ['careplan.yaml', 'people/p-a/new.yaml', 'people/p-a/plan.yaml'], links: ['people/p-b'] } }),
        git,
      ),
      checkFingerprint(survey({ listing: { files: ['careplan.yaml', 'people/p-a/plan.yaml'], links: [] } }), git),
      checkFingerprint(survey(), { kind: 'git', changed: [] }),
      checkFingerprint(survey(), { kind: 'none' }),
      checkFingerprint(
        survey({ listing: { files: ['careplan.yaml', 'people/p-a/new.yaml', 'people/p-a/plan.yaml'], links: ['a\nb'] } }),
        git,
      ),
      checkFingerprint(
        survey({ listing: { files: ['careplan.yaml', 'people/p-a/new.yaml', 'people/p-a/plan.yaml'], links: ['a', 'b'] } }),
        git,
      ),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('is none when git vouches for nothing (no cache)', () => {
    expect(checkFingerprint(survey({ content: undefined }), git)).toBeUndefined();
  });
});
