import { runGit } from './runGit.js';
import type { Change } from './change.js';

/**
 * Every file of a commit's tree as an addition, so the tree is judged like a first commit:
 * all files whole. One `git ls-tree` process; paths NUL-terminated, never quoted.
 */
export async function listTree(root: string, commit: string): Promise<Change[]> {
  const { stdout } = await runGit(['ls-tree', '-r', '-z', '--full-tree', commit], root);
  const changes: Change[] = [];
  for (const record of stdout.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , sha] = record.slice(0, tab).split(' ');
    changes.push({ status: 'A', score: 0, path: record.slice(tab + 1), newMode: mode, newSha: sha, oldShas: [], oldModes: [] });
  }
  return changes;
}
