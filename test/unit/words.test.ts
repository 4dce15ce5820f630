import { describe, expect, it } from 'vitest';
import { noun, plural } from '../../src/model/words.js';

describe('plural', () => {
  it('says one thing in the singular and any other count in the plural, zero included', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(2, 'warning')).toBe('2 warnings');
  });
  it('takes the irregular plural it is given', () => {
    expect(plural(88, 'entry', 'entries')).toBe('88 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(7, 'person', 'people')).toBe('7 people');
  });
  it('noun gives the word alone, for counts said elsewhere in the sentence', () => {
    expect(noun(1, 'need')).toBe('need');
    expect(noun(3, 'entry', 'entries')).toBe('entries');
  });
});
