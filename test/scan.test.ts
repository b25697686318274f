import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeSync, existsSync, openSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CLI, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';
import { countingGit } from './helpers/countingGit.js';

afterAll(cleanupRepos);

interface JsonFinding {
  path: string;
  line: number;
  rule: string;
  commit?: string;
  date?: string;
  redacted: string;
}

function scanJson(repo: TestRepo, args: string[]): { code: number; findings: JsonFinding[]; doc: Record<string, unknown>; stderr: string } {
  const r = repo.keyguard(['scan', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBeLessThan(2);
  const doc = JSON.parse(r.stdout);
  return { code: r.code, findings: doc.findings, doc, stderr: r.stderr };
}

describe('keyguard scan (tree at HEAD)', () => {
  it('finds keys and secret files that are tracked, and nothing untracked', () => {
    const repo = makeRepo();
    const key = keys.openai();
    commit(repo, { 'src/app.ts': `export const k = "${key}";\n`, 'config/secrets.json': '{}\n', 'ok.txt': 'fine\n' }, 'c1');
    repo.write('untracked.txt', `${keys.github()}\n`);
    const { code, findings } = scanJson(repo, []);
    expect(code).toBe(1);
    expect(findings.map((f) => f.path).sort()).toEqual(['config/secrets.json', 'src/app.ts']);
    expect(JSON.stringify(findings)).not.toContain(key);
  });

  it('states a clean result in one line, exit 0', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'nothing here\n' }, 'c1');
    const r = repo.keyguard(['scan']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no secrets in the tree at HEAD \(1 file\)/);
  });
});

describe('keyguard scan --history', () => {
  it('finds a key added and later removed, once, at the commit that added it', () => {
    const repo = makeRepo();
    commit(repo, { 'README.md': '# app\n' }, 'start');
    const key = keys.github();
    const added = commit(repo, { 'deploy.sh': `export GITHUB_TOKEN=${key}\n` }, 'add deploy');
    commit(repo, { 'deploy.sh': `# moved\nexport GITHUB_TOKEN=${key}\n` }, 'move line');
    commit(repo, { 'ci.sh': `export GITHUB_TOKEN=${key}\n` }, 'copy elsewhere');
    commit(repo, { 'deploy.sh': 'export GITHUB_TOKEN="$TOKEN"\n', 'ci.sh': 'true\n' }, 'remove it');
    expect(repo.keyguard(['scan']).code).toBe(0); // the tree at HEAD is clean

    const { code, findings, doc } = scanJson(repo, ['--history']);
    expect(code).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'deploy.sh', line: 1, commit: added });
    expect(findings[0].rule).toMatch(/github/);
    expect(findings[0].date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(doc.scanned).toMatchObject({ what: 'history', commits: 5 });
    expect((doc.scanned as { bytes: number }).bytes).toBeGreaterThan(100); // it really read the text

    const text = repo.keyguard(['scan', '--history']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`commit ${added.slice(0, 12)}`);
    expect(text.stdout + text.stderr).not.toContain(key);
  });

  it('reads history blob by blob: a key behind a -diff attribute is still found', () => {
    const repo = makeRepo();
    commit(repo, { '.gitattributes': 'secret.cfg -diff\n', 'secret.cfg': 'a=1\n' }, 'c1');
    const bad = commit(repo, { 'secret.cfg': `a=1\nkey=${keys.openai()}\n` }, 'c2');
    const { findings } = scanJson(repo, ['--history']);
    expect(findings).toEqual([expect.objectContaining({ path: 'secret.cfg', line: 2, commit: bad })]);
  });

  it('gives real line numbers in changed files, and reads UTF-16 and .pem files from their blobs', () => {
    const repo = makeRepo();
    const body = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);
    commit(repo, { 'big.txt': body.join('\n') + '\n', 'cert.pem': 'just a certificate\n' }, 'c1');
    body.splice(30, 0, `token = "${keys.github()}"`);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`x=1\r\nOPENAI=${keys.openai()}\r\n`, 'utf16le')]);
    const pem = ['-----BEGIN ', 'PRIVATE KEY-----\n', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n', '-----END ', 'PRIVATE KEY-----\n'].join('');
    const c2 = commit(repo, { 'big.txt': body.join('\n') + '\n', 'win.env.txt': utf16 as unknown as string, 'cert.pem': pem }, 'c2');
    const { findings } = scanJson(repo, ['--history']);
    const byPath = Object.fromEntries(findings.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['big.txt', 'cert.pem', 'win.env.txt']);
    expect(byPath['big.txt']).toMatchObject({ line: 31, commit: c2 });
    expect(byPath['win.env.txt']).toMatchObject({ line: 2, commit: c2 });
    expect(byPath['cert.pem']).toMatchObject({ commit: c2 });
  });

  it('finds a key a merge brings in itself, and keys on merged branches at their own commit', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'base\n' }, 'base');
    repo.git(['checkout', '-q', '-b', 'side']);
    const sideBad = commit(repo, { 'side.txt': `${keys.aws()}\n` }, 'side key');
    repo.git(['checkout', '-q', 'main']);
    commit(repo, { 'b.txt': 'main work\n' }, 'main work');
    repo.git(['merge', '-q', '--no-ff', '--no-commit', 'side']);
    repo.write('a.txt', `base\ntoken=${keys.github()}\n`);
    repo.git(['add', 'a.txt']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'evil merge']);
    const merge = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const { findings } = scanJson(repo, ['--history']);
    const byPath = Object.fromEntries(findings.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['a.txt', 'side.txt']);
    expect(byPath['side.txt'].commit).toBe(sideBad);
    expect(byPath['a.txt']).toMatchObject({ commit: merge, line: 2 });
  });

  it('shows unusual file names exactly and survives binaries, symlinks and submodule pointers', () => {
    const repo = makeRepo();
    const name = 'dir with space/naïve "quoted"\nnewline.txt';
    commit(repo, { [name]: `${keys.stripe()}\n`, 'bin.dat': Buffer.from([0, 1, 2, 3, 0, 255]) as unknown as string }, 'odd');
    repo.git(['update-index', '--add', '--cacheinfo', `160000,${repo.git(['rev-parse', 'HEAD']).stdout.trim()},sub`]);
    repo.git(['commit', '-q', '--no-verify', '-m', 'gitlink']);
    const { findings } = scanJson(repo, ['--history']);
    expect(findings.map((f) => f.path)).toEqual([name]);
  });

  it('reads any history with a fixed number of git processes, never one per commit', () => {
    const repo = makeRepo();
    for (let i = 0; i < 40; i++) commit(repo, { [`f${i % 7}.txt`]: `rev ${i}\n` }, `c${i}`);
    commit(repo, { 'u16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('text\n', 'utf16le')]) as unknown as string }, 'binary-looking');
    const git = countingGit(repo);
    const r = repo.keyguard(['scan', '--history', '--format', 'json'], { env: git.env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scanned.commits).toBe(41);
    const calls = git.calls();
    expect(calls.filter((c) => / log /.test(` ${c} `))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('cat-file'))).toHaveLength(1); // the UTF-16 file's blobs
    expect(calls.length).toBeLessThanOrEqual(6);
  });

  it('is not fooled by git config that changes log and diff output', () => {
    const repo = makeRepo();
    for (const [k, v] of [
      ['log.showRoot', 'false'], ['diff.noprefix', 'true'], ['color.ui', 'always'], ['diff.renames', 'copies'],
      ['core.quotePath', 'true'], ['diff.context', '10'], ['diff.suppressBlankEmpty', 'true'], ['diff.orderFile', 'order.txt'],
      ['diff.interHunkContext', '20'], ['format.pretty', 'oneline'],
    ]) repo.git(['config', k, v]);
    repo.write('order.txt', 'z*\n*\n');
    const root = commit(repo, { 'a.txt': `${keys.openai()}\n`, 'zz.txt': 'z\n' }, 'root with key');
    const lines = Array.from({ length: 30 }, (_, i) => (i % 3 ? `l${i}` : ''));
    commit(repo, { 'b ü.txt': lines.join('\n') + '\n', 'zz.txt': 'z2\n' }, 'c1');
    lines[15] = `token ${keys.github()}`;
    const c2 = commit(repo, { 'b ü.txt': lines.join('\n') + '\n', 'zz.txt': 'z3\n' }, 'c2');
    const { findings } = scanJson(repo, ['--history']);
    expect(findings.map((f) => [f.path, f.line, f.commit])).toEqual([
      ['a.txt', 1, root],
      ['b ü.txt', 16, c2],
    ]);
  });

  it('--all also reads refs HEAD does not reach', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'base\n' }, 'base');
    repo.git(['checkout', '-q', '-b', 'other']);
    const bad = commit(repo, { 'o.txt': `${keys.openai()}\n` }, 'other key');
    repo.git(['checkout', '-q', 'main']);
    expect(scanJson(repo, ['--history']).findings).toHaveLength(0);
    expect(scanJson(repo, ['--history', '--all']).findings.map((f) => f.commit)).toEqual([bad]);
  });
});

describe('keyguard scan --range / --since', () => {
  function threeKeys() {
    const repo = makeRepo();
    const c0 = commit(repo, { 'base.txt': 'base\n' }, 'c0');
    const c1 = commit(repo, { 'one.txt': `${keys.openai()}\n` }, 'c1');
    const c2 = commit(repo, { 'two.txt': `${keys.github()}\n` }, 'c2');
    const c3 = commit(repo, { 'three.txt': `${keys.stripe()}\n` }, 'c3');
    return { repo, c0, c1, c2, c3 };
  }

  it('covers exactly the commits of its range', () => {
    const { repo, c0, c1, c2, c3 } = threeKeys();
    const paths = (args: string[]) => scanJson(repo, args).findings.map((f) => f.path).sort();
    expect(paths(['--range', `${c1}..${c3}`])).toEqual(['three.txt', 'two.txt']);
    expect(paths(['--range', `${c1}..${c2}`])).toEqual(['two.txt']);
    expect(paths(['--range', `${c0}..${c1}`])).toEqual(['one.txt']);
    expect(paths(['--range', `${c3}..${c3}`])).toEqual([]);
    expect(paths(['--since', c2])).toEqual(['three.txt']);
    expect(paths(['--range', 'HEAD~2..'])).toEqual(['three.txt', 'two.txt']);
    expect(scanJson(repo, ['--range', `${c1}..${c3}`]).doc.scanned).toMatchObject({ commits: 2 });
  });

  it('exits 2 with one line on an unknown revision, a bad range, or conflicting options', () => {
    const { repo, c1 } = threeKeys();
    for (const args of [
      ['--range', `nosuchrev..HEAD`],
      ['--range', `${c1}..nosuchrev`],
      ['--since', '--all'],
      ['--range', 'justone'],
      ['--range', 'a...b'],
      ['--history', '--since', c1],
      ['--format', 'xml'],
    ]) {
      const r = repo.keyguard(['scan', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^keyguard: error: /);
    }
  });
});

describe('keyguard scan output', () => {
  it('a reader that closes the pipe early causes no crash and keeps the exit code', () => {
    const repo = makeRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`k${i}.txt`] = `${keys.github()}\n`;
    commit(repo, files, 'many keys');
    const piped = spawnSync('bash', ['-c', `node "$CLI" scan --history | head -c 100 >/dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`], {
      cwd: repo.dir,
      env: { ...repo.env, CLI },
      encoding: 'utf8',
    });
    expect(piped.stderr).toContain('rc=1');
    expect(piped.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  // /dev/full fails every write with ENOSPC, as a full disk does under `> report.sarif`.
  it.runIf(existsSync('/dev/full'))('a report that cannot be written is an error (exit 2, one line), whatever was found', () => {
    const repo = makeRepo();
    commit(repo, { 'clean.txt': 'nothing here\n' }, 'clean');
    const leaky = makeRepo();
    commit(leaky, { 'k.txt': `${keys.github()}\n` }, 'key');
    const full = openSync('/dev/full', 'w');
    try {
      for (const [r, args] of [[repo, ['scan', '--format', 'json']], [repo, ['scan', '--format', 'sarif']], [leaky, ['scan', '--history']]] as const) {
        const run = spawnSync(process.execPath, [CLI, ...args], { cwd: r.dir, env: r.env, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
        expect(run.status).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toEqual(['keyguard: error: could not write the report to standard output (ENOSPC)']);
      }
    } finally {
      closeSync(full);
    }
  });
});

describe('keyguard scan on incomplete repositories', () => {
  it('exits 2 with one line in a repository without commits', () => {
    const repo = makeRepo();
    for (const args of [[], ['--history'], ['--since', 'HEAD~1']]) {
      const r = repo.keyguard(['scan', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/no commits/);
    }
  });

  it('in a shallow clone, scans what is there and warns about what is not', () => {
    const origin = makeRepo();
    const c1 = commit(origin, { 'old.txt': `${keys.openai()}\n` }, 'old key');
    commit(origin, { 'mid.txt': 'mid\n' }, 'mid');
    const c3 = commit(origin, { 'new.txt': `${keys.github()}\n` }, 'new key');
    const clone = join(origin.dir, '..', 'shallow');
    origin.git(['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone]);

    const range = origin.keyguard(['scan', '--range', `${c1}..HEAD`, '--format', 'json'], { cwd: clone });
    expect(range.code).toBe(1);
    expect(range.stderr).toContain('warning');
    expect(range.stderr).toContain(c1);
    expect(range.stderr).toContain(c3.slice(0, 12)); // the edge of the clone, named
    const found = JSON.parse(range.stdout).findings.map((f: JsonFinding) => f.path).sort();
    expect(found).toEqual(['new.txt', 'old.txt']); // the edge commit is scanned whole
    expect(JSON.parse(range.stdout).warnings.length).toBeGreaterThan(0);

    const history = origin.keyguard(['scan', '--history'], { cwd: clone });
    expect(history.stderr).toMatch(/shallow clone: history before commit [0-9a-f]{12} is not here/);
  });
});
