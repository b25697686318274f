import { matchBounds } from './matchBounds.js';

/** One match of a rule: the secret (the `secret` group, else the whole match), its span and where the match began. */
export type OnMatch = (secret: string, start: number, end: number, groups: Record<string, string> | undefined, matchStart: number) => void;

/**
 * Runs a rule's expression over a text. `hits` are the (start, end) pairs where the rule's keywords
 * occur (null: no keywords, run everywhere). Every match holds a keyword, so when the expression's
 * reach is bounded only the text around the hits is searched, and the matches are exactly those a
 * scan of the whole text finds (leftmost first, not overlapping): a match starting in a gap between
 * windows would hold no keyword.
 */
export type RuleMatcher = (text: string, hits: number[] | null, onMatch: OnMatch) => void;

const COMPILE_SUBJECT = ' '.repeat(1024);

/**
 * `lead`: a match starts at most this many characters before one of its keywords (a rule whose match
 * begins with the keyword's word, `token = …`): its windows then start there, not a whole match
 * length before the keyword, and a rule whose keywords are everywhere (`key`) searches a fraction.
 */
/** Hands a match found in a slice starting at `base` to `onMatch`, in the whole text's offsets. */
function emit(m: RegExpExecArray, base: number, at: number, onMatch: OnMatch): void {
  const span = m.indices!.groups?.secret ?? m.indices![0];
  const secret = m.groups?.secret ?? m[0];
  if (secret) onMatch(secret, span[0] + base, span[1] + base, m.groups, at);
}

export function createRuleMatcher(patternOf: () => RegExp, lead?: number): RuleMatcher {
  // Prepared on first use — the expression itself too: most rules never meet their keywords in a
  // small commit, and building hundreds of expressions cost a one-file check ~30 ms.
  let re: RegExp;
  /** With a lead: the same expression, sticky, tried only at the few starts a window holds. */
  let sticky: RegExp | undefined;
  let bounds: ReturnType<typeof matchBounds> | undefined;

  /** `search` for a window of a few starts: each is tried in place, no scan runs on past the window. */
  function tryStarts(text: string, base: number, end: number, from: number, lastStart: number, onMatch: OnMatch): number {
    const sub = text.slice(base, end);
    const y = (sticky ??= new RegExp(re.source, re.flags.replace('g', '') + 'y'));
    let pos = from;
    for (let at = from; at <= lastStart; ) {
      y.lastIndex = at - base;
      const m = y.exec(sub);
      if (m === null || m[0].length === 0) {
        at++;
        continue;
      }
      emit(m, base, at, onMatch);
      at += m[0].length;
      pos = at;
    }
    return Math.max(pos, lastStart + 1);
  }

  /** Matches starting in [from, lastStart] of `text.slice(base, end)`; returns where the scan stopped. */
  function search(text: string, base: number, end: number, from: number, lastStart: number, onMatch: OnMatch): number {
    const sub = base === 0 && end === text.length ? text : text.slice(base, end);
    let pos = from;
    re.lastIndex = from - base;
    for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
      const at = m.index + base;
      if (at > lastStart) break;
      if (m[0].length === 0) {
        re.lastIndex++;
        pos = at + 1;
        continue;
      }
      pos = at + m[0].length;
      emit(m, base, at, onMatch);
    }
    return pos;
  }

  return (text, hits, onMatch) => {
    if (!re) {
      const pattern = patternOf();
      re = new RegExp(pattern.source, pattern.flags.replace(/[gyd]/g, '') + 'gd');
      // V8 compiles an expression to bytecode on its first use and again to machine code on the
      // second, unless the first subject has 1,000+ characters: one search of a blank that long
      // compiles it straight to machine code (rules' compile time: -40% for one used once, -65%
      // for one used again — most of what a big commit's first search of each rule cost).
      re.exec(COMPILE_SUBJECT);
      re.lastIndex = 0;
    }
    if (hits !== null && bounds === undefined) bounds = matchBounds(re);
    if (hits === null || !bounds) {
      search(text, 0, text.length, 0, Infinity, onMatch);
      return;
    }
    const { maxLength, margin } = bounds;
    // Where a match holding the hit [start, end) can begin: from end - maxLength up to start.
    // Hits come in ascending order of `end`, so windows merge in one pass.
    const windows: number[] = [];
    let searched = 0;
    // Windows whose searched text would overlap are one window: no text is read twice, and a
    // start between them holds no keyword, so no match starts there.
    // (Starts tried in place cost per start: with a lead, windows join only where their starts meet.)
    const joinGap = lead !== undefined ? 2 * margin : maxLength + 2 * margin;
    for (let i = 0; i < hits.length; i += 2) {
      const hi = hits[i];
      const lo = Math.max(0, Math.min(hi, Math.max(hits[i + 1] - maxLength, lead === undefined ? 0 : hi - lead)));
      const last = windows.length - 1;
      if (last > 0 && lo <= windows[last] + joinGap) windows[last] = Math.max(windows[last], hi);
      else windows.push(lo, hi);
    }
    for (let i = 0; i < windows.length; i += 2) searched += windows[i + 1] - windows[i] + (lead !== undefined ? 1 : maxLength) + 2 * margin;
    // Windows covering most of the text: one pass over all of it costs less and finds the same.
    if (searched * 2 > text.length) {
      search(text, 0, text.length, 0, Infinity, onMatch);
      return;
    }
    let pos = 0;
    for (let i = 0; i < windows.length; i += 2) {
      const from = Math.max(windows[i], pos);
      const lastStart = windows[i + 1];
      if (from > lastStart) continue;
      const base = Math.max(0, from - margin);
      const end = Math.min(text.length, lastStart + maxLength + margin);
      // A window of a few starts (a rule with a lead): trying each costs less than a scan that runs
      // on for a whole match length past the last of them.
      pos = lead !== undefined && lastStart - from <= Math.max(16, 4 * lead) ? tryStarts(text, base, end, from, lastStart, onMatch) : search(text, base, end, from, lastStart, onMatch);
    }
  };
}
