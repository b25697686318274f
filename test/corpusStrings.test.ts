import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The labelled corpora beside the repository (../shared/corpus) measure keyguard; they must never
 * become its rules or its tests. No 20-character piece of a corpus sample's key material may appear
 * in the repository's own text: a copied sample would make the measurement measure itself.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = [resolve(ROOT, '..', 'shared', 'corpus'), resolve(ROOT, '..', '..', 'shared', 'corpus')].find((d) => existsSync(d));
const WINDOW = 20;
const RUN = /[A-Za-z0-9_+/=-]{20,}/g;
/**
 * Facts of a format, the same in every key of it, which a rule or test must hold: PyPI's macaroon
 * header (`pypi.org` in base64), the DER preamble of every PKCS#8 RSA-2048 key, and the AWS
 * documentation's example key pair.
 */
const FORMAT_FACTS = ['pypi-AgEIcHlwaS5vcmc', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'EXAMPLE'];

/** Random-looking: lower and upper case and digits, not a run of the alphabet (`ABCDEFGH…`, `0123456…`). */
function keyLike(w: string): boolean {
  if (!/[a-z]/.test(w) || !/[A-Z]/.test(w) || !/\d.*\d/.test(w)) return false;
  if (FORMAT_FACTS.some((f) => w.includes(f) || f.includes(w))) return false;
  let steps = 0;
  for (let i = 1; i < w.length; i++) if (Math.abs(w.charCodeAt(i) - w.charCodeAt(i - 1)) <= 1) steps++;
  return steps < w.length / 3;
}

function* windows(text: string): Generator<string> {
  for (const [run] of text.matchAll(RUN)) for (let i = 0; i + WINDOW <= run.length; i++) yield run.slice(i, i + WINDOW);
}

function* repositoryFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === 'dist') continue;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) yield* repositoryFiles(path);
    else if (st?.isFile() && st.size < 4 << 20) yield path;
  }
}

describe.skipIf(!CORPUS)('no corpus sample in the repository', () => {
  it('holds no 20-character piece of any sample', () => {
    const pieces = new Set<string>();
    for (const file of readdirSync(CORPUS!).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(CORPUS!, file), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const { text } = JSON.parse(line) as { text: string };
        for (const w of windows(text)) if (keyLike(w)) pieces.add(w);
      }
    }
    expect(pieces.size).toBeGreaterThan(10_000);
    const copied: string[] = [];
    for (const path of repositoryFiles(ROOT)) {
      const text = readFileSync(path, 'latin1');
      for (const w of windows(text)) if (pieces.has(w)) copied.push(`${path.slice(ROOT.length + 1)}: ${w.slice(0, 6)}…`);
    }
    expect(copied).toEqual([]);
  });
});
