import { loadWorkspace, memoryReader } from '../../src/repo/loader.js';
import type { Workspace } from '../../src/model/workspace.js';
import { parseAsOf } from '../../src/model/time.js';

/** A workspace from YAML texts in memory: the ten-line fixture STYLE asks for. */
export function workspaceOf(files: Record<string, string>): Workspace {
  return loadWorkspace('/memory', {}, memoryReader({ 'careplan.yaml': 'provider: { name: Test Home }\n', ...files }));
}

/** --as-of semantics in Europe/London: a date means the end of that day. */
export function asOf(value: string, zone = 'Europe/London'): number {
  const ms = parseAsOf(value, zone);
  if (ms === undefined) throw new Error(`bad as-of ${value}`);
  return ms;
}
