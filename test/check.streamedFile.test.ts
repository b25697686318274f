import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, CLI } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { CHUNK_CHARS, OVERLAP_CHARS, utf8PieceCutter, wholeFileFragments } from '../src/judge/toFragments.js';
import type { Fragment } from '../src/detect/fragment.js';

afterAll(cleanupRepos);

const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const MiB = 1 << 20;

/** A line of exactly 100 bytes (with its newline), so offsets are line numbers times 100. */
const LINE = 100;
const line = (s: string) => s + ' '.repeat(LINE - 1 - Buffer.byteLength(s)) + '\n';
const ASCII_FILLER = line('export const label = "plain";');
/** With two-byte UTF-8 characters: offsets in bytes and in characters part ways. */
const UNICODE_FILLER = line('export const label = "naïve café ünïcode";');

/** Where the pieces of a text of 100-byte lines end (the cuts toFragments makes). */
function pieceEnds(length: number): number[] {
  const ends: number[] = [];
  for (let start = 0; start + CHUNK_CHARS < length; ) {
    const end = Math.floor((start + CHUNK_CHARS) / LINE) * LINE;
    ends.push(end);
    start = Math.floor((end - OVERLAP_CHARS) / LINE) * LINE;
  }
  return ends;
}

describe('a 52 MB staged file, judged while git hands it over', () => {
  it('finds keys at the start, on the line of the first cut, in the middle and at the end, and a PEM key across a piece end, in bounded memory', () => {
    const repo = makeRepo();
    const size = 52 * MiB;
    const start = keys.github();
    const atCut = keys.aws();
    const middle = keys.openai();
    const end = keys.stripe();
    const key = pem();
    const lines: string[] = [];
    const expected: [string, number, number][] = [];
    const fillTo = (at: number, filler: string) => {
      while (lines.length * LINE < at) lines.push(filler);
    };
    expected.push(['github-token', 1, 13]);
    lines.push(line(`const gh = "${start}";`));
    // The line holding byte 1 MiB, the key across it: the first piece ends at this line's start.
    fillTo(Math.floor(MiB / LINE) * LINE, ASCII_FILLER);
    const pad = ' '.repeat(MiB % LINE - 12);
    expected.push(['aws-access-key-id', lines.length + 1, pad.length + 12]);
    lines.push(line(`const k = ${pad}"${atCut}";`));
    // A PEM key beginning 600 bytes before a piece ends: its BEGIN line is in that piece, its END
    // line only in the next (which starts 64 KiB earlier and so holds it whole).
    const cut = pieceEnds(size).find((e) => e > 20 * MiB)!;
    fillTo(cut - 600, ASCII_FILLER);
    expected.push(['private-key', lines.length + 1, '-----BEGIN PRIVATE KEY-----'.length + 1]); // reported from its body
    const pemLines = key.trimEnd().split('\n').map((l) => l + '\n');
    lines.push(...pemLines);
    const shift = pemLines.reduce((n, l) => n + l.length, 0) - pemLines.length * LINE;
    fillTo(26 * MiB + shift, ASCII_FILLER);
    expected.push(['openai-api-key', lines.length + 1, 13]);
    lines.push(line(`const ai = '${middle}';`));
    fillTo(size - 2 * LINE, UNICODE_FILLER);
    // The last line, without a newline, past 26 MB of two-byte characters.
    const last = `export const label = "naïve café"; const s = "${end}";`;
    expected.push(['stripe-secret-key', lines.length + 1, last.indexOf(end) + 1]);
    lines.push(last);
    const text = lines.join('');
    expect(Buffer.byteLength(text)).toBeGreaterThan(52e6);
    // The PEM key really straddles a piece end: one piece holds its BEGIN line and not its END.
    const pieces: Fragment[] = [];
    const bytes = Buffer.from(text);
    const cutter = utf8PieceCutter('f', bytes.length, undefined, (f) => pieces.push({ ...f, text: f.text.includes('BEGIN PRIVATE') ? f.text : '' }));
    cutter.write(bytes);
    cutter.end();
    expect(pieces.some((f) => f.text.includes('BEGIN PRIVATE') && !f.text.includes('END PRIVATE'))).toBe(true);
    repo.write('dist/bundle.js', text);
    repo.git(['add', 'dist/bundle.js']);

    // Peak memory of the check as the kernel counts it (resident set), reported by the process itself.
    const dir = mkdtempSync(join(tmpdir(), 'kg-rss-'));
    const report = join(dir, 'rss.cjs');
    const out = join(dir, 'rss.txt');
    writeFileSync(report, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
    const r = spawnSync('node', ['--require', report, CLI, 'check', '--format', 'json'], { cwd: repo.dir, env: repo.env, encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(r.status, r.stderr).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { rule: string; line: number; column: number }) => [f.rule, f.line, f.column]);
    expect(found).toEqual(expected);
    for (const k of [start, atCut, middle, end]) expect(r.stdout).not.toContain(k);
    const peakMB = Number(readFileSync(out, 'utf8')) / 1024;
    // Holding the 52 MB blob whole, with its pieces' garbage, took ~220 MB.
    expect(peakMB).toBeLessThanOrEqual(120);
  }, 180_000);
});

describe('a big blob that turns out not to be UTF-8 text once its first bytes are in', () => {
  it('judges a 3 MB UTF-16 file and a 3 MB binary whole, as before', () => {
    const repo = makeRepo();
    const gh = keys.github();
    const aws = keys.aws();
    const text = `${'export const label = "naïve";\n'.repeat(50_000)}const gh = "${gh}";\n${'x = 1;\n'.repeat(10_000)}`;
    repo.write('wide.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const junk = Buffer.alloc(3 * MiB);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251 === 0 ? 0 : (i * 31) % 256;
    Buffer.from(`\0key=${aws}\0`).copy(junk, 2 * MiB);
    repo.write('data.bin', junk);
    repo.git(['add', 'wide.ts', 'data.bin']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { path: string; rule: string; line: number }) => [f.path, f.rule]);
    expect(found).toEqual(expect.arrayContaining([['wide.ts', 'github-token'], ['data.bin', 'aws-access-key-id']]));
  });
});

describe('pieces cut from a stream of bytes', () => {
  /** Lines of random lengths, some longer than a piece; ASCII, so offsets in bytes and characters agree. */
  function sample(seed: number, size: number): string {
    let x = seed;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x % n);
    const out: string[] = [];
    let n = 0;
    while (n < size) {
      const len = rnd(50) === 0 ? CHUNK_CHARS + rnd(OVERLAP_CHARS * 3) : rnd(200);
      out.push('y'.repeat(len) + '\n');
      n += len + 1;
    }
    return out.join('').slice(0, size);
  }

  it('cuts the same pieces as the whole text gets, however the bytes arrive', () => {
    for (const [seed, size] of [[1, 3 * CHUNK_CHARS + 17], [2, 5 * CHUNK_CHARS], [3, CHUNK_CHARS + 1]]) {
      const text = sample(seed, size);
      const whole = wholeFileFragments('f', text).map((f) => [f.text, f.firstLine, f.ownTo ?? f.text.length]);
      const bytes = Buffer.from(text);
      for (const step of [1 << 12, 65_536, 1_000_003, bytes.length]) {
        const got: Fragment[] = [];
        const cutter = utf8PieceCutter('f', bytes.length, undefined, (f) => got.push(f));
        for (let at = 0; at < bytes.length; at += step) cutter.write(bytes.subarray(at, at + step));
        cutter.end();
        expect(got.map((f) => [f.text, f.firstLine, f.ownTo])).toEqual(whole);
      }
    }
  });
});

describe('a line far longer than a piece, as git hands it over', () => {
  /** Fastest of three runs (ms) of cutting a one-line text of `size` bytes written 64 KiB at a time, as git's pipe does. */
  function cutTime(size: number): number {
    const bytes = Buffer.alloc(size, 'a');
    for (let i = 0; i < size; i += 40) bytes[i] = 0x2c;
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const got: Fragment[] = [];
      const t = performance.now();
      const cutter = utf8PieceCutter('f', size, undefined, (f) => got.push(f));
      for (let at = 0; at < size; at += 65_536) cutter.write(bytes.subarray(at, at + 65_536));
      cutter.end();
      best = Math.min(best, performance.now() - t);
      expect(got.map((f) => [f.text.length, f.firstLine])).toEqual([[size, 1]]);
    }
    return best;
  }

  it('is searched for its end once, not again on every write: time grows with the size, not its square', () => {
    // 16x the bytes: ~16x the time. Searching the whole line again on each write made it ~100x
    // (a 120 MB minified bundle took 6.6 s to check instead of 2 s).
    const small = cutTime(4 * MiB);
    const big = cutTime(64 * MiB);
    expect(big / Math.max(small, 1)).toBeLessThan(48);
  }, 60_000);
});

describe('a key right after a line of nearly a piece (a minified bundle)', () => {
  it('is found whole: the next piece starts after that line, not at the cut', () => {
    const repo = makeRepo();
    const key = pem();
    // The first line ends 1000 bytes before the first cut: no line starts in the last 64 KiB of
    // the piece but the ones of the key, which the cut at 1 MiB runs through.
    const minified = `var a=${'1,'.repeat((MiB - 1000 - 7) / 2)}0;\n`;
    const text = minified + key + 'export const label = "plain";\n'.repeat(40_000);
    expect(Buffer.byteLength(minified)).toBeLessThan(MiB);
    expect(Buffer.byteLength(minified + key)).toBeGreaterThan(MiB);
    repo.write('dist/bundle.js', text);
    repo.write('dist/other.js', text.replace(minified, minified.slice(0, -1) + '\r\n'));
    repo.git(['add', 'dist']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { path: string; rule: string; line: number }) => [f.path, f.rule, f.line]);
    expect(found).toEqual([['dist/bundle.js', 'private-key', 2], ['dist/other.js', 'private-key', 2]]);
    expect(r.stdout).not.toContain(key.split('\n')[1]);
  });
});
