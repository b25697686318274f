import { listTree } from '../git/listTree.js';
import type { Finding } from '../detect/finding.js';
import type { Scanner } from '../detect/createScanner.js';
import { scanChanges } from './scanChanges.js';

/**
 * The tracked tree of one commit, every file whole: what a fresh clone would hand anyone.
 * Read through git (one ls-tree, one cat-file), so untracked and ignored files never count.
 */
export async function scanTree(root: string, commit: string, scanner: Scanner): Promise<{ findings: Finding[]; files: number }> {
  const changes = await listTree(root, commit);
  return { findings: await scanChanges(root, changes, scanner), files: changes.length };
}
