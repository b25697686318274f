/**
 * keyguard fix reads the staged blob and the working copy of each file it rewrites. Either can
 * be huge or not a file at all (a FIFO, a link to a device): one clear line, exit 2, nothing
 * changed — never a crash, a hang, or a fix of the index alone that leaves the key in the
 * working copy without a word.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { repoWithHook, tryCommit } from './helpers/fixRepo.js';

afterAll(cleanupRepos);

const MiB = 1 << 20;

/** A repository whose index holds app.js with a key; the working copy is then made hostile. */
function stagedKey(): { repo: TestRepo; key: string; staged: string } {
  const repo = repoWithHook();
  const key = keys.openai();
  const staged = `const a = 1;\nconst apiKey = "${key}";\n`;
  repo.write('app.js', staged);
  repo.git(['add', 'app.js']);
  return { repo, key, staged };
}

/** Nothing was changed: the index still holds the key, no .env or .env.example was written, the commit is still blocked. */
function expectUnchanged(repo: TestRepo, staged: string): void {
  expect(repo.git(['show', ':app.js']).stdout).toBe(staged);
  expect(existsSync(join(repo.dir, '.env'))).toBe(false);
  expect(existsSync(join(repo.dir, '.env.example'))).toBe(false);
  expect(tryCommit(repo).code).not.toBe(0);
}

function expectOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp, key: string): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout + r.stderr).not.toContain(key);
}

describe('keyguard fix on a hostile or huge file', () => {
  it('a working copy of 3 GiB (sparse): one line naming the file and its size, exit 2, nothing changed', () => {
    const { repo, key, staged } = stagedKey();
    const abs = join(repo.dir, 'app.js');
    writeFileSync(abs, staged);
    truncateSync(abs, 3 * 1024 * MiB);
    const r = repo.keyguard(['fix']);
    expectOneLine(r, /app\.js.*3221225472 bytes.*at most \d+ bytes/, key);
    rmSync(abs);
    expectUnchanged(repo, staged);
  });

  it('a working copy that is a FIFO: refused at once (no read that never returns), exit 2, nothing changed', () => {
    const { repo, key, staged } = stagedKey();
    const abs = join(repo.dir, 'app.js');
    rmSync(abs);
    expect(spawnSync('mkfifo', [abs]).status).toBe(0);
    const r = repo.keyguard(['fix']);
    expectOneLine(r, /app\.js.*not a regular file/, key);
    rmSync(abs);
    expectUnchanged(repo, staged);
  });

  it('a working copy that is a symlink (to /dev/zero): not read, not written through, exit 2', () => {
    const { repo, key, staged } = stagedKey();
    const abs = join(repo.dir, 'app.js');
    rmSync(abs);
    symlinkSync('/dev/zero', abs);
    const r = repo.keyguard(['fix']);
    expectOneLine(r, /app\.js.*symlink/, key);
    rmSync(abs);
    expectUnchanged(repo, staged);
  });

  it('a staged file over the limit (65 MiB): one line, exit 2, nothing changed', () => {
    const repo = repoWithHook();
    const key = keys.github();
    const staged = `const token = "${key}";\n` + '// padding padding padding padding padding padding padding padding\n'.repeat(Math.ceil((65 * MiB) / 68));
    repo.write('app.js', staged);
    repo.git(['add', 'app.js']);
    const r = repo.keyguard(['fix']);
    expectOneLine(r, /app\.js.*bytes.*at most \d+ bytes/, key);
    expect(repo.git(['diff', '--cached', '--stat']).stdout).toContain('app.js');
    expect(existsSync(join(repo.dir, '.env'))).toBe(false);
  }, 60_000);
});
