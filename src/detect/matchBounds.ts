/**
 * How far a rule's match can reach, read from its expression: the longest match (in UTF-16 code
 * units) and how far lookarounds and `\b` look past the match. With these bounds, a rule whose
 * every match holds one of its keywords only needs the text around the keyword hits, and gives
 * exactly the matches a scan of the whole text gives. Null when no bound is known (`*`, `+`,
 * `{n,}`, back-references, `^`/`$`, the `v` flag): such a rule scans the whole text.
 */
export interface MatchBounds {
  maxLength: number;
  /** Characters on either side of a match that the expression may inspect without consuming. */
  margin: number;
}

interface Part {
  max: number;
  margin: number;
}

class Unbounded extends Error {}

export function matchBounds(re: RegExp): MatchBounds | null {
  if (re.flags.includes('v')) return null;
  const unicode = re.flags.includes('u');
  const width = unicode ? 2 : 1; // one code point may be two code units
  const src = re.source;
  let pos = 0;

  function alternation(): Part {
    let best = sequence();
    while (src[pos] === '|') {
      pos++;
      const next = sequence();
      best = { max: Math.max(best.max, next.max), margin: Math.max(best.margin, next.margin) };
    }
    return best;
  }

  function sequence(): Part {
    let max = 0;
    let margin = 0;
    while (pos < src.length && src[pos] !== '|' && src[pos] !== ')') {
      const a = atom();
      const times = quantifier();
      max += a.max * times;
      margin = Math.max(margin, a.margin);
    }
    return { max, margin };
  }

  function atom(): Part {
    const c = src[pos];
    if (c === '(') return group();
    if (c === '[') return charClass();
    if (c === '\\') return escape();
    if (c === '^' || c === '$') throw new Unbounded(); // an anchor means something else in a window
    pos++;
    if (c === '.') return { max: width, margin: 0 };
    const code = c.charCodeAt(0);
    if (unicode && code >= 0xd800 && code <= 0xdbff && pos < src.length) {
      pos++;
      return { max: 2, margin: 0 };
    }
    return { max: 1, margin: 0 };
  }

  function group(): Part {
    pos++; // (
    let look = false;
    if (src[pos] === '?') {
      const head = src.slice(pos, pos + 3);
      if (head.startsWith('?:')) pos += 2;
      else if (head.startsWith('?=') || head.startsWith('?!')) {
        look = true;
        pos += 2;
      } else if (head === '?<=' || head === '?<!') {
        look = true;
        pos += 3;
      } else if (head.startsWith('?<')) {
        const close = src.indexOf('>', pos);
        if (close === -1) throw new Unbounded();
        pos = close + 1;
      } else throw new Unbounded(); // modifiers or syntax this reader does not know
    }
    const inner = alternation();
    if (src[pos] !== ')') throw new Unbounded();
    pos++;
    // A lookaround consumes nothing but reads up to its own reach beyond where it stands.
    return look ? { max: 0, margin: inner.max + inner.margin } : inner;
  }

  function charClass(): Part {
    pos++; // [
    if (src[pos] === '^') pos++;
    if (src[pos] === ']') pos++; // `[]` matches nothing and `[^]` anything; either way one character at most
    while (pos < src.length && src[pos] !== ']') pos += src[pos] === '\\' ? 2 : 1;
    if (src[pos] !== ']') throw new Unbounded();
    pos++;
    return { max: width, margin: 0 };
  }

  function escape(): Part {
    const c = src[pos + 1];
    pos += 2;
    if (c === undefined) throw new Unbounded();
    if (c === 'b' || c === 'B') return { max: 0, margin: 1 };
    if (/[1-9]/.test(c) || c === 'k') throw new Unbounded(); // a back-reference repeats an earlier group
    if (c === 'u' && src[pos] === '{') {
      pos = src.indexOf('}', pos) + 1;
      if (pos === 0) throw new Unbounded();
      return { max: width, margin: 0 };
    }
    if ((c === 'p' || c === 'P') && src[pos] === '{') {
      pos = src.indexOf('}', pos) + 1;
      if (pos === 0) throw new Unbounded();
      return { max: width, margin: 0 };
    }
    if (c === 'u') pos += 4;
    else if (c === 'x') pos += 2;
    else if (c === 'c') pos += 1;
    return { max: /[dDwWsS]/.test(c) ? width : 1, margin: 0 };
  }

  function quantifier(): number {
    const c = src[pos];
    let times = 1;
    if (c === '?') {
      pos++;
    } else if (c === '*' || c === '+') {
      throw new Unbounded();
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(pos, pos + 24));
      if (!m) return 1; // a literal brace
      if (m[2] !== undefined && m[3] === '') throw new Unbounded();
      times = Number(m[3] ?? m[1]);
      pos += m[0].length;
    } else return 1;
    if (src[pos] === '?') pos++; // lazy: the same bound
    return times;
  }

  try {
    const whole = alternation();
    if (pos !== src.length) return null;
    return { maxLength: whole.max, margin: whole.margin + 1 };
  } catch (e) {
    if (e instanceof Unbounded) return null;
    throw e;
  }
}
