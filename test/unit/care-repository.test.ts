import { describe, expect, it } from 'vitest';
import { judge, none, one, signedHome } from '../helpers/care.js';

/** src/rules/care/repository.ts: the change trail is complete only when every record is committed. */

describe('uncommitted / not-versioned', () => {
  it('uncommitted: a warning naming the changed files, about the home', () => {
    const f = one(judge(signedHome(), '2026-11-05', { kind: 'git', changed: ['people/p-a/plan.yaml', 'staff/s-ben.yaml'] }), 'uncommitted');
    expect(f).toMatchObject({ severity: 'warning', file: 'people/p-a/plan.yaml' });
    expect(f.person).toBeUndefined();
    expect(f.message).toContain('2 record files');
  });
  it('nothing when everything is committed', () => {
    none(judge(signedHome(), '2026-11-05', { kind: 'git', changed: [] }), 'uncommitted', 'not-versioned');
  });
  it('not-versioned: a warning outside git', () => {
    const f = one(judge(signedHome(), '2026-11-05', { kind: 'none' }), 'not-versioned');
    expect(f.severity).toBe('warning');
    expect(f.fix).toContain('git init');
  });
  it('nothing when the caller did not look (validate, unit fixtures)', () => {
    none(judge(signedHome(), '2026-11-05'), 'uncommitted', 'not-versioned');
  });
});
