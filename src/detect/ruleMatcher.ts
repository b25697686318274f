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
/** How much text before a match `notAfter` is tested on. */
const NOT_AFTER_REACH = 40;

/**
 * V8 stores a string one byte per character unless it holds a character above U+00FF, and compiles
 * an expression once for each kind of subject it meets: a third of a big commit's text (a README
 * with an emoji, a locale file) is stored two bytes wide, and had every rule run on it compiled
 * twice. Windows of such a text are searched as one-byte copies where they hold no wide character,
 * while the copies cost less than a compile would (NARROW_BUDGET characters a rule: a compile costs
 * about what copying 250 KB does); a rule whose windows cover much wide text is compiled twice.
 */
const WIDE = /[^\x00-\xff]/;
let lastText: string | undefined;
let lastWide = false;
/** Whether the text holds a wide character (V8 answers at once for one stored a byte per character); asked once per text. */
function isWide(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastWide = WIDE.test(text);
  }
  return lastWide;
}
const NARROW_BUDGET = 64 * 1024;
/** text.slice(base, end), stored one byte per character when it can be. */
function narrowSlice(text: string, base: number, end: number): string {
  const sub = text.slice(base, end);
  return WIDE.test(sub) ? sub : Buffer.from(sub, 'latin1').toString('latin1');
}

/** Hands a match found in a slice starting at `base` to `onMatch`, in the whole text's offsets. */
function emit(m: RegExpExecArray, base: number, at: number, onMatch: OnMatch): void {
  const span = m.indices!.groups?.secret ?? m.indices![0];
  const secret = m.groups?.secret ?? m[0];
  if (secret) onMatch(secret, span[0] + base, span[1] + base, m.groups, at);
}

/**
 * Where the search goes on after a match `notAfter` turned away: where its secret begins. No match
 * starts in the name it turned away: `secret` in `fake_client_secret` is the same made-up name, not a
 * new one (as a look-behind it restarted one character on and reported it). One may start in the
 * value: `public_token=abc&client_secret=…` holds a second assignment.
 */
function resumeAfter(m: RegExpExecArray): number {
  const secret = m.indices!.groups?.secret;
  return secret !== undefined && secret[0] > m.index ? secret[0] : m.index + 1;
}

/** What a rule's matcher is told of it besides its expression (the rule fields of the same names). */
export interface MatcherOptions {
  /**
   * A match starts at most this many characters before one of its keywords (a rule whose match begins
   * with the keyword's word, `token = …`): only those starts are tried, each in place, so a rule whose
   * keywords are everywhere (`key`) reads a fraction of the text.
   */
  keywordLead?: number;
  keywordCheck?: RegExp;
  /**
   * Tested on the 40 characters before a match: when it holds, no match starts there nor before the
   * turned-away match's secret (see `resumeAfter`).
   */
  notAfter?: RegExp;
}

export function createRuleMatcher(patternOf: () => RegExp, { keywordLead: lead, keywordCheck, notAfter }: MatcherOptions = {}): RuleMatcher {
  // Prepared on first use — the expression itself too: most rules never meet their keywords in a
  // small commit, and building hundreds of expressions cost a one-file check ~30 ms.
  let pattern: RegExp | undefined;
  /** The expression with `g`: searched over a window or a whole text. */
  let scanning: RegExp | undefined;
  /** With a lead: the same expression, sticky, tried only at the few starts a window holds. */
  let sticky: RegExp | undefined;
  let bounds: ReturnType<typeof matchBounds> | undefined;
  let narrowBudget = NARROW_BUDGET;

  /** Whether `notAfter` turns away a match starting at `at` (the search then goes on at `resumeAfter`). */
  function turnedAway(text: string, at: number): boolean {
    return notAfter !== undefined && notAfter.test(text.slice(Math.max(0, at - NOT_AFTER_REACH), at));
  }

  /** Whether a window of this text is worth a one-byte copy (see NARROW_BUDGET). */
  function narrowing(text: string, length: number): boolean {
    if (narrowBudget <= 0 || !isWide(text)) return false;
    narrowBudget -= length;
    return true;
  }

  /**
   * Each form is built when first needed (a rule with a lead seldom needs the searching one). V8
   * compiles an expression to bytecode on its first use and again to machine code on the second,
   * unless the first subject has 1,000+ characters: one try on a blank that long compiles it straight
   * to machine code (rules' compile time: -40% for one used once, -65% for one used again — most of
   * what a big commit's first search of each rule cost).
   */
  function compiled(flags: string): RegExp {
    pattern ??= patternOf();
    const made = new RegExp(pattern.source, pattern.flags.replace(/[gyd]/g, '') + flags);
    made.exec(COMPILE_SUBJECT);
    made.lastIndex = 0;
    return made;
  }

  /**
   * Matches starting in [from, lastStart], each start tried in place on the whole text (its context
   * is the text's own): no scan runs on past them. Returns where the next match may start.
   */
  function tryStarts(text: string, from: number, lastStart: number, pos: number, reach: number, onMatch: OnMatch): number {
    const y = (sticky ??= compiled('dy'));
    // On a wide text, a one-byte copy of the window (`reach`: how far around a start a match reads).
    const narrow = narrowing(text, lastStart - from + 2 * reach);
    const base = narrow ? Math.max(0, from - reach) : 0;
    const sub = narrow ? narrowSlice(text, base, Math.min(text.length, lastStart + reach)) : text;
    for (let at = Math.max(from, pos); at <= lastStart; ) {
      y.lastIndex = at - base;
      const m = y.exec(sub);
      if (m === null || m[0].length === 0) {
        at++;
        continue;
      }
      if (turnedAway(text, at)) {
        at = pos = resumeAfter(m) + base;
        continue;
      }
      emit(m, base, at, onMatch);
      at += m[0].length;
      pos = at;
    }
    return pos;
  }

  /**
   * A rule with a lead: a match starts in [hit start - lead, hit start] of one of its hits, so those
   * starts are all that is tried (a few per hit; where they run together for long, searched).
   */
  function searchFromLeads(text: string, hits: number[], lead: number, margin: number, maxLength: number, onMatch: OnMatch): void {
    // Hits come in order of their ends; a keyword inside a longer one (`s.` in `hvs.`, `environ` in
    // `getenvironment…`) can put a later start first. Sorted then, or a start would be skipped.
    let starts = hits;
    for (let i = 2; i < hits.length; i += 2) {
      if (hits[i] < hits[i - 2]) {
        starts = hits.filter((_, k) => k % 2 === 0).sort((a, b) => a - b);
        break;
      }
    }
    const step = starts === hits ? 2 : 1;
    const longRun = Math.max(16, 4 * lead);
    let pos = 0;
    let from = -1;
    let last = -1;
    const run = () => {
      if (last - from <= longRun) pos = tryStarts(text, from, last, pos, maxLength + margin, onMatch);
      else pos = Math.max(pos, search(text, Math.max(0, from - margin), Math.min(text.length, last + maxLength + margin), Math.max(from, pos), last, onMatch));
    };
    for (let i = 0; i < starts.length; i += step) {
      const start = starts[i];
      const lo = Math.max(0, start - lead);
      if (from !== -1 && lo <= last + 1) {
        if (start > last) last = start;
        continue;
      }
      if (from !== -1) run();
      from = lo;
      last = start;
    }
    if (from !== -1) run();
  }

  /** Matches starting in [from, lastStart] of `text.slice(base, end)`; returns where the scan stopped. */
  function search(text: string, base: number, end: number, from: number, lastStart: number, onMatch: OnMatch): number {
    const sub = base === 0 && end === text.length ? text : narrowing(text, end - base) ? narrowSlice(text, base, end) : text.slice(base, end);
    let pos = from;
    const re = (scanning ??= compiled('gd'));
    re.lastIndex = from - base;
    for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
      const at = m.index + base;
      if (at > lastStart) break;
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        pos = at + 1;
        continue;
      }
      if (turnedAway(text, at)) {
        re.lastIndex = resumeAfter(m);
        pos = re.lastIndex + base;
        continue;
      }
      pos = at + m[0].length;
      emit(m, base, at, onMatch);
    }
    return pos;
  }

  return (text, hits, onMatch) => {
    if (keywordCheck && hits !== null) {
      const kept: number[] = [];
      for (let i = 0; i < hits.length; i += 2) {
        keywordCheck.lastIndex = hits[i];
        if (keywordCheck.test(text)) kept.push(hits[i], hits[i + 1]);
      }
      if (kept.length === 0) return;
      hits = kept;
    }
    if (hits !== null && bounds === undefined) bounds = matchBounds((pattern ??= patternOf()));
    if (hits === null || !bounds) {
      search(text, 0, text.length, 0, Infinity, onMatch);
      return;
    }
    const { maxLength, margin } = bounds;
    if (lead !== undefined) {
      searchFromLeads(text, hits, lead, margin, maxLength, onMatch);
      return;
    }
    // Where a match holding the hit [start, end) can begin: from end - maxLength up to start.
    // Hits come in ascending order of `end`, so windows merge in one pass.
    const windows: number[] = [];
    let searched = 0;
    // Windows whose searched text would overlap are one window: no text is read twice, and a
    // start between them holds no keyword, so no match starts there.
    const joinGap = maxLength + 2 * margin;
    for (let i = 0; i < hits.length; i += 2) {
      const hi = hits[i];
      const lo = Math.max(0, Math.min(hi, hits[i + 1] - maxLength));
      const last = windows.length - 1;
      if (last > 0 && lo <= windows[last] + joinGap) windows[last] = Math.max(windows[last], hi);
      else windows.push(lo, hi);
    }
    for (let i = 0; i < windows.length; i += 2) searched += windows[i + 1] - windows[i] + maxLength + 2 * margin;
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
      pos = search(text, base, end, from, lastStart, onMatch);
    }
  };
}
