/**
 * A repository's own settings files are as untrusted as its code: an expression that backtracks
 * forever, a symlink to /dev/zero or to a file elsewhere on the machine, a FIFO, a file too big to
 * read, a parse error that would quote a `.env`. Each must end in one line and exit 2, quickly,
 * never a hang, a stack trace, a silent pass or a secret printed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, type Run, type TestRepo } from './helpers/repo.js';
import { keys, seeded } from './helpers/keys.js';
import { initRepo } from './helpers/hook.js';

afterAll(cleanupRepos);

function expectOneLineError(r: Run, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

function timed(run: () => Run): { r: Run; ms: number } {
  const started = performance.now();
  const r = run();
  return { r, ms: performance.now() - started };
}


function commit(repo: TestRepo, env: Record<string, string>, files: Record<string, string>): Run {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', ...Object.keys(files)], { env });
  const r = repo.git(['commit', '-q', '-m', 'change'], { env, allowFail: true });
  if (r.code !== 0) repo.git(['reset', '-q'], { env });
  return r;
}

describe('expressions from settings run in bounded time', () => {
  it('a custom rule that backtracks catastrophically: the 31-byte and the 10 KB input finish in well under a second of matching', () => {
    const repo = makeRepo();
    repo.write('.keyguardrc.json', JSON.stringify({ rules: [{ id: 'evil', pattern: 'x(a+)+$', keywords: ['x'] }] }));
    const baseline = timed(() => repo.keyguard(['check']));
    expect(baseline.r.code).toBe(0);
    for (const body of ['x' + 'a'.repeat(29) + '!', 'x' + 'a'.repeat(10 * 1024) + '!']) {
      repo.write('input.txt', body);
      repo.git(['add', 'input.txt']);
      const { r, ms } = timed(() => repo.keyguard(['check']));
      expect(r.code, r.stderr).toBe(0);
      // Minus start-up (the empty run above), matching must take well under a second.
      expect(ms - baseline.ms, `${body.length} bytes took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
    }
    // And the rule still finds what it describes.
    repo.write('input.txt', 'xaaaa');
    repo.git(['add', 'input.txt']);
    const found = repo.keyguard(['check']);
    expect(found.code).toBe(1);
    expect(found.stdout + found.stderr).toContain('evil');
  });

  it('an allowValues expression that backtracks catastrophically stays linear on the value it is asked about', () => {
    const repo = makeRepo();
    // On JavaScript's engine, each of these takes 2^36 steps on a GitHub token (36 characters after ghp_).
    repo.write('.keyguardrc.json', JSON.stringify({ allowValues: ['/([a-zA-Z0-9]+)+!/', '/^ghp_(\\w|\\w)*!$/'] }));
    repo.write('config.js', `const token = "${keys.github()}";\n`);
    repo.git(['add', 'config.js']);
    const { r, ms } = timed(() => repo.keyguard(['check']));
    expect(r.code, r.stderr).toBe(1); // not allowed: neither expression matches it
    expect(ms).toBeLessThan(5000);
  });

  it('refuses at load, naming the rule, what cannot run in linear time', () => {
    const repo = makeRepo();
    for (const [pattern, why] of [
      ['(abc)\\1', /rules\[0\] \("backref"\): "pattern" uses a back-reference/],
      ['(?<=tok.*)[a-z]{8}', /look-around that can read unbounded text/],
    ] as const) {
      repo.write('.keyguardrc.json', JSON.stringify({ rules: [{ id: 'backref', pattern, keywords: ['tok'] }] }));
      expectOneLineError(repo.keyguard(['check']), why);
    }
    repo.write('.keyguardrc.json', JSON.stringify({ allowValues: ['/(a)\\1/'] }));
    expectOneLineError(repo.keyguard(['check']), /"allowValues" entry \/\(a\)\\1\/ uses a back-reference/);
  });

  it('a custom rule whose keyword sits in a look-behind or look-ahead is found in a 100 KB file as in a 20-byte one (issue 11, item 11), through the hook', () => {
    const { repo, env } = initRepo();
    repo.write(
      '.keyguardrc.json',
      JSON.stringify({
        rules: [
          { id: 'acme-behind', pattern: '(?<=acmetoken=)[a-z0-9]{24}', keywords: ['acmetoken'] },
          { id: 'acme-ahead', pattern: '[A-Z0-9]{20}(?=\\.acmekey)', keywords: ['acmekey'] },
        ],
      }),
    );
    expect(commit(repo, env, { 'README.md': 'settings\n' }).code).toBe(0);
    const rnd = seeded(11);
    const behind = `acmetoken=${rnd('abcdefghijklmnopqrstuvwxyz0123456789', 24)}`;
    const ahead = `${rnd('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20)}.acmekey`;
    for (const [name, line] of [['behind', behind], ['ahead', ahead]]) {
      const small = commit(repo, env, { [`${name}-small.txt`]: `${line}\n` });
      expect(small.code, name).not.toBe(0);
      expect(small.stdout + small.stderr).toContain(`acme-${name}`);
      const filler = 'lorem ipsum dolor sit amet\n'.repeat(4000); // ~100 KB around the one line
      const big = commit(repo, env, { [`${name}-big.txt`]: `${filler}${line}\n${filler}` });
      expect(big.code, name).not.toBe(0);
      expect(big.stdout + big.stderr).toContain(`acme-${name}`);
    }
  });
});

describe('settings files, ignore file and baseline are read only when they are small regular files in the repository', () => {
  const outside = mkdtempSync(join(tmpdir(), 'keyguard-outside-'));
  writeFileSync(join(outside, 'shared.json'), JSON.stringify({ allowPaths: ['**'] }));

  it.each([
    ['.keyguardrc.json', ['check']],
    ['.keyguardignore', ['check']],
    ['.keyguard-baseline.json', ['check']],
    ['package.json', ['check']],
  ])('%s as a symlink to /dev/zero, to a file outside the repository, as a FIFO, a folder and too big', (name, args) => {
    const repo = makeRepo();
    const fresh = () => execFileSync('rm', ['-rf', join(repo.dir, name)]);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);

    symlinkSync('/dev/zero', join(repo.dir, name));
    const zero = timed(() => repo.keyguard(args));
    expectOneLineError(zero.r, /symlink to a file outside the repository|not a regular file/);
    expect(zero.ms).toBeLessThan(5000);
    fresh();

    symlinkSync(join(outside, 'shared.json'), join(repo.dir, name));
    expectOneLineError(repo.keyguard(args), new RegExp(`${name.replace(/\./g, '\\.')} is a symlink to a file outside the repository`));
    fresh();

    execFileSync('mkfifo', [join(repo.dir, name)]);
    const fifo = timed(() => repo.keyguard(args));
    expectOneLineError(fifo.r, /is not a regular file/);
    expect(fifo.ms).toBeLessThan(5000);
    fresh();

    mkdirSync(join(repo.dir, name));
    expectOneLineError(repo.keyguard(args), /is not a regular file/);
    fresh();

    repo.write(name, `{"x": "${'a'.repeat(40 * 1024 * 1024)}"}`);
    expectOneLineError(repo.keyguard(args), /bytes; keyguard reads at most \d+ bytes from it/);
    fresh();
  });

  it('a symlink to a settings file inside the repository is read', () => {
    const repo = makeRepo();
    repo.write('config/keyguard.json', JSON.stringify({ allowPaths: ['fixtures/**'] }));
    symlinkSync('config/keyguard.json', join(repo.dir, '.keyguardrc.json'));
    repo.write('fixtures/key.txt', `token = "${keys.github()}"\n`);
    repo.git(['add', 'fixtures/key.txt']);
    expect(repo.keyguard(['check']).code).toBe(0);
  });
});

describe('parse errors name the file and the position, never its text', () => {
  it('check --config .env, a malformed .keyguardrc.json, and one that is a symlink to a file the repository holds', () => {
    const repo = makeRepo();
    const token = keys.github();
    const password = 'Correct-Horse-' + seeded(5)('abcdefgh', 8);
    repo.write('.env', `GITHUB_TOKEN=${token}\nDB_PASSWORD=${password}\n`);
    const viaConfig = repo.keyguard(['check', '--config', '.env']);
    expectOneLineError(viaConfig, /^keyguard: error: \.env: invalid JSON \(unexpected character at line 1, column 1\)$/m);
    for (const text of [`{ "allowValues": ["${token}" }`, `{\n  "disable": [],\n  ${password}\n}`]) {
      repo.write('.keyguardrc.json', text);
      const r = repo.keyguard(['check']);
      expectOneLineError(r, /\.keyguardrc\.json: invalid JSON \(.* at line \d+, column \d+\)/);
      expect(r.stdout + r.stderr).not.toContain(token.slice(4, 12));
      expect(r.stdout + r.stderr).not.toContain(password.slice(0, 8));
    }
    repo.write('.keyguardrc.json', '');
    execFileSync('rm', [join(repo.dir, '.keyguardrc.json')]);
    symlinkSync('.env', join(repo.dir, '.keyguardrc.json'));
    const viaLink = repo.keyguard(['check']);
    expectOneLineError(viaLink, /\.keyguardrc\.json: invalid JSON \(unexpected character at line 1, column 1\)/);
    expect(viaLink.stderr).not.toContain('GITHUB');
  });

  it('a malformed baseline is named with its position only', () => {
    const repo = makeRepo();
    const token = keys.github();
    repo.write('.keyguard-baseline.json', `{"version": 1, "findings": [${token}]}`);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const r = repo.keyguard(['check']);
    expectOneLineError(r, /\.keyguard-baseline\.json: not valid JSON \(unexpected character at line 1, column 29\)/);
    expect(r.stderr).not.toContain(token.slice(4, 12));
  });
});

describe('a package.json with a syntax error that holds keyguard settings (issue 11, item 12)', () => {
  it('is exit 2 naming it, at the hook and in scan; a broken one without them is npm\'s business', () => {
    const { repo, env } = initRepo();
    const rules = { rules: [{ id: 'acme-token', pattern: 'acme_[a-z0-9]{20}', keywords: ['acme_'] }] };
    const broken = `{\n  "name": "app",\n  "keyguard": ${JSON.stringify(rules)},\n  "scripts": { "test": "x" },\n}\n`;
    const key = `acme_${seeded(12)('abcdefghijklmnopqrstuvwxyz0123456789', 20)}`;
    repo.write('package.json', broken);
    const r = commit(repo, env, { 'src/a.js': `const k = "${key}";\n` });
    expect(r.code).not.toBe(0); // git commit exits 1 when its hook fails, whatever the hook's code
    expect(r.stderr).toMatch(/package\.json: invalid JSON \(expected a property name at line 5, column 1\); it names "keyguard"/);
    expect(repo.git(['rev-parse', '-q', '--verify', 'HEAD'], { allowFail: true }).code).not.toBe(0); // nothing committed
    repo.git(['add', 'src/a.js']);
    expectOneLineError(repo.keyguard(['check'], { env }), /package\.json: invalid JSON/);
    expectOneLineError(repo.keyguard(['scan'], { env }), /package\.json: invalid JSON/);
    repo.git(['reset', '-q']);
    // Without keyguard settings, a broken package.json does not stop keyguard.
    repo.write('package.json', '{ "name": "app", }');
    expect(commit(repo, env, { 'src/b.js': 'export const b = 1;\n' }).code).toBe(0);
  });
});
