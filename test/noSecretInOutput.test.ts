import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { ruleSamples } from './helpers/ruleSamples.js';

/**
 * keyguard never prints a whole secret. Every built-in rule's positive sample is staged in one
 * temporary repository and checked through the built CLI in text, JSON and SARIF; each must block
 * (exit 1) and no output stream may hold any sample's secret.
 */
let repo: TestRepo;
const samples = ruleSamples.map((s, i) => ({ ...s, path: `samples/${String(i).padStart(3, '0')}-${s.rule}.txt` }));

beforeAll(() => {
  repo = makeRepo();
  for (const s of samples) repo.write(s.path, `${s.positive}\n`);
  repo.git(['add', '-A']);
});
afterAll(cleanupRepos);

/** Secrets and, for multi-line ones, each long line of them: none may be printed. */
function forbidden(secret: string): string[] {
  const parts = secret.split(/\r?\n/).filter((l) => l.length >= 16);
  return [secret, ...parts];
}

describe.each(['text', 'json', 'sarif'])('keyguard check --format %s', (format) => {
  let out: { code: number; stdout: string; stderr: string };
  beforeAll(() => {
    out = repo.keyguard(['check', '--format', format]);
  });

  it('blocks: exit 1', () => {
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
  });

  it.each(samples.map((s) => [s.rule, s] as const))('reports %s without its secret', (_rule, s) => {
    const printed = out.stdout + out.stderr;
    expect(printed).toContain(s.path);
    for (const piece of forbidden(s.secret)) expect(printed.includes(piece), `${s.rule} printed its secret`).toBe(false);
  });

  if (format === 'json') {
    it('every sample file has a finding of its own rule', () => {
      const findings = JSON.parse(out.stdout).findings as { path: string; rule: string }[];
      for (const s of samples) {
        expect(findings.some((f) => f.path === s.path && f.rule === s.rule), s.rule).toBe(true);
      }
    });
  }
});
