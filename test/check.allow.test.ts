import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

function paths(r: { stdout: string }): string[] {
  return (JSON.parse(r.stdout).findings as { path: string }[]).map((f) => f.path).sort();
}

describe('allowing what is not a secret', () => {
  it('honours inline allow comments: keyguard, gitleaks and detect-secrets style', () => {
    const repo = makeRepo();
    repo.write('a.ts', `const a = "${keys.github()}"; // keyguard:allow\n`);
    repo.write('b.py', `b = "${keys.github()}"  # gitleaks:allow\n`);
    repo.write('c.py', `c = "${keys.github()}"  # pragma: allowlist secret\n`);
    repo.write('d.ts', `const d = "${keys.github()}"; // allowed? no\n`);
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(paths(r)).toEqual(['d.ts']);
  });

  it('never blocks placeholders and documented example keys', () => {
    const repo = makeRepo();
    repo.write(
      'config.example.ts',
      [
        'const apiKey = "your-api-key-here";',
        'const token = "<API_KEY>";',
        'const secret = "xxxxxxxxxxxxxxxx";',
        'const openai = "${OPENAI_API_KEY}";',
        'const fromEnv = process.env.OPENAI_API_KEY;',
        'const aws = "AKIAIOSFODNN7EXAMPLE";',
        'password = "{{ vault_password }}"',
        '',
      ].join('\n'),
    );
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('skips paths listed in .keyguardignore (gitignore syntax)', () => {
    const repo = makeRepo();
    repo.write('.keyguardignore', '# fixtures hold fake keys\ntest/fixtures/*\n!test/fixtures/real.ts\n');
    repo.write('test/fixtures/fake.ts', `export const t = "${keys.github()}";\n`);
    repo.write('test/fixtures/real.ts', `export const t = "${keys.github()}";\n`);
    repo.write('test/fixtures/.env', 'A=1\n');
    repo.git(['add', '.']);
    expect(paths(repo.keyguard(['check', '--format', 'json']))).toEqual(['test/fixtures/real.ts']);
  });

  it('reads .keyguardrc.json: disabled rules, allowed paths and values, custom rules', () => {
    const repo = makeRepo();
    const allowed = keys.github();
    repo.write(
      '.keyguardrc.json',
      JSON.stringify({
        disable: ['env-file'],
        allowPaths: ['docs/**'],
        allowValues: [allowed, '/^sk_live_0{4}/'],
        rules: [{ id: 'acme-token', description: 'Acme token', pattern: 'acme_[a-z0-9]{24}', keywords: ['acme_'] }],
      }),
    );
    repo.write('.env', 'DEBUG=1\n');
    repo.write('docs/guide.md', `token: ${keys.github()}\n`);
    repo.write('src/a.ts', `const a = "${allowed}";\nconst s = "sk_live_0000${keys.generic().slice(0, 20)}";\n`);
    repo.write('src/acme.ts', `const acme = "acme_${'k3j5h7g9f1d3s5a7q9w1e3r5'}";\n`);
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { path: string; rule: string; description: string }[];
    expect(findings.map((f) => `${f.path}:${f.rule}`)).toEqual(['src/acme.ts:acme-token']);
  });

  it('reads the "keyguard" key of package.json, and --config FILE', () => {
    const repo = makeRepo();
    repo.write('package.json', JSON.stringify({ name: 'app', keyguard: { disable: ['env-file'] } }));
    repo.write('.env.local', 'DEBUG=1\n');
    repo.git(['add', '.']);
    expect(repo.keyguard(['check']).code).toBe(0);
    repo.write('strict.json', '{}');
    const r = repo.keyguard(['check', '--config', 'strict.json', '--format', 'json']);
    expect(paths(r)).toEqual(['.env.local']);
  });

  it('reads settings files that start with a UTF-8 byte-order mark (as Windows editors save them)', () => {
    const repo = makeRepo();
    const bom = '\uFEFF';
    repo.write('package.json', `${bom}${JSON.stringify({ name: 'app', keyguard: { allowPaths: ['fixtures/**'] } })}\n`);
    repo.write('fixtures/a.ts', `export const t = "${keys.github()}";\n`);
    repo.write('src/b.ts', `export const t = "${keys.github()}";\n`);
    repo.git(['add', '.']);
    expect(paths(repo.keyguard(['check', '--format', 'json']))).toEqual(['src/b.ts']);
    repo.write('.keyguardrc.json', `${bom}{ "allowPaths": ["src/**"] }\n`);
    repo.write('.keyguardignore', `${bom}fixtures/\n`);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('allow markers: next line, blocks, the markers teams migrate from, and only near the marker', () => {
  const findingsOf = (r: { stdout: string }) =>
    (JSON.parse(r.stdout).findings as { path: string; line: number }[]).map((f) => `${f.path}:${f.line}`).sort();

  it('honours next-line, block and secretlint markers; a next-line marker covers that one line only', () => {
    const repo = makeRepo();
    const k = () => `"${keys.github()}"`;
    repo.write('next.ts', ['// keyguard:allow-next-line', `const a = ${k()};`, `const b = ${k()};`, ''].join('\n'));
    repo.write('secretlint.js', [`const a = ${k()}; // secretlint-disable-line`, '// secretlint-disable-next-line', `const b = ${k()};`, ''].join('\n'));
    repo.write('pragma.py', ['# pragma: allowlist nextline secret', `a = ${k()}`, `b = ${k()}`, ''].join('\n'));
    repo.write(
      'block.ts',
      [`const before = ${k()};`, '/* keyguard:disable */', `const a = ${k()};`, `const b = ${k()};`, '/* keyguard:enable */', `const after = ${k()};`, ''].join('\n'),
    );
    repo.write('open.ts', [`const a = ${k()};`, '// keyguard:disable', `const b = ${k()};`, ''].join('\n'));
    repo.write('both.yml', [`# secretlint-disable`, `a: ${k()}`, `# secretlint-enable`, `b: ${k()}`, ''].join('\n'));
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['block.ts:1', 'block.ts:6', 'both.yml:4', 'next.ts:3', 'open.ts:1', 'pragma.py:3']);
  });

  it('on a 4 MB minified line a marker allows only what is near it', () => {
    const repo = makeRepo();
    const pad = 'x=1;'.repeat(512 * 1024); // 2 MB
    const near = keys.github();
    const far = keys.github();
    repo.write('app.min.js', `var n="${near}";/* gitleaks:allow */${pad}${pad.slice(0, 1024)}var f="${far}";${pad}\n`);
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings as { column: number; redacted: string }[];
    expect(found).toHaveLength(1);
    expect(found[0].column).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('in a modified file, a marker on an added line does not reach past lines that did not change', () => {
    const repo = makeRepo();
    repo.write('a.ts', ['const x = 1;', 'const y = 2;', ''].join('\n'));
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'first']);
    // Added: line 1 (the marker) and line 3 (the key); line 2 is unchanged between them.
    repo.write('a.ts', ['// keyguard:allow-next-line', 'const x = 1;', `const k = "${keys.github()}";`, 'const y = 2;', ''].join('\n'));
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['a.ts:3']);
  });
});

describe('allow markers on lines a change did not touch', () => {
  it('a next-line marker or a block already in the file covers a key added under it; one that is not there does not', () => {
    const repo = makeRepo();
    repo.write('a.ts', ['// keyguard:allow-next-line', 'const k = 0;', '/* keyguard:disable */', 'const x = 1;', '/* keyguard:enable */', 'const y = 2;', ''].join('\n'));
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'first']);
    const k = () => `"${keys.github()}"`;
    repo.write('a.ts', ['// keyguard:allow-next-line', `const k = ${k()};`, '/* keyguard:disable */', 'const x = 1;', `const inBlock = ${k()};`, '/* keyguard:enable */', 'const y = 2;', `const after = ${k()};`, ''].join('\n'));
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout).findings as { line: number }[]).map((f) => f.line)).toEqual([8]);
  });
});

describe('allowFiles: a secret file committed by convention, allowed by name, its contents still scanned', () => {
  it('the block message names the setting, and that exact setting lets the commit through', () => {
    const repo = makeRepo();
    repo.write('.env', 'VITE_API_URL=https://api.example.com\n');
    repo.write('web/.env', 'PORT=3000\n');
    repo.git(['add', '.']);
    const blocked = repo.keyguard(['check']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('[env-file]');
    const hint = /"allowFiles": \[[^\]]*\]/.exec(blocked.stdout)![0];
    expect(hint).toBe('"allowFiles": [".env", "web/.env"]');
    repo.write('.keyguardrc.json', `{ ${hint} }\n`);
    const r = repo.keyguard(['check']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('an allowed name is matched from the repository root, and what the file holds still blocks', () => {
    const repo = makeRepo();
    repo.write('.keyguardrc.json', JSON.stringify({ allowFiles: ['.env'] }));
    repo.write('.env', `GITHUB_TOKEN=${keys.github()}\n`);
    repo.write('api/.env', 'A=1\n');
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout).findings as { path: string; rule: string }[]).map((f) => `${f.path}:${f.rule}`).sort();
    expect(found).toEqual(['.env:github-token', 'api/.env:env-file']);
  });

  it('a malformed allowFiles is a config error', () => {
    const repo = makeRepo();
    for (const bad of ['{"allowFiles": ".env"}', '{"allowFiles": ["!.env"]}', '{"allowFiles": [""]}']) {
      repo.write('.keyguardrc.json', bad);
      const r = repo.keyguard(['check']);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^keyguard: error: \.keyguardrc\.json: "allowFiles"/);
    }
  });
});
