/**
 * init learns husky's version from node_modules/husky/package.json, and node_modules can come with
 * the repository. That file is read through the same guard as the settings files: a symlink to
 * /dev/zero or to a file outside the repository, a FIFO, a folder or a file over the size limit
 * ends init with one line and exit 2, quickly, before any file is written; a regular file (or a
 * pnpm-style linked package folder) is read as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, type Run, type TestRepo } from './helpers/repo.js';
import { hashTree } from './helpers/tree.js';

afterAll(cleanupRepos);

const HUSKY_PKG = 'node_modules/husky/package.json';

function expectRefused(r: Run, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain('(nothing was changed)');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

function npmRepo(): TestRepo {
  const repo = makeRepo();
  repo.write('package.json', `${JSON.stringify({ name: 'app', devDependencies: { husky: '^9.1.7' } }, null, 2)}\n`);
  mkdirSync(join(repo.dir, 'node_modules/husky'), { recursive: true });
  return repo;
}

describe('node_modules/husky/package.json is read only when it is a small regular file in the repository', () => {
  const outside = mkdtempSync(join(tmpdir(), 'keyguard-outside-'));
  writeFileSync(join(outside, 'package.json'), JSON.stringify({ name: 'husky', version: '8.0.3' }));

  it.each([
    ['a symlink to /dev/zero', (abs: string) => symlinkSync('/dev/zero', abs), /node_modules\/husky\/package\.json is a symlink to a file outside the repository/],
    ['a symlink to a file outside the repository', (abs: string) => symlinkSync(join(outside, 'package.json'), abs), /node_modules\/husky\/package\.json is a symlink to a file outside the repository/],
    ['a FIFO', (abs: string) => execFileSync('mkfifo', [abs]), /node_modules\/husky\/package\.json is not a regular file/],
    ['a folder', (abs: string) => mkdirSync(abs), /node_modules\/husky\/package\.json is not a regular file/],
    ['too big', (abs: string) => writeFileSync(abs, `{"version": "9.1.7", "x": "${'a'.repeat(20 * 1024 * 1024)}"}`), /package\.json is \d+ bytes; keyguard reads at most \d+ bytes from it/],
  ])('%s: init and init --dry-run refuse in one line, change nothing, and do not hang', (_what, make, message) => {
    const repo = npmRepo();
    make(join(repo.dir, HUSKY_PKG));
    const before = hashTree(repo.dir, []);
    for (const args of [['init'], ['init', '--dry-run']]) {
      const started = performance.now();
      const r = repo.keyguard(args);
      expect(performance.now() - started, args.join(' ')).toBeLessThan(10_000);
      expectRefused(r, message);
    }
    expect(hashTree(repo.dir, [])).toEqual(before);
    expect(repo.git(['config', '--get', 'core.hooksPath'], { allowFail: true }).code).toBe(1);
  });

  it('a regular file, a symlink to one inside the repository and a linked package folder (pnpm) are read: husky 8 gets its header and node_modules/.bin', () => {
    const forms: Record<string, (repo: TestRepo) => void> = {
      regular: (repo) => repo.write(HUSKY_PKG, JSON.stringify({ name: 'husky', version: '8.0.3' })),
      'file link inside': (repo) => {
        repo.write('vendor/husky-package.json', JSON.stringify({ name: 'husky', version: '8.0.3' }));
        symlinkSync('../../vendor/husky-package.json', join(repo.dir, HUSKY_PKG));
      },
      'pnpm folder link': (repo) => {
        execFileSync('rm', ['-rf', join(repo.dir, 'node_modules/husky')]);
        repo.write('node_modules/.pnpm/husky@8.0.3/node_modules/husky/package.json', JSON.stringify({ name: 'husky', version: '8.0.3' }));
        symlinkSync('.pnpm/husky@8.0.3/node_modules/husky', join(repo.dir, 'node_modules/husky'));
      },
    };
    for (const [what, make] of Object.entries(forms)) {
      const repo = npmRepo();
      make(repo);
      const r = repo.keyguard(['init']);
      expect(r.code, `${what}: ${r.stderr}`).toBe(0);
      // The declared range says 9; only the installed 8 explains husky 8's header and runner.
      expect(repo.read('.husky/pre-commit'), what).toContain('. "$(dirname -- "$0")/_/husky.sh"');
      expect(repo.read('.husky/pre-commit'), what).toContain('node_modules/.bin/keyguard check');
    }
  });

  it('a package.json that is not JSON is a broken install: the declared range decides, init goes on', () => {
    const repo = npmRepo();
    repo.write(HUSKY_PKG, '\u0000\u0001 not json');
    const r = repo.keyguard(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\n'); // husky 9, from "^9.1.7"
  });
});
