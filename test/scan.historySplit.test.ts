import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { countingGit } from './helpers/countingGit.js';

afterAll(cleanupRepos);

/**
 * A long history (2,100 commits, made by one `git fast-import`) is read by two `git log` processes,
 * one for each half: what a user relies on is that the result is the one a single reading gives.
 */
function longHistory(repo: TestRepo, count: number, files: Record<number, Record<string, string>>): void {
  let script = '';
  for (let i = 1; i <= count; i++) {
    const message = `c${i}`;
    script += `commit refs/heads/main\nmark :${i}\ncommitter Test <test@keyguard.invalid> ${1_700_000_000 + i * 60} +0000\n`;
    script += `data ${Buffer.byteLength(message)}\n${message}\n`;
    if (i > 1) script += `from :${i - 1}\n`;
    const changed = { [`f${i % 13}.txt`]: `revision ${i}\n`, ...(files[i] ?? {}) };
    for (const [path, content] of Object.entries(changed)) script += `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  repo.git(['fast-import', '--quiet'], { input: script });
  repo.git(['reset', '-q', '--hard', 'main']);
}

describe('scan --history of a long history, read in two halves', () => {
  it('reports each key once, at the oldest commit that brought it in, whichever half holds it', () => {
    const repo = makeRepo();
    const early = keys.openai();
    const late = keys.github();
    // The early key: added in the first half, added again in another file in the second; the late key in the second only.
    longHistory(repo, 2100, { 100: { 'a.txt': `k = "${early}"\n` }, 1600: { 'b.txt': `again = "${early}"\n`, 'c.txt': `t = "${late}"\n` } });
    const sha = (n: number) => repo.git(['rev-list', '--reverse', 'main']).stdout.trim().split('\n')[n - 1];
    const git = countingGit(repo);
    const r = repo.keyguard(['scan', '--history', '--format', 'json'], { env: git.env });
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.scanned).toMatchObject({ what: 'history', commits: 2100 });
    const found = doc.findings.map((f: { path: string; commit: string; rule: string }) => [f.path, f.commit, f.rule]);
    expect(found).toEqual([
      ['a.txt', sha(100), 'openai-api-key'],
      ['c.txt', sha(1600), 'github-token'],
    ]);
    expect(r.stdout).not.toContain(early);
    // Two readers of the log, each given its half of the commits.
    expect(git.calls().filter((c) => / log /.test(` ${c} `))).toHaveLength(2);
  });

  it('fails as a whole when git fails in either half: one line, exit 2', () => {
    const repo = makeRepo();
    // Loose objects (no pack), so one can go missing: the blob commit 1,800 brought, in the second half.
    repo.git(['config', 'fastimport.unpackLimit', '1000000']);
    longHistory(repo, 2100, {});
    const blob = repo.git(['rev-parse', `main~300:f${1800 % 13}.txt`]).stdout.trim();
    rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const r = repo.keyguard(['scan', '--history']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
