/**
 * Issue 11, item 1: real key material is never taken for a placeholder because a word turns up
 * by chance in its random body. Keys are made with node:crypto, committed through the hook
 * `keyguard init` installs, and judged by the built CLI.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { commitThroughHook, initRepo } from './helpers/hook.js';
import { CHANCE_WORDS, PLANTED_WORDS, privateKeyArmours, providerTokens, random, type KeyKind } from './helpers/realKeys.js';

afterAll(cleanupRepos);

/** The base64 body of an armoured key, without its BEGIN/END lines. */
const bodyOf = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');

/** Makes keys until one's random body holds a placeholder word; how many it took. */
function keyHoldingWord(kind: KeyKind, armour: string, limit: number): { text: string; word: string; tries: number } {
  for (let tries = 1; tries <= limit; tries++) {
    const { text } = privateKeyArmours(kind).find((a) => a.armour === armour)!;
    const word = CHANCE_WORDS.exec(bodyOf(text))?.[0];
    if (word) return { text, word, tries };
  }
  throw new Error(`no ${kind} ${armour} key held a placeholder word in ${limit} tries`);
}

function tokenHoldingWord(provider: string, limit: number): { secret: string; line: string; word: string } {
  const p = providerTokens.find((t) => t.provider === provider)!;
  for (let tries = 1; tries <= limit; tries++) {
    const t = p.make();
    const word = CHANCE_WORDS.exec(t.secret)?.[0];
    if (word) return { ...t, word };
  }
  throw new Error(`no ${provider} token held a placeholder word in ${limit} tries`);
}

describe('a placeholder word inside random key material does not make it a placeholder', { timeout: 120_000 }, () => {
  it('a real private key whose body holds such a word is blocked at commit, in a file not named like a key', () => {
    const { repo, env } = initRepo();
    const openssh = keyHoldingWord('ed25519', 'openssh', 200_000);
    const pkcs8 = keyHoldingWord('ed25519', 'pkcs8', 500_000);
    const r = commitThroughHook(repo, env, { 'deploy/signing.txt': openssh.text, 'config/service.yaml': `key: |\n  ${pkcs8.text.trimEnd().replaceAll('\n', '\n  ')}\n` });
    expect(r.code, `${openssh.word}/${pkcs8.word}: ${r.stdout}${r.stderr}`).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('deploy/signing.txt');
    expect(r.stdout + r.stderr).toContain('config/service.yaml');
    expect(repo.git(['rev-parse', '-q', '--verify', 'HEAD'], { allowFail: true }).code).not.toBe(0); // nothing committed
  });

  it('long API keys whose random part holds such a word are blocked at commit', () => {
    const { repo, env } = initRepo();
    const openai = tokenHoldingWord('OpenAI', 100_000);
    const aws = tokenHoldingWord('AWS secret', 1_000_000);
    const r = commitThroughHook(repo, env, { 'src/openai.ts': `${openai.line}\n`, 'src/aws.ini': `${aws.line}\n` });
    expect(r.code, `${openai.word}/${aws.word}: ${r.stdout}${r.stderr}`).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('src/openai.ts:1:');
    expect(out).toContain('src/aws.ini:1:');
    expect(out).not.toContain(openai.secret);
    expect(out).not.toContain(aws.secret);
  });

  it('a generated secret in a secret-named variable is blocked when a word sits inside its randomness', () => {
    const { repo, env } = initRepo();
    // A 50-character Django-style SECRET_KEY, drawn until chance puts a placeholder word in it.
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let secret = '';
    while (!CHANCE_WORDS.test(secret)) secret = random(alphabet, 50);
    const r = commitThroughHook(repo, env, { 'app/settings.py': `SECRET_KEY = "${secret}"\n` });
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('app/settings.py:1:');
    // …while a value a person made up around the word still passes.
    const made = commitThroughHook(repo, env, { 'app/settings.py': 'SECRET_KEY = "fake-secret-key-for-local-tests-2024"\n' });
    expect(made.code, made.stdout + made.stderr).toBe(0);
  });

  it('placeholders that replace the random part still pass', () => {
    const { repo, env } = initRepo();
    const x = (n: number) => 'x'.repeat(n);
    const r = commitThroughHook(repo, env, {
      'docs/setup.md': [
        `OPENAI_API_KEY=${['sk', 'proj', x(48)].join('-')}`,
        `key: ${['sk', 'proj', '...'].join('-')}`,
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        `aws_secret_access_key = ${['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/')}`,
        `GITHUB_TOKEN=${['ghp', x(36)].join('_')}`,
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...your key here...\n-----END RSA PRIVATE KEY-----',
        '',
      ].join('\n'),
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

/**
 * The adversarial run: private keys of every common kind in every armour, and tokens of the ten
 * providers whose keys leak most (fresh randomness each, a quarter of them with a placeholder word
 * in the random part), all staged at once; every single one must be reported.
 */
const TOKENS_EACH = 150;

describe('generated key material: none passes', { timeout: 600_000 }, () => {
  it('reports every generated private key and token', () => {
    const repo = makeRepo();
    const expected = new Map<string, string>(); // path → rule keyguard must report there
    const plan: [KeyKind, number][] = [['rsa-2048', 12], ['rsa-4096', 2], ['ec-p256', 100], ['ec-p384', 50], ['ed25519', 300]];
    let keys = 0;
    for (const [kind, count] of plan) {
      for (let i = 0; i < count; i++) {
        const armours = privateKeyArmours(kind);
        for (const { armour, text } of armours) {
          const path = `keys/${kind}/${i}.${armour}.txt`;
          repo.write(path, text);
          expected.set(path, 'private-key');
          keys++;
        }
        // The same key as a service-account JSON holds it: one line, `\n` escapes.
        const { text } = armours[0];
        const json = `keys/${kind}/${i}.json`;
        repo.write(json, `${JSON.stringify({ type: 'service_account', private_key: text }, null, 2)}\n`);
        expected.set(json, 'private-key');
        keys++;
      }
    }
    let tokens = 0;
    for (const p of providerTokens) {
      for (let i = 0; i < TOKENS_EACH; i++) {
        // One in four holds a placeholder word in its random part, where chance could put it.
        const t = p.make(i % 4 === 0 ? PLANTED_WORDS[(i / 4) % PLANTED_WORDS.length] : undefined);
        const path = `tokens/${p.rule}/${i}.txt`;
        repo.write(path, `${t.line}\n`);
        expected.set(path, p.rule);
        tokens++;
      }
    }
    repo.git(['add', '.']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const found = new Map<string, Set<string>>();
    for (const f of JSON.parse(r.stdout).findings as { path: string; rule: string }[]) {
      if (!found.has(f.path)) found.set(f.path, new Set());
      found.get(f.path)!.add(f.rule);
    }
    const missed = [...expected].filter(([path, rule]) => !found.get(path)?.has(rule)).map(([path]) => path);
    expect(missed, `${missed.length} of ${expected.size} passed`).toEqual([]);
    expect(keys).toBe(12 * 4 + 2 * 4 + 100 * 4 + 50 * 4 + 300 * 3);
    expect(tokens).toBe(providerTokens.length * TOKENS_EACH);
    console.log(`generated key material: ${keys} private keys and ${tokens} tokens staged, ${expected.size - missed.length} reported`);
  });
});

