import { describe, expect, it } from 'vitest';
import { GITIGNORE, gitignoreAdding } from '../../src/repo/template.js';

describe('the .gitignore careplan init leaves', () => {
  it('a new one ignores the lock and an installed careplan', () => {
    expect(GITIGNORE.split('\n')).toEqual(
      expect.arrayContaining(['.careplan/lock', '.careplan/lock.break', '.careplan/journal*.json', 'node_modules/']),
    );
  });

  it('an existing one gets only the lines it lacks, after its own', () => {
    expect(gitignoreAdding('*.log\n.careplan/lock\n')).toEqual({
      text: '*.log\n.careplan/lock\n# added by careplan init: not records\n.careplan/lock.break\n.careplan/journal*.json\nnode_modules/\n',
      added: ['.careplan/lock.break', '.careplan/journal*.json', 'node_modules/'],
    });
    expect(gitignoreAdding('*.log')).toEqual({
      text: '*.log\n# added by careplan init: not records\n.careplan/lock\n.careplan/lock.break\n.careplan/journal*.json\nnode_modules/\n',
      added: ['.careplan/lock', '.careplan/lock.break', '.careplan/journal*.json', 'node_modules/'],
    });
  });

  it('one that already ignores them, in any usual spelling, is left alone', () => {
    expect(gitignoreAdding('/node_modules\r\n.careplan/\r\n')).toBeUndefined();
    expect(gitignoreAdding('node_modules\n/.careplan/lock*\n/.careplan/journal*.json\n/.careplan/lock\n')).toBeUndefined();
  });
});
