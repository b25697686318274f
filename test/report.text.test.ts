import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { keyguardOnPath } from './helpers/tree.js';

afterAll(cleanupRepos);

// Anything a terminal acts on, or that starts a line, except the report's own line ends.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED = 'keyguard: no secrets in staged changes';

function expectInert(out: string) {
  expect(out).not.toMatch(TERMINAL_CONTROL);
  expect(out.split('\n')).not.toContain(FORGED);
}

/** A plain-git repository with keyguard's hooks installed by `keyguard init`, keyguard on PATH. */
function hookedRepo(): TestRepo & { path: Record<string, string> } {
  const repo = makeRepo();
  const path = { PATH: `${keyguardOnPath(join(repo.dir, '..'))}:${process.env.PATH}` };
  const r = repo.keyguard(['init'], { env: path });
  expect(r.code, r.stderr).toBe(0);
  return Object.assign(repo, { path });
}

const commitThroughHook = (repo: TestRepo & { path: Record<string, string> }, message = 'change') => {
  const r = repo.git(['commit', '-q', '-m', message], { allowFail: true, env: repo.path });
  return { code: r.code, out: r.stdout + r.stderr };
};

describe('terminal injection: every untrusted string is escaped in text output', () => {
  it('a secret file whose folder name holds ESC sequences and newlines cannot forge a line or drive the terminal', () => {
    const repo = hookedRepo();
    const evil = `x\u001b[2J\u001b]0;owned\u0007\n${FORGED}\n\u009b31m\u2028`;
    repo.write(`${evil}/.env`, 'A=1\n');
    // Line breaks of every kind in the name of a file holding a key.
    repo.write(`notes\n${FORGED}\n\u2028\r\u001b[1A.ts`, `const key = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const r = commitThroughHook(repo);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('commit blocked — 2 problems');
    expectInert(r.out);
    // The fix stays a command that works when pasted: $'…' quoting names the real file.
    const fix = /git rm --cached (\$'[^']*(?:\\'[^']*)*')/.exec(r.out);
    expect(fix, r.out).not.toBeNull();
    const rm = spawnSync('bash', ['-c', `git rm -q --cached ${fix![1]}`], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(rm.status, rm.stderr).toBe(0);
    expect(repo.git(['diff', '--cached', '--name-only', '-z']).stdout.split('\0').filter(Boolean)).toEqual([`notes\n${FORGED}\n\u2028\r\u001b[1A.ts`]);
  });

  it("a commit author's name with ESC and C1 controls is escaped in scan and pre-push output", () => {
    const repo = makeRepo();
    repo.write('a.txt', 'hello\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'first']);
    const remote = join(repo.dir, '..', 'remote.git');
    repo.git(['init', '-q', '--bare', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    repo.git(['push', '-q', 'origin', 'main']);
    repo.write('src/client.ts', `const key = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const author = 'Eve \u001b[1A\u001b[2K\u009b2J\u001b]8;;https://evil.invalid\u0007x';
    repo.git(['commit', '-q', '--no-verify', '-m', 'add client'], { env: { GIT_AUTHOR_NAME: author } });
    expect(repo.git(['log', '-1', '--format=%an']).stdout).toContain('\u001b[1A'); // git kept it

    const scan = repo.keyguard(['scan', '--history']);
    expect(scan.code).toBe(1);
    expect(scan.stdout).toContain('by Eve \\x1b[1A\\x1b[2K\\x9b2J');
    expectInert(scan.stdout + scan.stderr);

    const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const base = repo.git(['rev-parse', 'origin/main']).stdout.trim();
    const push = repo.keyguard(['pre-push', 'origin', remote], { input: `refs/heads/main ${head} refs/heads/main ${base}\n` });
    expect(push.code).toBe(1);
    expect(push.stdout).toContain('by Eve \\x1b[1A');
    expectInert(push.stdout + push.stderr);
  });

  it("a custom rule's description and fix, and a key block's body, are escaped", () => {
    const repo = makeRepo();
    repo.write(
      '.keyguardrc.json',
      JSON.stringify({
        rules: [{ id: 'acme-token', description: 'Acme\u001b[2J\r\u009b token', fix: `rotate\n${FORGED}`, pattern: 'acme_[a-z0-9]{24}', keywords: ['acme_'] }],
      }),
    );
    repo.write('src/acme.ts', `const acme = "acme_${'k3j5h7g9f1d3s5a7q9w1e3r5'}";\n`);
    // A private-key block whose body starts with an escape sequence.
    const body = `\u001b[2J\u001b[H${keys.generic()}${keys.generic()}\n${keys.generic()}`;
    repo.write('src/key.txt', `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`);
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Acme\\x1b[2J\\r\\x9b token [acme-token]');
    expect(r.stdout).toMatch(/private key \[private-key\] {3}\S*… \(redacted\)/);
    expectInert(r.stdout + r.stderr);
  });

  it("a baseline entry's rule and path are escaped in the stale-entry note", () => {
    const repo = makeRepo();
    repo.write('a.txt', 'hello\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'first']);
    const entry = { fingerprint: 'ab'.repeat(16), rule: `x\u001b[2J\n${FORGED}`, path: 'p\u009b1A' };
    repo.write('.keyguard-baseline.json', JSON.stringify({ version: 1, findings: [entry] }));
    const r = repo.keyguard(['scan']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('stale');
    expect(r.stderr).toContain('(x\\x1b[2J\\nkeyguard: no secrets');
    expectInert(r.stdout + r.stderr);
  });

  it('the list of secret files git already tracks (init, --fix-gitignore) escapes their names', () => {
    const repo = makeRepo();
    repo.write(`cfg\u001b]0;owned\u0007\u009b2J/.env`, 'A=1\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'first']);
    const r = repo.keyguard(['--fix-gitignore']);
    expect(r.stdout).toContain('is tracked by git');
    expectInert(r.stdout + r.stderr);
  });

  it('an error line naming a hostile file name is escaped too', () => {
    const repo = makeRepo();
    const r = repo.keyguard(['check', `../x\u001b[2J\n${FORGED}`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectInert(r.stderr);
  });
});

describe('reports people can read', () => {
  it('one finding: where, what, rule id, redacted value and fix, and no summary repeated', () => {
    const repo = makeRepo();
    repo.write('src.ts', `const token = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}src\.ts:1:16 {2}GitHub token \[github-token\] {3}ghp_\w+… \(redacted\)$/m);
    expect(r.stdout.match(/commit blocked/g)).toHaveLength(1);
    expect(r.stdout.match(/fix: /g)).toHaveLength(1);
  });

  it('many findings: natural order, each shared fix once (one git rm for every file), the verdict with counts by rule last', () => {
    const repo = makeRepo();
    for (let i = 1; i <= 12; i++) repo.write(`services/f${i}.ts`, `export const token = "${keys.github()}";\n`);
    for (const p of ['.env', 'web/.env', 'api/.env', '.env.local']) repo.write(p, 'A=1\n');
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const order = lines.map((l) => /services\/f(\d+)\.ts/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(r.stdout.match(/revoke it at github\.com\/settings\/tokens/g)).toHaveLength(1);
    expect(r.stdout).toContain('fix for 12 × github-token:');
    expect(r.stdout).toContain('git rm --cached .env .env.local api/.env web/.env,');
    expect(lines.at(-1)).toBe('keyguard: commit blocked — 16 problems: 12 github-token, 4 env-file');
  });

  it('fix commands name paths from the folder the user is in, and work when pasted there', () => {
    const repo = makeRepo();
    repo.write('package.json', '{}\n');
    repo.write('apps/web/.env', 'A=1\n');
    repo.write('apps/api/.env', 'B=2\n');
    repo.write('apps/web/src/main.ts', 'export {};\n');
    repo.git(['add', '-A']);
    const cwd = join(repo.dir, 'apps', 'web');
    const r = repo.keyguard(['check'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  apps/api/.env'); // locations stay repository paths, as in JSON and SARIF
    const cmd = /(git rm --cached [^,]+),/.exec(r.stdout)![1];
    expect(cmd).toBe('git rm --cached ../api/.env .env');
    const run = spawnSync('sh', ['-c', cmd], { cwd, env: repo.env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(repo.keyguard(['check'], { cwd }).code).toBe(0);
  });

  it('the redacted value of a key block starts with the key, not with a line break', () => {
    const repo = makeRepo();
    const body = [keys.generic() + keys.generic(), keys.generic() + keys.generic()].join('\n');
    repo.write('deploy/notes.txt', `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);
    repo.git(['add', '-A']);
    const json = JSON.parse(repo.keyguard(['check', '--format', 'json']).stdout);
    // Whatever of it is shown (a prefix, or nothing for a value fingerprinted slowly), never a line break first.
    expect(json.findings[0].redacted).toMatch(/^[^\s]*…$/);
    const text = repo.keyguard(['check']).stdout;
    expect(text).toMatch(/^ {2}deploy\/notes\.txt:1:\d+ {2}private key \[private-key\] {3}\S*… \(redacted\)$/m);
  });

  it('FORCE_COLOR turns colour on into a pipe (1–3) and off at a terminal (0); NO_COLOR turns it off', () => {
    const repo = makeRepo();
    repo.write('src.ts', `const token = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    for (const level of ['1', '2', '3']) expect(repo.keyguard(['check'], { env: { FORCE_COLOR: level } }).stdout).toContain('\u001b[1;31m');
    expect(repo.keyguard(['check']).stdout).not.toContain('\u001b[');
    expect(repo.keyguard(['check'], { env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\u001b[');
    // Through a real pseudo-terminal: colour by default, none with FORCE_COLOR=0 or NO_COLOR=1.
    const atTerminal = (extra: Record<string, string>) =>
      spawnSync('script', ['-q', '-e', '-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check`, '/dev/null'], {
        cwd: repo.dir,
        env: { ...repo.env, TERM: 'xterm', ...extra },
        encoding: 'utf8',
      }).stdout;
    expect(atTerminal({})).toContain('\u001b[1;31m');
    expect(atTerminal({ FORCE_COLOR: '0' })).not.toContain('\u001b[1;31m');
    expect(atTerminal({ NO_COLOR: '1' })).not.toContain('\u001b[1;31m');
  });

  it('keyguard help COMMAND prints that command\'s help; an unknown one is a usage error', () => {
    const repo = makeRepo();
    for (const c of ['check', 'scan', 'pre-push', 'baseline', 'allow', 'init', 'uninstall']) {
      const r = repo.keyguard(['help', c]);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: keyguard ${c}\\b`));
    }
    for (const bad of [['help', 'nope'], ['help', 'toString'], ['toString']]) {
      const r = repo.keyguard(bad);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
    }
  });

  it('check FILE on files that are not staged names them, not "staged changes"', () => {
    const repo = makeRepo();
    repo.write('notes.txt', 'hello\n');
    repo.write('b.txt', 'world\n');
    const one = repo.keyguard(['check', 'notes.txt']);
    expect(one.code).toBe(0);
    expect(one.stderr).toBe('keyguard: no secrets in notes.txt\n');
    expect(repo.keyguard(['check', 'notes.txt', 'b.txt']).stderr).toBe('keyguard: no secrets in 2 named files\n');
    repo.write('key.ts', `const k = "${keys.github()}";\n`);
    const blocked = repo.keyguard(['check', 'key.ts']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('commit blocked — 1 problem in key.ts');
    expect(blocked.stdout).not.toContain('staged');
  });

  it('a successful check prints one short line, and nothing with --quiet', () => {
    const repo = makeRepo();
    repo.write('a.txt', 'hello\n');
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^keyguard: no secrets in staged changes\n$/);
    const q = repo.keyguard(['check', '--quiet']);
    expect(q.code).toBe(0);
    expect(q.stdout + q.stderr).toBe('');
  });
});
