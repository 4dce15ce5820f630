import type { Finding } from '../model/findings.js';
import { planHash } from '../model/planHash.js';
import { lineOf } from '../model/positions.js';
import { localTimestamp } from '../model/time.js';
import { noun, plural } from '../model/words.js';
import type { Signoff } from '../model/workspace.js';
import { APPEND_ONLY_KINDS, placementOf, type Placement } from '../model/layout.js';
import { parseContent, isRecord } from './content.js';
import { addedEntries, compareVersions, isPlainAppend, listEntries, type ListRewrite } from './appendOnly.js';
import { shortSha, type CommitInfo, type FileVersion } from './commits.js';
import { signedBy, type CommitSignature, type SigningKeys } from './signingKeys.js';

/**
 * `careplan verify`: tamper evidence from the change trail. Fed every changed records file of the
 * history (oldest first) by the git walk; judges without touching git, the clock or the terminal.
 */

const placements = new Map<string, Placement>();
/** placementOf, remembered: a year of history names the same few thousand paths over and over. */
export function placementCached(path: string): Placement {
  let placement = placements.get(path);
  if (!placement) placements.set(path, (placement = placementOf(path)));
  return placement;
}

/** What git's `%G?` says of a commit's signature, in words. */
export const SIGNATURE_WORDS: Record<string, string> = {
  G: 'good signature',
  U: 'good signature, by a key no staff file lists (or the GnuPG keyring does not trust)',
  X: 'good signature, now expired',
  Y: 'good signature, key expired',
  R: 'good signature, key revoked',
  E: "signed, but it cannot be checked here (is the GPG key in this machine's keyring?)",
  B: 'BAD signature',
  N: 'not signed',
};

export interface SignoffTrail {
  person: string;
  version: number;
  by: string;
  at: string;
  /** The commit that added the sign-off. */
  commit: string;
  /** A plan content with the sign-off's hash was in git at or before that commit. */
  hashKnown: boolean;
  /** The commit's author email or Careplan-By trailer is the signer's. */
  committedBySigner: boolean;
  /** git's %G? code for the commit: G, U, X, Y, R, E, B or N. */
  signature: string;
  /** The staff member whose listed key (staff signing_key) made a good signature on the commit. */
  signedBy?: string;
}

export interface VerifyReport {
  findings: Finding[];
  signoffs: SignoffTrail[];
  commits: number;
  /** File versions of append-only lists checked. */
  listVersions: number;
  shallow: boolean;
  since?: string;
  /** policy.require_signed_signoffs: without it, who signed off rests on what commits say of themselves. */
  signaturesRequired: boolean;
}

export interface VerifyInput {
  /** Staff id → email, from the records as they stand. */
  staffEmails: ReadonlyMap<string, string | undefined>;
  zone: string;
  /** Commits a shallow clone was cut at: they seem to add every file, so they are a starting point. */
  shallowBoundary?: ReadonlySet<string>;
  /** The keys listed in staff files, for signed sign-offs. */
  signingKeys?: SigningKeys;
  /** policy.require_signed_signoffs. */
  requireSigned?: boolean;
}

interface PlanVersionSeen {
  hash: string;
  version?: number;
  commit: string;
}

interface PendingSignoff {
  person: string;
  path: string;
  /** The entry's place in the list, or (found without parsing the list) its place from the end. */
  index?: number;
  fromEnd?: number;
  entry: Partial<Signoff>;
  commit: CommitInfo;
  after: Buffer;
}

/** A sign-off's 0-based place in its list, parsing the list only when a finding needs it. */
function placeOf(p: PendingSignoff): number {
  if (p.index === undefined) p.index = (listEntries(p.after)?.length ?? 0) - (p.fromEnd ?? 0);
  return p.index;
}

const textSource = (text: string) => ({ text: () => text });

function entryList(indexes: readonly number[]): string {
  const shown = indexes
    .slice(0, 5)
    .map((i) => i + 1)
    .join(', ');
  return `${noun(indexes.length, 'entry', 'entries')} ${shown}${indexes.length > 5 ? ` and ${indexes.length - 5} more` : ''}`;
}

export class TrailVerifier {
  readonly findings: Finding[] = [];
  private readonly plans = new Map<string, PlanVersionSeen[]>();
  /** Per path: a version whose predecessor was not valid YAML, to compare with the next valid older one. */
  private readonly gaps = new Map<string, { entries: unknown[]; version: FileVersion }>();
  private readonly pending: PendingSignoff[] = [];
  private readonly graph = new Map<string, { index: number; parents: string[] }>();
  private linear = true;
  private readonly emailToStaff = new Map<string, string>();
  private commitCount = 0;
  listVersions = 0;

  constructor(private readonly input: VerifyInput) {
    for (const [id, email] of input.staffEmails) if (email) this.emailToStaff.set(email.toLowerCase(), id);
  }

  /** The commits checked, in any order: their parents decide what is "at or before" a commit. */
  setCommits(commits: readonly CommitInfo[]): void {
    this.commitCount = commits.length;
    if (commits.every((c) => c.parents.length <= 1)) {
      // One line of history, as git walks it newest first: numbering is the reverse of the list.
      commits.forEach((c, i) => this.graph.set(c.sha, { index: commits.length - 1 - i, parents: c.parents }));
      return;
    }
    const parents = new Map(commits.map((c) => [c.sha, c.parents]));
    // Number the commits parents first (an iterative depth-first walk), so an ancestor's number is
    // always lower than its descendants'.
    let index = 0;
    for (const c of commits) {
      if (this.graph.has(c.sha)) continue;
      const stack: { sha: string; expanded: boolean }[] = [{ sha: c.sha, expanded: false }];
      while (stack.length) {
        const top = stack[stack.length - 1];
        if (this.graph.has(top.sha)) {
          stack.pop();
          continue;
        }
        const ps = parents.get(top.sha) ?? [];
        if (!top.expanded) {
          top.expanded = true;
          for (const p of ps) if (parents.has(p) && !this.graph.has(p)) stack.push({ sha: p, expanded: false });
          continue;
        }
        stack.pop();
        this.graph.set(top.sha, { index: index++, parents: ps });
        if (ps.length > 1) this.linear = false;
      }
    }
  }

  /** Who made a commit, as a reader would name them: the staff id when git's email is a staff member's. */
  author(commit: CommitInfo): string {
    const staff = this.emailToStaff.get(commit.author.email.toLowerCase());
    return staff ?? `${commit.author.name} <${commit.author.email}>`;
  }

  private commitLabel(commit: CommitInfo): string {
    const made = commit.trailers.action ? `careplan ${commit.trailers.action}` : 'not made with careplan';
    return (
      `commit ${shortSha(commit.sha)} ` +
      `(${localTimestamp(commit.at, this.input.zone).replace('T', ' ')}, ${this.author(commit)}, ${made})`
    );
  }

  /** A plan.yaml version git holds: its hash is a content that can have been signed. */
  notePlan(version: FileVersion): void {
    const person = placementCached(version.path);
    if (person.kind !== 'plan' || version.after === undefined) return;
    const plan = parseContent(version.after);
    if (!isRecord(plan)) return;
    const list = this.plans.get(person.personId) ?? [];
    list.push({ hash: planHash(plan), version: typeof plan.version === 'number' ? plan.version : undefined, commit: version.commit.sha });
    this.plans.set(person.personId, list);
  }

  /**
   * One changed file of the checked history. Changes come newest first, as git walks: a version
   * that follows one that is not valid YAML is compared with the next older valid version.
   */
  visit(version: FileVersion): void {
    const { commit } = version;
    const placement = placementCached(version.path);
    if (!APPEND_ONLY_KINDS.has(placement.kind)) return;
    const person = 'personId' in placement ? placement.personId : undefined;
    this.listVersions++;
    const needEntries = placement.kind === 'signoffs';
    const before = version.before[0];
    if (this.input.shallowBoundary?.has(commit.sha)) {
      // The cut of a shallow clone: its files are where the trail starts, not additions.
      this.closeGap(version, version.after === undefined ? [] : listEntries(version.after));
      return;
    }
    if (
      version.before.length === 1 &&
      before !== undefined &&
      version.after !== undefined &&
      !this.gaps.has(version.path) &&
      isPlainAppend(before, version.after)
    ) {
      if (!needEntries || !person) return;
      // Only text was added, starting a new item: that text alone is the list of new sign-offs.
      const added = listEntries(version.after.subarray(before.length));
      if (added) {
        added.forEach((entry, k) => {
          if (isRecord(entry))
            this.pending.push({
              person,
              path: version.path,
              fromEnd: added.length - k,
              entry: entry as Partial<Signoff>,
              commit,
              after: version.after!,
            });
        });
        return;
      }
    }

    const after = version.after === undefined ? [] : listEntries(version.after);
    this.closeGap(version, after);
    if (after === undefined) {
      // Not valid YAML: its entries cannot be read in this version. The versions either side of it
      // are compared instead (gaps), so a rewrite cannot hide behind it; the commit is reported.
      this.reportUnreadable(version, person);
      return;
    }
    const parents = version.before.map((b) => (b === undefined ? [] : listEntries(b)));
    if (parents.some((p) => p === undefined)) {
      if (version.after !== undefined) this.gaps.set(version.path, { entries: after, version });
      return;
    }
    const parentLists = parents as unknown[][];
    if (version.after === undefined) {
      const held = Math.max(0, ...parentLists.map((p) => p.length));
      if (held > 0) {
        const sha = shortSha(commit.sha);
        this.findings.push({
          rule: 'append-only-rewritten',
          severity: 'error',
          person,
          file: version.path,
          message: `${this.commitLabel(commit)} deleted this append-only list, which held ${plural(held, 'entry', 'entries')}`,
          fix:
            `records are never deleted: restore it with \`git checkout ${sha}^ -- ${version.path}\` ` +
            `and commit; once investigated, \`careplan verify --since ${sha}\` checks only later history`,
        });
      }
      return;
    }
    const { rewrite, entries } = compareVersions(placement.kind, parentLists, after);
    if (rewrite) this.reportRewrite(version, rewrite, person, version.before[0]);
    if (needEntries && person) {
      for (const index of addedEntries(parentLists, entries)) {
        const entry = after[index];
        if (isRecord(entry))
          this.pending.push({ person, path: version.path, index, entry: entry as Partial<Signoff>, commit, after: version.after });
      }
    }
  }

  private reportUnreadable(version: FileVersion, person: string | undefined): void {
    const sha = shortSha(version.commit.sha);
    this.findings.push({
      rule: 'append-only-unreadable',
      severity: 'warning',
      person,
      file: version.path,
      message:
        `${this.commitLabel(version.commit)} left this append-only list not valid YAML, so its entries could not be checked ` +
        'in that version (the versions before and after it were compared instead)',
      fix:
        `see what it wrote with \`git show ${sha} -- ${version.path}\`; if the list is still broken, ` +
        `\`careplan validate ${version.path}\` shows where, and a correction is made as a new entry`,
    });
  }

  /** Lists whose newest versions in the range still wait for an older valid version to compare with. */
  openGaps(): string[] {
    return [...this.gaps.keys()];
  }

  /**
   * Closes a list's gap with its content where the checked range starts (the `--since` commit's
   * version, or nothing where the list did not exist): a rewrite made across a broken version after
   * that point is still found.
   */
  closeGapWith(path: string, content: Buffer | undefined): void {
    const gap = this.gaps.get(path);
    if (!gap) return;
    const entries = content === undefined ? [] : listEntries(content);
    if (entries === undefined) {
      this.gaps.delete(path);
      return;
    }
    this.closeGap({ ...gap.version, before: [], after: content }, entries);
  }

  /** An older valid version of a path with a pending gap: the newer version must begin with its entries. */
  private closeGap(older: FileVersion, entries: unknown[] | undefined): void {
    const gap = this.gaps.get(older.path);
    if (!gap || entries === undefined) return;
    this.gaps.delete(older.path);
    const person = placementCached(older.path);
    const { rewrite } = compareVersions(person.kind, [entries], gap.entries);
    if (rewrite) this.reportRewrite(gap.version, rewrite, 'personId' in person ? person.personId : undefined, older.after);
  }

  private reportRewrite(version: FileVersion, rewrite: ListRewrite, person: string | undefined, earlier: Buffer | undefined): void {
    const parts: string[] = [];
    for (const c of rewrite.changed.slice(0, 5)) parts.push(`changed entry ${c.index + 1} (${c.fields.join(', ')})`);
    if (rewrite.changed.length > 5) parts.push(`changed ${rewrite.changed.length - 5} more entries`);
    if (rewrite.removed.length) parts.push(`removed ${entryList(rewrite.removed)}`);
    if (rewrite.reordered !== undefined) parts.push(`moved earlier entries out of order from entry ${rewrite.reordered + 1}`);
    const firstChanged = rewrite.changed[0]?.index;
    let line: number | undefined;
    if (firstChanged !== undefined && version.after) line = lineOf(textSource(version.after.toString('utf8')), [firstChanged]);
    else if (rewrite.removed.length && earlier) line = lineOf(textSource(earlier.toString('utf8')), [rewrite.removed[0]]);
    const sha = shortSha(version.commit.sha);
    this.findings.push({
      rule: 'append-only-rewritten',
      severity: 'error',
      person,
      file: version.path,
      line,
      message: `${this.commitLabel(version.commit)} ${parts.join('; ')} of this append-only list`,
      fix:
        `earlier entries must never be edited or removed: compare with \`git diff ${sha}^ ${sha} ` +
        `-- ${version.path}\`, restore them and record any correction as a new entry; once investigated, \`careplan verify ` +
        `--since ${sha}\` checks only later history`,
    });
  }

  /** Whether commit `a` is `b` or one of its ancestors among the commits read. */
  private heldAtOrBefore(a: string, b: string): boolean {
    if (a === b) return true;
    const ga = this.graph.get(a);
    const gb = this.graph.get(b);
    if (!ga) return true; // read from history older than the checked range
    if (!gb || ga.index > gb.index) return false;
    if (this.linear) return true;
    const stack = [b];
    const seen = new Set<string>();
    while (stack.length) {
      const sha = stack.pop()!;
      if (sha === a) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      for (const p of this.graph.get(sha)?.parents ?? []) if ((this.graph.get(p)?.index ?? -1) >= ga.index) stack.push(p);
    }
    return false;
  }

  /** Judges the sign-offs once every plan version is known; `signatures` from git's %G?. */
  finish(signatures: ReadonlyMap<string, CommitSignature>, meta: { since?: string; shallow?: boolean } = {}): VerifyReport {
    const keys = this.input.signingKeys ?? { ssh: new Map(), gpg: new Map() };
    const required = this.input.requireSigned ?? false;
    const signoffs: SignoffTrail[] = [];
    for (const p of this.pending) {
      const { entry, commit } = p;
      // Labels and lines cost a second parse: only for sign-offs with something to report.
      const label = () =>
        `sign-off of version ${entry.version ?? '?'} by ${entry.by ?? '?'} (entry ${placeOf(p) + 1}, added in ${this.commitLabel(commit)})`;
      const line = () => lineOf(textSource(p.after.toString('utf8')), [placeOf(p)]);
      const seen = (this.plans.get(p.person) ?? []).filter((v) => v.hash === entry.plan && this.heldAtOrBefore(v.commit, commit.sha));
      const hashKnown = seen.length > 0;
      if (!hashKnown) {
        const hash = typeof entry.plan === 'string' ? `${entry.plan.slice(0, 15)}…` : '(no hash)';
        this.findings.push({
          rule: 'signoff-hash-unknown',
          severity: 'error',
          person: p.person,
          file: p.path,
          line: line(),
          message: `${label()} approves ${hash}, a plan content git never held at or before that commit: nothing shows what was signed`,
          fix: `find out what was signed; the Registered Manager then signs the current plan again (\`careplan signoff ${p.person}\`)`,
        });
      } else if (typeof entry.version === 'number' && seen.every((v) => v.version !== undefined && v.version !== entry.version)) {
        this.findings.push({
          rule: 'signoff-version-mismatch',
          severity: 'warning',
          person: p.person,
          file: p.path,
          line: line(),
          message: `${label()} names version ${entry.version}, but the content it approves says version ${seen[seen.length - 1].version}`,
          fix: 'record sign-offs with `careplan signoff`, which takes the version and hash from plan.yaml',
        });
      }
      const signerEmail = entry.by ? this.input.staffEmails.get(entry.by) : undefined;
      const bySigner =
        Boolean(entry.by) &&
        (commit.trailers.by === entry.by || (signerEmail !== undefined && signerEmail.toLowerCase() === commit.author.email.toLowerCase()));
      const commitSignature = signatures.get(commit.sha);
      const signature = commitSignature?.status ?? 'N';
      const keySigner = signedBy(commitSignature, keys);
      // With signatures required, the signature decides; author emails and trailers are the commit's own say.
      if (required && keySigner !== entry.by && signature !== 'B') {
        this.findings.push({
          rule: 'signoff-unsigned',
          severity: 'error',
          person: p.person,
          file: p.path,
          line: line(),
          message:
            `${label()}: ${this.unsignedReason(entry.by, signature, keySigner, keys)}, ` +
            "and policy.require_signed_signoffs asks for a signature by the signer's own key",
          fix:
            entry.by && (keys.ssh.has(entry.by) || keys.gpg.has(entry.by))
              ? 'the signer signs their sign-offs (`careplan signoff` signs ' +
                "the commit when the policy asks, with git's user.signingkey); " +
                `inspect this one with \`git verify-commit ${shortSha(commit.sha)}\`, and have ${entry.by} sign the plan off again`
              : `list the signer's public key as signing_key in staff/${entry.by ?? '<id>'}.yaml, ` +
                'then have them sign the plan off again in a signed commit',
        });
      }
      if (!bySigner && !required) {
        this.findings.push({
          rule: 'signoff-not-by-signer',
          severity: 'warning',
          person: p.person,
          file: p.path,
          line: line(),
          message:
            `${label()}: neither the commit's author email nor a Careplan-By trailer ` +
            `is ${entry.by ?? 'the signer'}'s, so git does not show the signer made it`,
          fix:
            `the signer records sign-offs with \`careplan signoff ${p.person}\` under ` +
            `their own git identity (user.email as in staff/${entry.by ?? '<id>'}.yaml)`,
        });
      }
      if (signature === 'B') {
        this.findings.push({
          rule: 'signoff-signature-bad',
          severity: 'error',
          person: p.person,
          file: p.path,
          line: line(),
          message: `${label()}: the commit's cryptographic signature does not match its content, so it was altered after signing`,
          fix: `inspect it with \`git verify-commit ${shortSha(commit.sha)}\` and restore the signed history from a trusted copy`,
        });
      }
      signoffs.push({
        person: p.person,
        version: typeof entry.version === 'number' ? entry.version : Number.NaN,
        by: String(entry.by ?? ''),
        at: String(entry.at ?? ''),
        commit: commit.sha,
        hashKnown,
        committedBySigner: bySigner,
        signature,
        ...(keySigner ? { signedBy: keySigner } : {}),
      });
    }
    return {
      findings: this.findings,
      signoffs,
      commits: this.commitCount,
      listVersions: this.listVersions,
      shallow: meta.shallow ?? false,
      since: meta.since,
      signaturesRequired: required,
    };
  }

  /** Why a sign-off's commit does not show the signer's own signature, in words. */
  private unsignedReason(by: string | undefined, signature: string, keySigner: string | undefined, keys: SigningKeys): string {
    const listed = by !== undefined && (keys.ssh.has(by) || keys.gpg.has(by));
    if (signature === 'N') return 'its commit is not signed';
    if (keySigner) return `its commit is signed with ${keySigner}'s key, not ${by ?? 'the signer'}'s`;
    if (!listed) return `its commit is signed, but staff/${by ?? '<id>'}.yaml lists no signing_key to check it against`;
    if (signature === 'E')
      return "its commit is signed, but the signature cannot be checked here (is the GPG key in this machine's keyring?)";
    return `its commit is signed (${SIGNATURE_WORDS[signature] ?? signature}), but not with a key staff/${by}.yaml lists`;
  }

  /** The commits whose signatures to look up: those that added sign-offs. */
  signoffCommits(): string[] {
    return [...new Set(this.pending.map((p) => p.commit.sha))];
  }
}
