/**
 * Keyword pre-filter: one pass over the text (an Aho-Corasick automaton, ASCII letters folded to
 * lower case, no lower-cased copy of the text) finds every place where a rule's keyword occurs.
 * Rules whose keywords do not occur are not run; the others can be run near their hits only.
 * Rules without keywords always run.
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

export function buildPrefilter(keywordsPerRule: string[][]): Prefilter {
  const keywordIds = new Map<string, number>();
  const rulesOfKeyword: number[][] = [];
  const always: number[] = [];
  keywordsPerRule.forEach((keywords, rule) => {
    if (keywords.length === 0) always.push(rule);
    for (const raw of keywords) {
      const kw = raw.toLowerCase();
      if (kw.length === 0) continue;
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
      if (upper.length === 1 && upper !== ch) classOf[upper.charCodeAt(0)] = classes;
      classes++;
    }
  }

  // The trie, then failure links by breadth-first order, folded into a full transition table.
  const trie: number[][] = [new Array(classes).fill(-1)];
  const outputs: number[][] = [[]];
  for (const [kw, id] of keywordIds) {
    let state = 0;
    for (let i = 0; i < kw.length; i++) {
      const cls = classOf[kw.charCodeAt(i)];
      if (trie[state][cls] === -1) {
        trie[state][cls] = trie.length;
        trie.push(new Array(classes).fill(-1));
        outputs.push([]);
      }
      state = trie[state][cls];
    }
    outputs[state].push(id);
  }
  const states = trie.length;
  const next = new Int32Array(states * classes); // next[s * classes + c] = (next state) * classes
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let c = 0; c < classes; c++) {
    const t = trie[0][c];
    if (t > 0 && c !== 0) {
      fail[t] = 0;
      queue.push(t);
      next[c] = t * classes;
    } else next[c] = 0;
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    outputs[s].push(...outputs[fail[s]].filter((id) => !outputs[s].includes(id)));
    for (let c = 0; c < classes; c++) {
      const t = trie[s][c];
      if (t > 0 && c !== 0) {
        fail[t] = next[fail[s] * classes + c] / classes;
        queue.push(t);
        next[s * classes + c] = t * classes;
      } else next[s * classes + c] = next[fail[s] * classes + c];
    }
  }
  // A state with keywords ending in it is stored negated, so the hot loop tests the sign only.
  for (let i = 0; i < next.length; i++) if (next[i] > 0 && outputs[next[i] / classes].length > 0) next[i] = -next[i];
  const keywordLength = keywords.map((k) => k.length);

  return {
    scan(text) {
      const perRule: (number[] | undefined)[] = new Array(ruleCount);
      const len = text.length;
      let row = 0;
      for (let i = 0; i < len; i++) {
        row = next[row + classOf[text.charCodeAt(i)]];
        if (row >= 0) continue;
        row = -row;
        for (const id of outputs[row / classes]) {
          const end = i + 1;
          const start = end - keywordLength[id];
          for (const rule of rulesOfKeyword[id]) (perRule[rule] ??= []).push(start, end);
        }
      }
      const out: RuleHits[] = [];
      for (let rule = 0; rule < ruleCount; rule++) {
        const hits = perRule[rule];
        if (hits) out.push({ rule, hits });
      }
      if (always.length > 0) {
        for (const rule of always) out.push({ rule, hits: null });
        out.sort((a, b) => a.rule - b.rule);
      }
      return out;
    },
  };
}
