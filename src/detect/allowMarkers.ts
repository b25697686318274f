import type { AllowCarry, Fragment } from './fragment.js';

/**
 * Allow comments. keyguard's own, plus the ones teams already wrote for other scanners, so
 * migrating does not mean editing every allowed line:
 *
 * - on the line:      `keyguard:allow`, `gitleaks:allow`, `pragma: allowlist secret`, `secretlint-disable-line`
 * - the next line:    `keyguard:allow-next-line`, `secretlint-disable-next-line`, `pragma: allowlist nextline secret`
 * - a block:          `keyguard:disable` … `keyguard:enable` (and `secretlint-disable` … `secretlint-enable`);
 *                     a block left open runs to the end of the file.
 *
 * A marker allows only what is near it: on its own line, a secret within MARKER_REACH characters
 * of the marker; for a next-line marker, a secret starting within MARKER_REACH characters of the
 * next line's start. So one marker in a 4 MB line of minified code cannot silence a key 2 MB away.
 */
export const MARKER_REACH = 512;

type Kind = 'line' | 'next' | 'disable' | 'enable';

// One pass finds every marker. `keyguard:allow-next-line` must not read as `keyguard:allow`, nor
// `secretlint-disable-line` as the start of a block.
const MARKERS = new RegExp(
  [
    '(?<next>keyguard:allow-next-line|secretlint-disable-next-line|pragma:\\s?allowlist[ -]nextline[ -]secret)',
    '(?<line>keyguard:allow|gitleaks:allow|pragma:\\s?allowlist[ -]secret|secretlint-disable-line)',
    '(?<disable>keyguard:disable|secretlint-disable)(?![\\w-])',
    '(?<enable>keyguard:enable|secretlint-enable)(?![\\w-])',
  ].join('|'),
  'g',
);
const ANY = /keyguard:|gitleaks:allow|allowlist|secretlint-/;

interface Marker {
  kind: Kind;
  start: number;
  end: number;
  line: number;
}

/** Is the secret at [start, end) of the fragment's text allowed by a marker? */
export type AllowCheck = (start: number, end: number) => boolean;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Nothing carried over: the first piece of a file, or a fragment that is no piece. */
export const NO_CARRY: AllowCarry = { open: false, headChars: 0, aboveNext: false, headNext: false, headLine: -1 };

function carries(c: AllowCarry | undefined): c is AllowCarry {
  return c !== undefined && (c.open || c.aboveNext || c.headNext || c.headLine >= 0);
}

function kindOf(g: Record<string, string | undefined>): Kind {
  return g.next ? 'next' : g.line ? 'line' : g.disable ? 'disable' : 'enable';
}

/**
 * The markers' state at offset `to` of a piece's text (where the next piece starts: a line start,
 * or inside a line a forced cut went through), given the state at the piece's start. Each piece
 * of a big file is judged alone; this is what lets a `keyguard:allow-next-line` on the last line
 * before a cut, or a `keyguard:disable` block opened pieces earlier, hold for a secret that only
 * the later piece reports — the same answer as for the file judged whole.
 */
export function carryAllow(text: string, to: number, from: AllowCarry = NO_CARRY): AllowCarry {
  if (to <= 0) return from;
  const lastNl = text.lastIndexOf('\n', to - 1);
  const headChars = lastNl === -1 ? from.headChars + to : to - lastNl - 1;
  const found = ANY.test(text);
  if (!found && !carries(from)) return { ...NO_CARRY, headChars };
  // L: the line (index in `text`) holding `to`; the one above it is L - 1.
  let L = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) L++;
  let open = from.open;
  let aboveNext = L === 0 ? from.aboveNext : L === 1 && from.headNext;
  let headNext = L === 0 && from.headNext;
  let headLineEnd = L === 0 && from.headLine >= 0 ? -from.headLine : -Infinity; // offset in `text`
  if (found) {
    let line = 0;
    let at = 0; // `line` is the line holding offset `at`
    for (const m of text.matchAll(MARKERS)) {
      if (m.index >= to) break;
      for (let i = text.indexOf('\n', at); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
      at = m.index;
      const kind = kindOf(m.groups!);
      if (kind === 'disable') open = true;
      else if (kind === 'enable') open = false;
      else if (kind === 'next' && line === L - 1) aboveNext = true;
      else if (kind === 'next' && line === L) headNext = true;
      else if (kind === 'line' && line === L) headLineEnd = m.index + m[0].length;
    }
  }
  const midLine = headChars > 0;
  return {
    open,
    headChars,
    aboveNext,
    headNext: midLine && headNext,
    headLine: midLine && headLineEnd > -Infinity ? Math.max(0, to - headLineEnd) : -1,
  };
}

/**
 * Builds the marker test for one fragment. Markers are read from the whole file when the
 * fragment carries it (`wholeText`: the added lines of a modified file, so a marker on an
 * unchanged line above still applies); otherwise from the fragment alone, where a next-line
 * marker or a block reaches only across lines that really follow each other in the file
 * (`lineMap`): it never jumps a gap of lines the fragment does not hold.
 */
export function createAllowCheck(fragment: Fragment): AllowCheck {
  const source = fragment.wholeText !== undefined && fragment.lineMap ? fragment.wholeText : fragment.text;
  // A piece of a big file (or of a big patch's added lines): the markers before it, which it does
  // not hold. A fragment read against the whole file (`wholeText`) holds them all already.
  const carry = carries(fragment.allowCarry) && source === fragment.text ? fragment.allowCarry : undefined;
  // Nearly every fragment holds no marker at all: one search, and nothing else is built.
  if (!ANY.test(source) && !carry) return () => false;

  const starts = lineStarts(source);
  let toSource = (offset: number) => offset;
  let follows = (_line: number) => true; // does line i directly follow line i-1 in the file?
  if (source !== fragment.text) {
    const map = fragment.lineMap!;
    const fragmentStarts = lineStarts(fragment.text);
    toSource = (offset) => {
      const i = lineIndex(fragmentStarts, offset);
      return starts[map[i] - 1] + (offset - fragmentStarts[i]);
    };
  } else if (fragment.lineMap) {
    const map = fragment.lineMap;
    follows = (i) => i > 0 && map[i] === map[i - 1] + 1;
  }

  const byLine = new Map<number, Marker[]>();
  const blocks: [number, number][] = [];
  // A block opened before the piece runs from its first character.
  let open: Marker | undefined = carry?.open ? { kind: 'disable', start: 0, end: 0, line: 0 } : undefined;
  const closeAt = (from: Marker, offset: number) => {
    // A block never reaches past a gap in the lines the fragment holds: fail closed there.
    let end = offset;
    for (let i = from.line + 1; i < starts.length && starts[i] < offset; i++) {
      if (!follows(i)) {
        end = starts[i];
        break;
      }
    }
    blocks.push([from.end, end]);
  };
  for (const m of source.matchAll(MARKERS)) {
    const g = m.groups!;
    const kind = kindOf(g);
    const marker: Marker = { kind, start: m.index, end: m.index + m[0].length, line: lineIndex(starts, m.index) };
    if (kind === 'line' || kind === 'next') {
      const list = byLine.get(marker.line);
      if (list) list.push(marker);
      else byLine.set(marker.line, [marker]);
    } else if (kind === 'disable' && !open) {
      open = marker;
    } else if (kind === 'enable' && open) {
      closeAt(open, marker.start);
      open = undefined;
    }
  }
  if (open) closeAt(open, source.length);

  return (start, end) => {
    const s = toSource(start);
    const e = s + (end - start);
    if (blocks.some(([from, to]) => from <= s && s < to)) return true;
    const first = lineIndex(starts, s);
    const last = e > s ? lineIndex(starts, e - 1) : first;
    // On the secret's own line(s): a marker within reach of it.
    for (let l = first; l <= last; l++) {
      for (const m of byLine.get(l) ?? []) {
        if (m.kind === 'line' && Math.max(0, s - m.end, m.start - e) <= MARKER_REACH) return true;
      }
    }
    // The piece's first line began before the piece: a same-line marker there, within reach.
    if (carry && first === 0 && carry.headLine >= 0 && s + carry.headLine <= MARKER_REACH) return true;
    // On the line just above: a next-line marker, for a secret near the start of its line.
    if (first > 0 && follows(first) && s - starts[first] <= MARKER_REACH) {
      if ((byLine.get(first - 1) ?? []).some((m) => m.kind === 'next')) return true;
      if (carry && first === 1 && carry.headNext) return true;
    }
    // The line above the piece (or the first line's start, before the piece) holds a next-line marker.
    if (carry && first === 0 && carry.aboveNext && s + carry.headChars <= MARKER_REACH) return true;
    return false;
  };
}
