/** SKIP=keyguard (the pre-commit framework's convention) skips one gate for one command, through the real hooks. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

function stageKey(repo: TestRepo, path: string): string {
  const key = keys.openai();
  repo.write(path, `export const key = "${key}";\n`);
  repo.git(['add', path]);
  return key;
}

describe('SKIP', () => {
  it('SKIP=keyguard skips the commit check with one line; the push gate still runs unless keyguard-pre-push is skipped too', () => {
    const repo = makeRepo();
    const remote = makeRepo({ bare: true });
    expect(repo.keyguard(['init']).code).toBe(0);
    repo.write('README.md', 'hi\n');
    repo.git(['add', 'README.md']);
    repo.git(['commit', '-q', '-m', 'root']);
    repo.git(['push', '-q', remote.dir, 'main']);

    const key = stageKey(repo, 'src/a.js');
    // Another tool's id, or an id that merely contains keyguard's, skips nothing.
    for (const skip of ['eslint', 'keyguard-pre-push', 'keyguards', '']) {
      const r = repo.git(['commit', '-q', '-m', 'a'], { env: { SKIP: skip }, allowFail: true });
      expect([skip, r.code]).toEqual([skip, 1]);
      expect(r.stdout + r.stderr).toContain('src/a.js');
    }
    const skipped = repo.git(['commit', '-q', '-m', 'a'], { env: { SKIP: 'eslint, keyguard' }, allowFail: true });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toBe('keyguard: skipped (SKIP=keyguard): this commit was not checked for secrets; the pre-push hook still checks it\n');

    const push = repo.git(['push', remote.dir, 'main'], { env: { SKIP: 'keyguard' }, allowFail: true });
    expect(push.code).not.toBe(0);
    expect(push.stdout + push.stderr).toContain('src/a.js');
    expect(push.stdout + push.stderr).not.toContain(key);
    const pushed = repo.git(['push', '-q', remote.dir, 'main'], { env: { SKIP: 'keyguard,keyguard-pre-push' }, allowFail: true });
    expect(pushed.code).toBe(0);
    expect(pushed.stderr).toBe('keyguard: skipped (SKIP=keyguard-pre-push): this push was not checked for secrets\n');
    expect(remote.git(['rev-parse', 'main']).stdout).toBe(repo.git(['rev-parse', 'main']).stdout);
  });

  it('a merge commit (pre-merge-commit) and `keyguard check FILE` (lint-staged) answer to SKIP=keyguard too; scan never does', () => {
    const repo = makeRepo();
    expect(repo.keyguard(['init']).code).toBe(0);
    repo.write('README.md', 'hi\n');
    repo.git(['add', 'README.md']);
    repo.git(['commit', '-q', '-m', 'root']);
    repo.git(['checkout', '-q', '-b', 'feature']);
    stageKey(repo, 'src/b.js');
    repo.git(['commit', '-q', '--no-verify', '-m', 'b']);
    repo.git(['checkout', '-q', 'main']);
    repo.write('c.txt', 'c\n');
    repo.git(['add', 'c.txt']);
    repo.git(['commit', '-q', '-m', 'c']);
    const merge = repo.git(['merge', '--no-ff', '-m', 'merge', 'feature'], { allowFail: true });
    expect(merge.code).not.toBe(0);
    expect(merge.stdout + merge.stderr).toContain('src/b.js');
    repo.git(['merge', '--abort']);
    const skipped = repo.git(['merge', '--no-ff', '-m', 'merge', 'feature'], { env: { SKIP: 'keyguard' }, allowFail: true });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('keyguard: skipped (SKIP=keyguard)');

    stageKey(repo, 'src/d.js');
    expect(repo.keyguard(['check', 'src/d.js']).code).toBe(1);
    expect(repo.keyguard(['check', 'src/d.js'], { env: { SKIP: 'keyguard' } }).code).toBe(0);
    const scan = repo.keyguard(['scan', '--history'], { env: { SKIP: 'keyguard,keyguard-pre-push' } });
    expect(scan.code).toBe(1);
    expect(scan.stdout + scan.stderr).toContain('src/b.js');
  });
});
