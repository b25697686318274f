import type { Fragment } from '../detect/fragment.js';
import type { CommitInfo } from '../detect/finding.js';

/** Big files are judged in pieces of about this size, cut at line ends, to keep memory bounded. */
export const CHUNK_CHARS = 1 << 20;
/**
 * Each piece after the first starts at least this far before the previous one ended, so a
 * multi-line secret that straddles a cut (a PEM block: at most 16 KiB of body by its rule; a PuTTY
 * key or a Kubernetes Secret: under 30 KiB) is whole in one piece. A piece reports only matches
 * that start before the next piece begins (`ownTo`), so nothing is reported twice.
 */
export const OVERLAP_CHARS = 64 << 10;

interface Cut {
  start: number;
  end: number;
  /** Where the next piece starts (= end for the last one). */
  next: number;
}

/**
 * Cuts [0, length) into pieces of about CHUNK_CHARS that end at line ends; the next piece starts
 * at the line start at least OVERLAP_CHARS before this one's end. `lineStart(at)` is the start of
 * the line holding offset `at`; `lineEnd(at)` the end (after the newline) of that line. A line
 * longer than a piece is kept whole: splitting it could split a key.
 */
function* cuts(length: number, lineStart: (at: number) => number, lineEnd: (at: number) => number): Generator<Cut> {
  let start = 0;
  while (start < length) {
    let end = Math.min(length, start + CHUNK_CHARS);
    if (end < length) {
      const cut = lineStart(end);
      end = cut > start ? cut : lineEnd(end);
    }
    if (end >= length) {
      yield { start, end: length, next: length };
      return;
    }
    const back = lineStart(end - OVERLAP_CHARS);
    const next = back > start ? back : end;
    yield { start, end, next };
    start = next;
  }
}

/** A whole file (a new one), as fragments of whole lines. */
export function wholeFileFragments(path: string, text: string, commit?: CommitInfo): Fragment[] {
  if (text.length <= CHUNK_CHARS) return [{ path, text, firstLine: 1, commit }];
  const out: Fragment[] = [];
  let line = 1;
  const lineStart = (at: number) => (at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1);
  const lineEnd = (at: number) => {
    const nl = text.indexOf('\n', at);
    return nl === -1 ? text.length : nl + 1;
  };
  for (const c of cuts(text.length, lineStart, lineEnd)) {
    out.push({ path, text: text.slice(c.start, c.end), firstLine: line, ownTo: c.next - c.start, commit });
    line += countNewlines(text, c.start, c.next);
  }
  return out;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
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
  // The whole new text rides along for allow markers on lines that did not change.
  return { path, text: lines.join('\n'), lineMap, wholeText: newText, commit };
}

/** Added lines (from git's patch) as fragments of bounded size, each line kept whole and mapped to its real number. */
export function addedLinesFragments(path: string, lines: string[], lineMap: number[], commit?: CommitInfo): Fragment[] {
  const out: Fragment[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = start;
    let chars = 0;
    while (end < lines.length && (end === start || chars + lines[end].length < CHUNK_CHARS)) chars += lines[end++].length + 1;
    out.push({ path, text: lines.slice(start, end).join('\n'), lineMap: lineMap.slice(start, end), commit });
    start = end;
  }
  return out;
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
    const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    const body = buf.subarray(bom);
    const lineStart = (at: number) => (at <= 0 ? 0 : body.lastIndexOf(10, at - 1) + 1);
    const lineEnd = (at: number) => {
      const nl = body.indexOf(10, at);
      return nl === -1 ? body.length : nl + 1;
    };
    let line = 1;
    for (const c of cuts(body.length, lineStart, lineEnd)) {
      // Decoded in two parts so the piece's own part is known in characters, not bytes.
      const own = body.toString('utf8', c.start, c.next);
      const text = c.next < c.end ? own + body.toString('utf8', c.next, c.end) : own;
      yield { path, text, firstLine: line, ownTo: own.length, commit };
      for (let i = body.indexOf(10, c.start); i !== -1 && i < c.next; i = body.indexOf(10, i + 1)) line++;
    }
  }
}
