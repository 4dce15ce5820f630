import { describe, expect, it } from 'vitest';
import { vouchedBlobs } from '../../src/repo/blobIds.js';

/** The reading by fields that vouchedBlobs replaced: the reference it must agree with. */
function byFields(text: string, dirty: ReadonlySet<string>, prefix: string): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const line of text.split('\0').filter(Boolean)) {
    const tab = line.indexOf('\t');
    const [tag, mode, blob, stage] = line.slice(0, tab).split(' ');
    const file = line.slice(tab + 1);
    if (tag !== 'H' || stage !== '0' || (mode !== '100644' && mode !== '100755')) continue;
    if (!dirty.has(prefix + file)) blobs.set(file, blob);
  }
  return blobs;
}

const SHA1 = 'a'.repeat(40);
const SHA256 = 'b'.repeat(64);

describe("vouchedBlobs: git's index listing read by position", () => {
  it('keeps plain files at stage 0 that git looks at, and no others', () => {
    const lines = [
      `H 100644 ${SHA1} 0\tpeople/p-a/plan.yaml`,
      `H 100755 ${SHA256} 0\tpeople/p-a/odd name\twith tab.yaml`,
      `S 100644 ${SHA1} 0\tskipped.yaml`,
      `h 100644 ${SHA1} 0\tassumed.yaml`,
      `H 120000 ${SHA1} 0\tlink.yaml`,
      `H 160000 ${SHA1} 0\tsubmodule`,
      `H 100644 ${SHA1} 1\tconflict.yaml`,
      `H 100644 ${SHA1} 2\tconflict.yaml`,
      `H 100644 ${SHA1} 0\tpeople/p-b/dirty.yaml`,
      `H 100644 ${SHA1} 0\tnew\nline.yaml`,
      `M 100644 ${SHA1} 0\tunmerged-tag.yaml`,
    ];
    const text = `${lines.join('\0')}\0`;
    const dirty = new Set(['records/people/p-b/dirty.yaml']);
    const got = vouchedBlobs(text, dirty, 'records/');
    expect(got).toEqual(byFields(text, dirty, 'records/'));
    expect([...got.keys()]).toEqual(['people/p-a/plan.yaml', 'people/p-a/odd name\twith tab.yaml', 'new\nline.yaml']);
    expect(got.get('people/p-a/odd name\twith tab.yaml')).toBe(SHA256);
  });

  it('agrees with the reading by fields on generated listings, with or without a final NUL', () => {
    const tags = ['H', 'S', 'h', 'M', 'K'];
    const modes = ['100644', '100755', '120000', '160000'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 50; round++) {
      const lines = Array.from({ length: 40 }, (_, i) => {
        const id = next(2) ? SHA1 : SHA256;
        return `${tags[next(tags.length)]} ${modes[next(modes.length)]} ${id} ${next(4) ? 0 : next(4)}\tf${i} ${next(3) ? '' : '\t'}x.yaml`;
      });
      const dirty = new Set(lines.filter(() => next(5) === 0).map((l) => l.slice(l.indexOf('\t') + 1)));
      for (const text of [lines.join('\0'), `${lines.join('\0')}\0`, '']) {
        expect(vouchedBlobs(text, dirty, '')).toEqual(byFields(text, dirty, ''));
      }
    }
  });
});
