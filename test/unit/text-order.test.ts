import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/model/textOrder.js';

/** src/model/textOrder.ts: one order for text, and src/ sorts by it rather than by the machine's language. */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('compareText', () => {
  it('is English order on any machine: aa before b, y after j, lower case first, _ before -, digits before letters', () => {
    const sorted = ['zoe', 'b', 'aa', 'y', 'j', 'Ivy', 'ivy', 'p-2', 'p_1', '10', '9'].sort(compareText);
    expect(sorted).toEqual(['10', '9', 'aa', 'b', 'ivy', 'Ivy', 'j', 'p_1', 'p-2', 'y', 'zoe']);
  });

  it('compares ids, dates and paths by character codes exactly as the English collator orders them', () => {
    const collator = new Intl.Collator('en-GB');
    const sign = (n: number) => Math.sign(n);
    let seed = 5;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // Mostly what is compared by codes, and some of what is not (which a wider test of it would let in).
    const ALPHABET = 'abcxyz0189-./abc019-_A é';
    const text = () => Array.from({ length: Math.floor(random() * 8) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
    const differ: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const [a, b] = [text(), random() < 0.3 ? '' : text()];
      if (sign(compareText(a, b)) !== sign(collator.compare(a, b))) differ.push(`${a} ${b}`);
    }
    for (const [a, b] of [
      ['p-00003', 'p-00010'],
      ['2026-11', '2026-11-05'],
      ['people/p-a/plan.yaml', 'people/p-a/outcomes/2026-11.yaml'],
    ])
      if (sign(compareText(a, b)) !== sign(collator.compare(a, b))) differ.push(`${a} ${b}`);
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it("is what src/ sorts text with: no localeCompare, whose order is the machine language's", () => {
    const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.relative(SRC, path.join(entry.parentPath, entry.name)));
    expect(files.length).toBeGreaterThan(100);
    const using = files.filter(
      (file) => file !== path.join('model', 'textOrder.ts') && readFileSync(path.join(SRC, file), 'utf8').includes('.localeCompare('),
    );
    expect(using).toEqual([]);
  });
});
