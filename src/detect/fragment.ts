import type { CommitInfo } from './finding.js';

/**
 * A piece of text to judge, from whatever source: a whole staged file, the added lines of a
 * modified one, a patch from history. The judge cuts text into fragments; the detector only sees these.
 */
export interface Fragment {
  path: string;
  text: string;
  /** Real line number of the text's first line (whole files and pieces of them). Default 1. */
  firstLine?: number;
  /** When set, `lineMap[i]` is the real line number of the text's i-th line (added lines only). */
  lineMap?: number[];
  /**
   * Pieces of a big file overlap: matches starting at or after this offset belong to the next
   * piece, which holds them whole. Unset: every match is this fragment's.
   */
  ownTo?: number;
  /**
   * A modified file's whole new text, judged for multi-line secrets only: a match is reported
   * when its span covers one of these (real) line numbers, the lines the change added.
   */
  touching?: Set<number>;
  /**
   * With `lineMap`: the whole file the lines were taken from, so allow markers on lines that did
   * not change (a `keyguard:allow-next-line` above, a `keyguard:disable` block around) still apply.
   */
  wholeText?: string;
  commit?: CommitInfo;
  /**
   * Text pulled out of a binary blob (its printable runs): only rules for a key's own shape run on
   * it, not the generic ones (compiled code is full of `password=`-like strings that are no secret).
   */
  providerOnly?: boolean;
}
