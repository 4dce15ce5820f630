import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/workspace.js';
import { judge } from './check.js';

/**
 * The record rules of SPEC section 2 over a loaded workspace: what `careplan validate` runs, what
 * a write must not break, and all a discharged person gets. yaml-syntax, schema and
 * unexpected-file are found while loading (a record that fails them never reaches the others).
 */
export function recordRules(ws: Workspace, now: number): Finding[] {
  // Only future-date reads the moment, and it judges by the real clock, never by --as-of (SPEC 5.1).
  return judge(ws, now, { scopes: ['record'], now });
}
