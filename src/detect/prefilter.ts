/**
 * Keyword pre-filter: one pass over the lower-cased text tells which rules can match at all,
 * so most text meets no rule's expression. Rules without keywords always run.
 */
export interface Prefilter {
  /** Indexes of the rules worth running on this (lower-cased) text. */
  candidates(lowerText: string): number[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function buildPrefilter(keywordsPerRule: string[][]): Prefilter {
  const rulesByKeyword = new Map<string, number[]>();
  const always: number[] = [];
  keywordsPerRule.forEach((keywords, index) => {
    if (keywords.length === 0) always.push(index);
    for (const kw of keywords) {
      const list = rulesByKeyword.get(kw) ?? [];
      list.push(index);
      rulesByKeyword.set(kw, list);
    }
  });
  const keywords = [...rulesByKeyword.keys()].sort((a, b) => b.length - a.length);
  if (keywords.length === 0) return { candidates: () => always.slice() };
  // The alternation reports one keyword per position (the longest, listed first); the keywords
  // inside it are present too, so a hit marks them as well.
  const implied = new Map<string, string[]>();
  for (const kw of keywords) implied.set(kw, keywords.filter((other) => kw.includes(other)));
  const scanner = new RegExp(keywords.map(escapeRegExp).join('|'), 'g');

  return {
    candidates(lowerText) {
      const seen = new Set<string>();
      const picked = new Set<number>(always);
      scanner.lastIndex = 0;
      for (let m = scanner.exec(lowerText); m !== null; m = scanner.exec(lowerText)) {
        // Step one character, not past the match: keywords may overlap ("abc" in "xabcd" after "xab").
        scanner.lastIndex = m.index + 1;
        if (seen.has(m[0])) continue;
        for (const kw of implied.get(m[0])!) {
          if (seen.has(kw)) continue;
          seen.add(kw);
          for (const i of rulesByKeyword.get(kw)!) picked.add(i);
        }
        if (seen.size === keywords.length) break;
      }
      return [...picked].sort((a, b) => a - b);
    },
  };
}
