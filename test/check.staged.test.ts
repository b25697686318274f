import { afterAll, describe, expect, it } from 'vitest';
import { symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, CLI, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  rule: string;
  kind: string;
  redacted: string;
}

function checkJson(repo: TestRepo, args: string[] = []): { code: number; findings: JsonFinding[]; stderr: string } {
  const r = repo.keyguard(['check', '--format', 'json', ...args]);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // never a stack trace
  const findings = r.stdout ? (JSON.parse(r.stdout).findings as JsonFinding[]) : [];
  return { code: r.code, findings, stderr: r.stderr };
}

function committedRepo(): TestRepo {
  const repo = makeRepo();
  repo.write('README.md', '# project\n');
  repo.git(['add', 'README.md']);
  repo.git(['commit', '-q', '-m', 'initial']);
  return repo;
}

/** The hook as a user would have it: git runs it with its own environment (GIT_INDEX_FILE and all). */
function installHook(repo: TestRepo): void {
  const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" check\n`);
  chmodSync(hook, 0o755);
}

describe('keyguard check reads the index', () => {
  it('blocks a staged .env and an OpenAI key, and passes clean code', () => {
    const repo = makeRepo();
    const key = keys.openai();
    repo.write('.env', `OPENAI_API_KEY=${key}\n`);
    repo.write('src/client.ts', `export const client = new OpenAI({ apiKey: "${key}" });\n`);
    repo.write('src/ok.ts', 'export const apiKey = process.env.OPENAI_API_KEY;\n');
    repo.git(['add', '.']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('.env');
    expect(r.stdout).toContain('src/client.ts:1:');
    expect(r.stdout).toContain('OpenAI API key');
    expect(r.stdout).toContain('fix:');
    expect(r.stdout + r.stderr).not.toContain(key);
    expect(r.stdout).not.toContain('src/ok.ts');
  });

  it('works on the first commit of a repository (no HEAD)', () => {
    const repo = makeRepo();
    repo.write('app.py', `token = "${keys.github()}"\n`);
    repo.git(['add', 'app.py']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings.map((f) => f.rule)).toEqual(['github-token']);
    expect(findings[0]).toMatchObject({ path: 'app.py', line: 1, column: 10 });
  });

  it('passes when nothing is staged, and when only clean files are', () => {
    const repo = committedRepo();
    expect(repo.keyguard(['check']).code).toBe(0);
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.git(['add', '.']);
    expect(repo.keyguard(['check', '--quiet'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('reports only added lines of a modified file', () => {
    const repo = makeRepo();
    const old = keys.github();
    repo.write('config.js', `// legacy\nconst t = "${old}";\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'a token that got in before keyguard']);
    const fresh = keys.github();
    repo.write('config.js', `// legacy, moved below\nconst u = "${fresh}";\nconst t = "${old}";\n`);
    repo.git(['add', '.']);
    // the old token is already in history (the pre-push check and scan report it); this commit adds line 2
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings.map((f) => [f.line, f.redacted])).toEqual([[2, `${fresh.slice(0, 10)}…`]]);
  });

  it('sees a key only in the staged part of a partially staged file', () => {
    const repo = committedRepo();
    const key = keys.aws();
    // staged: the key; working tree: the key removed again. The commit would hold it.
    repo.write('deploy.sh', `export AWS_ACCESS_KEY_ID=${key}\n`);
    repo.git(['add', 'deploy.sh']);
    repo.write('deploy.sh', 'export AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID"\n');
    expect(checkJson(repo).code).toBe(1);
  });

  it('ignores a key that is only in the unstaged part of a file', () => {
    const repo = committedRepo();
    repo.write('deploy.sh', 'echo deploy\n');
    repo.git(['add', 'deploy.sh']);
    repo.write('deploy.sh', `echo deploy\nexport AWS_ACCESS_KEY_ID=${keys.aws()}\n`);
    expect(checkJson(repo).code).toBe(0);
  });

  it('blocks a force-added .env that .gitignore lists', () => {
    const repo = committedRepo();
    repo.write('.gitignore', '.env\n');
    repo.write('.env', 'DEBUG=1\n');
    repo.git(['add', '.gitignore']);
    repo.git(['add', '-f', '.env']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings).toEqual([expect.objectContaining({ path: '.env', rule: 'env-file', kind: 'file', line: 0 })]);
    expect(repo.keyguard(['check']).stdout).toContain('fix: git rm --cached .env   (already ignored by .gitignore)');
  });

  it('allows .env.example as a file but still scans what it holds', () => {
    const repo = committedRepo();
    repo.write('.env.example', 'OPENAI_API_KEY=your-api-key-here\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nSECRET=${SECRET}\n');
    repo.git(['add', '.']);
    expect(checkJson(repo).code).toBe(0);
    repo.write('.env.example', `OPENAI_API_KEY=${keys.openai()}\n`);
    repo.git(['add', '.']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings.map((f) => `${f.path}:${f.rule}`)).toEqual(['.env.example:openai-api-key']);
  });

  it('never blocks the staged deletion of a secret file', () => {
    const repo = makeRepo();
    repo.write('.env', `TOKEN=${keys.github()}\n`);
    repo.write('id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'oops']);
    repo.git(['rm', '-q', '--cached', '.env', 'id_rsa']);
    expect(checkJson(repo).code).toBe(0);
  });

  it('blocks secret files by path: keys, private folders, cloud credentials', () => {
    const repo = committedRepo();
    for (const p of ['certs/server.key', 'config/secrets.json', 'app/private/service.json', '.ssh/id_ed25519', 'infra/terraform.tfstate']) {
      repo.write(p, 'x\n');
    }
    repo.write('certs/ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    repo.git(['add', '.']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings.map((f) => f.path).sort()).toEqual(
      ['.ssh/id_ed25519', 'app/private/service.json', 'certs/server.key', 'config/secrets.json', 'infra/terraform.tfstate'],
    );
  });

  it('finds a key in a file that .gitattributes marks -diff', () => {
    const repo = committedRepo();
    repo.write('.gitattributes', 'vault.txt -diff\n');
    repo.write('vault.txt', `stripe = ${keys.stripe()}\n`);
    repo.git(['add', '.']);
    expect(repo.git(['diff', '--cached', '--', 'vault.txt']).stdout).toContain('Binary files');
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings[0]).toMatchObject({ path: 'vault.txt', rule: 'stripe-secret-key', line: 1 });
  });

  it('reports file names with spaces, quotes, non-ASCII letters and a newline exactly', () => {
    const repo = committedRepo();
    const names = ['dir with space/my file.ts', `it's "quoted".ts`, 'données/clé.ts', 'line\nbreak.ts'];
    for (const n of names) repo.write(n, `const token = "${keys.github()}";\n`);
    repo.git(['add', '.']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings.map((f) => f.path).sort()).toEqual([...names].sort());
    const text = repo.keyguard(['check']).stdout;
    expect(text).toContain('dir with space/my file.ts:1:16');
    expect(text).toContain('données/clé.ts:1:16');
    expect(text).toContain('"line\\nbreak.ts":1:16'); // a newline cannot break the report's layout
  });

  it('reads binary content for keys (its printable runs) and still judges binary secret files by name', () => {
    const repo = committedRepo();
    const body = Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(`token=${keys.github()}`), Buffer.from([0])]);
    repo.write('image.bin', body);
    repo.git(['add', '.']);
    expect(checkJson(repo).findings.map((f) => `${f.path} ${f.rule}`)).toEqual(['image.bin github-token']);
    repo.git(['rm', '-q', '--cached', 'image.bin']);
    repo.write('client.p12', Buffer.from([0x30, 0x82, 0, 0, 1, 2, 3]));
    repo.git(['add', 'client.p12']);
    expect(checkJson(repo).findings.map((f) => f.path)).toEqual(['client.p12']);
  });

  it('reads UTF-16 text and CRLF line endings correctly', () => {
    const repo = committedRepo();
    const key = keys.github();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# settings\r\nGITHUB_TOKEN=${key}\r\n`, 'utf16le')]);
    repo.write('settings.ini', utf16);
    repo.write('windows.cfg', `first=1\r\nsecond=2\r\ntoken: ${keys.github()}\r\n`);
    repo.git(['add', '.']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    const byPath = Object.fromEntries(findings.map((f) => [f.path, f]));
    expect(byPath['settings.ini']).toMatchObject({ line: 2, column: 14, rule: 'github-token' });
    expect(byPath['windows.cfg']).toMatchObject({ line: 3, column: 8, rule: 'github-token' });
    // the redacted value never swallows the carriage return
    expect(byPath['windows.cfg'].redacted).not.toContain('\r');
  });

  it('finds a key at the end of a 50 MB staged file', () => {
    const repo = committedRepo();
    const line = 'export const value = Math.max(first, second) + offset; // ordinary code\n';
    const lines = Math.ceil((50 * 1024 * 1024) / line.length);
    const key = keys.github();
    writeFileSync(join(repo.dir, 'big.js'), line.repeat(lines) + `const t = "${key}";\n`);
    repo.git(['add', 'big.js']);
    const { code, findings } = checkJson(repo);
    expect(code).toBe(1);
    expect(findings).toEqual([expect.objectContaining({ path: 'big.js', line: lines + 1, column: 12 })]);
  });

  it('handles a symlink without following it', () => {
    const repo = committedRepo();
    writeFileSync(join(repo.home, 'real.env'), `TOKEN=${keys.github()}\n`);
    symlinkSync(join(repo.home, 'real.env'), join(repo.dir, 'linked.txt'));
    repo.git(['add', 'linked.txt']);
    expect(repo.git(['ls-files', '-s', 'linked.txt']).stdout).toMatch(/^120000 /);
    expect(checkJson(repo).code).toBe(0);
  });

  it('handles a submodule (gitlink) without crashing', () => {
    const sub = makeRepo();
    sub.write('lib.txt', 'library\n');
    sub.git(['add', '.']);
    sub.git(['commit', '-q', '-m', 'lib']);
    const repo = committedRepo();
    repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/lib']);
    expect(repo.git(['ls-files', '-s', 'vendor/lib']).stdout).toMatch(/^160000 /);
    const { code, stderr } = checkJson(repo);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('passes a rename without changes and blocks a rename into a secret file name', () => {
    const repo = makeRepo();
    repo.write('notes/legacy.txt', `old token ${keys.github()} keyguard:allow\nmore text\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'legacy']);
    repo.git(['mv', 'notes/legacy.txt', 'notes/archive.txt']);
    expect(repo.git(['diff', '--cached', '-M', '--name-status']).stdout).toMatch(/^R100/);
    repo.write('notes/archive.txt', repo.read('notes/archive.txt').replace(' keyguard:allow', ''));
    // the allow comment went away in the working tree only; the index holds the same blob
    expect(checkJson(repo).code).toBe(0);
    repo.git(['mv', 'notes/archive.txt', 'prod.key']);
    const { findings } = checkJson(repo);
    expect(findings.map((f) => `${f.path}:${f.rule}`)).toEqual(['prod.key:private-key-file']);
  });

  it('scans `check FILE…` as staged: the index version of staged files, the file itself otherwise', () => {
    const repo = committedRepo();
    repo.write('a.ts', `const t = "${keys.github()}";\n`);
    repo.git(['add', 'a.ts']);
    repo.write('a.ts', 'const t = process.env.TOKEN;\n'); // working tree clean, index not
    repo.write('b.ts', `const t = "${keys.github()}";\n`); // not staged
    repo.write('c.ts', 'export {};\n');
    expect(checkJson(repo, ['a.ts']).findings.map((f) => f.path)).toEqual(['a.ts']);
    expect(checkJson(repo, ['c.ts']).code).toBe(0);
    expect(checkJson(repo, ['b.ts', 'c.ts']).findings.map((f) => f.path)).toEqual(['b.ts']);
    // lint-staged passes absolute paths, and keyguard may run from a subfolder
    repo.write('sub/d.ts', `const t = "${keys.github()}";\n`);
    repo.git(['add', 'sub/d.ts']);
    const fromSub = repo.keyguard(['check', '--format', 'json', join(repo.dir, 'sub/d.ts')], { cwd: join(repo.dir, 'sub') });
    expect(JSON.parse(fromSub.stdout).findings.map((f: JsonFinding) => f.path)).toEqual(['sub/d.ts']);
  });
});

describe('keyguard check through a real pre-commit hook', () => {
  it('reads the temporary index of `git commit -a` and `git commit PATH`', () => {
    const repo = committedRepo();
    installHook(repo);
    repo.write('app.ts', 'export const x = 1;\n');
    repo.git(['add', 'app.ts']);
    repo.git(['commit', '-q', '-m', 'clean code passes the hook']);
    const key = keys.openai();
    repo.write('app.ts', `export const x = 1;\nexport const key = "${key}";\n`);
    // nothing staged: only -a / PATH put the change into the (temporary) index
    const all = repo.git(['commit', '-a', '-m', 'with -a'], { allowFail: true });
    expect(all.code).not.toBe(0);
    expect(all.stdout + all.stderr).toContain('app.ts:2:');
    expect(all.stdout + all.stderr).not.toContain(key);
    const byPath = repo.git(['commit', 'app.ts', '-m', 'with a path'], { allowFail: true });
    expect(byPath.code).not.toBe(0);
    expect(byPath.stdout + byPath.stderr).toContain('OpenAI API key');
    expect(repo.git(['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('2');
  });

  it('checks the resolution of a merge in progress', () => {
    const repo = committedRepo();
    installHook(repo);
    repo.write('settings.ts', 'export const region = "eu";\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'settings']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('settings.ts', 'export const region = "us";\n');
    repo.git(['commit', '-q', '-am', 'us']);
    repo.git(['checkout', '-q', 'main']);
    repo.write('settings.ts', 'export const region = "ap";\n');
    repo.git(['commit', '-q', '-am', 'ap']);
    expect(repo.git(['merge', 'feature'], { allowFail: true }).code).not.toBe(0);
    repo.write('settings.ts', `export const region = "us";\nexport const token = "${keys.github()}";\n`);
    repo.git(['add', 'settings.ts']);
    const blocked = repo.git(['commit', '--no-edit'], { allowFail: true });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('settings.ts:2:');
    repo.write('settings.ts', 'export const region = "us";\n');
    repo.git(['add', 'settings.ts']);
    expect(repo.git(['commit', '--no-edit'], { allowFail: true }).code).toBe(0);
    expect(repo.git(['rev-list', '--parents', '-n', '1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
  });

  it('works in a linked worktree, whose .git is a file', () => {
    const repo = committedRepo();
    const wt = join(repo.home, 'wt');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'side']);
    writeFileSync(join(wt, 'x.ts'), `const t = "${keys.github()}";\n`);
    repo.git(['add', 'x.ts'], { cwd: wt });
    const r = repo.keyguard(['check', '--format', 'json'], { cwd: wt });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].path).toBe('x.ts');
  });
});
