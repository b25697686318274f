import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanupRepos } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit, makeRepoWithRemote, remoteRef } from './helpers/remote.js';

afterAll(cleanupRepos);

const push = (repo: ReturnType<typeof makeRepoWithRemote>['repo'], args: string[]) => {
  const r = repo.git(['push', '-q', ...args], { allowFail: true });
  return { code: r.code, out: r.stdout + r.stderr };
};

describe('pre-push hook', () => {
  it('lets a clean push through', () => {
    const { repo, remote } = makeRepoWithRemote();
    const sha = commit(repo, { 'a.txt': 'hello\n' }, 'first');
    const r = push(repo, ['origin', 'main']);
    expect(r.code).toBe(0);
    expect(remoteRef(repo, remote, 'refs/heads/main')).toBe(sha);
  });

  it('refuses a key committed with --no-verify, naming the commit', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    const before = remoteRef(repo, remote, 'refs/heads/main');
    const bad = commit(repo, { 'src/client.ts': `const key = "${keys.openai()}";\n` }, 'wire up the client');
    const r = push(repo, ['origin', 'main']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('push blocked');
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).toContain('src/client.ts:1:');
    expect(remoteRef(repo, remote, 'refs/heads/main')).toBe(before);
  });

  it('still refuses after a later commit removes the key (it would be in the remote history)', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    const key = keys.github();
    const bad = commit(repo, { 'config.js': `module.exports = { token: "${key}" };\n` }, 'add token');
    const fix = commit(repo, { 'config.js': 'module.exports = { token: process.env.GH_TOKEN };\n' }, 'remove token');
    const r = push(repo, ['origin', 'main']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).not.toContain(fix.slice(0, 12));
    expect(r.out).not.toContain(key); // redacted, never the whole secret
    expect(remoteRef(repo, remote, 'refs/heads/main')).not.toBe(fix);
  });

  it('refuses a secret file added then deleted before the push', () => {
    const { repo } = makeRepoWithRemote();
    const bad = commit(repo, { '.env': 'DB_PASSWORD=hunter2hunter2\n' }, 'env');
    repo.git(['rm', '-q', '.env']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'drop env']);
    const r = push(repo, ['origin', 'main']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('.env');
    expect(r.out).toContain(bad.slice(0, 12));
  });

  it('on a new branch scans only commits no remote-tracking ref has', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    repo.git(['fetch', '-q', 'origin']);

    repo.git(['checkout', '-q', '-b', 'feature']);
    const bad = commit(repo, { 'keys.py': `AWS_KEY = "${keys.aws()}"\n` }, 'feature with key');
    const r = push(repo, ['origin', 'feature']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).toMatch(/in 1 commit to push/);
    expect(remoteRef(repo, remote, 'refs/heads/feature')).toBeNull();

    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'clean-feature']);
    const ok = commit(repo, { 'b.txt': 'more\n' }, 'clean work');
    expect(push(repo, ['origin', 'clean-feature']).code).toBe(0);
    expect(remoteRef(repo, remote, 'refs/heads/clean-feature')).toBe(ok);
  });

  it('checks every ref of a multi-ref push and refuses when one carries a key', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    repo.git(['checkout', '-q', '-b', 'one']);
    commit(repo, { 'one.txt': 'fine\n' }, 'one');
    repo.git(['checkout', '-q', '-b', 'two', 'main']);
    const bad = commit(repo, { 'pay.rb': `STRIPE = "${keys.stripe()}"\n` }, 'two');
    const r = push(repo, ['origin', 'one', 'two']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(remoteRef(repo, remote, 'refs/heads/two')).toBeNull();
  });

  it('refuses a force push that rewrites history with a key', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    const pushed = commit(repo, { 'b.txt': 'two\n' }, 'second');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    const bad = commit(repo, { 'b.txt': `token: ${keys.github()}\n` }, 'rewritten');
    const r = push(repo, ['--force', 'origin', 'main']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(remoteRef(repo, remote, 'refs/heads/main')).toBe(pushed);
  });

  it('checks the commits an annotated tag would bring', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    repo.git(['tag', '-a', '-m', 'release', 'v1']);
    expect(push(repo, ['origin', 'v1']).code).toBe(0); // its commit is already on the remote
    const bad = commit(repo, { 'k.txt': `${keys.github()}\n` }, 'key');
    repo.git(['tag', '-a', '-m', 'release 2', 'v2']);
    const r = push(repo, ['origin', 'v2']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(remoteRef(repo, remote, 'refs/tags/v2')).toBeNull();
  });

  it('lets a branch deletion through even when the branch holds a key', () => {
    const { repo, remote } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    expect(push(repo, ['origin', 'main']).code).toBe(0);
    repo.git(['checkout', '-q', '-b', 'leak']);
    commit(repo, { 'k.txt': `key=${keys.openai()}\n` }, 'leak');
    expect(push(repo, ['--no-verify', 'origin', 'leak']).code).toBe(0);
    expect(remoteRef(repo, remote, 'refs/heads/leak')).not.toBeNull();
    const r = push(repo, ['origin', '--delete', 'leak']);
    expect(r.code).toBe(0);
    expect(remoteRef(repo, remote, 'refs/heads/leak')).toBeNull();
  });
});

describe('keyguard pre-push, run directly', () => {
  it('reads git ref lines on stdin and reports JSON with commit, author and date', () => {
    const { repo } = makeRepoWithRemote();
    const bad = commit(repo, { 'x.txt': `${keys.openai()}\n` }, 'key');
    const zero = '0'.repeat(40);
    const r = repo.keyguard(['pre-push', 'origin', 'unused-url', '--format', 'json'], {
      input: `refs/heads/main ${bad} refs/heads/main ${zero}\n`,
    });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings).toHaveLength(1);
    expect(doc.findings[0]).toMatchObject({ path: 'x.txt', line: 1, commit: bad, author: 'Keyguard Test', rule: 'openai-api-key' });
    expect(doc.findings[0].date).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('passes a deletion-only push and says so', () => {
    const { repo } = makeRepoWithRemote();
    const sha = commit(repo, { 'x.txt': `${keys.openai()}\n` }, 'key');
    const zero = '0'.repeat(40);
    const r = repo.keyguard(['pre-push', 'origin'], { input: `(delete) ${zero} refs/heads/old ${sha}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nothing to scan');
  });

  it('rejects input that is not git ref lines with exit 2 and one line', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'x.txt': 'fine\n' }, 'c');
    const r = repo.keyguard(['pre-push'], { input: 'this is not what git sends\n' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('honours the pre-commit framework range variables', () => {
    const { repo } = makeRepoWithRemote();
    const base = commit(repo, { 'a.txt': 'hello\n' }, 'base');
    const bad = commit(repo, { 'b.txt': `${keys.github()}\n` }, 'key');
    const r = repo.keyguard(['pre-push'], { env: { PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: bad } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(bad.slice(0, 12));
    const clean = repo.keyguard(['pre-push'], { env: { PRE_COMMIT_FROM_REF: bad, PRE_COMMIT_TO_REF: bad } });
    expect(clean.code).toBe(0);
  });

  it('in a shallow clone, warns that history beyond the clone was not scanned', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'one\n' }, 'one');
    commit(repo, { 'b.txt': 'two\n' }, 'two');
    const clone = `${repo.dir}-shallow`;
    repo.git(['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    repo.git(['-C', clone, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'three']);
    const head = repo.git(['-C', clone, 'rev-parse', 'HEAD']).stdout.trim();
    const zero = '0'.repeat(40);
    repo.git(['-C', clone, 'remote', 'remove', 'origin']); // no remote-tracking ref: everything is new
    const r = repo.keyguard(['pre-push'], { cwd: clone, input: `refs/heads/x ${head} refs/heads/x ${zero}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/shallow clone: history before commit [0-9a-f]{12} is not here and was not scanned/);
  });
});

describe('pre-push counts only what the remote pushed to already has', () => {
  /** A second bare remote, as a public mirror of an internal repository would be. */
  function addMirror(repo: ReturnType<typeof makeRepoWithRemote>['repo']): string {
    const mirror = join(repo.dir, '..', 'mirror.git');
    repo.git(['init', '-q', '--bare', mirror]);
    repo.git(['remote', 'add', 'mirror', mirror]);
    return mirror;
  }

  it('pushing to a second remote scans the whole history it sends, although origin has it all', () => {
    const { repo, remote } = makeRepoWithRemote();
    const bad = commit(repo, { 'legacy/settings.py': `STRIPE_KEY = "${keys.stripe()}"\n` }, 'from before keyguard');
    const fix = commit(repo, { 'legacy/settings.py': 'STRIPE_KEY = os.environ["STRIPE_KEY"]\n' }, 'read it from the environment');
    expect(push(repo, ['--no-verify', 'origin', 'main']).code).toBe(0); // the internal remote had it already
    repo.git(['fetch', '-q', 'origin']);
    expect(remoteRef(repo, remote, 'refs/heads/main')).toBe(fix);
    const mirror = addMirror(repo);
    const r = push(repo, ['mirror', 'main']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).toMatch(/in 2 commits to push/);
    expect(remoteRef(repo, mirror, 'refs/heads/main')).toBeNull();
    // origin still has everything: a clean commit on top passes there, and only it is scanned.
    commit(repo, { 'b.txt': 'more\n' }, 'clean');
    const again = push(repo, ['origin', 'main']);
    expect(again.code, again.out).toBe(0);
  });

  it('a pushed URL (no remote name) has no tracking refs: everything sent is scanned', () => {
    const { repo, remote } = makeRepoWithRemote();
    const bad = commit(repo, { 'k.txt': `token: ${keys.github()}\n` }, 'key');
    expect(push(repo, ['--no-verify', 'origin', 'main']).code).toBe(0);
    repo.git(['fetch', '-q', 'origin']);
    const other = join(repo.dir, '..', 'other.git');
    repo.git(['init', '-q', '--bare', other]);
    const r = push(repo, [other, 'main']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(remoteRef(repo, remote, 'refs/heads/main')).not.toBeNull();
  });

  it("a branch whose name holds a slash counts as there on its own remote", () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'a.txt': 'one\n' }, 'one');
    repo.git(['checkout', '-q', '-b', 'feature/base']);
    commit(repo, { 'b.txt': 'two\n' }, 'two');
    expect(push(repo, ['origin', 'feature/base']).code).toBe(0);
    repo.git(['fetch', '-q', 'origin']);
    repo.git(['checkout', '-q', '-b', 'feature/next']);
    const bad = commit(repo, { 'c.txt': `${keys.openai()}\n` }, 'three');
    const r = push(repo, ['origin', 'feature/next']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).toMatch(/in 1 commit to push/);
  });

  it('a hook manager that does not forward the ref lines: the current branch is scanned against that remote', () => {
    const { repo, remote } = makeRepoWithRemote();
    // The hook as such a manager runs it: git's arguments, but standard input not passed on.
    const hook = join(repo.dir, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} pre-push "$@" </dev/null\n`);
    chmodSync(hook, 0o755);
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    const first = push(repo, ['origin', 'main']);
    expect(first.code, first.out).toBe(0);
    expect(first.out).not.toContain('deletions only');
    repo.git(['fetch', '-q', 'origin']);
    const bad = commit(repo, { 'src/pay.ts': `const k = "${keys.stripe()}";\n` }, 'pay');
    const r = push(repo, ['origin', 'main']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).toMatch(/in 1 commit to push/);
    expect(remoteRef(repo, remote, 'refs/heads/main')).not.toBe(bad);
    // Run by hand the same way with nothing to push from: one line, exit 2, never a pass.
    const empty = makeRepoWithRemote().repo;
    const none = empty.keyguard(['pre-push', 'origin', 'url'], { input: '' });
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
  });
});

