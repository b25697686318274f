/**
 * Fingerprints are public (committed baselines, JSON and SARIF reports uploaded to code scanning):
 * a guessable value (a human-chosen password, anything the generic rules judge) must not be found
 * again by trying candidates against them. Such values get a scrypt fingerprint and no visible
 * prefix; keys a provider issued keep the fast SHA-256 one (no search reaches them). Baselines stay
 * stable across line moves, and a format-1 baseline still applies until rewritten as format 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash, scryptSync } from 'node:crypto';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys, seeded } from './helpers/keys.js';
import { SCRYPT } from '../src/detect/fingerprint.js';

afterAll(cleanupRepos);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const sha = (rule: string, value: string) => createHash('sha256').update(rule).update('\0').update(value).digest('hex').slice(0, 32);

interface JsonFinding {
  rule: string;
  redacted: string;
  fingerprint: string;
  path: string;
}

function staged(repo: TestRepo, files: Record<string, string>): void {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', ...Object.keys(files)]);
}

describe('fingerprints of guessable values resist brute force', () => {
  const password = seeded(0x5eed)(ALNUM, 8);
  const token = keys.github();

  it('a generic password: scrypt fingerprint, no prefix shown in text, JSON or SARIF; an issued key: fast hash and prefix', () => {
    const repo = makeRepo();
    staged(repo, { 'app/settings.py': `db_password = "${password}"\ntoken = "${token}"\n` });
    const json = repo.keyguard(['check', '--format', 'json']);
    expect(json.code).toBe(1);
    const findings: JsonFinding[] = JSON.parse(json.stdout).findings;
    const generic = findings.find((f) => f.rule.startsWith('generic'))!;
    const issued = findings.find((f) => f.rule === 'github-token')!;
    expect(generic.redacted).toBe('…');
    expect(generic.fingerprint).not.toBe(sha(generic.rule, password)); // the guessable fast hash is gone
    expect(generic.fingerprint).toBe(scryptSync(password, `keyguard/v2\0${generic.rule}`, 16, SCRYPT).toString('hex'));
    expect(issued.fingerprint).toBe(sha('github-token', token));
    expect(issued.redacted).toBe(`${token.slice(0, 10)}…`);
    for (const format of ['text', 'json', 'sarif']) {
      const out = repo.keyguard(['check', '--format', format]);
      expect(out.stdout + out.stderr).not.toContain(password.slice(0, 2));
      expect(out.stdout + out.stderr).not.toContain(token.slice(10));
    }
    const sarif = JSON.parse(repo.keyguard(['check', '--format', 'sarif']).stdout);
    const prints = sarif.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0]);
    expect(prints).toContain(generic.fingerprint);
  });

  it('each guess costs the attacker one scrypt: measured here, with the CPU-year arithmetic', () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      scryptSync(`guess${i}`, 'keyguard/v2\0generic-secret-assignment', 16, SCRYPT);
      times.push(performance.now() - t);
    }
    const perGuess = times.sort((a, b) => a - b)[2] / 1000;
    const t = performance.now();
    for (let i = 0; i < 20000; i++) sha('generic-secret-assignment', `guess${i}`);
    const perFast = (performance.now() - t) / 1000 / 20000;
    // A random 6-character letters-and-digits password: 62^6 candidates, half tried on average.
    const cpuYears = (62 ** 6 / 2) * perGuess / (365 * 24 * 3600);
    expect(cpuYears, `per guess ${(perGuess * 1000).toFixed(1)} ms`).toBeGreaterThan(1);
    expect(perGuess / perFast).toBeGreaterThan(1000);
  });
});

describe('baselines', () => {
  it('stay matched when the line moves; a format-1 baseline still applies and is rewritten as format 2', () => {
    const repo = makeRepo();
    const password = seeded(0xba5e)(ALNUM, 10);
    const line = `db_password = "${password}"\n`;
    staged(repo, { 'config/db.py': line });
    repo.git(['commit', '-q', '-m', 'c0', '--no-verify']);
    const found: JsonFinding[] = JSON.parse(repo.keyguard(['scan', '--format', 'json']).stdout).findings;
    expect(found).toHaveLength(1);

    // A format-1 baseline, as the previous keyguard wrote it: SHA-256 of rule and value.
    const v1 = { version: 1, findings: [{ fingerprint: sha(found[0].rule, password), rule: found[0].rule, path: 'config/db.py' }] };
    repo.write('.keyguard-baseline.json', JSON.stringify(v1, null, 2) + '\n');
    const accepted = repo.keyguard(['scan']);
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(accepted.stderr).toContain('1 accepted by the baseline');

    const rewrite = repo.keyguard(['baseline']);
    expect(rewrite.code, rewrite.stderr).toBe(0);
    const v2 = JSON.parse(repo.read('.keyguard-baseline.json'));
    expect(v2.version).toBe(2);
    expect(v2.findings.map((e: { fingerprint: string }) => e.fingerprint)).toEqual([found[0].fingerprint]);
    expect(repo.read('.keyguard-baseline.json')).not.toContain(sha(found[0].rule, password));

    // Moved down and into another line of the file: still accepted.
    staged(repo, { 'config/db.py': `# settings\n\n${line}` });
    repo.git(['commit', '-q', '-m', 'move', '--no-verify']);
    expect(repo.keyguard(['scan']).code).toBe(0);
    // A different password blocks.
    staged(repo, { 'config/db.py': `db_password = "${password}X"\n` });
    expect(repo.keyguard(['check']).code).toBe(1);
  });

  it('the slow hash costs a commit little: it runs for findings only', () => {
    const repo = makeRepo();
    const clean: number[] = [];
    const withFinding: number[] = [];
    const rnd = seeded(0xc0);
    for (let i = 0; i < 5; i++) {
      staged(repo, { 'a.py': `x = ${i}\n` });
      let t = performance.now();
      expect(repo.keyguard(['check']).code).toBe(0);
      clean.push(performance.now() - t);
      staged(repo, { 'a.py': `db_password = "${rnd(ALNUM, 12)}"\n` });
      t = performance.now();
      expect(repo.keyguard(['check']).code).toBe(1);
      withFinding.push(performance.now() - t);
    }
    const median = (a: number[]) => a.sort((x, y) => x - y)[2];
    expect(median(withFinding) - median(clean), `clean ${median(clean).toFixed(0)} ms, one finding ${median(withFinding).toFixed(0)} ms`).toBeLessThan(1500);
  });
});
