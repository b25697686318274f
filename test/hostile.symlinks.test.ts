/**
 * init and uninstall never write through a symlink: a .gitignore linked to a shared file outside
 * the repository (or dangling), a hook linked to a tracked script, a husky hook or package.json
 * linked elsewhere are refused with one line naming where the file really is, and nothing is
 * written anywhere, neither at the link's target nor in the repository.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, type Run } from './helpers/repo.js';
import { hashTree } from './helpers/tree.js';

afterAll(cleanupRepos);

function expectRefused(r: Run, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain('(nothing was changed)');
}

describe('writes never follow a symlink', () => {
  it('a .gitignore linked to a shared file outside the repository, and a dangling one', () => {
    const outside = mkdtempSync(join(tmpdir(), 'keyguard-shared-'));
    const shared = join(outside, 'gitignore');
    writeFileSync(shared, 'node_modules/\n');
    const repo = makeRepo();
    symlinkSync(shared, join(repo.dir, '.gitignore'));
    const before = hashTree(repo.dir);
    for (const args of [['init', '--fix-gitignore'], ['init', '--fix-gitignore', '--dry-run']]) {
      expectRefused(repo.keyguard(args), new RegExp(`\\.gitignore is a symlink to ${shared.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    }
    expect(readFileSync(shared, 'utf8')).toBe('node_modules/\n');
    expect(hashTree(repo.dir)).toEqual(before);

    const dangling = makeRepo();
    const nowhere = join(outside, 'not-there');
    symlinkSync(nowhere, join(dangling.dir, '.gitignore'));
    expectRefused(dangling.keyguard(['init', '--fix-gitignore']), /\.gitignore is a symlink to /);
    expect(existsSync(nowhere)).toBe(false);
    // Installing hooks without touching .gitignore still works.
    expect(dangling.keyguard(['init']).code).toBe(0);
  });

  it('a git hook linked to a tracked script: the tracked file is not edited', () => {
    const repo = makeRepo();
    const own = '#!/bin/sh\necho team hook\n';
    repo.write('scripts/pre-commit', own);
    chmodSync(join(repo.dir, 'scripts/pre-commit'), 0o755);
    repo.git(['add', 'scripts/pre-commit']);
    repo.git(['commit', '-q', '-m', 'team hook']);
    symlinkSync('../../scripts/pre-commit', join(repo.dir, '.git/hooks/pre-commit'));
    expectRefused(repo.keyguard(['init']), /\.git\/hooks\/pre-commit is a symlink to scripts\/pre-commit; keyguard writes only regular files/);
    expect(repo.read('scripts/pre-commit')).toBe(own);
    expect(repo.git(['status', '--porcelain']).stdout).toBe('');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false); // nothing half-installed
    expectRefused(repo.keyguard(['uninstall']), /is a symlink/);
  });

  it('a husky hook or a package.json that is a symlink; /dev/zero is refused before it is read', () => {
    const repo = makeRepo();
    repo.write('package.json', '{"name":"app"}\n');
    repo.write('shared/pre-commit', 'npm test\n');
    repo.write('.husky/.keep', '');
    symlinkSync('../shared/pre-commit', join(repo.dir, '.husky/pre-commit'));
    expectRefused(repo.keyguard(['init']), /\.husky\/pre-commit is a symlink to shared\/pre-commit/);
    expect(repo.read('shared/pre-commit')).toBe('npm test\n');
    expect(repo.read('package.json')).toBe('{"name":"app"}\n');

    const zero = makeRepo();
    symlinkSync('/dev/zero', join(zero.dir, 'package.json'));
    const started = performance.now();
    expectRefused(zero.keyguard(['init']), /package\.json is a symlink to \/dev\/zero/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
