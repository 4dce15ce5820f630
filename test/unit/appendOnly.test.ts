import { describe, expect, it } from 'vitest';
import { addedEntries, compareMerge, compareVersions, isPlainAppend, listEntries } from '../../src/history/appendOnly.js';

const b = (text: string) => Buffer.from(text, 'utf8');

describe('isPlainAppend: earlier entries unchanged without parsing', () => {
  const before = '# acknowledgements\n- { staff: s-carl, version: 1 }\n- staff: s-dana\n  version: 1\n';
  it.each([
    ['a new block entry', `${before}- staff: s-ben\n  version: 1\n`, true],
    ['a new flow entry after a comment', `${before}# night shift\n- { staff: s-kwame, version: 1 }\n`, true],
    ['a blank line, then an entry', `${before}\n- { staff: s-ben, version: 1 }\n`, true],
    ['nothing', before, true],
    ['a field added to the last entry', `${before}  note: late\n`, false],
    ['an indented comment (could be inside a block scalar)', `${before}  # note\n- { staff: s-ben }\n`, false],
    ['a second document', `${before}---\n- { staff: s-ben }\n`, false],
    ['an edit in the middle', before.replace('s-carl', 's-carla'), false],
  ])('%s', (_, after, expected) => {
    expect(isPlainAppend(b(before), b(after))).toBe(expected);
  });

  it('is false when the old text did not end with a newline (the addition continues its last line)', () => {
    expect(isPlainAppend(b('- a: 1'), b('- a: 12\n'))).toBe(false);
  });

  it('is false for blank lines after a keep-chomping block scalar, which would join its text', () => {
    const kept = '- note: |+\n    first\n';
    expect(isPlainAppend(b(kept), b(`${kept}\n- note: second\n`))).toBe(false);
    expect(isPlainAppend(b(kept), b(`${kept}- note: second\n`))).toBe(true);
  });

  it('is false for a flow-style list: that needs a parse', () => {
    expect(isPlainAppend(b('[a]\n'), b('[a]\n- b\n'))).toBe(false);
  });
});

describe('compareMerge and compareVersions', () => {
  const e = (staff: string, at = '2026-11-01T08:00') => ({ staff, version: 1, at });
  it('accepts growth and names changed, removed and reordered entries', () => {
    expect(compareMerge([[e('a')]], [e('a'), e('b')])).toBeUndefined();
    expect(compareMerge([[e('a'), e('b')]], [e('a', '2026-11-02T08:00'), e('b')])).toEqual({
      changed: [{ index: 0, fields: ['at'] }],
      removed: [],
    });
    expect(compareMerge([[e('a'), e('b'), e('c')]], [e('a'), e('c')])).toEqual({ changed: [], removed: [1] });
    expect(compareMerge([[e('a'), e('b')]], [e('b'), e('a')])).toEqual({ changed: [], removed: [], reordered: 0 });
  });

  it('accepts a merge holding both sides after their shared entries, and finds what a merge lost', () => {
    const base = [e('a')];
    expect(
      compareMerge(
        [
          [...base, e('b')],
          [...base, e('c')],
        ],
        [...base, e('b'), e('c')],
      ),
    ).toBeUndefined();
    expect(
      compareMerge(
        [
          [...base, e('b')],
          [...base, e('c')],
        ],
        [...base, e('c'), e('b')],
      ),
    ).toBeUndefined();
    expect(
      compareMerge(
        [
          [...base, e('b')],
          [...base, e('c')],
        ],
        [...base, e('b')],
      ),
    ).toEqual({ changed: [], removed: [1] });
  });

  it('lets an escalation gain a response once, but not change one', () => {
    const esc = { at: '2026-11-15T18:00', by: 's-carl', to: 's-amina', reason: 'Falls' };
    const answered = { ...esc, response: 'GP called', responded_at: '2026-11-16T09:00' };
    expect(compareVersions('escalations', [[esc]], [answered])).toEqual({ rewrite: undefined, completed: [0], entries: [esc] });
    expect(compareVersions('escalations', [[answered]], [{ ...answered, response: 'Nothing' }]).rewrite).toEqual({
      changed: [{ index: 0, fields: ['response'] }],
      removed: [],
    });
    expect(compareVersions('acknowledgements', [[esc]], [answered]).rewrite).toEqual({
      changed: [{ index: 0, fields: ['responded_at', 'response'] }],
      removed: [],
    });
  });

  it('finds the entries a commit added, counting duplicates', () => {
    expect(addedEntries([[e('a')]], [e('a'), e('a'), e('b')])).toEqual([1, 2]);
    expect(
      addedEntries(
        [
          [e('a'), e('b')],
          [e('a'), e('c')],
        ],
        [e('a'), e('b'), e('c'), e('d')],
      ),
    ).toEqual([3]);
  });
});

describe('listEntries', () => {
  it('reads a list, treats a missing or comment-only file as empty, and refuses what is not a list', () => {
    expect(listEntries(b('- a\n- b\n'))).toEqual(['a', 'b']);
    expect(listEntries(undefined)).toEqual([]);
    expect(listEntries(b('# nothing yet\n'))).toEqual([]);
    expect(listEntries(b('a: 1\n'))).toBeUndefined();
    expect(listEntries(b('- [\n'))).toBeUndefined();
  });
});
