import type { Fragment } from '../detect/fragment.js';
import type { CommitInfo } from '../detect/finding.js';

/** Big files are judged in pieces of about this size, cut at line ends, to keep memory bounded. */
export const CHUNK_CHARS = 1 << 20;

/** A whole file (a new one), as fragments of whole lines. */
export function wholeFileFragments(path: string, text: string, commit?: CommitInfo): Fragment[] {
  if (text.length <= CHUNK_CHARS) return [{ path, text, firstLine: 1, commit }];
  const out: Fragment[] = [];
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      // A line longer than a chunk is kept whole: splitting it could split a key.
      end = nl > start ? nl + 1 : (text.indexOf('\n', end) + 1 || text.length);
    }
    const piece = text.slice(start, end);
    out.push({ path, text: piece, firstLine: line, commit });
    line += countNewlines(piece);
    start = end;
  }
  return out;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The lines of `newText` that `oldText` did not have (as a multiset: a line repeated once more
 * than before counts once). Only these can bring a secret into a modified file, and deciding
 * this from the two blobs works where a textual diff does not (`-diff` attributes, textconv).
 */
export function addedLinesFragment(path: string, oldText: string, newText: string, commit?: CommitInfo): Fragment | null {
  const before = new Map<string, number>();
  for (const line of oldText.split('\n')) {
    const key = stripCr(line);
    before.set(key, (before.get(key) ?? 0) + 1);
  }
  const lines: string[] = [];
  const lineMap: number[] = [];
  const newLines = newText.split('\n');
  for (let i = 0; i < newLines.length; i++) {
    const key = stripCr(newLines[i]);
    const left = before.get(key);
    if (left) {
      before.set(key, left - 1);
      continue;
    }
    lines.push(newLines[i]);
    lineMap.push(i + 1);
  }
  if (lines.length === 0) return null;
  return { path, text: lines.join('\n'), lineMap, commit };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * A big new file straight from its UTF-8 bytes, decoded one piece (about CHUNK_CHARS bytes, cut
 * at a line end) at a time, so a 50 MB blob never also lives in memory as one 50–100 MB string.
 * Null when the bytes are not plain UTF-8 text (binary, UTF-16, small): use decodeText instead.
 */
export function utf8Fragments(path: string, buf: Buffer, commit?: CommitInfo): Iterable<Fragment> | null {
  if (buf.length <= CHUNK_CHARS) return null;
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return null;
  if (buf.subarray(0, 8000).includes(0)) return null;
  return pieces();

  function* pieces(): Generator<Fragment> {
    let start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let line = 1;
    while (start < buf.length) {
      let end = Math.min(buf.length, start + CHUNK_CHARS);
      if (end < buf.length) {
        const nl = buf.lastIndexOf(10, end - 1);
        // A line longer than a piece is kept whole: splitting it could split a key.
        end = nl >= start ? nl + 1 : buf.indexOf(10, end) + 1 || buf.length;
      }
      yield { path, text: buf.toString('utf8', start, end), firstLine: line, commit };
      for (let i = buf.indexOf(10, start); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) line++;
      start = end;
    }
  }
}
