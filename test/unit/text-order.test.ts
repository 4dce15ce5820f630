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
