import type { Scanner } from '../detect/createScanner.js';
import type { CommitInfo, Finding } from '../detect/finding.js';
import type { Fragment } from '../detect/fragment.js';
import { printableRuns, runFragments, splitAtKeywords } from './printableRuns.js';
import { CHUNK_CHARS } from './toFragments.js';

/**
 * A blob's printable runs judged by the provider rules (see printableRuns.ts): how a binary is
 * read, and text that stops being what its first bytes said it was. `firstLine`: the blob's line
 * where `blob` begins (a piece of a big file).
 */
export function runFindings(path: string, scanner: Scanner, commit: CommitInfo | undefined, blob: Buffer, firstLine = 1): Finding[] {
  const runs = splitAtKeywords(printableRuns(blob), scanner.providerKeywords);
  const shift = firstLine - 1;
  const make = (text: string, lineMap: number[]) => ({ path, text, lineMap: shift ? lineMap.map((l) => l + shift) : lineMap, commit, providerOnly: true });
  const found: Finding[] = [];
  for (const f of runFragments(runs, CHUNK_CHARS, make)) found.push(...scanner.judgeText(f));
  return found;
}

export interface PieceJudge {
  /** Judges the next piece of the file: the findings of its text. */
  judge(piece: Fragment): Finding[];
  /** Every piece was judged: what the printable runs found that the text did not, none twice. */
  rest(): Finding[];
}

/**
 * Judges the pieces of a big file read as UTF-8 from what its first bytes (the probe) said. A
 * piece holding NUL characters belies that: text that turned UTF-16 later (a log a Windows tool
 * appended to, files concatenated), where a key reads as letters with NULs between them and no
 * rule matches, or a binary behind a text header. Its printable runs are judged too, as a
 * binary's are; a key the text itself gave, or the overlap of two pieces gave again, counts once.
 */
export function pieceJudge(scanner: Scanner): PieceJudge {
  const had = new Set<string>();
  const fromRuns: Finding[] = [];
  return {
    judge(piece) {
      const found = scanner.judgeText(piece);
      for (const f of found) had.add(f.fingerprint);
      if (piece.text.includes('\0')) fromRuns.push(...runFindings(piece.path, scanner, piece.commit, asBytes(piece.text), piece.firstLine ?? 1));
      return found;
    },
    rest() {
      const out: Finding[] = [];
      const seen = new Set<string>();
      for (const f of fromRuns) {
        const key = `${f.fingerprint}:${f.line}`;
        if (!had.has(f.fingerprint) && !seen.has(key)) out.push(f);
        seen.add(key);
      }
      return out;
    },
  };
}

/**
 * The piece's bytes as far as printable runs see them: UTF-8 decoding kept every byte below 0x80
 * as one character, and everything else is no printable ASCII (nor the zero high byte of a UTF-16
 * character), so it becomes 0xff.
 */
function asBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i] = c < 0x80 ? c : 0xff;
  }
  return bytes;
}
