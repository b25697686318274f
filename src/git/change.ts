import type { FilePatch } from './parsePatch.js';

/**
 * What changed for one path, whatever the source: the index against HEAD, a tree listed as
 * additions, a commit of history or of a push. Every source hands these to the one judge
 * (judge/judgeChange.ts).
 */
export interface Change {
  /** A added, M modified, D deleted, R renamed, C copied, T type changed, U unmerged. */
  status: string;
  /** Similarity percentage for renames and copies (100 = same content). */
  score: number;
  path: string;
  /** The path a rename or copy came from. */
  oldPath?: string;
  newMode: string;
  newSha: string;
  /** The file in each parent it is compared with: one entry, or one per parent for a merge. */
  oldShas: string[];
  oldModes: string[];
  /** The lines git's diff says were added, when the source has a patch git showed as text. */
  patch?: FilePatch;
}
