import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

/** Enough staged files that git's output is read on a worker thread. */
function stageMany(repo: TestRepo, count: number): void {
  for (let i = 0; i < count; i++) repo.write(`src/m${i}.js`, `export const v${i} = ${i};\n`);
  repo.git(['add', 'src']);
}

describe('check on a commit of many files (git read on a worker thread)', () => {
  it('reads every file and reports keys in the right files, in order', () => {
    const repo = makeRepo();
    stageMany(repo, 300);
    const gh = keys.github();
    const aws = keys.aws();
    repo.write('src/m17.js', `export const t = "${gh}";\n`);
    repo.write('src/z/last.js', `\nconst id = "${aws}";\n`);
    repo.git(['add', 'src']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { path: string; line: number; rule: string }) => [f.path, f.line, f.rule]);
    expect(found).toEqual([
      ['src/m17.js', 1, 'github-token'],
      ['src/z/last.js', 2, 'aws-access-key-id'],
    ]);
  });

  it('passes a clean commit of many files', () => {
    const repo = makeRepo();
    stageMany(repo, 250);
    const r = repo.keyguard(['check']);
    expect(r.stderr).toContain('no secrets');
    expect(r.code).toBe(0);
  });

  it('fails closed with one line when a staged object cannot be read', () => {
    const repo = makeRepo();
    stageMany(repo, 250);
    const sha = repo.git(['rev-parse', ':src/m123.js']).stdout.trim();
    rmSync(join(repo.dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)));
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^keyguard: error: .*(could not read object|cat-file)/);
  });
});
