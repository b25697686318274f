import type { AllowCarry, Fragment } from '../detect/fragment.js';
import type { CommitInfo } from '../detect/finding.js';
import { carryAllow, NO_CARRY } from '../detect/allowMarkers.js';

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
 * at the line start at least OVERLAP_CHARS before this one's end — or, when the piece's first line
 * runs into those last OVERLAP_CHARS (a minified line), right after that line: else a PEM key
 * written after a ~1 MB line was cut in two at the piece's end and found in neither piece.
 * `lineStart(at)` is the start of the line holding offset `at`; `lineEnd(at)` the end (after the
 * newline) of that line. A line longer than a piece is kept whole: splitting it could split a key.
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
    const next = back > start ? back : end - OVERLAP_CHARS > start ? lineEnd(start) : end;
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
  let allowCarry: AllowCarry = NO_CARRY;
  for (const c of cuts(text.length, lineStart, lineEnd)) {
    const piece = text.slice(c.start, c.end);
    out.push({ path, text: piece, firstLine: line, ownTo: c.next - c.start, allowCarry, commit });
    line += countNewlines(text, c.start, c.next);
    allowCarry = carryAllow(piece, c.next - c.start, allowCarry);
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

/**
 * Added lines (from git's patch) as fragments of bounded size, each line kept whole and mapped to
 * its real number. Each fragment after the first carries what allow markers in the earlier ones
 * say (a block opened above, a next-line marker on the line before), but only across lines that
 * really follow each other in the file: a marker never reaches over lines the patch did not add.
 */
export function addedLinesFragments(path: string, lines: string[], lineMap: number[], commit?: CommitInfo): Fragment[] {
  const out: Fragment[] = [];
  let start = 0;
  let allowCarry: AllowCarry = NO_CARRY;
  while (start < lines.length) {
    let end = start;
    let chars = 0;
    while (end < lines.length && (end === start || chars + lines[end].length < CHUNK_CHARS)) chars += lines[end++].length + 1;
    if (start > 0 && lineMap[start] !== lineMap[start - 1] + 1) allowCarry = NO_CARRY;
    const text = lines.slice(start, end).join('\n');
    out.push({ path, text, lineMap: lineMap.slice(start, end), ...(allowCarry === NO_CARRY ? {} : { allowCarry }), commit });
    if (end < lines.length) allowCarry = carryAcrossLines(text, lineMap, start, end, allowCarry);
    start = end;
  }
  return out;
}

/** The markers' state after lines [start, end) of a patch's added lines, counted from their last gap. */
function carryAcrossLines(text: string, lineMap: number[], start: number, end: number, from: AllowCarry): AllowCarry {
  let gap = end - 1;
  while (gap > start && lineMap[gap] === lineMap[gap - 1] + 1) gap--;
  if (gap === start) return carryAllow(text + '\n', text.length + 1, from);
  // A block or a next-line marker never reaches over a gap: only the lines after the last one count.
  let at = 0;
  for (let i = start; i < gap; i++) at = text.indexOf('\n', at) + 1;
  const tail = text.slice(at);
  return carryAllow(tail + '\n', tail.length + 1, NO_CARRY);
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
  if (!isPlainUtf8(buf, buf.length)) return null;
  return pieces();

  function* pieces(): Generator<Fragment> {
    const body = buf.subarray(utf8BomLength(buf));
    const ready: Fragment[] = [];
    const cutter = utf8PieceCutter(path, body.length, commit, (f) => ready.push(f));
    // Fed a piece's worth at a time, so only a piece or two is decoded at once.
    for (let at = 0; at < body.length; at += CHUNK_CHARS) {
      cutter.write(body.subarray(at, at + CHUNK_CHARS));
      yield* ready.splice(0);
    }
    cutter.end();
    yield* ready.splice(0);
  }
}

/** Bytes of a blob to hold before deciding it is plain UTF-8 text (git's own binary probe). */
export const UTF8_PROBE = 8000;

/**
 * Whether a blob of `size` bytes, of which `head` holds the first UTF8_PROBE (or all), is judged
 * as UTF-8 pieces: big, no UTF-16 mark, no NUL byte in the probe.
 */
export function isPlainUtf8(head: Uint8Array, size: number): boolean {
  if (size <= CHUNK_CHARS) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  return !head.subarray(0, UTF8_PROBE).includes(0);
}

export function utf8BomLength(head: Uint8Array): number {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

export interface PieceCutter {
  /** The next bytes of the text, in order (copied: the caller may reuse its memory). */
  write(bytes: Uint8Array): void;
  /** Every byte was written: the last piece is handed over. */
  end(): void;
}

export interface CutterOptions {
  /**
   * Cut a line longer than this many bytes anyway, inside the line (at a character boundary), the
   * next piece starting OVERLAP_CHARS before the cut, so a key across it is whole in one of the
   * two. Memory then stays bounded on a one-line log or a minified bundle of any size, which
   * `scan --no-git` and `scan -` read (there is no blob size to refuse them by). Unset: a line is
   * kept whole, however long (splitting it could split a key).
   */
  forceCutAt?: number;
}

/**
 * The pieces of a UTF-8 text of `length` bytes (undefined: not known until `end`, as on standard
 * input) that arrives in chunks (git's pipe, a file or standard input read as a stream): the same
 * cuts as a whole text gets (see `cuts`), each piece handed to `onPiece` as soon as its bytes are
 * in, so only about one piece of the text is held at a time — not the blob. Only a line longer
 * than a piece makes it wait for that line's end (or, with `forceCutAt`, for that many bytes).
 * A piece that begins inside a line (a forced cut) says how many characters of the line precede it
 * (`firstColumn`), so columns are the line's.
 */
export function utf8PieceCutter(path: string, length: number | undefined, commit: CommitInfo | undefined, onPiece: (f: Fragment) => void, options: CutterOptions = {}): PieceCutter {
  const known = length !== undefined;
  let total = length ?? Infinity;
  const force = options.forceCutAt;
  if (force !== undefined && force <= CHUNK_CHARS) throw new Error('utf8PieceCutter: forceCutAt must exceed a piece');
  let win = Buffer.allocUnsafe(Math.min(total, CHUNK_CHARS + OVERLAP_CHARS + (64 << 10)));
  let winStart = 0; // body offset of win[0]
  let have = 0; // bytes held in win
  let start = 0; // body offset where the next piece starts
  let line = 1;
  let allowCarry: AllowCarry = NO_CARRY; // what allow markers before the next piece say
  // While a line longer than a piece is coming in: the body offset up to which it was searched
  // for its end (0: not waiting). Each write then searches only its own bytes — searching the
  // whole line again on every 64 KiB git hands over made a 120 MB one-line file take 3x as long.
  let searched = 0;

  // Offsets are the body's; a search that leaves the window answers "at or before `start`" (-1).
  const lineStart = (at: number): number => {
    if (at - 1 < winStart) return -1;
    const nl = win.subarray(0, have).lastIndexOf(10, at - 1 - winStart);
    return nl === -1 ? -1 : winStart + nl + 1;
  };
  /** The largest offset at most `at` (and past `start`) that does not split a UTF-8 character. */
  const charBoundary = (at: number): number => {
    let i = at;
    while (i > start && i < winStart + have && (win[i - winStart] & 0xc0) === 0x80) i--;
    return i;
  };
  const emit = (end: number, next: number) => {
    const s = start - winStart;
    // One string for the piece (not its own part joined to the overlap: a second megabyte).
    // `next` is a line start (or a character boundary a forced cut chose), so decoding stops and
    // restarts cleanly there: the overlap's length in characters is the part after ownTo.
    const text = win.toString('utf8', s, end - winStart);
    const ownTo = next < end ? text.length - win.toString('utf8', next - winStart, end - winStart).length : text.length;
    const firstColumn = allowCarry.headChars;
    onPiece({ path, text, firstLine: line, ...(firstColumn ? { firstColumn } : {}), ownTo, allowCarry, commit });
    allowCarry = carryAllow(text, ownTo, allowCarry);
    for (let i = win.indexOf(10, s); i !== -1 && i < next - winStart; i = win.indexOf(10, i + 1)) line++;
    start = next;
    searched = 0;
  };
  /** Cuts every piece whose bytes are in; the same decisions as `cuts` over the whole text. */
  const drain = () => {
    while (start < total) {
      const availEnd = winStart + have;
      let end = Math.min(total, start + CHUNK_CHARS);
      // A length not known yet: a piece is cut only when more bytes follow (else it may be the last).
      if (availEnd < end || (availEnd === end && total === Infinity)) return;
      let forced = false;
      if (end < total) {
        // Waiting for a long line's end: no line starts between `start` and `end`, as found before.
        const cut = searched ? -1 : lineStart(end);
        if (cut > start) end = cut;
        else {
          // A forced cut bounds the search: a line end past it does not count.
          const limit = force === undefined ? availEnd : Math.min(availEnd, start + force);
          const nl = win.subarray(0, limit - winStart).indexOf(10, Math.max(end, searched) - winStart);
          if (nl !== -1) end = winStart + nl + 1;
          // (One byte past the cut is in, so the cut's character boundary can be told.)
          else if (force !== undefined && availEnd > start + force) {
            end = charBoundary(start + force);
            forced = true;
          } else if (availEnd < total) {
            searched = limit; // a long line: wait for its end
            return;
          } else end = total;
        }
      }
      if (end >= total) return emit(total, total);
      const far = end - OVERLAP_CHARS > start;
      const back = far ? lineStart(end - OVERLAP_CHARS) : -1;
      // See `cuts`: a piece that begins with a line longer than the overlap carries over what
      // follows it; inside a line cut by force, the next piece begins at the overlap's character.
      const next = back > start ? back : forced ? charBoundary(end - OVERLAP_CHARS) : far ? winStart + win.indexOf(10, start - winStart) + 1 : end;
      emit(end, next);
    }
  };
  return {
    write(bytes) {
      if (winStart + have + bytes.length > total) throw new Error('utf8PieceCutter: more bytes than announced');
      if (have + bytes.length > win.length) {
        // Drop what every later piece is past, then grow if a long line still needs the room.
        const keep = win.subarray(start - winStart, have);
        const room = keep.length + bytes.length;
        const next = room > win.length ? Buffer.allocUnsafe(Math.min(total - start, Math.max(room, win.length * 2))) : win;
        keep.copy(next, 0);
        win = next;
        have = keep.length;
        winStart = start;
      }
      win.set(bytes, have);
      have += bytes.length;
      drain();
    },
    end() {
      if (!known) total = winStart + have;
      else if (winStart + have !== total) throw new Error(`utf8PieceCutter: ${winStart + have} of ${total} bytes`);
      drain();
    },
  };
}
