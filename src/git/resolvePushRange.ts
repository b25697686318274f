import { KeyguardError } from '../errors.js';
import { runGit } from './runGit.js';

/** One line git hands a pre-push hook: `<local ref> <local sha> <remote ref> <remote sha>`. */
export interface RefUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export interface PushRange {
  /** git log revision arguments selecting exactly the commits the remote does not have yet. */
  revs: string[];
  /** Nothing to scan: every update deletes a ref (or there were none). */
  empty: boolean;
}

const ZERO = /^0+$/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export function parsePushLines(input: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 4 || !SHA.test(parts[1]) || !SHA.test(parts[3])) {
      throw new KeyguardError(`pre-push: unexpected input line from git: ${JSON.stringify(line.slice(0, 80))}`);
    }
    const [localRef, localSha, remoteRef, remoteSha] = parts;
    updates.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return updates;
}

/**
 * The commits a push would hand the remote: reachable from what is pushed, minus what that remote
 * already has — the old tip of each updated ref when this clone has it, and what this clone's
 * remote-tracking refs for that same remote reach (a new branch: remote sha all zeros). Another
 * remote's refs count for nothing: pushing an internal repository to a public mirror sends the
 * mirror its whole history. A force push whose old tip was never fetched falls back to the
 * remote-tracking refs alone, which can only scan more. Deletions (local sha all zeros) push no commit.
 */
export async function resolvePushRange(root: string, updates: RefUpdate[], remote: string | undefined): Promise<PushRange> {
  const pushed = updates.filter((u) => !ZERO.test(u.localSha)).map((u) => u.localSha);
  if (pushed.length === 0) return { revs: [], empty: true };
  const olds = [...new Set(updates.filter((u) => !ZERO.test(u.remoteSha)).map((u) => u.remoteSha))];
  const [known, tracked] = await Promise.all([presentCommits(root, olds), trackingRefs(root, remote)]);
  return { revs: [...new Set(pushed), '--not', ...known, ...tracked], empty: false };
}

/**
 * For a hook run whose ref lines never arrived (a hook manager that does not forward git's
 * standard input) while git's remote arguments did: what the current branch would send that
 * remote. Fails rather than guess when there is no branch to push.
 */
export async function resolveCurrentBranchPush(root: string, remote: string): Promise<PushRange> {
  const head = await runGit(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], root, [0, 1, 128]);
  const sha = head.code === 0 ? head.stdout.toString('utf8').trim() : '';
  if (!sha) {
    throw new KeyguardError(`pre-push: git passed no refs on standard input and HEAD has no commit to push to "${remote.slice(0, 80)}"; run the hook with git's standard input`);
  }
  return { revs: [sha, '--not', ...(await trackingRefs(root, remote))], empty: false };
}

/** A remote's name as git allows it and as a ref glob may hold it literally (no wildcards). */
const REMOTE_NAME = /^(?!-)[A-Za-z0-9._/-]{1,200}$/;

/**
 * git log arguments selecting what this clone's remote-tracking refs for `remote` reach. git hands
 * the hook the remote's name when it has one, else the URL pushed to: a URL (or a name with
 * characters a ref glob would read as wildcards) has no tracking refs, so nothing counts as there.
 */
export async function trackingRefs(root: string, remote: string | undefined): Promise<string[]> {
  if (!remote || !REMOTE_NAME.test(remote) || remote.includes('..')) return [];
  const prefix = `refs/remotes/${remote}/`;
  const r = await runGit(['for-each-ref', '--count=1', '--format=%(refname)', prefix], root);
  return r.stdout.toString('utf8').trim() ? [`--glob=${prefix}*`] : [];
}

/** Which of these objects this clone holds, in one `git cat-file --batch-check`. */
async function presentCommits(root: string, shas: string[]): Promise<string[]> {
  if (shas.length === 0) return [];
  const r = await runGit(['cat-file', '--batch-check=%(objectname) %(objecttype)'], root, [0], shas.join('\n') + '\n');
  return r.stdout
    .toString('utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((p) => p[1] === 'commit' || p[1] === 'tag') // git log peels a tag to its commit
    .map((p) => p[0]);
}
