import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { keyguardOnPath } from './helpers/tree.js';

afterAll(cleanupRepos);

type Hooked = TestRepo & { path: Record<string, string> };

/** A plain-git repository with keyguard's hooks installed by `keyguard init`, keyguard on PATH. */
function hookedRepo(): Hooked {
  const repo = makeRepo();
  const path = { PATH: `${keyguardOnPath(join(repo.dir, '..'))}:${process.env.PATH}` };
  expect(repo.keyguard(['init'], { env: path }).code).toBe(0);
  return Object.assign(repo, { path });
}

const commitThroughHook = (repo: Hooked, message = 'change') => {
  const r = repo.git(['commit', '-q', '-m', message], { allowFail: true, env: repo.path });
  return { code: r.code, out: r.stdout + r.stderr };
};

const entries = (repo: TestRepo) => JSON.parse(repo.read('.keyguard-baseline.json')).findings as Record<string, string>[];

/** Runs keyguard at a real pseudo-terminal (util-linux `script`), its input typed from `answers`. */
function atTerminal(repo: TestRepo, args: string, answers: string) {
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args}`;
  const r = spawnSync('script', ['-q', '-e', '-c', cmd, '/dev/null'], { cwd: repo.dir, env: { ...repo.env, TERM: 'dumb' }, input: answers, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout.replace(/\r\n/g, '\n') };
}

describe('keyguard allow: accept exactly what just blocked the commit', () => {
  it('after a blocked commit, one command accepts those findings by fingerprint, keeps what the baseline had, and the commit passes', () => {
    const repo = hookedRepo();
    // An accepted finding from before, in a baseline that also carries a field of its own.
    const old = keys.github();
    repo.write('legacy.ts', `export const t = "${old}";\n`);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'legacy']);
    expect(repo.keyguard(['baseline']).code).toBe(0);
    const doc = JSON.parse(repo.read('.keyguard-baseline.json'));
    doc.findings[0].note = 'rotated in 2023';
    repo.write('.keyguard-baseline.json', JSON.stringify(doc, null, 2) + '\n');
    repo.git(['add', '-A']);
    expect(commitThroughHook(repo, 'baseline').code).toBe(0);

    const secrets = [keys.github(), keys.openai()];
    repo.write('src/a.ts', `export const a = "${secrets[0]}";\n`);
    repo.write('src/b.ts', `export const b = "${secrets[1]}";\n`);
    repo.write('fixtures/.env', 'A=1\n');
    repo.git(['add', '-A']);
    const blocked = commitThroughHook(repo);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toContain('commit blocked — 3 problems');
    expect(blocked.out).toContain('accept exactly these into the baseline (fingerprints, never the secret): keyguard allow\n');

    const r = repo.keyguard(['allow']); // not a terminal: accepts them all
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('.keyguard-baseline.json: 3 findings accepted; commit it with your change: git add .keyguard-baseline.json');
    const now = entries(repo);
    expect(now.map((e) => `${e.path}:${e.rule}`).sort()).toEqual(['fixtures/.env:env-file', 'legacy.ts:github-token', 'src/a.ts:github-token', 'src/b.ts:openai-api-key']);
    expect(now.find((e) => e.path === 'legacy.ts')).toEqual({ ...doc.findings[0] });
    const file = repo.read('.keyguard-baseline.json');
    for (const s of [...secrets, old]) expect(file).not.toContain(s.slice(4, 20));

    repo.git(['add', '-A']);
    expect(commitThroughHook(repo).code).toBe(0);
    // Accepted means those findings only: a new key still blocks.
    repo.write('src/c.ts', `export const c = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    expect(commitThroughHook(repo).code).not.toBe(0);
  });

  it('at a terminal, walks the findings one by one: accept, show the fix, skip, quit', () => {
    const repo = makeRepo();
    for (const n of [1, 2, 10]) repo.write(`src/f${n}.ts`, `export const t = "${keys.github()}";\n`);
    repo.write('z/.env', 'A=1\n');
    repo.git(['add', '-A']);
    const r = atTerminal(repo, 'allow', 'a\nf\ns\nq\n');
    expect(r.out).toContain('[1/4] src/f1.ts:1:19  GitHub token [github-token]');
    expect(r.out).toContain('[2/4] src/f2.ts:1:19');
    expect(r.out).toContain('fix: use the GITHUB_TOKEN');
    expect(r.out).toContain('[3/4] src/f10.ts:1:19');
    expect(r.out).not.toContain('[4/4]');
    expect(r.out).toContain('1 finding accepted, 3 not accepted (still blocking)');
    expect(r.code).toBe(1);
    expect(entries(repo).map((e) => e.path)).toEqual(['src/f1.ts']);
    // Run again: what was accepted is not asked about; A accepts all that remain.
    const again = atTerminal(repo, 'allow', 'A\n');
    expect(again.out).toContain('[1/3] src/f2.ts');
    expect(again.code).toBe(0);
    expect(entries(repo).map((e) => e.path)).toEqual(['src/f1.ts', 'src/f10.ts', 'src/f2.ts', 'z/.env']);
    expect(repo.keyguard(['check']).code).toBe(0);
  });

  it('answers from standard input with -i; the end of input accepts nothing more', () => {
    const repo = makeRepo();
    repo.write('a.ts', `export const t = "${keys.github()}";\n`);
    repo.write('b.ts', `export const t = "${keys.github()}";\n`);
    repo.git(['add', '-A']);
    const r = repo.keyguard(['allow', '-i'], { input: 'x\ns\n' });
    expect(r.stderr).toContain('answer a, s, f, A or q');
    expect(r.stderr).toContain('0 findings accepted, 2 not accepted');
    expect(r.code).toBe(1);
    expect(() => repo.read('.keyguard-baseline.json')).toThrow();
  });

  it('with nothing blocking says so; a broken baseline is an error and stays as it was', () => {
    const repo = makeRepo();
    repo.write('a.txt', 'hello\n');
    repo.git(['add', '-A']);
    const clean = repo.keyguard(['allow']);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('keyguard: nothing to allow: no secrets block the staged changes\n');
    repo.write('b.ts', `export const t = "${keys.github()}";\n`);
    repo.write('.keyguard-baseline.json', '{ "findings": [ broken');
    repo.git(['add', 'b.ts']);
    const r = repo.keyguard(['allow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^keyguard: error: \.keyguard-baseline\.json: not valid JSON/);
    expect(repo.read('.keyguard-baseline.json')).toBe('{ "findings": [ broken');
  });
});
