import { existsSync } from 'node:fs';
import path from 'node:path';
import { GitError, RecordError } from '../errors.js';
import { childEnvironment } from './childEnvironment.js';
import { git, gitWhere, workTreeElsewhere, type GitWhere } from './git.js';
import { workTreeSettings } from './gitRunner.js';
import { lockWaitFromEnv } from './lock.js';

/**
 * The trail or nothing: before a write that is to be committed touches a file, careplan asks
 * whether git can commit here and now. A commit that would be dropped by the next checkout
 * (detached HEAD), swallowed by a merge, or rewritten by a rebase is no change trail, and a
 * record written without one is what `--no-commit` is for.
 */

/** Where the work tree's git keeps its state, for the checks and for `careplan doctor`. */
export interface GitPlace {
  top: string;
  gitDir: string;
}

const NOTHING = 'Nothing was written.';
const OR_NO_COMMIT = 'or pass --no-commit to write without committing (the change then has no trail until someone commits it)';

/** What git is in the middle of, from the files it keeps while it waits: the first found, with how to finish or abandon it. */
const IN_PROGRESS: { marker: string; what: string; risk: string; fix: string }[] = [
  {
    marker: 'rebase-merge',
    what: 'a rebase',
    risk: 'a commit made now would be rewritten by `git rebase --continue` or lost by `git rebase --abort`',
    fix: 'Finish the rebase (`git rebase --continue`) or abandon it (`git rebase --abort`)',
  },
  {
    marker: 'rebase-apply/applying',
    what: '`git am`',
    risk: 'a commit made now would be mixed into the patches being applied',
    fix: 'Finish it (`git am --continue`) or abandon it (`git am --abort`)',
  },
  {
    marker: 'rebase-apply',
    what: 'a rebase',
    risk: 'a commit made now would be rewritten by `git rebase --continue` or lost by `git rebase --abort`',
    fix: 'Finish the rebase (`git rebase --continue`) or abandon it (`git rebase --abort`)',
  },
  {
    marker: 'MERGE_HEAD',
    what: 'a merge',
    risk: 'a commit made now would become the merge commit, mixed with whatever the merge brings',
    fix: 'Finish the merge (resolve, then `git commit`) or abandon it (`git merge --abort`)',
  },
  {
    marker: 'CHERRY_PICK_HEAD',
    what: 'a cherry-pick',
    risk: 'a commit made now would be mixed with the change being picked',
    fix: 'Finish it (`git cherry-pick --continue`) or abandon it (`git cherry-pick --abort`)',
  },
  {
    marker: 'REVERT_HEAD',
    what: 'a revert',
    risk: 'a commit made now would be mixed with the change being reverted',
    fix: 'Finish it (`git revert --continue`) or abandon it (`git revert --abort`)',
  },
];

/**
 * How long a write waits for another git command (an editor's git panel, say) to let go of the
 * index: 3 s, or CAREPLAN_INDEX_LOCK_WAIT seconds in the command's environment (slow shared drives, tests).
 */
const INDEX_LOCK_WAIT_MS = 3000;
const indexLockWaitMs = () => lockWaitFromEnv(childEnvironment(), 'CAREPLAN_INDEX_LOCK_WAIT') ?? INDEX_LOCK_WAIT_MS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The git work tree holding `root`, or a refusal: git missing, or no repository. */
export async function gitPlace(root: string): Promise<GitPlace | RecordError> {
  let where: GitWhere | undefined;
  try {
    where = await gitWhere(root);
  } catch (error) {
    if (error instanceof GitError && error.problem === 'not-installed') {
      return new RecordError(
        `git is not installed here (there is no \`git\` on the PATH), so this change could not be committed to the change trail. ` +
          `${NOTHING}`,
        `Install git (for example \`sudo apt install git\`, or from https://git-scm.com/downloads) and run the command again, ` +
          `${OR_NO_COMMIT}.`,
      );
    }
    throw error;
  }
  if (!where) {
    const elsewhere = await workTreeElsewhere(root);
    if (elsewhere) return workTreeRefusal(root, elsewhere);
    return new RecordError(
      `${root} is not in a git repository, so this change would have no change trail (who changed what, and when). ${NOTHING}`,
      `Keep the records in git (\`git init\`, then \`git add -A && git commit -m "Care records"\`) and run the command again, ` +
        `${OR_NO_COMMIT}.`,
    );
  }
  return { top: where.top, gitDir: where.gitDir };
}

/**
 * The refusal for records outside the work tree their repository's configuration names: a commit
 * would stage and record the files there (a file missing there, as a deletion), not these.
 */
export function workTreeRefusal(root: string, elsewhere: string): RecordError {
  return new RecordError(
    `git's work tree for ${root} is ${elsewhere} (core.worktree in the repository's configuration names it), and the records ` +
      `folder is not inside it, so a commit made now would record the files there rather than these. ${NOTHING}`,
    `If the records folder is meant to be the work tree, remove that setting (\`git config --unset core.worktree\`, after ` +
      `checking who set it and why), then run the command again, ${OR_NO_COMMIT}.`,
  );
}

/** The index lock git leaves while it writes the index (and behind, when it is killed). */
export function indexLockOf(place: GitPlace): string {
  return path.join(place.gitDir, 'index.lock');
}

/** Waits a moment for another git command to let go of the index; false when its lock is still there. */
export async function indexLockCleared(place: GitPlace): Promise<boolean> {
  return lockCleared(indexLockOf(place));
}

/**
 * Waits a moment for a git command to let go of HEAD: a commit by plumbing moves HEAD after it has
 * let go of the index, and a `git update-ref` a killed careplan started may still be finishing.
 */
export async function headLockCleared(place: GitPlace): Promise<boolean> {
  return lockCleared(path.join(place.gitDir, 'HEAD.lock'));
}

async function lockCleared(lock: string): Promise<boolean> {
  for (const deadline = Date.now() + indexLockWaitMs(); existsSync(lock) && Date.now() < deadline; ) await sleep(50);
  return !existsSync(lock);
}

/**
 * Why a commit cannot be made in `root` now, as a refusal with the cause and the fix; undefined
 * when it can. Asked before a write touches anything, so a refusal leaves the records as they were.
 */
export async function trailRefusal(root: string): Promise<RecordError | undefined> {
  const place = await gitPlace(root);
  if (place instanceof RecordError) return place;
  // What git is in the middle of comes first: a rebase also detaches HEAD, and its own fix is the one to give.
  for (const step of IN_PROGRESS) {
    if (existsSync(path.join(place.gitDir, step.marker))) {
      return new RecordError(
        `${step.what} is in progress in ${place.top}, and ${step.risk}. ${NOTHING}`,
        `${step.fix}, then run the command again.`,
      );
    }
  }
  // The three questions are asked together (each git started is a few ms); their refusals keep their order.
  // The commit's first git command waits for which filters are set: asked now, it need not wait then.
  const [branch, author, committer] = await Promise.all([
    git(root, ['symbolic-ref', '-q', 'HEAD']),
    git(root, ['var', 'GIT_AUTHOR_IDENT']),
    git(root, ['var', 'GIT_COMMITTER_IDENT']),
    workTreeSettings(root),
  ]);
  if (branch.exitCode !== 0) {
    return new RecordError(
      `git's HEAD is detached in ${place.top} (no branch is checked out), so a commit made now would be left behind by the next \`git ` +
        `switch\` or \`git checkout\`. ${NOTHING}`,
      `Go back to the records' branch (\`git switch main\`, or \`git switch -c NEW-BRANCH\` to keep what was committed here), then run ` +
        `the command again.`,
    );
  }
  const lock = indexLockOf(place);
  if (!(await indexLockCleared(place))) {
    return new RecordError(
      `git's index is locked (${lock} exists): another git command is running in ${place.top}, or one was stopped part way and left its ` +
        `lock behind. ${NOTHING}`,
      `If no git command is running (an editor's git panel included), remove the lock (\`rm ${lock}\`, or \`careplan doctor\`), then ` +
        `run the command again.`,
    );
  }
  for (const ident of [author, committer]) {
    if (ident.exitCode !== 0) {
      return new RecordError(
        `git does not know who you are, so this change could not be committed to the change trail. ${NOTHING}`,
        `Set it once with: git config --global user.name "Your Name" && git config --global user.email you@example.org, and run the ` +
          `command again, ${OR_NO_COMMIT}.`,
      );
    }
  }
  return undefined;
}
