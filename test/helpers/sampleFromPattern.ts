/**
 * Draws a random string from a small regular-expression subset — the one the provider catalogue
 * writes key formats in: literals and `\.`-style escapes, classes with ranges (`[a-z0-9_-]`),
 * groups `(?:…|…)`, and the quantifiers `{n}`, `{n,m}`, `?`. Lets a test generate a key from the
 * rule's own format at run time instead of storing one in the repository.
 *
 * Lookaheads `(?=…)` are skipped: the caller tests the result against the real expression.
 *
 * `shortest` takes every quantifier at its minimum and every group's first branch: the smallest key
 * the format allows, which a test shortens by one character to get a near miss.
 */
type Rand = (alphabet: string, n: number) => string;

interface Options {
  rnd: Rand;
  shortest?: boolean;
  /** Classes holding `a-z` also draw `A-Z`: keys matched case-insensitively look like real ones. */
  mixedCase?: boolean;
}

export function sampleFromPattern(source: string, options: Options): string {
  let i = 0;
  const { rnd } = options;

  function pick(n: number): number {
    // A number in [0, n) from the seeded generator.
    return '0123456789abcdefghijklmnopqrstuvwxyz'.indexOf(rnd('0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, Math.min(n, 36)), 1));
  }

  function alternatives(): string {
    const branches: string[] = [];
    let current = '';
    while (i < source.length && source[i] !== ')') {
      if (source[i] === '|') {
        branches.push(current);
        current = '';
        i++;
        continue;
      }
      current += quantified();
    }
    branches.push(current);
    if (options.shortest) return branches[0];
    return branches[pick(branches.length)];
  }

  /** One atom, as a generator (called once per repetition). */
  function atom(): () => string {
    const ch = source[i];
    if (ch === '(') {
      if (source.startsWith('(?=', i)) {
        // A lookahead constrains, it adds nothing: skipped (the caller draws again if it fails).
        i += 3;
        alternatives();
        i++;
        return () => '';
      }
      if (source.startsWith('(?:', i)) i += 3;
      else throw new Error(`unsupported group at ${i} in ${source}`);
      const start = i;
      // Parse once to find the end, re-parse per repetition for fresh randomness.
      alternatives();
      const end = i;
      i++; // ')'
      return () => {
        const saved = i;
        i = start;
        const out = alternatives();
        if (i !== end) throw new Error('group parse mismatch');
        i = saved;
        return out;
      };
    }
    if (ch === '[') {
      i++;
      let chars = '';
      while (source[i] !== ']') {
        let c = source[i++];
        if (c === '\\') c = source[i++];
        if (source[i] === '-' && source[i + 1] !== ']') {
          const to = source[i + 1] === '\\' ? source[i + 2] : source[i + 1];
          i += source[i + 1] === '\\' ? 3 : 2;
          for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) chars += String.fromCharCode(k);
        } else chars += c;
      }
      i++;
      if (options.mixedCase && chars.includes('z') && chars.includes('a') && !chars.includes('Z')) chars += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const set = chars;
      return () => rnd(set, 1);
    }
    if (ch === '\\') {
      const c = source[i + 1];
      i += 2;
      if (c === 'd') return () => rnd('0123456789', 1);
      if (c === 'w') return () => rnd('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_', 1);
      return () => c;
    }
    i++;
    return () => ch;
  }

  function quantified(): string {
    const gen = atom();
    let min = 1;
    let max = 1;
    if (source[i] === '?') {
      min = 0;
      i++;
    } else if (source[i] === '{') {
      const close = source.indexOf('}', i);
      const [a, b] = source.slice(i + 1, close).split(',');
      min = Number(a);
      max = b === undefined ? min : Number(b);
      i = close + 1;
    }
    const n = options.shortest ? min : min + pick(max - min + 1 > 36 ? 36 : max - min + 1);
    let out = '';
    for (let k = 0; k < Math.min(n, max); k++) out += gen();
    return out;
  }

  const out = alternatives();
  if (i !== source.length) throw new Error(`unsupported pattern at ${i}: ${source}`);
  return out;
}
