import { planHash } from '../model/planHash.js';
import { placementOf } from '../model/layout.js';
import { addedEntries, listEntries } from './appendOnly.js';
import type { CommitInfo, FileVersion } from './commits.js';
import { isRecord, parseContent } from './content.js';

/** Past plan versions from git, for `careplan history PERSON --version N` and `plan show --version N`. */

export interface PlanContent {
  /** plan.yaml exactly as committed. */
  text: string;
  plan: Record<string, unknown>;
  hash: string;
  version?: number;
  commit: CommitInfo;
}

export interface SignoffSeen {
  version?: number;
  plan?: string;
  by?: string;
  at?: string;
  commit: string;
}

export interface PastPlanVersion {
  version: number;
  text: string;
  plan: Record<string, unknown>;
  hash: string;
  commit: CommitInfo;
  /** Sign-offs approving exactly this content. */
  signoffs: SignoffSeen[];
  /** How many different contents carried this version number (drafts before sign-off, hand edits). */
  contents: number;
  /** Why this content: the one signed off, else the last one committed with the number. */
  chosen: 'signed' | 'last-committed';
}

/** Every plan.yaml content and every sign-off added, from a walk over plan.yaml and signoffs.yaml (oldest first). */
export function collectPlanHistory(versions: readonly FileVersion[]): { contents: PlanContent[]; signoffs: SignoffSeen[] } {
  const contents: PlanContent[] = [];
  const signoffs: SignoffSeen[] = [];
  for (const v of versions) {
    const kind = placementOf(v.path).kind;
    if (kind === 'plan' && v.after) {
      const plan = parseContent(v.after);
      if (!isRecord(plan)) continue;
      contents.push({
        text: v.after.toString('utf8'),
        plan,
        hash: planHash(plan),
        version: typeof plan.version === 'number' ? plan.version : undefined,
        commit: v.commit,
      });
    } else if (kind === 'signoffs' && v.after) {
      const after = listEntries(v.after);
      if (!after) continue;
      const parents = v.before.map((b) => (b === undefined ? [] : (listEntries(b) ?? [])));
      for (const i of addedEntries(parents, after)) {
        const e = after[i];
        if (!isRecord(e)) continue;
        signoffs.push({
          version: typeof e.version === 'number' ? e.version : undefined,
          plan: typeof e.plan === 'string' ? e.plan : undefined,
          by: typeof e.by === 'string' ? e.by : undefined,
          at: typeof e.at === 'string' ? e.at : undefined,
          commit: v.commit.sha,
        });
      }
    }
  }
  return { contents, signoffs };
}

/** Plan version `n`: the content a sign-off of version n approved (the newest), else the last committed with that number. */
export function pickPlanVersion(
  history: { contents: readonly PlanContent[]; signoffs: readonly SignoffSeen[] },
  n: number,
): PastPlanVersion | undefined {
  const candidates = history.contents.filter((c) => c.version === n);
  if (!candidates.length) return undefined;
  const signedHashes = history.signoffs.filter((s) => s.version === n && s.plan).map((s) => s.plan!);
  let chosen: PlanContent | undefined;
  for (const hash of [...signedHashes].reverse()) {
    chosen = [...candidates].reverse().find((c) => c.hash === hash);
    if (chosen) break;
  }
  const pick = chosen ?? candidates[candidates.length - 1];
  return {
    version: n,
    text: pick.text,
    plan: pick.plan,
    hash: pick.hash,
    commit: pick.commit,
    signoffs: history.signoffs.filter((s) => s.plan === pick.hash),
    contents: new Set(candidates.map((c) => c.hash)).size,
    chosen: chosen ? 'signed' : 'last-committed',
  };
}

/** The version numbers git holds for a plan, in order. */
export function versionNumbers(contents: readonly PlanContent[]): number[] {
  return [...new Set(contents.map((c) => c.version).filter((v): v is number => v !== undefined))].sort((a, b) => a - b);
}
