import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/model/yamlText.js';
import { careplan, copyRepo, gitIn, removeDir } from '../helpers/repo.js';
import { seedRepo } from '../helpers/records.js';
import { headOf, WRITES } from '../helpers/hostile.js';

/**
 * Issue 13, "What broke" 7 (its append half) and 9: appending decoded and re-encoded the earlier
 * bytes (a Latin-1 é became U+FFFD in an earlier entry), and a 100 MB month file was appended to
 * in 78 s holding the lock.
 */

const FILE = 'people/p-edith/outcomes/2026-11.yaml';
const entry = (note: string) => `- at: 2026-11-02T10:00\r\n  by: s-carl\r\n  goal: mob-indep\r\n  result: improving\r\n  note: ${note}`;

let base: string;
beforeAll(async () => {
  base = await seedRepo();
});
afterAll(() => removeDir(base));

async function withOutcomes(bytes: Buffer): Promise<string> {
  const dir = copyRepo(base);
  const file = path.join(dir, FILE);
  (await import('node:fs')).mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  await gitIn(dir, ['add', '-A']);
  await gitIn(dir, ['commit', '-qm', 'outcomes']);
  return dir;
}

const bytesOf = (dir: string) => readFileSync(path.join(dir, FILE));

describe('appending keeps every earlier byte', () => {
  it('a file holding a Latin-1 byte is refused, not rewritten (the é is not turned into U+FFFD)', async () => {
    const original = Buffer.concat([Buffer.from(entry('Caf'), 'utf8'), Buffer.from([0xe9]), Buffer.from(' trip\r\n', 'utf8')]);
    const dir = await withOutcomes(original);
    const head = await headOf(dir);
    const result = await careplan(WRITES.outcome, { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `careplan cannot add to ${FILE}: it is not UTF-8 text, and writing it would change bytes of entries already there. Nothing was ` +
        `written.`,
    );
    expect(bytesOf(dir).equals(original)).toBe(true);
    expect(await headOf(dir)).toBe(head);
    removeDir(dir);
  });

  it('a UTF-8 file with a byte-order mark, CRLF line ends, accents and no final newline: its bytes stay, the entry follows', async () => {
    const original = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`# Zoë's month 🌿\r\n${entry('Walked to the café')}`, 'utf8'),
    ]);
    const dir = await withOutcomes(original);
    const result = await careplan(WRITES.outcome, { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const after = bytesOf(dir);
    expect(after.subarray(0, original.length).equals(original)).toBe(true);
    expect(after.subarray(original.length).toString('utf8')).toBe(
      '\r\n- at: 2026-11-28T10:00\r\n  by: s-carl\r\n  goal: mob-indep\r\n  result: improving\r\n  note: Walked to lunch\r\n',
    );
    removeDir(dir);
  });

  it('a file with a NUL byte is refused', async () => {
    const original = Buffer.from(`${entry('ok')}\n\0\n`, 'utf8');
    const dir = await withOutcomes(original);
    const result = await careplan(WRITES.outcome, { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('it holds NUL bytes');
    expect(bytesOf(dir).equals(original)).toBe(true);
    removeDir(dir);
  });
});

describe('a size limit on writes', () => {
  it('a month file over the record limit is refused at once, before it is read, and not touched', async () => {
    const line = `${entry('x'.repeat(100))}\r\n`;
    const original = Buffer.from(line.repeat(Math.ceil((MAX_FILE_BYTES + 1024 * 1024) / line.length)), 'utf8');
    const dir = await withOutcomes(original);
    const result = await careplan(WRITES.outcome, { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `${FILE} is 11\\.\\d MiB, over the 10\\.0 MiB limit for one record file, so careplan will not write it\\. Nothing was written\\.`,
      ),
    );
    expect(bytesOf(dir).equals(original)).toBe(true);
    removeDir(dir);
  });

  it('an entry that would take a file over the limit is refused, naming the size it would be', async () => {
    const dir = await withOutcomes(Buffer.from(`${entry('ok')}\r\n`, 'utf8'));
    const long = [
      'outcome',
      'p-edith',
      '--as',
      's-carl',
      '--goal',
      'mob-indep',
      '--result',
      'improving',
      '--note',
      'y'.repeat(MAX_FILE_BYTES),
      '--at',
      '2026-11-28T10:00',
    ];
    const result = await careplan(long, { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/would be 10\.0 MiB, over the 10\.0 MiB limit for one record file/);
    removeDir(dir);
  });
});
