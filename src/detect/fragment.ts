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
  /**
   * Characters of the first line that precede the text (a piece of a big file that a forced cut
   * began inside a line): columns on that line count them. Default 0.
   */
  firstColumn?: number;
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
  /**
   * A piece of a big file after the first: what allow markers before the piece say at its start,
   * so a marker in the previous piece holds for a secret this piece reports, as in a small file.
   */
  allowCarry?: AllowCarry;
  commit?: CommitInfo;
  /**
   * Text pulled out of a binary blob (its printable runs): only rules for a key's own shape run on
   * it, not the generic ones (compiled code is full of `password=`-like strings that are no secret).
   */
  providerOnly?: boolean;
}

/** The state of allow markers at the start of a piece (see detect/allowMarkers.ts carryAllow). */
export interface AllowCarry {
  /** A `keyguard:disable` block opened before the piece is still open: it runs on into it. */
  open: boolean;
  /** Characters of the piece's first line before the piece (0: the piece begins at a line start). */
  headChars: number;
  /** The line above the piece's first line holds a next-line marker. */
  aboveNext: boolean;
  /** The part of the first line before the piece holds a next-line marker (for the piece's second line). */
  headNext: boolean;
  /** Characters from the end of the last same-line marker on that part to the piece's start; -1: none. */
  headLine: number;
}
