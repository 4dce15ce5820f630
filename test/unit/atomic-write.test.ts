import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/repo/atomicWrite.js';
import { removeDir, tempDir } from '../helpers/repo.js';

const dir = tempDir('careplan-atomic-');
afterAll(() => removeDir(dir));

describe('writeFileAtomic', () => {
  it('creates the file and its folders, leaving no temporary file behind', () => {
    const file = path.join(dir, 'people', 'p-edith', 'plan.yaml');
    writeFileAtomic(file, 'version: 1\n');
    expect(readFileSync(file, 'utf8')).toBe('version: 1\n');
    expect(readdirSync(path.dirname(file))).toEqual(['plan.yaml']);
  });

  it('replaces an existing file whole, many times in quick succession', () => {
    const file = path.join(dir, 'signoffs.yaml');
    writeFileSync(file, 'old\n');
    for (let i = 0; i < 50; i++) writeFileAtomic(file, `- entry ${i}\n`);
    expect(readFileSync(file, 'utf8')).toBe('- entry 49\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes large content completely, multi-byte characters included', () => {
    const file = path.join(dir, 'outcomes.yaml');
    const content = `- note: "${'Zoë walked to lunch. '.repeat(200_000)}"\n`;
    writeFileAtomic(file, content);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('on failure leaves the target as it was and no temporary file', () => {
    const target = path.join(dir, 'is-a-folder');
    writeFileAtomic(path.join(target, 'x.yaml'), 'a: 1\n');
    expect(() => writeFileAtomic(target, 'b: 2\n')).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path.join(target, 'x.yaml'), 'utf8')).toBe('a: 1\n');
  });
});
