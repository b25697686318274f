/**
 * keyguard fix's promises beyond the rewrite itself: partial staging is respected byte for byte,
 * the run is all or nothing (unless --partial), --dry-run writes nothing, existing .env lines and
 * line endings are kept, names stay unique, a tracked .env is untracked, --env writes its own file,
 * and a key that already reached a remote is named for rotation.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cleanupRepos } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { hashTree } from './helpers/tree.js';
import { readDotenv, repoWithHook, tryCommit } from './helpers/fixRepo.js';

afterAll(cleanupRepos);

function staged(repo: ReturnType<typeof repoWithHook>, path: string): string {
  return repo.git(['show', `:${path}`]).stdout;
}

describe('partial staging', () => {
  it('rewrites the staged line in the index and in the working file; unstaged work stays unstaged, byte for byte', () => {
    const repo = repoWithHook();
    const key = keys.openai();
    repo.write('app.js', 'const a = 1;\nconst b = 2;\n');
    repo.git(['add', 'app.js']);
    repo.git(['commit', '-q', '-m', 'base']);
    repo.write('app.js', `const a = 1;\nconst apiKey = "${key}";\nconst b = 2;\n`);
    repo.git(['add', 'app.js']);
    // Unstaged work in the same file: a changed line and a new one.
    repo.write('app.js', `const a = 1;\nconst apiKey = "${key}";\nconst b = 3;\n// wip\n`);

    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(staged(repo, 'app.js')).toBe('const a = 1;\nconst apiKey = process.env.OPENAI_API_KEY;\nconst b = 2;\n');
    expect(repo.read('app.js')).toBe('const a = 1;\nconst apiKey = process.env.OPENAI_API_KEY;\nconst b = 3;\n// wip\n');
    const ok = tryCommit(repo);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // What is left unstaged is exactly the user's own change.
    expect(repo.git(['diff', '--', 'app.js']).stdout).toMatch(/-const b = 2;\n\+const b = 3;\n\+\/\/ wip\n$/);
  });

  it('keeps CRLF line endings and a file without a final newline', () => {
    const repo = repoWithHook();
    const key = keys.github();
    repo.write('main.py', `import sys\r\nTOKEN = "${key}"\r\nprint(TOKEN)`);
    repo.git(['add', 'main.py']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(repo.read('main.py')).toBe('import os\r\nimport sys\r\nTOKEN = os.environ["GITHUB_TOKEN"]\r\nprint(TOKEN)');
    expect(staged(repo, 'main.py')).toBe(repo.read('main.py'));
  });

  it('refuses a file whose working copy holds the key on a line that differs from the staged one', () => {
    const repo = repoWithHook();
    const key = keys.openai();
    repo.write('app.js', `const apiKey = "${key}";\n`);
    repo.git(['add', 'app.js']);
    repo.write('app.js', `const apiKey = "${key}"; // changed\n`);
    const before = hashTree(repo.dir);
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(1);
    expect(fix.stdout).toMatch(/app\.js:1: not changed: the working copy holds the key/);
    expect(hashTree(repo.dir)).toEqual(before);
  });
});

describe('all or nothing', () => {
  function mixed() {
    const repo = repoWithHook();
    const key = keys.openai();
    repo.write('app.js', `const apiKey = "${key}";\n`);
    repo.write('config.json', `{ "apiKey": "${keys.stripe()}" }\n`);
    repo.git(['add', '-A']);
    return { repo, key };
  }

  it('changes nothing (files, index) when one file has no safe rewrite, and says what to do there', () => {
    const { repo } = mixed();
    const before = hashTree(repo.dir);
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(1);
    expect(fix.stdout).toMatch(/config\.json:1: not changed: JSON cannot read the environment/);
    expect(fix.stdout).toContain('nothing was changed');
    expect(hashTree(repo.dir)).toEqual(before);
  });

  it('--partial fixes the files that can be fixed and leaves the others as they were', () => {
    const { repo } = mixed();
    const json = repo.read('config.json');
    const fix = repo.keyguard(['fix', '--partial']);
    expect(fix.code).toBe(1);
    expect(staged(repo, 'app.js')).toContain('process.env.OPENAI_API_KEY');
    expect(repo.read('config.json')).toBe(json);
    expect(staged(repo, 'config.json')).toBe(json);
  });

  it('--dry-run shows every change and writes nothing', () => {
    const repo = repoWithHook();
    repo.write('app.js', `const apiKey = "${keys.openai()}";\n`);
    repo.git(['add', '-A']);
    const before = hashTree(repo.dir);
    const fix = repo.keyguard(['fix', '--dry-run']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(fix.stdout).toContain('would change app.js');
    expect(fix.stdout).toContain('+ const apiKey = process.env.OPENAI_API_KEY;');
    expect(fix.stdout).toContain('would add to .env: OPENAI_API_KEY=…');
    expect(fix.stdout).toContain('would add to .env.example: OPENAI_API_KEY=your-openai-api-key-here');
    expect(hashTree(repo.dir)).toEqual(before);
  });

  it.each([
    ['a Go constant', 'main.go', (k: string) => `package main\n\nconst token = "${k}"\n`, /Go constant/],
    ['a Kotlin const val', 'Config.kt', (k: string) => `const val TOKEN = "${k}"\n`, /const val/],
    ['a key in a comment', 'app.js', (k: string) => `// old token: ${k}\n`, /comment/],
    ['a Java annotation', 'Api.java', (k: string) => `@Header(name = "x", value = "${k}")\nclass Api {}\n`, /annotation/],
    ['a PHP property default', 'Client.php', (k: string) => `<?php\nclass Client {\n    private $token = '${k}';\n}\n`, /constructor/],
  ])('%s: no safe rewrite, nothing changed', (_what, path, source, why) => {
    const repo = repoWithHook();
    repo.write(path, source(keys.github()));
    repo.git(['add', '-A']);
    const before = hashTree(repo.dir);
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(1);
    expect(fix.stdout).toMatch(why);
    expect(hashTree(repo.dir)).toEqual(before);
  });
});

describe('the files around the code', () => {
  it('keeps every line of an existing .env (CRLF, no final newline) and picks a free name', () => {
    const repo = repoWithHook();
    const key = keys.openai();
    repo.write('.gitignore', 'node_modules/\n.env\n');
    repo.write('.env', 'PORT=3000\r\nOPENAI_API_KEY=another-value-entirely');
    repo.write('app.js', `const apiKey = "${key}";\n`);
    repo.git(['add', 'app.js', '.gitignore']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(repo.read('.env')).toBe(`PORT=3000\r\nOPENAI_API_KEY=another-value-entirely\r\nOPENAI_API_KEY_2=${key}`);
    expect(staged(repo, 'app.js')).toContain('process.env.OPENAI_API_KEY_2');
    // The new template shows the whole structure, the names the .env already had included.
    expect(staged(repo, '.env.example')).toBe('PORT=your-port-here\nOPENAI_API_KEY=your-openai-api-key-here\nOPENAI_API_KEY_2=your-openai-api-key-2-here\n');
    // The user's .gitignore lines are kept; keyguard's block follows them.
    expect(repo.read('.gitignore').startsWith('node_modules/\n.env\n')).toBe(true);
  });

  it('a .env.example with unstaged changes of the user: the placeholder is added, the file left unstaged, and said', () => {
    const repo = repoWithHook();
    repo.write('.env.example', 'PORT=\n');
    repo.git(['add', '.env.example']);
    repo.git(['commit', '-q', '-m', 'template']);
    repo.write('.env.example', 'PORT=\nWIP=\n');
    repo.write('app.js', `const apiKey = "${keys.openai()}";\n`);
    repo.git(['add', 'app.js']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(fix.stdout).toContain('.env.example is left unstaged');
    expect(repo.read('.env.example')).toBe('PORT=\nWIP=\nOPENAI_API_KEY=your-openai-api-key-here\n');
    expect(staged(repo, '.env.example')).toBe('PORT=\n');
  });

  it('the same key twice gets one name and one .env line', () => {
    const repo = repoWithHook();
    const key = keys.stripe();
    repo.write('a.js', `const stripe = require("stripe")("${key}");\n`);
    repo.write('b.js', `module.exports = { key: "${key}" };\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(repo.read('.env')).toBe(`STRIPE_SECRET_KEY=${key}\n`);
    expect(staged(repo, 'b.js')).toBe('module.exports = { key: process.env.STRIPE_SECRET_KEY };\n');
  });

  it('stops tracking a .env that git tracks, keeping the file', () => {
    const repo = repoWithHook();
    repo.write('.env', 'PORT=3000\n');
    repo.git(['add', '.env']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'env']);
    repo.write('app.js', `const apiKey = "${keys.openai()}";\n`);
    repo.git(['add', 'app.js']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(fix.stdout).toContain('stopped tracking .env');
    expect(repo.git(['ls-files', '--', '.env']).stdout).toBe('');
    expect(repo.read('.env')).toMatch(/^PORT=3000\nOPENAI_API_KEY=/);
    const ok = tryCommit(repo);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  });

  it('--env production writes .env.production, which git ignores too', () => {
    const repo = repoWithHook();
    const key = keys.stripe();
    repo.write('server.js', `const stripeKey = '${key}';\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix', '--env', 'production']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(readDotenv(repo.read('.env.production')).STRIPE_SECRET_KEY).toBe(key);
    expect(repo.git(['check-ignore', '-q', '.env.production'], { allowFail: true }).code).toBe(0);
    expect(repo.git(['ls-files', '.env.production']).stdout).toBe('');
    expect(tryCommit(repo).code).toBe(0);
  });

  it('a package in a subfolder gets its .env beside its package.json', () => {
    const repo = repoWithHook();
    repo.write('packages/api/package.json', '{ "name": "api" }\n');
    repo.write('packages/api/src/index.js', `const token = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(readDotenv(repo.read('packages/api/.env')).GITHUB_TOKEN).toBeTruthy();
    expect(staged(repo, 'packages/api/.env.example')).toMatch(/^GITHUB_TOKEN=/);
  });

  it('moves a whole connection string to DATABASE_URL', () => {
    const repo = repoWithHook();
    const pw = keys.generic();
    repo.write('db.py', `import os\nengine = create_engine("postgresql://app:${pw}@db.internal:5432/app")\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(staged(repo, 'db.py')).toBe('import os\nengine = create_engine(os.environ["DATABASE_URL"])\n');
    expect(readDotenv(repo.read('.env')).DATABASE_URL).toBe(`postgresql://app:${pw}@db.internal:5432/app`);
    expect(fix.stdout + fix.stderr).not.toContain(pw);
  });

  it('refuses when the .gitignore un-ignores .env, and changes nothing', () => {
    const repo = repoWithHook();
    repo.write('.gitignore', '!.env\n');
    repo.write('app.js', `const apiKey = "${keys.openai()}";\n`);
    repo.git(['add', '-A']);
    const before = hashTree(repo.dir);
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(/\.env would not be ignored/);
    expect(hashTree(repo.dir)).toEqual(before);
  });
});

describe('a key that was pushed', () => {
  it('says rotation is the only fix, with where to rotate it', () => {
    const repo = repoWithHook();
    const remote = join(repo.dir, '..', 'remote.git');
    repo.git(['init', '-q', '--bare', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    const key = keys.stripe();
    repo.write('old.js', `const k = "${key}";\n`);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'old']);
    repo.git(['push', '-q', 'origin', 'HEAD:main']);
    repo.git(['fetch', '-q', 'origin']);
    repo.write('new.js', `const stripeKey = "${key}";\n`);
    repo.git(['add', 'new.js']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(fix.stdout).toMatch(/rotate: Stripe secret key in new\.js:1 was already pushed: .*rotating it is the only fix: .*dashboard\.stripe\.com/);
    expect(fix.stdout).not.toContain(key);
  });

  it('a key in a local commit not yet pushed: says to rewrite that commit, not to rotate', () => {
    const repo = repoWithHook();
    const key = keys.stripe();
    repo.write('old.js', `const k = "${key}";\n`);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'old']);
    repo.write('new.js', `const stripeKey = "${key}";\n`);
    repo.git(['add', 'new.js']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(fix.stdout).toMatch(/history: Stripe secret key \(new\.js:1\) is also in a commit not yet pushed: rewrite that commit/);
    expect(fix.stdout).not.toContain('rotate:');
  });

  it('says nothing of rotation for a key no remote has', () => {
    const repo = repoWithHook();
    repo.write('new.js', `const stripeKey = "${keys.stripe()}";\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(0);
    expect(fix.stdout).not.toContain('rotate:');
  });
});

describe('usage', () => {
  it('nothing staged: nothing to fix, exit 0', () => {
    const repo = repoWithHook();
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(0);
    expect(fix.stdout).toContain('nothing to fix');
  });

  it('a bad --env: one line, exit 2', () => {
    const repo = repoWithHook();
    const fix = repo.keyguard(['fix', '--env', '../x']);
    expect(fix.code).toBe(2);
    expect(fix.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fix FILE fixes only that file', () => {
    const repo = repoWithHook();
    repo.write('a.js', `const apiKey = "${keys.openai()}";\n`);
    repo.write('b.js', `const token = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const b = repo.read('b.js');
    const fix = repo.keyguard(['fix', 'a.js']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(staged(repo, 'a.js')).toContain('process.env.OPENAI_API_KEY');
    expect(repo.read('b.js')).toBe(b);
  });
});

describe('a hostile repository', () => {
  it.each(['.env', '.env.example', '.gitignore'])('%s as a symlink to a file outside: refused, nothing changed, nothing of it staged', (name) => {
    const repo = repoWithHook();
    const outside = join(repo.dir, '..', 'outside.txt');
    writeFileSync(outside, 'PRIVATE=not-for-the-repository\n');
    symlinkSync(outside, join(repo.dir, name));
    repo.write('app.js', `const apiKey = "${keys.openai()}";\n`);
    repo.git(['add', 'app.js']);
    const before = hashTree(repo.dir);
    const fix = repo.keyguard(['fix']);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(new RegExp(`"${name.replace('.', '\\.')}" is a symlink`));
    expect(hashTree(repo.dir)).toEqual(before);
    expect(repo.git(['ls-files', '-s']).stdout).not.toMatch(/\.env\.example|\.gitignore/);
  });

  it('a file name with control characters is shown escaped', () => {
    const repo = repoWithHook();
    const path = 'evil\u001b[2Jname.js';
    repo.write(path, `const apiKey = "${keys.openai()}";\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix', '--dry-run']);
    expect(fix.code).toBe(0);
    expect(fix.stdout).not.toContain('\u001b');
    expect(fix.stdout).toContain('evil\\x1b[2Jname.js');
  });
});

describe('bounded time', () => {
  it('megabyte-long lines built to make name and context tests backtrack finish in seconds, and print clipped lines', () => {
    const repo = repoWithHook();
    const key = keys.openai();
    repo.write('min.js', `${'a '.repeat(1_000_000)}: x = "${key}";\n`);
    repo.write('Api.java', `${'@a('.repeat(300_000)} String s = "${key}";\n`);
    repo.write('m.py', `x = ${'(a:'.repeat(300_000)} "${key}"\n`);
    repo.git(['add', '-A']);
    const started = Date.now();
    const fix = repo.keyguard(['fix', '--dry-run', '--partial']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(fix.code).toBe(1); // the annotation has no rewrite
    expect(fix.stdout).toContain('would change min.js');
    expect(fix.stdout).toContain('process.env.OPENAI_API_KEY');
    expect(fix.stdout).not.toContain(key);
    expect(Math.max(...fix.stdout.split('\n').map((l) => l.length))).toBeLessThan(400);
  });
});

describe('a key that is part of a longer string', () => {
  it('keeps the text around it, joined the language\'s way, and the program sees the same string', () => {
    const repo = repoWithHook();
    const key = keys.openai();
    repo.write('auth.cjs', `const headers = { Authorization: "Bearer ${key}" };\nconsole.log(require("crypto").createHash("sha256").update(headers.Authorization).digest("hex"));\n`);
    repo.write('auth.php', `<?php\n$auth = 'Bearer ${key}';\n`);
    repo.write('call.sh', `curl -H "Authorization: Bearer ${key}" https://api.openai.com/v1/models\n`);
    repo.write('tpl.js', `const h = \`Bearer ${key}\`;\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(staged(repo, 'auth.cjs')).toContain('const headers = { Authorization: ("Bearer " + process.env.OPENAI_API_KEY) };');
    expect(staged(repo, 'auth.php')).toContain("$auth = ('Bearer ' . getenv('OPENAI_API_KEY'));");
    expect(staged(repo, 'call.sh')).toContain('curl -H "Authorization: Bearer ${OPENAI_API_KEY}" https://api.openai.com/v1/models');
    expect(staged(repo, 'tpl.js')).toContain('const h = `Bearer ${process.env.OPENAI_API_KEY}`;');
    const run = spawnSync(process.execPath, ['--env-file=.env', 'auth.cjs'], { cwd: repo.dir, encoding: 'utf8' });
    // The header the program builds is byte for byte the one it built before the fix.
    expect(run.stdout.trim(), run.stderr).toBe(createHash('sha256').update(`Bearer ${key}`).digest('hex'));
  });
});

describe('UTF-8 text', () => {
  it('finds the key after non-ASCII text on its line (accents, CJK, emoji) and writes every other byte back exactly', () => {
    const repo = repoWithHook();
    const key = keys.openai();
    const token = keys.github();
    repo.write('app.js', `const café = "crème"; const apiKey = "${key}";\nconst 名前 = "🔑"; const token = "${token}";\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(staged(repo, 'app.js')).toBe('const café = "crème"; const apiKey = process.env.OPENAI_API_KEY;\nconst 名前 = "🔑"; const token = process.env.GITHUB_TOKEN;\n');
    expect(readDotenv(repo.read('.env'))).toEqual({ OPENAI_API_KEY: key, GITHUB_TOKEN: token });
    // The diff shows the text as it is, keys redacted.
    expect(fix.stdout).toContain('const 名前 = "🔑"; const token = "ghp_');
    expect(fix.stdout + fix.stderr).not.toContain(key);
    expect(fix.stdout + fix.stderr).not.toContain(token);
  });
});

describe('Vite projects', () => {
  it('browser code reads import.meta.env.VITE_…; the server and the config beside it keep process.env', () => {
    const repo = repoWithHook();
    repo.write('package.json', '{ "devDependencies": { "vite": "^5.0.0" } }\n');
    repo.write('src/main.ts', `export const key = "${keys.openai()}";\n`);
    repo.write('server/index.js', `const stripeKey = "${keys.stripe()}";\n`);
    repo.write('vite.config.js', `const token = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const fix = repo.keyguard(['fix']);
    expect(fix.code, fix.stdout).toBe(0);
    expect(staged(repo, 'src/main.ts')).toBe('export const key = import.meta.env.VITE_OPENAI_API_KEY!;\n');
    expect(staged(repo, 'server/index.js')).toBe('const stripeKey = process.env.STRIPE_SECRET_KEY;\n');
    expect(staged(repo, 'vite.config.js')).toBe('const token = process.env.GITHUB_TOKEN;\n');
  });
});
