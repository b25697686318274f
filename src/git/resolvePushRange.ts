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
 * The commits a push would hand the remote: reachable from what is pushed, minus what the
 * remote already has — the old tip of each updated ref when this clone has it, and everything any
 * remote-tracking ref reaches (a new branch: remote sha all zeros). A force push whose old tip
 * was never fetched falls back to the remote-tracking refs alone, which can only scan more.
 * Deletions (local sha all zeros) push no commit.
 */
export async function resolvePushRange(root: string, updates: RefUpdate[]): Promise<PushRange> {
  const pushed = updates.filter((u) => !ZERO.test(u.localSha)).map((u) => u.localSha);
  if (pushed.length === 0) return { revs: [], empty: true };
  const olds = [...new Set(updates.filter((u) => !ZERO.test(u.remoteSha)).map((u) => u.remoteSha))];
  const known = await presentCommits(root, olds);
  return { revs: [...new Set(pushed), '--not', ...known, '--remotes'], empty: false };
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
