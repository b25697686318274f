/**
 * What `keyguard check` says about fix: it offers `keyguard fix` on a blocked commit when every
 * finding has a rewrite, warns of a live-mode key in a development or test file, and warns (the
 * commit still goes through) when a staged .env-style template and .env.example list different names.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { repoWithHook, tryCommit } from './helpers/fixRepo.js';

afterAll(cleanupRepos);

const OFFER = 'keyguard fix';

describe('the offer of keyguard fix', () => {
  it('is made when every finding is a key in code fix can rewrite, and fix then clears the commit', () => {
    const repo = repoWithHook();
    repo.write('app.js', `const apiKey = "${keys.openai()}";\n`);
    repo.write('main.py', `TOKEN = "${keys.github()}"\n`);
    repo.git(['add', '-A']);
    const blocked = tryCommit(repo);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).toContain(OFFER);
    expect(repo.keyguard(['fix']).code).toBe(0);
    expect(tryCommit(repo).code).toBe(0);
  });

  it.each([
    ['a secret file', { '.env': 'A=1\n', 'app.js': `const apiKey = "${keys.openai()}";\n` }],
    ['a key in JSON', { 'config.json': `{ "key": "${keys.stripe()}" }\n` }],
  ])('is not made when one finding is %s', (_what, files) => {
    const repo = repoWithHook();
    for (const [p, c] of Object.entries(files)) repo.write(p, c);
    repo.git(['add', '-f', '-A']);
    const blocked = repo.keyguard(['check']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).not.toContain(OFFER);
  });
});

describe('live-mode keys in development and test files', () => {
  it.each([
    ['config/development.js', true],
    ['.env.development', true],
    ['test/payments.test.js', true],
    ['src/billing.js', false],
  ])('%s: warned %s', (path, warned) => {
    const repo = repoWithHook();
    const key = keys.stripe();
    repo.write(path, `const stripeKey = "${key}";\n`);
    repo.git(['add', '-A']);
    const out = repo.keyguard(['check']);
    expect(out.code).toBe(1);
    const warning = /warning: .*a live-mode Stripe secret key in a file named for a development or test environment/;
    if (warned) expect(out.stderr).toMatch(warning);
    else expect(out.stderr).not.toMatch(warning);
    expect(out.stdout + out.stderr).not.toContain(key);
  });

  it('a test-mode key in a test file is not warned of', () => {
    const repo = repoWithHook();
    const testKey = ['sk', 'test', 'Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk'].join('_');
    repo.write('test/payments.test.js', `const stripeKey = "${testKey}";\n`);
    repo.git(['add', '-A']);
    const out = repo.keyguard(['check']);
    expect(out.stderr).not.toMatch(/live-mode/);
  });
});

describe('.env.example kept in step', () => {
  it('warns, without blocking, when a staged template lists names .env.example lacks, or the reverse', () => {
    const repo = repoWithHook();
    repo.write('.env.example', 'PORT=\nDATABASE_URL=\n');
    repo.git(['add', '-A']);
    expect(tryCommit(repo, 'template').code).toBe(0);
    repo.write('.env.production.example', 'PORT=\nSENTRY_DSN=\n');
    repo.git(['add', '-A']);
    const ok = tryCommit(repo, 'production template');
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stderr).toContain('warning: .env.production.example has SENTRY_DSN that .env.example lacks; .env.example has DATABASE_URL that .env.production.example lacks');
  });

  it('warns when a staged .env.example and the local .env list different names; never shows a value', () => {
    const repo = repoWithHook();
    const secret = keys.openai();
    repo.write('.gitignore', '.env\n');
    repo.write('.env', `PORT=3000\nOPENAI_API_KEY=${secret}\n`);
    repo.write('.env.example', 'PORT=\n');
    repo.git(['add', '.gitignore', '.env.example']);
    const ok = tryCommit(repo);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('warning: .env has OPENAI_API_KEY that .env.example lacks');
    expect(ok.stdout + ok.stderr).not.toContain(secret);
  });

  it('says nothing when the names agree, or when the repository has no .env.example', () => {
    const repo = repoWithHook();
    repo.write('.env.sample', 'PORT=\n');
    repo.git(['add', '-A']);
    expect(repo.keyguard(['check']).stderr).not.toMatch(/warning/);
    repo.write('.env.example', 'PORT=\n');
    repo.git(['add', '-A']);
    expect(repo.keyguard(['check']).stderr).not.toMatch(/warning/);
  });
});
