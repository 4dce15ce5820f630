import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// STYLE: data flows one way, model ← rules/audit/history/format ← repo ← commands ← cli, and the
// pure folders touch no file, process or git. This reads the import statements of src/ (static,
// re-exports and dynamic `import()`) and fails on a folder-level cycle or an impure import.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const PURE = ['model', 'rules', 'audit', 'format', 'history'];
/** What a pure folder may not import: files, processes, git, and the folders that use them. */
const IMPURE_PACKAGES = ['fs', 'fs/promises', 'child_process', 'execa', 'worker_threads'];
const IMPURE_FOLDERS = ['repo', 'commands'];

/** `import … from '…'` and `export … from '…'`, `import('…')`, and a bare `import '…'`. */
const IMPORT = new RegExp(
  [/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/, /import\s*\(\s*['"]([^'"]+)['"]\s*\)/, /^import\s*['"]([^'"]+)['"]/]
    .map((r) => r.source)
    .join('|'),
  'gm',
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Import specifiers of a TypeScript file, comments left out. */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** A folder under src/ is one node; a file directly in src/ (cli.ts, errors.ts, io.ts) is its own. */
function nodeOf(file: string): string {
  const [first] = path.relative(SRC, file).split(path.sep);
  return first.replace(/\.[jt]s$/, '');
}

interface Edge {
  from: string;
  to: string;
  file: string;
}

function graph(): { edges: Edge[]; packages: { file: string; name: string }[] } {
  const edges: Edge[] = [];
  const packages: { file: string; name: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        const from = nodeOf(file);
        const to = nodeOf(target);
        if (from !== to) edges.push({ from, to, file: path.relative(SRC, file) });
      } else {
        packages.push({ file: path.relative(SRC, file), name: spec.replace(/^node:/, '') });
      }
    }
  }
  return { edges, packages };
}

/** Every cycle between nodes, each as the path that closes it (a → b → a). */
function cyclesOf(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    next.get(from)!.add(to);
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const cycle = [...trail.slice(at), node];
      const key = [...cycle.slice(0, -1)].sort().join(',');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push(cycle);
      }
      return;
    }
    for (const to of [...(next.get(node) ?? [])].sort()) walk(to, [...trail, node]);
  };
  for (const node of [...next.keys()].sort()) walk(node, []);
  return cycles;
}

describe('the import graph of src/', () => {
  const { edges, packages } = graph();

  it('reads import statements of every kind', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "const d = await import('./d.js');",
      "import './e.js';",
      "// import x from './x.js'",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js']);
    expect(edges.length).toBeGreaterThan(100);
  });

  it('finds a cycle when there is one, and only then', () => {
    expect(
      cyclesOf([
        { from: 'repo', to: 'history' },
        { from: 'history', to: 'model' },
      ]),
    ).toEqual([]);
    expect(
      cyclesOf([
        { from: 'repo', to: 'history' },
        { from: 'history', to: 'repo' },
      ]),
    ).toEqual([['history', 'repo', 'history']]);
  });

  it('has no folder-level cycle', () => {
    const cycles = cyclesOf(edges).map((cycle) => {
      const steps = cycle.slice(0, -1).map((from, i) => {
        const to = cycle[i + 1];
        return `${from} → ${to} (${edges.find((e) => e.from === from && e.to === to)!.file})`;
      });
      return steps.join(', ');
    });
    expect(cycles).toEqual([]);
  });

  it(`keeps ${PURE.join(', ')} pure: no files, processes, git, repo/ or commands/`, () => {
    const impure = [
      ...packages
        .filter((p) => PURE.includes(p.file.split(path.sep)[0]) && IMPURE_PACKAGES.includes(p.name))
        .map((p) => `${p.file} imports ${p.name}`),
      ...edges.filter((e) => PURE.includes(e.from) && IMPURE_FOLDERS.includes(e.to)).map((e) => `${e.file} imports ${e.to}/`),
    ];
    expect(impure).toEqual([]);
  });
});
