import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// STYLE: no line of code over 140 characters, the formatter's lineWidth (biome.jsonc). The formatter
// does not split a long string, template or regex by itself, so this catches what it leaves over.
// Golden files, the bench's results and the generated types are not laid out by hand: left out.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['src', 'test', 'bench', 'scripts', 'bin'];
const LEFT_OUT = ['test/golden', 'bench/out', 'src/model/records.generated.ts'];
const MAX = 140;

function codeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (LEFT_OUT.includes(relative)) return [];
    if (entry.isDirectory()) return codeFiles(relative);
    return /\.(ts|js)$/.test(entry.name) ? [relative] : [];
  });
}

describe('line length', () => {
  it(`keeps every line of src/, test/, bench/, scripts/ and bin/ within ${MAX} characters`, () => {
    const files = FOLDERS.flatMap(codeFiles);
    expect(files).toContain('test/unit/line-length.test.ts');
    const over = files.flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        // Characters (code points), as the formatter counts them, not bytes or UTF-16 units.
        .map((line, i) => ({ at: `${file}:${i + 1}`, length: [...line].length }))
        .filter((line) => line.length > MAX)
        .map((line) => `${line.at} (${line.length})`),
    );
    expect(over).toEqual([]);
  });
});
