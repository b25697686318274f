import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';

afterAll(cleanupRepos);

// A value a person might paste, built at run time: this file holds no secret-shaped literal.
const value = ['Zq8rT2mW', 'x9Lk4Vb7', 'Nc3Hs6Pd', '1Fg5Jy0A'].join('');

/** `keyguard check --format json` on one staged file: the findings' rules and lines. */
function check(name: string, text: string): { code: number; findings: { rule: string; line: number }[] } {
  const repo = makeRepo();
  repo.write(name, text);
  repo.git(['add', name]);
  const r = repo.keyguard(['check', '--format', 'json']);
  expect([0, 1], r.stderr).toContain(r.code);
  const parsed = JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] };
  return { code: r.code, findings: parsed.findings.map((f) => ({ rule: f.rule, line: f.line })) };
}

// The generic assignment's `notAfter` words (fake, dummy, example, public…) turn away the name after
// them. A secret-named word inside that same name (`secret` in `client_secret`, `creds` in
// `password_creds`) is no new name: `fakeClientSecret` is as made up as `fakeToken`.
describe('a name turned away by the words before it', () => {
  it('is not reported through a secret-named word inside it', () => {
    const lines = [
      `fake_client_secret = "${value}"`,
      `DUMMY_CLIENT_SECRET = "${value}"`,
      `const fakeClientSecret = "${value}";`,
      `example_client_secret: "${value}"`,
      `NEXT_PUBLIC_CLIENT_SECRET = "${value}"`,
      `mock_password_creds = "${value}"`,
    ];
    const r = check('settings.py', `${lines.join('\n')}\n`);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('still lets a real assignment in its value be found', () => {
    // The turned-away `public_token=…` holds a second assignment in its value: that one is a secret.
    const r = check('app.js', `const callback = "https://api.example.net/cb?public_token=abc123&client_secret=${value}";\n`);
    expect(r.findings).toEqual([{ rule: 'generic-secret-assignment', line: 1 }]);
    expect(r.code).toBe(1);
  });

  it('blocks the same names without the word before them', () => {
    const r = check('settings.py', `client_secret = "${value}"\npassword_creds = "${value}"\n`);
    expect(r.findings.map((f) => f.line)).toEqual([1, 2]);
  });
});
