import type { Io } from '../io.js';
import type { Snapshot } from '../model/asItStood.js';
import type { Workspace } from '../model/workspace.js';
import { workspaceAsItStood } from '../repo/asItStood.js';

/** The records a reading command judges: as they stand, or as they stood at a past --as-of. */
export interface Judged {
  ws: Workspace;
  /** Set when as-of is in the past: the records were put back as they stood then. */
  snapshot?: Snapshot;
}

/**
 * `check`, `due`, `handover` and `plan show` as of a past moment see the repository as it stood
 * then (SPEC 5.1); as of now or later, as it stands. What could not be put back is said on stderr.
 */
export async function recordsAsOf(io: Io, ws: Workspace, asOf: number, now: number): Promise<Judged> {
  if (asOf >= now) return { ws };
  const snapshot = await workspaceAsItStood(ws.root, ws, asOf);
  for (const caveat of snapshot.caveats) io.stderr.write(`careplan: note: ${caveat}.\n`);
  return { ws: snapshot.ws, snapshot };
}
