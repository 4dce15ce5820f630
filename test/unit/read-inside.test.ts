import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInside, UnsafeReadError } from '../../src/repo/safePath.js';
import { tempDir } from '../helpers/repo.js';

/** readInside: a record's bytes, never through a link, never past the limit (src/repo/safePath.ts). */
describe('reading a record inside the repository', () => {
  const home = () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(path.join(root, 'people/p-a/outcomes'), { recursive: true });
    writeFileSync(path.join(root, 'people/p-a/outcomes/2026-10.yaml'), '- { at: 2026-10-01T10:00 }\n');
    writeFileSync(path.join(root, 'people/p-a/outcomes/2026-11.yaml'), '- { at: 2026-11-01T10:00 }\n');
    writeFileSync(path.join(outside, 'elsewhere.yaml'), 'secret: yes\n');
    return { root, outside };
  };
  const reason = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      return error instanceof UnsafeReadError ? error.reason : String(error);
    }
    return 'read';
  };

  it('reads a file, and refuses a link in its place, a path outside, and a file over the limit', () => {
    const { root, outside } = home();
    expect(readInside(root, 'people/p-a/outcomes/2026-10.yaml', 1000).toString()).toBe('- { at: 2026-10-01T10:00 }\n');
    symlinkSync(path.join(outside, 'elsewhere.yaml'), path.join(root, 'people/p-a/outcomes/2026-09.yaml'));
    expect(reason(() => readInside(root, 'people/p-a/outcomes/2026-09.yaml', 1000))).toBe('link');
    expect(reason(() => readInside(root, '../elsewhere.yaml', 1000))).toBe('outside');
    expect(reason(() => readInside(root, 'people/p-a/outcomes/2026-10.yaml', 10))).toBe('too-large');
  });

  it("with one load's set of folders: each folder is walked once, and a link in a file's own place is still refused", () => {
    const { root, outside } = home();
    const folders = new Set<string>();
    expect(readInside(root, 'people/p-a/outcomes/2026-10.yaml', 1000, folders).length).toBeGreaterThan(0);
    expect([...folders]).toEqual(['people/p-a/outcomes']);
    expect(readInside(root, 'people/p-a/outcomes/2026-11.yaml', 1000, folders).toString()).toContain('2026-11-01');
    symlinkSync(path.join(outside, 'elsewhere.yaml'), path.join(root, 'people/p-a/outcomes/2026-09.yaml'));
    expect(reason(() => readInside(root, 'people/p-a/outcomes/2026-09.yaml', 1000, folders))).toBe('link');
    // A folder not yet walked is walked: a linked folder on the way is refused.
    symlinkSync(outside, path.join(root, 'people/p-b'));
    expect(reason(() => readInside(root, 'people/p-b/elsewhere.yaml', 1000, folders))).toBe('link');
    expect(folders.has('people/p-b')).toBe(false);
  });
});
