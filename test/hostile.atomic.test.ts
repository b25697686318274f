/**
 * Every file `keyguard init` writes is written beside its target and renamed over it, so a full
 * disk or a SIGKILL at any moment leaves each file either exactly as it was or exactly as init
 * plans it, never half-written; and "nothing was changed" is printed only when it is true.
 * The full disk is real: a 1 MB tmpfs (CI runs as root), filled to a chosen number of free bytes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statfsSync, truncateSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
  cleanupRepos();
});

const FILES = ['.git/hooks/pre-commit', '.git/hooks/pre-merge-commit', '.git/hooks/pre-push', '.gitignore'];
const sha = (b: Buffer | null) => (b ? createHash('sha256').update(b).digest('hex') : 'absent');
const snapshot = (dir: string) => Object.fromEntries(FILES.map((f) => [f, sha(existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : null)]));
/** keyguard's temporary files (`.NAME.keyguard-PID-XXXX.tmp`) left anywhere it writes. */
const temps = (dir: string) =>
  ['.', '.git/hooks'].flatMap((d) => readdirSync(join(dir, d)).filter((n) => /\.keyguard-\d+-[0-9a-f]{8}\.tmp$/.test(n)));

/** The user's own pre-commit hook, `size` bytes of shell, and a .gitignore. */
function userFiles(repo: TestRepo, size: number): void {
  const line = '# a long hook the user wrote, kept byte for byte by keyguard\n';
  const hook = Buffer.from('#!/bin/sh\n' + line.repeat(Math.ceil(size / line.length)) + 'echo own hook ran\n');
  const hooks = join(repo.dir, '.git/hooks');
  for (const n of readdirSync(hooks)) if (n.endsWith('.sample')) spawnSync('rm', [join(hooks, n)]);
  writeFileSync(join(hooks, 'pre-commit'), hook);
  chmodSync(join(hooks, 'pre-commit'), 0o755);
  repo.write('.gitignore', 'node_modules/\n');
}

/** What init leaves on a disk with room: the outcome every interrupted run must equal or undo. */
function reference(size: number): Record<string, string> {
  const repo = makeRepo();
  userFiles(repo, size);
  const r = repo.keyguard(['init', '--fix-gitignore']);
  expect(r.code, r.stderr).toBe(0);
  return snapshot(repo.dir);
}

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

describe('a full disk', () => {
  it('at every amount of free space, init leaves each file as it was (and says nothing was changed) or completes', () => {
    const size = 400 * 1024;
    const done = reference(size);
    const repo = makeRepo({ init: false });
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', repo.dir], { encoding: 'utf8' });
    expect(mounted.status, `mounting a tmpfs needs root (CI runs as root): ${mounted.stderr}`).toBe(0);
    mounts.push(repo.dir);
    repo.git(['init', '-q']);
    userFiles(repo, size);
    const original = snapshot(repo.dir);
    const filler = join(repo.dir, 'filler');
    let outcomes = { unchanged: 0, complete: 0 };

    for (const free of [0, 4096, 65536, 262144, 393216, 401408, 405504, 409600, 413696, 417792, 421888, 425984, 434176, 450000, 480000]) {
      // Fill the disk, then give back `free` bytes.
      spawnSync('rm', ['-f', filler]);
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch {
        // ENOSPC: full
      }
      closeSync(fd);
      const size0 = readFileSync(filler).length;
      truncateSync(filler, Math.max(0, size0 - free));
      const before = snapshot(repo.dir);
      const r = spawnSync(process.execPath, [CLI, 'init', '--fix-gitignore'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
      const after = snapshot(repo.dir);
      expect(temps(repo.dir), `free ${free}`).toEqual([]);
      if (r.status === 0) {
        expect(after, `free ${freeBytes(repo.dir)}`).toEqual(done);
        outcomes.complete++;
        // Back to the user's files for the next amount.
        spawnSync('rm', ['-f', filler]);
        spawnSync('rm', ['-f', join(repo.dir, '.git/hooks/pre-merge-commit'), join(repo.dir, '.git/hooks/pre-push')]);
        userFiles(repo, size);
        expect(snapshot(repo.dir)).toEqual(original);
      } else {
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/no space left on the device \(nothing was changed\)/);
        expect(after, `free ${free}`).toEqual(before);
        expect(after).toEqual(original);
        outcomes.unchanged++;
      }
    }
    // Both outcomes were met: the amounts straddle what init needs.
    expect(outcomes.unchanged).toBeGreaterThan(3);
    expect(outcomes.complete).toBeGreaterThan(0);
  });
});

describe('a SIGKILL', () => {
  it('at any moment of init on a 120 MB hook leaves each file whole: as it was, or as init writes it', async () => {
    const size = 120 * 1024 * 1024;
    const started = performance.now();
    const done = reference(size);
    // Kill moments as fractions of an uninterrupted run here, so a loaded machine still sees kills
    // before and after the hook's rename (and runs that finish).
    const whole = performance.now() - started;
    const repo = makeRepo();
    userFiles(repo, size);
    const original = snapshot(repo.dir);
    const seen = new Set<string>();
    for (const ms of [0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1, 2].map((f) => Math.round(f * whole))) {
      const child = spawn(process.execPath, [CLI, 'init', '--fix-gitignore'], { cwd: repo.dir, env: repo.env, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      clearTimeout(timer);
      const now = snapshot(repo.dir);
      for (const f of FILES) {
        expect([original[f], done[f]], `${f} after a kill at ${ms} ms`).toContain(now[f]);
        seen.add(`${f}:${now[f] === original[f] ? 'as it was' : 'as init writes it'}`);
      }
      if (code === 0) expect(now).toEqual(done);
      // Start again from the user's files.
      spawnSync('rm', ['-f', join(repo.dir, '.git/hooks/pre-merge-commit'), join(repo.dir, '.git/hooks/pre-push')]);
      userFiles(repo, size);
    }
    // Leftover temporary files of killed runs are removed by the next run.
    const r = repo.keyguard(['init', '--fix-gitignore']);
    expect(r.code).toBe(0);
    expect(temps(repo.dir)).toEqual([]);
    expect(snapshot(repo.dir)).toEqual(done);
    // The kills hit before and after the hook's rename.
    expect(seen).toContain('.git/hooks/pre-commit:as it was');
    expect(seen).toContain('.git/hooks/pre-commit:as init writes it');
  });
});
