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
