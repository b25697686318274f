import { describe, expect, it } from 'vitest';
import { builtinContentRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { seeded } from './helpers/keys.js';

/**
 * Every filter that turns a value away, tested both ways: the real values it must let through
 * and the code it exists to reject. Values are generated or written for this test.
 */
const detect = createDetector(builtinContentRules);
const secrets = (text: string, path = 'config/app.env') => detect({ path, text }).map((f) => f.secret);
const rnd = seeded(0xf117e5);
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('not-a-credential words count only as whole words of the name', () => {
  const key = rnd(AN, 32);
  it.each([
    `aws_appsync_apiKey = "${key}"`, // `sync` is the tail of appsync
    `ASYNC_WORKER_TOKEN=${key}`, // and of async
    `republish_secret: ${key}`, // `pub` inside republish
    `stubborn_api_key=${key}`, // `stub` inside stubborn
  ])('keeps %s', (text) => {
    expect(secrets(text)).toContain(key);
  });
  it.each([
    `sync_token = "${key}"`,
    `NextToken: "${key}"`,
    `csrf_token = "${key}"`,
    `publishable_key: ${key}`,
    `const nonMatchingToken = "${key}";`,
    `NEXT_PUBLIC_API_KEY=${key}`,
  ])('rejects %s', (text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('a dotted value is code only when every part is a name', () => {
  it.each([
    ['VAULT_TOKEN', `hvs.${rnd(AN, 24)}`],
    ['vault_token', `s.${rnd(AN, 24)}`],
    ['session_token', `${rnd(AN, 16)}.${rnd(AN, 20)}`],
  ])('keeps %s = %s', (name, value) => {
    expect(secrets(`${name}=${value}`).some((s) => s.includes(value.slice(-20)))).toBe(true);
  });
  it.each(['token = config.auth.accessToken', 'secret = e.t.secretKey', 'api_key = settings.API_KEY', 'password = self.options.password'])('rejects %s', (text) => {
    expect(secrets(text, 'src/app.py')).toEqual([]);
  });
});

describe('passwords people choose', () => {
  it.each([
    // Assembled at run time, so keyguard's own scan of this file finds no password.
    ['pwd = "%s"', ['gr8', '!owl']], // seven characters
    ['SMTP_PASSWORD=%s', ['tange', 'rine']], // one plain word in a setting
    ['DB_PASSWORD: %s', ['marma', 'lade']],
    ['export ADMIN_PASSWORD="%s"', ['Light', 'house']],
  ])('keeps %s', (form, parts) => {
    const value = (parts as string[]).join('');
    expect(secrets((form as string).replace('%s', value))).toContain(value);
  });
  it.each([
    'password = passwordInput', // a name in code
    'password_field = "passwordField"',
    'SMTP_PASSWORD=secret', // a word saying what it is
    'DB_PASSWORD=changeme',
    'ADMIN_PASSWORD=${ADMIN_PASSWORD}',
    'env.put("DB_PASSWORD", "database")', // a call's arguments in code
    'password: "hunter42"', // the joke password
    'redis://h:asdfqwer1234asdf@cache.internal:6379', // keyboard mash
    'passwd = "abc"', // too short to be anything
  ])('rejects %s', (text) => {
    expect(secrets(text, 'src/settings.ts')).toEqual([]);
  });
});

describe('qualified names and format strings', () => {
  it.each(["'secret_data' => 'encrypted:collection'", 'String tokenKey = "auth.%s.token";', 'token_key = "cache.{0}.token"', 'password_ref = "org.example.Pool#getPassword"'])(
    'rejects %s',
    (text) => {
      expect(secrets(text, 'src/x.php')).toEqual([]);
    },
  );
  it('keeps a password with a colon in it', () => {
    const pw = `${rnd(AN, 5)}:${rnd(AN, 6)}9`;
    expect(secrets(`password: "${pw}"`)).toContain(pw);
  });
});
