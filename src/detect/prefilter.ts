/**
 * Keyword pre-filter: one pass over the text (an Aho-Corasick automaton, ASCII letters folded to
 * lower case, no lower-cased copy of the text) finds every place where a rule's keyword occurs.
 * Rules whose keywords do not occur are not run; the others can be run near their hits only.
 * Rules without keywords always run. A rule may ask for keywords at a word's edge only (its
 * `keywordEdge`): an occurrence inside a longer word is then no hit of that rule.
 */
export interface RuleHits {
  rule: number;
  /** Pairs (start, end) of keyword occurrences, in ascending order of `end`; null for keyword-less rules. */
  hits: number[] | null;
}

export interface Prefilter {
  /** The rules worth running on this text, in rule order, each with where its keywords occur. */
  scan(text: string): RuleHits[];
}

/** The first few KB of a run are tested keyword by keyword: a one-file commit never builds the automaton. */
const PRESENCE_BUDGET = 16 * 1024;

export type KeywordEdge = 'start' | 'end' | undefined;

/** Bits of presence()'s bitmap of three-character pieces. */
const GRAM_BITS = 1 << 16;
function gramHash(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) >>> 16;
}

/** An ASCII letter or digit. */
function isWordChar(c: number): boolean {
  const l = c | 32;
  return (c >= 48 && c <= 57) || (l >= 97 && l <= 122);
}

/**
 * Whether the occurrence [start, end) of a keyword stands at the word edge a rule asked for. At the
 * start, a letter after a backslash is an escape's (`\nghp_…` in a JSON string), no word.
 */
function atEdge(text: string, start: number, end: number, edge: 'start' | 'end'): boolean {
  if (edge === 'end') return end >= text.length || !isWordChar(text.charCodeAt(end));
  return start === 0 || !isWordChar(text.charCodeAt(start - 1)) || (start >= 2 && text.charCodeAt(start - 2) === 92);
}

export function buildPrefilter(keywordsPerRule: string[][], edgePerRule: KeywordEdge[] = []): Prefilter {
  const keywordIds = new Map<string, number>();
  const rulesOfKeyword: number[][] = [];
  const always: number[] = [];
  keywordsPerRule.forEach((keywords, rule) => {
    // An empty keyword occurs in every text (a custom rule may list one): such a rule runs on all.
    if (keywords.length === 0 || keywords.includes('')) {
      always.push(rule);
      return;
    }
    for (const raw of keywords) {
      const kw = raw.toLowerCase();
      let id = keywordIds.get(kw);
      if (id === undefined) {
        id = keywordIds.size;
        keywordIds.set(kw, id);
        rulesOfKeyword.push([]);
      }
      if (!rulesOfKeyword[id].includes(rule)) rulesOfKeyword[id].push(rule);
    }
  });
  const keywords = [...keywordIds.keys()];
  const ruleCount = keywordsPerRule.length;
  // Per keyword, its rules by the edge they ask for: a hit's edge is tested once per keyword, not per rule.
  const rulesAt = (edge: KeywordEdge) => rulesOfKeyword.map((rules) => rules.filter((r) => edgePerRule[r] === edge));
  const plainRules = rulesAt(undefined);
  const startRules = rulesAt('start');
  const endRules = rulesAt('end');
  /** Hands an occurrence [start, end) of keyword `id` to `add`, for each of its rules whose edge it stands at. */
  const forRules = (id: number, text: string, start: number, end: number, add: (rules: number[], start: number, end: number) => void) => {
    add(plainRules[id], start, end);
    if (startRules[id].length > 0 && atEdge(text, start, end, 'start')) add(startRules[id], start, end);
    if (endRules[id].length > 0 && atEdge(text, start, end, 'end')) add(endRules[id], start, end);
  };
  // Each keyword's three-character pieces, hashed as presence() hashes the text's.
  const gramsOf = keywords.map((kw) => {
    const out: number[] = [];
    for (let i = 0; i + 3 <= kw.length; i++) out.push(gramHash(kw.charCodeAt(i), kw.charCodeAt(i + 1), kw.charCodeAt(i + 2)));
    return out;
  });
  const textGrams = new Uint32Array(GRAM_BITS / 32);

  let automaton: ((text: string) => RuleHits[]) | undefined;
  // Reading keyword by keyword costs more per character than the automaton (20 ms for a 200 KB
  // commit, where building the automaton costs 8): worth it only until a few KB were read.
  let presenceBudget = PRESENCE_BUDGET;
  return {
    scan(text) {
      if (automaton === undefined && text.length <= presenceBudget) {
        presenceBudget -= text.length;
        return presence(text);
      }
      automaton ??= buildAutomaton();
      // Hits go to the rule matcher even for small texts: it searches the whole text itself when
      // windows would cover most of it, and a slow expression near two hits in a 20 KB file
      // should not read all 20 KB.
      return automaton(text);
    },
  };

  /**
   * The same answer as the automaton's, keyword by keyword on the lower-cased (small) text: each
   * rule gets its hits, so its lead, word edges and keyword check apply in a small commit too. Where
   * lower-casing changed the text's length (`İ` grows), offsets are not the text's: those rules run
   * over the whole text (null hits).
   */
  function presence(text: string): RuleHits[] {
    const lower = text.toLowerCase();
    const exact = lower.length === text.length;
    // Which three-character pieces the text holds (a bitmap of their hashes), in one pass: a keyword
    // with a piece the text lacks is not in it, and is not searched for (most of 1,700 are not).
    textGrams.fill(0);
    for (let i = 0, a = 0, b = lower.charCodeAt(0); i + 2 < lower.length; i++) {
      a = b;
      b = lower.charCodeAt(i + 1);
      const h = gramHash(a, b, lower.charCodeAt(i + 2));
      textGrams[h >>> 5] |= 1 << (h & 31);
    }
    const found = new Map<number, number[] | null>();
    const dense = Math.max(256, text.length >> 4);
    const add = (rules: number[], start: number, end: number) => {
      for (const rule of rules) {
        const hits = found.get(rule);
        if (hits === null) continue;
        if (hits === undefined) found.set(rule, [start, end]);
        else hits.push(start, end);
      }
    };
    for (const [kw, id] of keywordIds) {
      const grams = gramsOf[id];
      let held = true;
      for (let g = 0; g < grams.length && held; g++) held = (textGrams[grams[g] >>> 5] & (1 << (grams[g] & 31))) !== 0;
      if (!held) continue;
      let at = lower.indexOf(kw);
      if (at === -1) continue;
      if (!exact) {
        for (const rule of rulesOfKeyword[id]) found.set(rule, null);
        continue;
      }
      for (; at !== -1; at = lower.indexOf(kw, at + 1)) forRules(id, text, at, at + kw.length, add);
    }
    const out: RuleHits[] = [];
    for (const [rule, hits] of found) {
      if (hits !== null && hits.length > 2) {
        // In ascending order of their ends, as the automaton gives them (keywords were read one by one).
        const pairs: [number, number][] = [];
        for (let i = 0; i < hits.length; i += 2) pairs.push([hits[i], hits[i + 1]]);
        pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
        hits.length = 0;
        for (const [s, e] of pairs) hits.push(s, e);
      }
      out.push({ rule, hits: hits !== null && hits.length > dense ? null : hits });
    }
    for (const rule of always) out.push({ rule, hits: null });
    return out.sort((a, b) => a.rule - b.rule);
  }

  /** Built on the first big text: a one-file commit never pays for it. */
  function buildAutomaton(): (text: string) => RuleHits[] {
    // Character classes: each character a keyword uses gets one (upper-case ASCII shares its
    // lower-case letter's); every other character is class 0 and sends the automaton home.
    const classOf = new Uint16Array(0x10000);
    let classes = 1;
    for (const kw of keywords) {
      for (let i = 0; i < kw.length; i++) {
        const ch = kw[i]; // code units: the text is read by code units too
        const code = ch.charCodeAt(0);
        if (classOf[code] !== 0) continue;
        classOf[code] = classes;
        const upper = ch.toUpperCase();
        // Not across ASCII: `ı` and `ſ` upper-case to `I` and `S`, which would then stand for them
        // alone and be lost to every ASCII keyword (nor does a rule's `i` flag fold them together).
        if (upper.length === 1 && upper !== ch && (code < 128 || upper.charCodeAt(0) >= 128)) classOf[upper.charCodeAt(0)] = classes;
        classes++;
      }
    }

    // The trie (edges in a flat table, -1 = none), then failure links in breadth-first order.
    // Only built for a text over PRESENCE_BUDGET: a one-file commit never pays for it.
    let states = 1;
    for (const kw of keywords) states += kw.length;
    const goto = new Int32Array(states * classes).fill(-1);
    const children: number[][] = [[]];
    const outputs: number[][] = [[]];
    let used = 1;
    // Inserted a character position at a time, all keywords together: states are numbered by depth,
    // so the shallow ones, where the scan spends most of its steps, sit together at the table's head
    // (in a few hundred KB that stay cached, not spread over the whole table's 1.7 MB).
    const at = new Int32Array(keywords.length);
    const longest = Math.max(0, ...keywords.map((k) => k.length));
    for (let i = 0; i < longest; i++) {
      for (let id = 0; id < keywords.length; id++) {
        const kw = keywords[id];
        if (i >= kw.length) continue;
        const state = at[id];
        const cls = classOf[kw.charCodeAt(i)];
        let t = goto[state * classes + cls];
        if (t === -1) {
          t = used++;
          goto[state * classes + cls] = t;
          children[state].push(cls, t);
          children.push([]);
          outputs.push([]);
        }
        at[id] = t;
        if (i === kw.length - 1) outputs[t].push(id);
      }
    }
    // next[s * classes + c] = (next state) * classes, negated when keywords end there (the hot loop
    // tests the sign only). Filled whole, breadth first: a state's row is its failure state's row
    // (shallower, so done), copied, with its own edges on top; a child's failure state is where its
    // parent's failure state goes on the same character. It runs once per process, mostly unoptimised:
    // copying rows, not filling each entry, keeps it to the states and edges.
    const next = new Int32Array(used * classes);
    const fail = new Int32Array(used);
    const queue: number[] = [0];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      const row = s * classes;
      if (s !== 0) next.copyWithin(row, fail[s] * classes, fail[s] * classes + classes);
      const kids = children[s];
      for (let k = 0; k < kids.length; k += 2) {
        const c = kids[k];
        const t = kids[k + 1];
        fail[t] = s === 0 ? 0 : Math.abs(next[fail[s] * classes + c]) / classes;
        for (const id of outputs[fail[t]]) if (!outputs[t].includes(id)) outputs[t].push(id);
        next[row + c] = outputs[t].length > 0 ? -t * classes : t * classes;
        queue.push(t);
      }
    }
    // Byte -> class for the loop over bytes: a small table stays in the fastest cache.
    const classOfByte = new Uint8Array(256);
    if (classes <= 256) for (let b = 0; b < 256; b++) classOfByte[b] = classOf[b];
    const keywordLength = keywords.map((k) => k.length);
    const asciiKeywords = keywords.every((k) => /^[\x00-\x7f]*$/.test(k));

    const maxKeywordLength = Math.max(1, ...keywordLength);
    /** Where keywords end, per cursor: (row, end) pairs, in order of `end`. */
    const events = [new Events(), new Events(), new Events(), new Events()];

    /** The automaton from `row` over bytes [from, to), keeping the hits that end after `keepAfter`. */
    function walk(bytes: Uint8Array, row: number, from: number, to: number, keepAfter: number, out: Events): void {
      for (let i = from; i < to; i++) {
        const v = next[row + classOfByte[bytes[i]]];
        if (v >= 0) {
          row = v;
          continue;
        }
        row = -v;
        if (i + 1 > keepAfter) out.push(row, i + 1);
      }
    }

    /**
     * Four cursors through the text at once, one per quarter. Each step reads the table at a place
     * the step before gave, so one cursor mostly waits on memory; four independent ones wait together
     * (the keyword scan of the 60 MB commit: 195 -> 146 ms). A cursor starts from the root one keyword
     * length before its quarter, so it sees every keyword ending in it, and keeps only those.
     */
    function walkFour(bytes: Uint8Array, len: number, quarter: number): void {
      const back = maxKeywordLength - 1;
      const [e0, e1, e2, e3] = events;
      const s1 = quarter - back;
      const s2 = 2 * quarter - back;
      const s3 = 3 * quarter - back;
      let r0 = 0;
      let r1 = 0;
      let r2 = 0;
      let r3 = 0;
      for (let k = 0; k < quarter; k++) {
        const v0 = next[r0 + classOfByte[bytes[k]]];
        const v1 = next[r1 + classOfByte[bytes[s1 + k]]];
        const v2 = next[r2 + classOfByte[bytes[s2 + k]]];
        const v3 = next[r3 + classOfByte[bytes[s3 + k]]];
        if (v0 >= 0) r0 = v0;
        else {
          r0 = -v0;
          e0.push(r0, k + 1);
        }
        if (v1 >= 0) r1 = v1;
        else {
          r1 = -v1;
          if (s1 + k >= quarter) e1.push(r1, s1 + k + 1);
        }
        if (v2 >= 0) r2 = v2;
        else {
          r2 = -v2;
          if (s2 + k >= 2 * quarter) e2.push(r2, s2 + k + 1);
        }
        if (v3 >= 0) r3 = v3;
        else {
          r3 = -v3;
          if (s3 + k >= 3 * quarter) e3.push(r3, s3 + k + 1);
        }
      }
      // Cursors 1-3 are `back` short of their quarter's end; the last one goes on to the text's.
      walk(bytes, r1, s1 + quarter, 2 * quarter, quarter, e1);
      walk(bytes, r2, s2 + quarter, 3 * quarter, 2 * quarter, e2);
      walk(bytes, r3, s3 + quarter, len, 3 * quarter, e3);
    }

    // Per rule, this text's hits; kept between texts and cleared where `touched` says, so a text
    // costs its hits, not the rule count.
    const perRule: (number[] | null | undefined)[] = new Array(ruleCount).fill(undefined);
    const touched: number[] = [];

    // Named, so a CPU profile says where the keyword scan's time went.
    function scanText(text: string): RuleHits[] {
      for (const rule of touched) perRule[rule] = undefined;
      touched.length = 0;
      // A rule whose keywords occur more often than this runs over the whole text (null hits):
      // windows would cover it all anyway, and keeping every hit of `.` costs more.
      const dense = Math.max(256, text.length >> 4);
      const add = (rules: number[], start: number, end: number) => {
        for (const rule of rules) {
          let hits = perRule[rule];
          if (hits === null) continue;
          if (hits === undefined) {
            perRule[rule] = hits = [];
            touched.push(rule);
          }
          hits.push(start, end);
          if (hits.length > dense) perRule[rule] = null;
        }
      };
      const record = (state: number, end: number) => {
        for (const id of outputs[state]) forRules(id, text, end - keywordLength[id], end, add);
      };
      const len = text.length;
      if (asciiKeywords && classes <= 256 && len >= 512) {
        // Bytes index faster than a string's characters, enough to pay for the copy from 512 characters
        // on (in-process scan of the 60 MB commit: 217 -> 197 ms with 4096 as the bound, no gain below).
        // Latin-1 keeps one byte per character, so offsets stay the same; a character above U+00FF
        // becomes some byte, which can only add hits.
        const bytes = Buffer.from(text, 'latin1');
        for (const ev of events) ev.n = 0;
        const quarter = len >> 2;
        if (quarter < 4 * maxKeywordLength) {
          walk(bytes, 0, 0, len, 0, events[0]);
        } else {
          walkFour(bytes, len, quarter);
        }
        for (const ev of events) {
          for (let e = 0; e < ev.n; e += 2) record(ev.data[e] / classes, ev.data[e + 1]);
        }
      } else {
        let row = 0;
        for (let i = 0; i < len; i++) {
          const v = next[row + classOf[text.charCodeAt(i)]];
          if (v >= 0) {
            row = v;
            continue;
          }
          row = -v;
          record(row / classes, i + 1);
        }
      }
      const out: RuleHits[] = touched.map((rule) => ({ rule, hits: perRule[rule]! }));
      for (const rule of always) out.push({ rule, hits: null });
      return out.sort((a, b) => a.rule - b.rule);
    }
    return scanText;
  }
}

/** (row, end) pairs of keyword hits, in a buffer that grows and is kept for the next text. */
class Events {
  data = new Int32Array(1024);
  n = 0;
  push(row: number, end: number): void {
    if (this.n + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.n++] = row;
    this.data[this.n++] = end;
  }
}
