import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

/** A server's bare repository with keyguard's pre-receive hook (init --server), and a clone that pushes to it. */
function server() {
  const repo = makeRepo();
  const bare = join(repo.home, 'server.git');
  repo.git(['init', '-q', '--bare', bare]);
  const init = repo.keyguard(['init', '--server'], { cwd: bare });
  expect(init.code, init.stderr).toBe(0);
  repo.git(['remote', 'add', 'origin', bare]);
  const push = (args: string[]) => repo.git(['push', ...args], { allowFail: true });
  const at = (ref: string) => {
    const r = repo.git(['--git-dir', bare, 'rev-parse', '-q', '--verify', ref], { allowFail: true });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  const has = (sha: string) => repo.git(['--git-dir', bare, 'cat-file', '-e', sha], { allowFail: true }).code === 0;
  return { repo, bare, push, at, has, init };
}

function rejected(r: { code: number; stdout: string; stderr: string }, secret: string, path: string) {
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.stderr).toContain('pre-receive hook declined');
  expect(r.stderr).toContain('push rejected');
  expect(r.stderr).toContain(path);
  expect(r.stderr).not.toContain(secret);
}

describe('keyguard init --server', () => {
  it('installs hooks/pre-receive in a bare repository only, keeps a hook already there, and uninstall takes it out', () => {
    const { repo, bare, init } = server();
    const hook = join(bare, 'hooks', 'pre-receive');
    expect(init.stdout + init.stderr).toContain('pre-receive hook installed');
    const text = readFileSync(hook, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    expect(repo.keyguard(['init', '--server'], { cwd: bare }).stdout + '').toContain('nothing to change');

    const work = repo.keyguard(['init', '--server']);
    expect(work.code).toBe(2);
    expect(work.stderr).toMatch(/^keyguard: error: init --server: this repository has a work tree/);
    expect(work.stderr.trim().split('\n')).toHaveLength(1);

    const u = repo.keyguard(['uninstall', '--server'], { cwd: bare });
    expect(u.code, u.stderr).toBe(0);
    expect(() => statSync(hook)).toThrow();

    // The server's own hook stays, and runs after keyguard's block.
    writeFileSync(hook, '#!/bin/sh\necho "own hook ran"\n');
    chmodSync(hook, 0o755);
    expect(repo.keyguard(['init', '--server'], { cwd: bare }).code).toBe(0);
    const both = readFileSync(hook, 'utf8');
    expect(both.indexOf('keyguard pre-receive')).toBeLessThan(both.indexOf('own hook ran'));
    commit(repo, { 'a.txt': 'ok\n' }, 'c0');
    const pushed = repo.git(['push', 'origin', 'HEAD:main'], { allowFail: true });
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stderr).toContain('own hook ran');
    expect(repo.keyguard(['uninstall', '--server'], { cwd: bare }).code).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho "own hook ran"\n');
  });
});

describe('keyguard pre-receive, through real pushes', () => {
  it('passes clean pushes and rejects a new branch, a force push and a tag that add a key; rejected objects never land', () => {
    const { repo, push, at, has } = server();
    const c0 = commit(repo, { 'README.md': '# app\n' }, 'c0');
    expect(push(['origin', 'HEAD:main']).code).toBe(0);
    expect(at('main')).toBe(c0);
    const c1 = commit(repo, { 'src/app.js': 'export const ok = 1;\n' }, 'clean');
    const clean = push(['origin', 'HEAD:main']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('no secrets in 1 new commit');
    expect(at('main')).toBe(c1);

    // A new branch whose first commit adds a key and whose second removes it: still rejected.
    const key = keys.openai();
    repo.git(['checkout', '-q', '-b', 'feature']);
    const bad = commit(repo, { 'config.js': `const key = "${key}";\n` }, 'add key');
    commit(repo, { 'config.js': 'const key = process.env.KEY;\n' }, 'remove it again');
    rejected(push(['origin', 'feature']), key, 'config.js');
    expect(at('feature')).toBeNull();
    expect(has(bad)).toBe(false); // the quarantine was thrown away

    // A force push that rewrites main with a key in it.
    repo.git(['checkout', '-q', 'main']);
    repo.git(['reset', '-q', '--hard', c0]);
    const key2 = keys.aws();
    commit(repo, { 'deploy.env.js': `module.exports = { id: "${key2}" };\n` }, 'rewrite');
    rejected(push(['--force', 'origin', 'HEAD:main']), key2, 'deploy.env.js');
    expect(at('main')).toBe(c1);

    // A tag: on a commit the server already has, nothing new to scan; on a new commit with a key, rejected.
    repo.git(['tag', '-a', '-m', 'release', 'v1', c1]);
    expect(push(['origin', 'v1']).code).toBe(0);
    expect(at('refs/tags/v1^{commit}')).toBe(c1);
    const key3 = keys.github();
    repo.git(['checkout', '-q', '--detach', c1]);
    commit(repo, { 'notes.txt': `token ${key3}\n` }, 'tagged only');
    repo.git(['tag', 'v2']);
    rejected(push(['origin', 'v2']), key3, 'notes.txt');
    expect(at('refs/tags/v2')).toBeNull();

    // Several refs in one push: one bad ref rejects them all; deleting a branch passes.
    repo.git(['checkout', '-q', '-B', 'ok-branch', c1]);
    const okCommit = commit(repo, { 'b.txt': 'fine\n' }, 'fine');
    rejected(push(['origin', 'ok-branch', 'v2']), key3, 'notes.txt');
    expect(at('ok-branch')).toBeNull();
    expect(push(['origin', 'ok-branch']).code).toBe(0);
    expect(at('ok-branch')).toBe(okCommit);
    const del = push(['origin', '--delete', 'ok-branch']);
    expect(del.code, del.stderr).toBe(0);
    expect(at('ok-branch')).toBeNull();
  });

  it("takes settings from the server's repository folder, never from what is pushed", () => {
    const { repo, bare, push, at } = server();
    commit(repo, { 'README.md': '# app\n' }, 'c0');
    expect(push(['origin', 'HEAD:main']).code).toBe(0);
    const key = keys.stripe();
    // The push carries settings that would allow everything: they are not the server's.
    commit(repo, { '.keyguardrc.json': JSON.stringify({ allowPaths: ['**'] }), 'fixtures/pay.js': `const k = "${key}";\n` }, 'weaken the gate');
    rejected(push(['origin', 'HEAD:main']), key, 'fixtures/pay.js');
    // The server's own settings do count.
    writeFileSync(join(bare, '.keyguardrc.json'), JSON.stringify({ allowPaths: ['fixtures/**'] }));
    const allowed = push(['origin', 'HEAD:main']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(at('main')).toBe(repo.git(['rev-parse', 'HEAD']).stdout.trim());
  });

  it('fails closed: bad input from git, or no keyguard on the server, rejects the push', () => {
    const { repo, bare, push, at } = server();
    const bad = repo.keyguard(['pre-receive'], { cwd: bare, input: 'not a ref line\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);

    // The keyguard init recorded is gone, and none is on PATH.
    const hook = join(bare, 'hooks', 'pre-receive');
    writeFileSync(hook, readFileSync(hook, 'utf8').replace(/^__keyguard_cli=.*$/m, "__keyguard_cli='/nonexistent/cli.js'"));
    commit(repo, { 'a.txt': 'fine\n' }, 'c0');
    const r = repo.git(['push', 'origin', 'HEAD:main'], { allowFail: true, env: { PATH: '/usr/bin:/bin' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('keyguard: not installed on this server, so this push is rejected');
    expect(at('main')).toBeNull();
  });
});

