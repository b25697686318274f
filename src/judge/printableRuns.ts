/**
 * The printable runs of a binary blob, the way `strings` reads one: stretches of printable ASCII
 * (tabs and line breaks included, so an armoured key keeps its lines), and the same written as
 * UTF-16LE (Windows resources, .NET strings). A key pasted into a binary, an archive stored
 * uncompressed or a SQLite database sits in such a run. One pass per form, linear in the blob's
 * size, and no run is longer than the blob: bounded whatever the bytes are.
 */

/** Shorter runs are noise in compiled code; no key keyguard knows is shorter. */
export const MIN_RUN = 12;

export interface PrintableRuns {
  /** The runs' lines, one array entry per line. */
  lines: string[];
  /** The blob's line (1 + line-feed bytes before it) where each of `lines` starts. */
  lineNos: number[];
}

const printable = (b: number) => (b >= 0x20 && b <= 0x7e) || b === 9 || b === 10 || b === 13;

export function printableRuns(buf: Buffer): PrintableRuns {
  const out: PrintableRuns = { lines: [], lineNos: [] };
  collect(buf, 1, 0, out);
  // UTF-16 strings start at even or odd offsets, depending on what precedes them.
  collect(buf, 2, 0, out);
  collect(buf, 2, 1, out);
  return out;
}

/** Runs of characters `width` bytes wide (1: ASCII; 2: UTF-16LE, its high byte zero) from `align`. */
function collect(buf: Buffer, width: 1 | 2, align: 0 | 1, out: PrintableRuns): void {
  let line = align === 1 && buf[0] === 10 ? 2 : 1; // line-feed bytes before the offset, plus one
  let start = -1; // offset where the current run began
  let startLine = 1;
  const end = buf.length - (width - 1);
  const flush = (to: number) => {
    if (start >= 0 && (to - start) / width >= MIN_RUN) push(buf, start, to, width, startLine, out);
    start = -1;
  };
  for (let i = align; i < end; i += width) {
    const ok = printable(buf[i]) && (width === 1 || buf[i + 1] === 0);
    if (ok && start < 0) {
      start = i;
      startLine = line;
    } else if (!ok) flush(i);
    if (buf[i] === 10) line++;
    if (width === 2 && buf[i + 1] === 10) line++;
  }
  flush(end);
}

function push(buf: Buffer, from: number, to: number, width: 1 | 2, firstLine: number, out: PrintableRuns): void {
  const text = width === 1 ? buf.toString('latin1', from, to) : buf.toString('utf16le', from, to);
  let line = firstLine;
  for (const piece of text.split('\n')) {
    out.lines.push(piece);
    out.lineNos.push(line++);
  }
}

/** The runs as fragments of at most `maxChars` characters each, cut between lines. */
export function* runFragments<F>(runs: PrintableRuns, maxChars: number, make: (text: string, lineMap: number[]) => F): Generator<F> {
  let lines: string[] = [];
  let lineMap: number[] = [];
  let size = 0;
  for (let i = 0; i < runs.lines.length; i++) {
    const l = runs.lines[i];
    if (size + l.length > maxChars && lines.length) {
      yield make(lines.join('\n'), lineMap);
      lines = [];
      lineMap = [];
      size = 0;
    }
    lines.push(l);
    lineMap.push(runs.lineNos[i]);
    size += l.length + 1;
  }
  if (lines.length) yield make(lines.join('\n'), lineMap);
}

/** Longer than any token a provider rule matches on one line. */
const TOKEN_REACH = 512;

/**
 * Binary formats store fields side by side with no separator (a SQLite row holds `openai` and
 * the key as one run: `openaisk-proj-…`), so a token's left edge, which rules demand, is missing.
 * For each keyword that follows a letter or digit, one more line starting at it (same line
 * number). Bounded: no more extra text than the runs hold, and a fixed reach per line.
 */
export function splitAtKeywords(runs: PrintableRuns, keywords: string[]): PrintableRuns {
  if (keywords.length === 0) return runs;
  const find = new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const out: PrintableRuns = { lines: [...runs.lines], lineNos: [...runs.lineNos] };
  let budget = runs.lines.reduce((n, l) => n + l.length, 0);
  for (let i = 0; i < runs.lines.length && budget > 0; i++) {
    const line = runs.lines[i];
    find.lastIndex = 0;
    for (let m = find.exec(line); m && budget > 0; m = find.exec(line)) {
      if (m.index > 0 && /[A-Za-z0-9_.]/.test(line[m.index - 1])) {
        const piece = line.slice(m.index, m.index + TOKEN_REACH);
        out.lines.push(piece);
        out.lineNos.push(runs.lineNos[i]);
        budget -= piece.length;
      }
      if (m[0].length === 0) find.lastIndex++;
    }
  }
  return out;
}
