import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

/** A few MB of ordinary code lines, with non-ASCII text so decoding matters. */
function filler(lines: number): string {
  let out = '';
  for (let i = 0; i < lines; i++) out += `export const label${i} = "naïve café ${i}"; // ünïcode\n`;
  return out;
}

describe('check on a big staged file (judged piece by piece)', () => {
  it('finds keys far into a multi-megabyte file, on the right line and column', () => {
    const repo = makeRepo();
    const key1 = keys.github();
    const key2 = keys.openai();
    const head = filler(40_000); // ~2.1 MB: the keys sit past the first pieces
    const text = `${head}const gh = "${key1}";\n${filler(20_000)}  const ai = '${key2}';\n${filler(10)}`;
    repo.write('dist/bundle.js', text);
    repo.git(['add', 'dist/bundle.js']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { line: number; column: number; rule: string }) => [f.rule, f.line, f.column]);
    expect(found).toEqual([
      ['github-token', 40_001, 13],
      ['openai-api-key', 60_002, 15],
    ]);
    expect(r.stdout).not.toContain(key1);
    expect(r.stdout).not.toContain(key2);
  });

  it('keeps a line longer than a piece whole, so a key on it is not split', () => {
    const repo = makeRepo();
    const key = keys.aws();
    // One 1.5 MB minified line with the key in the middle, where a blind cut at 1 MB could fall.
    const half = 'a=1;'.repeat(190_000);
    repo.write('min.js', `${half}var k="${key}";${half}\nlast();\n`);
    repo.git(['add', 'min.js']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const [f] = JSON.parse(r.stdout).findings;
    expect([f.rule, f.line, f.column]).toEqual(['aws-access-key-id', 1, half.length + 8]);
  });
});
