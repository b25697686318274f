import { describe, expect, it } from 'vitest';
import { compileLinear, UnsupportedExpression } from '../src/config/linearRegex.js';

/**
 * The engine that runs a repository's own expressions must give the matches JavaScript's engine
 * gives (leftmost-first, greedy and lazy) while never backtracking. Compared match by match with
 * the built-in engine on a fixed list of expressions and on random texts over a small alphabet
 * (where alternatives collide most).
 */
const PATTERNS: [string, string][] = [
  ['acme_[A-Za-z0-9]{8}', ''],
  ['(?<secret>[a-f0-9]{4,6})x', ''],
  ['a+b', ''],
  ['a*?b', ''],
  ['(a|ab)(c|bcd)(d*)', ''],
  ['(?:a|b)+?c', ''],
  ['\\bab\\b', ''],
  ['\\Bb', ''],
  ['^ab', 'm'],
  ['b$', 'm'],
  ['^a.c$', ''],
  ['a.c', 's'],
  ['[^a-c]+', ''],
  ['[\\w-]+', ''],
  ['ABC', 'i'],
  ['[a-c]{2}', 'i'],
  ['(?<=x)ab', ''],
  ['(?<!x)ab', ''],
  ['ab(?=c)', ''],
  ['ab(?!c)', ''],
  ['(?<=token\\s?[:=]\\s?)[a-z0-9]{3,5}', ''],
  ['x(a+)+$', ''],
  ['(a|a)*b', ''],
  ['(a*)*b', ''],
  ['\\d+\\d+\\d+x', ''],
  ['a{2,3}?', ''],
  ['(?:ab|a)(?:bc|c)?', ''],
  ['\\x61\\u0062\\t?', ''],
  ['[\\d\\s]+', ''],
  ['a|', ''],
  ['(?<secret>b*)', ''],
];

function nativeAll(source: string, flags: string, text: string): [number, number][] {
  const re = new RegExp(source, flags + 'g');
  const out: [number, number][] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function linearAll(source: string, flags: string, text: string): [number, number][] {
  const re = compileLinear(source, flags);
  const out: [number, number][] = [];
  let from = 0;
  while (from <= text.length) {
    const m = re.exec(text, from);
    if (!m) break;
    out.push([m.start, m.end]);
    from = m.end === m.start ? m.end + 1 : m.end;
  }
  return out;
}

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('the linear engine finds what the built-in engine finds', () => {
  const rnd = random(7);
  const alphabet = 'aabbcdx_ -\nABtoken:=019';
  const texts = ['', 'ab', 'abc abcd', 'acme_AbCd1234 acme_short', 'token: abc12 token=zz', 'xab ab abc', 'aaaaab', 'x\nab\nb'];
  for (let i = 0; i < 60; i++) {
    let t = '';
    const n = Math.floor(rnd() * 30);
    for (let j = 0; j < n; j++) t += alphabet[Math.floor(rnd() * alphabet.length)];
    texts.push(t);
  }
  it.each(PATTERNS)('/%s/%s', (source, flags) => {
    for (const text of texts) expect(linearAll(source, flags, text), JSON.stringify(text)).toEqual(nativeAll(source, flags, text));
  });

  it('captures the group named secret as the built-in engine does', () => {
    const re = compileLinear('key=(?<secret>[a-z]+)(?:;|$)');
    const text = 'x key=abc; key=de';
    const native = /key=(?<secret>[a-z]+)(?:;|$)/d.exec(text)!;
    const m = re.exec(text)!;
    expect([m.secretStart, m.secretEnd]).toEqual(native.indices!.groups!.secret);
  });
});

describe('it refuses what cannot run in linear time', () => {
  it.each([
    ['(a)\\1', 'back-reference'],
    ['(?<n>a)\\k<n>', 'back-reference'],
    ['(?<=a+)b', 'unbounded'],
    ['(?=.*x)b', 'unbounded'],
    ['(?:(?=[a-z]{200})x){1000}', 'read too much'],
    ['a{1001}', 'above 1000'],
    ['(?:a{1000}){1000}', 'more than 5000'],
    ['\\p{L}', 'Unicode property'],
  ])('%s', (source, why) => {
    expect(() => compileLinear(source, source.includes('\\p') ? 'u' : '')).toThrow(UnsupportedExpression);
    try {
      compileLinear(source);
    } catch (e) {
      expect((e as Error).message).toContain(why);
    }
  });
});

describe('bounded time on the inputs that hang a backtracking engine', () => {
  it.each([
    ['x(a+)+$', 'x' + 'a'.repeat(29) + '!'],
    ['x(a+)+$', 'x' + 'a'.repeat(10_000) + '!'],
    ['(a|a)*b', 'a'.repeat(10_000)],
    ['\\d+\\d+\\d+x', '1'.repeat(10_000)],
    ['[a-z]+[a-z]+=', 'a'.repeat(100_000)],
  ])('/%s/ on %#', (source, text) => {
    const started = performance.now();
    expect(compileLinear(source).test(text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
