import type { Repo } from './resolveRepo.js';
import { runGit } from './runGit.js';
import { parseRawDiff } from './parseRawDiff.js';
import type { Change } from './change.js';

/**
 * What the commit would change: the index against HEAD (the empty tree before the first commit).
 * git honours GIT_INDEX_FILE, so `git commit -a` and `git commit PATH` are read correctly.
 */
export async function getStagedChanges(repo: Repo): Promise<Change[]> {
  const { stdout } = await runGit(
    ['diff-index', '--cached', '--raw', '-z', '-M', '--no-abbrev', '--ignore-submodules=none', repo.head ?? repo.emptyTree],
    repo.root,
  );
  return parseRawDiff(stdout);
}
