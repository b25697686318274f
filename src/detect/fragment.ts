import type { CommitInfo } from './finding.js';

/**
 * A piece of text to judge, from whatever source: a whole staged file, the added lines of a
 * modified one, a patch from history. Sources cut text into fragments; the detector only sees these.
 */
export interface Fragment {
  path: string;
  text: string;
  /** Real line number of the text's first line (whole files and chunks of them). Default 1. */
  firstLine?: number;
  /** When set, `lineMap[i]` is the real line number of the text's i-th line (added lines only). */
  lineMap?: number[];
  commit?: CommitInfo;
}
