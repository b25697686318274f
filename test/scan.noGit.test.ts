import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, isolatedEnv } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

/**
 * `keyguard scan --no-git PATH…` and `keyguard scan -`: folders and files that are not a git
 * repository (a Docker build context, an unpacked release, logs) and standard input, through the
 * built CLI, in a scratch folder outside any repository.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratch() {
  const base = mkdtempSync(join(tmpdir(), 'keyguard-nogit-'));
  dirs.push(base);
  const home = join(base, 'home');
  const dir = join(base, 'work');
  mkdirSync(home);
  mkdirSync(dir);
  const env = isolatedEnv(home, { GIT_CEILING_DIRECTORIES: base });
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const keyguard = (args: string[], input = '', nodeArgs: string[] = []) => {
    const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd: dir, env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { base, dir, write, keyguard };
}

const found = (stdout: string) => (JSON.parse(stdout).findings as { path: string; rule: string }[]).map((f) => `${f.path}:${f.rule}`).sort();

describe('keyguard scan --no-git', () => {
  it('scans a build context folder: same rules and allow mechanisms, .keyguardignore honoured, .git skipped, symlinks not followed', () => {
    const s = scratch();
    const outside = join(s.base, 'outside.txt');
    writeFileSync(outside, `token = "${keys.github()}"\n`);
    s.write('ctx/.env', 'DB_PASSWORD=hunter2\n');
    s.write('ctx/src/app.js', `const k = "${keys.github()}";\n`);
    s.write('ctx/src/allowed.js', `const k = "${keys.github()}"; // keyguard:allow\n`);
    s.write('ctx/.git/config-copy', `token = "${keys.github()}"\n`);
    s.write('ctx/vendor/.git/objects-copy', `token = "${keys.github()}"\n`);
    s.write('ctx/node_modules/pkg/index.js', `const k = "${keys.github()}";\n`);
    s.write('ctx/.keyguardignore', 'node_modules/\n');
    s.write('ctx/.keyguardrc.json', JSON.stringify({ allowValues: ['/^sk_live_0{4}/'] }));
    s.write('ctx/src/fixture.js', `const s = "sk_live_0000${keys.generic().slice(0, 20)}";\n`);
    symlinkSync(outside, join(s.dir, 'ctx', 'link.txt'));
    symlinkSync(s.base, join(s.dir, 'ctx', 'up'));
    const r = s.keyguard(['scan', '--no-git', 'ctx', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(found(r.stdout)).toEqual(['ctx/.env:env-file', 'ctx/src/app.js:github-token']);
    expect(JSON.parse(r.stdout).scanned).toMatchObject({ what: 'paths', files: 6 });

    const text = s.keyguard(['scan', '--no-git', 'ctx']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('keyguard: secrets found — 2 problems in 6 files');
    expect(text.stdout).not.toContain('git rm'); // nothing to untrack outside git
    expect(text.stdout).not.toContain(readFileSync(join(s.dir, 'ctx/src/app.js'), 'utf8').slice(11, 30));

    const sarif = JSON.parse(s.keyguard(['scan', '--no-git', 'ctx', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual(['env-file', 'github-token']);
  });

  it('files, and a baseline in the current folder accepts what it lists', () => {
    const s = scratch();
    s.write('logs/app.log', `GET /x 200\nAuthorization: token ${keys.github()}\n`);
    s.write('notes.txt', 'nothing here\n');
    const r = s.keyguard(['scan', '--no-git', 'logs/app.log', 'notes.txt', '--format', 'json']);
    expect(r.code).toBe(1);
    const [finding] = JSON.parse(r.stdout).findings;
    expect(finding).toMatchObject({ path: 'logs/app.log', line: 2 });
    s.write('.keyguard-baseline.json', JSON.stringify({ version: 1, findings: [{ fingerprint: finding.fingerprint, rule: finding.rule, path: finding.path }] }));
    const again = s.keyguard(['scan', '--no-git', 'logs/app.log', 'notes.txt']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('1 accepted by the baseline');
    expect(again.stderr).toContain('keyguard: no secrets in 2 files');
  });

  it('reads standard input with `scan -`', () => {
    const s = scratch();
    const r = s.keyguard(['scan', '-', '--format', 'json'], `build log line\nexport GITHUB_TOKEN=${keys.github()}\n`);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toMatchObject([{ path: '(stdin)', line: 2, rule: 'github-token' }]);
    const clean = s.keyguard(['scan', '-'], 'all good\n');
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('keyguard: no secrets in standard input\n');
    expect(s.keyguard(['scan', '--no-git', '-'], `t=${keys.github()}\n`).code).toBe(1);
  });

  it('bad input: one line and exit 2', () => {
    const s = scratch();
    for (const args of [['scan', '--no-git'], ['scan', '--no-git', 'missing'], ['scan', '--no-git', '.', '--history'], ['scan', '-', '-'], ['scan', 'stray']]) {
      const r = s.keyguard(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('a 256 MB log and a 64 MB single line are read in bounded memory, keys at their ends found with their place', () => {
    const s = scratch();
    const key = keys.github();
    const log = join(s.dir, 'big.log');
    let fd = openSync(log, 'w');
    const block = Buffer.from('2026-12-01 INFO request handled in 12ms path=/api/v1/items status=200\n'.repeat(15_000));
    let lines = 0;
    for (let written = 0; written < 256 << 20; written += block.length) {
      writeSync(fd, block);
      lines += 15_000;
    }
    writeSync(fd, `token=${key}\n`);
    closeSync(fd);
    const min = join(s.dir, 'bundle.min.js');
    fd = openSync(min, 'w');
    const chunk = Buffer.from('x=1;'.repeat(1 << 18)); // 1 MiB, no line break
    for (let i = 0; i < 64; i++) writeSync(fd, chunk);
    writeSync(fd, `var t="${key}";`);
    closeSync(fd);

    // The CLI as users run it, with a preload that records its peak memory when it exits.
    const probe = join(s.base, 'rss.cjs');
    const out = join(s.base, 'rss.txt');
    writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
    for (const [file, line, column] of [['big.log', lines + 1, 7], ['bundle.min.js', 1, (64 << 20) + 8]] as const) {
      const r = s.keyguard(['scan', '--no-git', file, '--format', 'json'], '', ['-r', probe]);
      expect(r.code, r.stderr).toBe(1);
      expect(JSON.parse(r.stdout).findings).toMatchObject([{ path: file, line, column, rule: 'github-token' }]);
      const peakMB = Number(readFileSync(out, 'utf8')) / 1024;
      expect(peakMB, `${file}: peak RSS ${peakMB.toFixed(0)} MB`).toBeLessThan(200);
    }
  }, 120_000);
});

describe('a key right after a line of nearly a piece (a minified bundle, a log line)', () => {
  it('is found in a file and on standard input: the next piece starts after that line, not at the cut', () => {
    const s = scratch();
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    // The first line ends 1000 bytes before the cut at 1 MiB, which runs through the key.
    const minified = `var a=${'1,'.repeat(523_784)}0;\n`;
    expect(Buffer.byteLength(minified)).toBeLessThan(1 << 20);
    expect(Buffer.byteLength(minified + key)).toBeGreaterThan(1 << 20);
    const text = minified + key + 'export const label = "plain";\n'.repeat(40_000);
    s.write('bundle.js', text);
    const file = s.keyguard(['scan', '--no-git', 'bundle.js', '--format', 'json']);
    expect(file.code, file.stderr).toBe(1);
    expect(JSON.parse(file.stdout).findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([['private-key', 2]]);
    const stdin = s.keyguard(['scan', '-', '--format', 'json'], text);
    expect(stdin.code, stdin.stderr).toBe(1);
    expect(JSON.parse(stdin.stdout).findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([['private-key', 2]]);
  });
});

describe('a key pasted into a binary file', () => {
  it('is found in a big binary file and on standard input, as at a commit; a small binary on standard input too', () => {
    const s = scratch();
    const key = keys.openai();
    const big = Buffer.concat([randomBytes(2 << 20), Buffer.from(`\0${key}\0`), randomBytes(1 << 20)]);
    s.write('dist/app.bin', big);
    const file = s.keyguard(['scan', '--no-git', '.', '--format', 'json']);
    expect(file.code, file.stderr).toBe(1);
    expect(found(file.stdout)).toEqual(['dist/app.bin:openai-api-key']);
    expect(file.stdout).not.toContain(key);
    const stdin = s.keyguard(['scan', '-', '--format', 'json'], big as unknown as string);
    expect(stdin.code, stdin.stderr).toBe(1);
    expect(found(stdin.stdout)).toEqual(['(stdin):openai-api-key']);
    const small = Buffer.concat([randomBytes(3000), Buffer.from(`\0${keys.openai()}\0`), randomBytes(500)]);
    const smallIn = s.keyguard(['scan', '-', '--format', 'json'], small as unknown as string);
    expect(smallIn.code, smallIn.stderr).toBe(1);
    expect(found(smallIn.stdout)).toEqual(['(stdin):openai-api-key']);
  });
});
