/**
 * Issue 11, item 14: a file tracked by Git LFS is a pointer in git and its content goes to the LFS
 * store on push. keyguard judges the content from the local LFS store, at every gate, and says so
 * when this clone does not have it. Runs the real git-lfs (`.ci/run` installs it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos } from './helpers/repo.js';
import { commitThroughHook, initRepo } from './helpers/hook.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

function lfsRepo() {
  const { repo, env } = initRepo();
  // Filters only: keyguard's own pre-push hook stays the one git runs.
  repo.git(['lfs', 'install', '--local', '--skip-repo'], { env });
  repo.git(['lfs', 'track', '*.bin', '*.pem'], { env });
  repo.write('README.md', '# app\n');
  repo.git(['add', '.'], { env });
  const first = repo.git(['commit', '-q', '-m', 'base'], { env, allowFail: true });
  expect(first.code, first.stderr).toBe(0);
  return { repo, env };
}

describe('Git LFS', { timeout: 120_000 }, () => {
  it('a key in an LFS-tracked file is blocked at commit, though the index holds only its pointer', () => {
    const { repo, env } = lfsRepo();
    const key = keys.openai();
    const r = commitThroughHook(repo, env, { 'assets/model.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`\0api=${key}\0`)]) });
    expect(repo.git(['cat-file', '-p', ':assets/model.bin']).stdout).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:/);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('assets/model.bin');
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('a private key in an LFS-tracked .pem is judged by its content', () => {
    const { repo, env } = lfsRepo();
    const body = Array.from({ length: 6 }, () => Buffer.from(keys.generic() + keys.generic()).toString('base64').slice(0, 64)).join('\n');
    const r = commitThroughHook(repo, env, { 'certs/server.pem': `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n` });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('certs/server.pem');
  });

  it('scan --since and a real git push read the LFS content; an edit adding no key passes', () => {
    const { repo, env } = lfsRepo();
    const remote = join(repo.dir, '..', 'remote.git');
    repo.git(['init', '-q', '--bare', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    // lfs.url points nowhere real: the test is keyguard's gate, which runs before any upload.
    expect(repo.git(['push', '-q', 'origin', 'main'], { env, allowFail: true }).code).toBe(0);
    repo.write('data/blob.bin', `token=${keys.github()}\n`);
    repo.git(['add', '.'], { env });
    repo.git(['commit', '-q', '--no-verify', '-m', 'data'], { env });
    const bad = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const scan = repo.keyguard(['scan', '--since', 'HEAD~1', '--format', 'json'], { env });
    expect(scan.code, scan.stderr).toBe(1);
    expect((JSON.parse(scan.stdout).findings as { path: string; rule: string }[]).map((f) => `${f.path} ${f.rule}`)).toEqual(['data/blob.bin github-token']);
    const push = repo.git(['push', '-q', 'origin', 'main'], { env, allowFail: true });
    expect(push.code, push.stdout + push.stderr).not.toBe(0);
    expect(push.stdout + push.stderr).toContain(bad.slice(0, 12));

    // The same file edited without a new key: the key it already held is not reported again.
    repo.write('data/blob.bin', `token=${keys.github()}\n`);
    repo.git(['add', '.'], { env });
    repo.git(['commit', '-q', '--no-verify', '-m', 'rotate']);
    repo.write('data/blob.bin', `${repo.read('data/blob.bin')}# rotated\n`);
    repo.git(['add', '.'], { env });
    const edit = repo.git(['commit', '-q', '-m', 'comment'], { env, allowFail: true });
    expect(edit.code, edit.stdout + edit.stderr).toBe(0);
  });

  it('content this clone does not hold is named in a warning, never passed in silence', () => {
    const { repo, env } = lfsRepo();
    repo.write('data/blob.bin', `token=${keys.github()}\n`);
    repo.git(['add', '.'], { env });
    repo.git(['commit', '-q', '--no-verify', '-m', 'data'], { env });
    rmSync(join(repo.dir, '.git', 'lfs', 'objects'), { recursive: true, force: true });
    const scan = repo.keyguard(['scan', '--since', 'HEAD~1'], { env });
    expect(scan.code).toBe(0);
    expect(scan.stderr).toMatch(/warning: Git LFS content not in this clone, so not scanned \(only its pointer was\): data\/blob\.bin/);
  });
});
