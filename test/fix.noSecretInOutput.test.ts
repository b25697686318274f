import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { ruleSamples } from './helpers/ruleSamples.js';

/**
 * keyguard fix never prints a whole secret: not in its diff, not in its .env summary, not when it
 * refuses. Every built-in rule's positive sample is staged as Python, JavaScript, shell and
 * compose (so each is rewritten somewhere, and refused somewhere else), and every run's output
 * is searched for every sample's secret and each long line of a multi-line one.
 */
let repo: TestRepo;
const kinds = ['main.py', 'app.js', 'run.sh', 'docker-compose.yml'];
const samples = ruleSamples.flatMap((s, i) =>
  kinds.map((file) => ({ ...s, path: `samples/${String(i).padStart(3, '0')}-${s.rule}/${file}` })),
);

beforeAll(() => {
  repo = makeRepo();
  for (const s of samples) repo.write(s.path, `${s.positive}\n`);
  repo.git(['add', '-A']);
});
afterAll(cleanupRepos);

function forbidden(secret: string): string[] {
  return [secret, ...secret.split(/\r?\n/).filter((l) => l.length >= 16)];
}

describe.each([
  ['all or nothing', ['fix']],
  ['--dry-run --partial', ['fix', '--dry-run', '--partial']],
  ['--partial', ['fix', '--partial']],
])('keyguard %s', (_name, args) => {
  let printed = '';
  let code = -1;
  beforeAll(() => {
    const out = repo.keyguard(args);
    printed = out.stdout + out.stderr;
    code = out.code;
  });

  it('runs to a verdict (no crash)', () => {
    expect([0, 1]).toContain(code);
    expect(printed).not.toMatch(/error:|at .*\.js:\d+/);
  });

  it.each(ruleSamples.map((s) => [s.rule, s] as const))('prints no part of the %s secret', (_rule, s) => {
    for (const piece of forbidden(s.secret)) expect(printed.includes(piece), `${s.rule} printed its secret`).toBe(false);
  });
});

it('--partial rewrote most samples (the test exercises the diff, not only refusals)', () => {
  const rewritten = repo.git(['diff', '--cached', '--name-only', '--', '*.env.example']).stdout.split('\n').filter(Boolean);
  // Code reads the top .env; each compose file reads the .env beside it.
  expect(rewritten).toContain('.env.example');
  expect(rewritten.length).toBeGreaterThan(ruleSamples.length / 2);
});
