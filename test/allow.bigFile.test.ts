import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { CHUNK_CHARS, OVERLAP_CHARS } from '../src/judge/toFragments.js';

afterAll(cleanupRepos);

/**
 * A file over 1 MiB is judged in overlapping pieces. An allow marker must hold exactly as in a
 * small file wherever the cut falls: a marker in one piece, the secret it allows owned by the next.
 */

/** Lines of exactly 100 bytes, so the cuts fall at known line starts. */
const LINE = 100;
const line = (s: string) => s + ' '.repeat(LINE - 1 - s.length) + '\n';
const FILLER = line('export const label = "plain";');

/** Line numbers (1-based) of the first lines of the second to fifth pieces: cut as toFragments cuts. */
function pieceStarts(): number[] {
  const starts: number[] = [];
  let start = 0;
  for (let i = 0; i < 4; i++) {
    const end = Math.floor((start + CHUNK_CHARS) / LINE) * LINE;
    start = Math.floor((end - OVERLAP_CHARS) / LINE) * LINE;
    starts.push(start / LINE + 1);
  }
  return starts;
}

/** The last line (1-based) of the piece that begins at line `first`. */
const pieceEnd = (first: number) => Math.floor(((first - 1) * LINE + CHUNK_CHARS) / LINE);

interface Planted {
  text: string;
  /** Line numbers of the secrets no marker allows (in the file with working markers). */
  loose: number[];
  /** Line numbers of every secret. */
  all: number[];
}

/**
 * 4.5 MB of filler (five pieces) with, at the cuts: a next-line marker on the last line before a
 * piece, its secret on that piece's first line; a disable block opened in a piece's own part and
 * closed past that piece's end, with secrets in the overlap and in the next piece only; a block
 * opened in the third piece that runs through all of the fourth into the fifth; loose secrets,
 * in an overlap too (found once, not twice). Blocks do not nest, as in a small file, so they are
 * kept apart. `spoil` breaks every marker: the control file reports every secret.
 */
function planted(spoil: boolean): Planted {
  const m = (s: string) => (spoil ? s.replace('keyguard:', 'keyguard-') : s);
  const [second, third, fourth, fifth] = pieceStarts();
  const lines: string[] = Array.from({ length: 45_000 }, () => FILLER);
  const loose: number[] = [];
  const all: number[] = [];
  const put = (no: number, s: string) => {
    lines[no - 1] = line(s);
  };
  const secret = (no: number, allowed: boolean) => {
    put(no, `const gh = "${keys.github()}";`);
    all.push(no);
    if (!allowed || spoil) loose.push(no);
  };
  // The second cut: a next-line marker in piece 1 only, its secret owned by piece 2.
  put(second - 1, m('// keyguard:allow-next-line'));
  secret(second, true);
  // A block from piece 1's own part to past piece 1's end.
  put(second - 500, m('/* keyguard:disable */'));
  secret(second + 50, true);
  secret(pieceEnd(1) + 300, true);
  put(pieceEnd(1) + 400, m('/* keyguard:enable */'));
  secret(pieceEnd(1) + 500, false);
  // The third cut: the same marker written as a shell comment; a loose secret in the overlap.
  put(third - 1, m('# keyguard:allow-next-line'));
  secret(third, true);
  secret(third + 100, false);
  // A block opened in piece 3's own part, through all of piece 4, closed in piece 5.
  put(pieceEnd(second) + 50, m('// keyguard:disable'));
  secret(fourth - 10, true);
  secret(fourth + 2, true);
  secret(Math.floor((fourth + fifth) / 2), true);
  secret(fifth + 2, true);
  secret(pieceEnd(fourth) + 200, true);
  put(pieceEnd(fourth) + 300, m('// keyguard:enable'));
  secret(pieceEnd(fourth) + 301, false);
  all.sort((a, b) => a - b);
  loose.sort((a, b) => a - b);
  return { text: lines.join(''), loose, all };
}

function foundLines(r: { code: number; stdout: string; stderr: string }): number[] {
  return JSON.parse(r.stdout).findings.map((f: { line: number }) => f.line);
}

function repoWith(text: string): TestRepo {
  const repo = makeRepo();
  repo.write('dist/bundle.js', text);
  return repo;
}

describe('allow markers in a file judged in pieces', () => {
  const good = planted(false);
  const spoilt = planted(true);

  it('the test file really crosses piece cuts with its markers', () => {
    expect(good.text.length).toBeGreaterThan(4 * CHUNK_CHARS);
    const [second, third, fourth, fifth] = pieceStarts();
    // Each marker sits in a piece before the one that owns the secret it allows.
    expect(pieceEnd(1)).toBeLessThan(second + 1000);
    expect(pieceEnd(second)).toBeGreaterThan(third + 100);
    expect(pieceEnd(second) + 50).toBeLessThan(fourth);
    expect(pieceEnd(fourth)).toBeGreaterThan(fifth);
    expect(pieceEnd(fifth)).toBeGreaterThan(45_000);
    expect(good.loose.length).toBeLessThan(good.all.length);
  });

  it('a commit through the hook: markers hold across cuts as in a small file, the others are reported once', () => {
    const repo = repoWith(good.text);
    expect(repo.keyguard(['init']).code).toBe(0);
    repo.git(['add', 'dist/bundle.js']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(foundLines(r)).toEqual(good.loose);
    const commit = repo.git(['commit', '-q', '-m', 'bundle'], { allowFail: true });
    expect(commit.code).not.toBe(0);
    expect(commit.stdout + commit.stderr).toContain(`dist/bundle.js:${good.loose[0]}:`);
    expect(commit.stdout + commit.stderr).not.toContain(`dist/bundle.js:${pieceStarts()[0]}:`);
  });

  it('without working markers every secret is reported, each once (no duplicate from the overlap)', () => {
    const repo = repoWith(spoilt.text);
    repo.git(['add', 'dist/bundle.js']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(foundLines(r)).toEqual(spoilt.all);
  });

  it('the same file passes a commit once its loose secrets are gone', () => {
    let text = good.text;
    const lines = text.split('\n');
    for (const no of good.loose) lines[no - 1] = FILLER.slice(0, -1);
    text = lines.join('\n');
    const repo = repoWith(text);
    expect(repo.keyguard(['init']).code).toBe(0);
    repo.git(['add', 'dist/bundle.js']);
    const commit = repo.git(['commit', '-q', '-m', 'bundle'], { allowFail: true });
    expect(commit.code, commit.stdout + commit.stderr).toBe(0);
  });

  it('scan of the tree and scan --no-git give the same findings as the small-file rule', () => {
    const repo = repoWith(good.text);
    repo.git(['add', 'dist/bundle.js']);
    repo.git(['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'bundle']);
    const tree = repo.keyguard(['scan', '--format', 'json']);
    expect(tree.code, tree.stderr).toBe(1);
    expect(foundLines(tree)).toEqual(good.loose);
    const noGit = repo.keyguard(['scan', '--no-git', 'dist/bundle.js', '--format', 'json']);
    expect(noGit.code, noGit.stderr).toBe(1);
    expect(foundLines(noGit)).toEqual(good.loose);
    const stdin = repo.keyguard(['scan', '-', '--format', 'json'], { input: good.text });
    expect(stdin.code, stdin.stderr).toBe(1);
    expect(foundLines(stdin)).toEqual(good.loose);
  });
});

describe('allow markers on a line that scan --no-git cuts by force (a line over 4 MiB)', () => {
  it('a marker just before the cut allows the secret just after it, as on a short line; a secret far from any marker is reported', () => {
    const repo = makeRepo();
    const MiB = 1 << 20;
    // scan --no-git cuts a line at 4 MiB and starts the next piece 64 KiB before that cut.
    const next = 4 * MiB - OVERLAP_CHARS;
    const allowed = keys.github();
    const loose = keys.github();
    const filler = (n: number) => 'var a=1;'.repeat(Math.ceil(n / 8)).slice(0, n);
    let text = filler(next - 100);
    text += '/* keyguard:allow */' + filler(100) + `x="${allowed}";`;
    const looseAt = text.length + 2000;
    text += filler(2000) + `y="${loose}";` + filler(5 * MiB - text.length) + '\n';
    repo.write('one-line.js', text);
    const r = repo.keyguard(['scan', '--no-git', 'one-line.js', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { line: number; column: number }) => [f.line, f.column]);
    expect(found).toEqual([[1, looseAt + 4]]);
    // A short line with the same marker and secret, for comparison: allowed.
    repo.write('short.js', `/* keyguard:allow */${filler(100)}x="${allowed}";\n`);
    expect(repo.keyguard(['scan', '--no-git', 'short.js']).code).toBe(0);
  });
});

describe('allow markers in a big patch (scan --history and pre-push read added lines in pieces)', () => {
  it('a commit adding the file: the same findings as the staged check, in history and at push', () => {
    const good = planted(false);
    const repo = repoWith(good.text);
    repo.git(['add', 'dist/bundle.js']);
    repo.git(['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'bundle']);
    const history = repo.keyguard(['scan', '--history', '--format', 'json']);
    expect(history.code, history.stderr).toBe(1);
    expect(foundLines(history)).toEqual(good.loose);
    const remote = makeRepo({ bare: true });
    repo.git(['remote', 'add', 'origin', remote.dir]);
    expect(repo.keyguard(['init']).code).toBe(0);
    const push = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true });
    expect(push.code).not.toBe(0);
    const out = push.stdout + push.stderr;
    for (const no of good.loose) expect(out).toContain(`dist/bundle.js:${no}:`);
    expect(out).toContain(`${good.loose.length} problems`);
  });

  it('a block opened in added lines does not reach over lines the commit did not add, however the patch is cut', () => {
    const repo = makeRepo();
    const lines = Array.from({ length: 30_000 }, () => FILLER);
    repo.write('dist/bundle.js', lines.join(''));
    repo.git(['add', '.']);
    repo.git(['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'base']);
    // 12,000 new lines on top (1.2 MB: the patch is judged in two pieces), a block opened on the
    // first of them; then, after 20,000 unchanged lines, one more added line holding a key.
    const added = Array.from({ length: 12_000 }, (_, i) => line(i === 0 ? '/* keyguard:disable */' : `export const added${i} = ${i};`));
    const after = [...added, ...lines];
    after.splice(12_000 + 20_000, 0, line(`const gh = "${keys.github()}";`));
    repo.write('dist/bundle.js', after.join(''));
    repo.git(['add', '.']);
    repo.git(['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'more']);
    const history = repo.keyguard(['scan', '--history', '--format', 'json']);
    expect(history.code, history.stderr).toBe(1);
    expect(foundLines(history)).toEqual([32_001]);
    // The staged check of the same change reads the whole new file: the block runs on to the end there.
    repo.git(['reset', '-q', '--soft', 'HEAD~1']);
    expect(repo.keyguard(['check']).code).toBe(0);
  });
});
