import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { CHUNK_CHARS, OVERLAP_CHARS, utf8PieceCutter, wholeFileFragments } from '../src/judge/toFragments.js';
import type { Fragment } from '../src/detect/fragment.js';

afterAll(cleanupRepos);

/**
 * One piece cutter for every big text: a blob git hands over (its length known, lines kept whole)
 * and what `scan --no-git` / `scan -` read (length known only at the end, a line over 4 MiB cut
 * by force). The pieces must not depend on how the bytes arrive.
 */
const MiB = 1 << 20;
const FORCE = 4 * MiB;

function cut(bytes: Buffer, step: number, known: boolean, forceCutAt?: number): Fragment[] {
  const got: Fragment[] = [];
  const cutter = utf8PieceCutter('f', known ? bytes.length : undefined, undefined, (f) => got.push(f), { forceCutAt });
  for (let at = 0; at < bytes.length; at += step) cutter.write(bytes.subarray(at, at + step));
  cutter.end();
  return got;
}

const shape = (fs: Fragment[]) => fs.map((f) => [f.text, f.firstLine, f.firstColumn ?? 0, f.ownTo]);

describe('the piece cutter', () => {
  it('a length known only at the end cuts the same pieces as a known one', () => {
    let x = 7;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x % n);
    const lines: string[] = [];
    for (let n = 0; n < 3 * CHUNK_CHARS + 5; ) {
      const len = rnd(40) === 0 ? CHUNK_CHARS + rnd(OVERLAP_CHARS * 2) : rnd(300);
      lines.push('y'.repeat(len) + '\n'); // ASCII: bytes and characters agree, as wholeFileFragments counts
      n += len + 1;
    }
    const text = lines.join('');
    const bytes = Buffer.from(text);
    const whole = wholeFileFragments('f', text).map((f) => [f.text, f.firstLine, 0, f.ownTo]);
    for (const step of [65_536, 1_000_003]) {
      expect(shape(cut(bytes, step, true))).toEqual(whole);
      expect(shape(cut(bytes, step, false))).toEqual(whole);
    }
    // Exactly one piece's worth: one piece, known length or not.
    const one = Buffer.alloc(CHUNK_CHARS, 'a');
    expect(cut(one, 65_536, false).length).toBe(1);
  });

  it('with forceCutAt, a 10 MiB line is cut in pieces of at most 4 MiB at character boundaries, overlapping by 64 KiB, however the bytes arrive', () => {
    const text = 'naïve;'.repeat(Math.ceil((10 * MiB) / 7));
    const bytes = Buffer.from(text);
    const pieces = cut(bytes, 1 << 20, false, FORCE);
    expect(pieces.length).toBe(3);
    let at = 0;
    for (const p of pieces) {
      expect(Buffer.byteLength(p.text)).toBeLessThanOrEqual(FORCE);
      expect(p.firstLine).toBe(1);
      // Each piece begins where the previous one's own part ended: the line's column carries on.
      expect(p.firstColumn ?? 0).toBe(at);
      expect(text.slice(at, at + p.text.length)).toBe(p.text);
      if (p !== pieces[pieces.length - 1]) expect(p.text.length - p.ownTo!).toBeGreaterThanOrEqual(OVERLAP_CHARS / 2);
      at += p.ownTo!;
    }
    expect(at).toBe(text.length);
    for (const step of [4096, 65_536, 3_333_333, bytes.length]) {
      expect(shape(cut(bytes, step, false, FORCE))).toEqual(shape(pieces));
      expect(shape(cut(bytes, step, true, FORCE))).toEqual(shape(pieces));
    }
  });

  it('refuses a forced cut no longer than a piece (the overlap would not fit)', () => {
    expect(() => utf8PieceCutter('f', undefined, undefined, () => {}, { forceCutAt: CHUNK_CHARS })).toThrow(/forceCutAt/);
  });
});

describe('scan --no-git and scan - on a one-line file of 10 MiB', () => {
  it('find each key once, with the column it has on the line, at and around the forced cuts, the same from a file and from standard input', () => {
    const repo = makeRepo();
    const planted: number[] = [];
    let text = '';
    const filler = (to: number) => {
      while (text.length < to) text += 'var a=1;';
    };
    for (const at of [FORCE - OVERLAP_CHARS - 30, FORCE - OVERLAP_CHARS + 3, FORCE - 20, 2 * FORCE - 2 * OVERLAP_CHARS - 10, 9 * MiB]) {
      filler(at);
      text += ' k="';
      planted.push(text.length + 1);
      text += keys.github() + '";';
    }
    filler(10 * MiB);
    repo.write('bundle.min.js', text);
    const found = (out: string) => JSON.parse(out).findings.map((f: { line: number; column: number }) => [f.line, f.column]);
    const file = repo.keyguard(['scan', '--no-git', 'bundle.min.js', '--format', 'json']);
    expect(file.code, file.stderr).toBe(1);
    expect(found(file.stdout)).toEqual(planted.map((c) => [1, c]));
    const stdin = repo.keyguard(['scan', '-', '--format', 'json'], { input: text });
    expect(stdin.code, stdin.stderr).toBe(1);
    expect(found(stdin.stdout)).toEqual(planted.map((c) => [1, c]));
  });
});
