/**
 * `keyguard init --global` under a scratch HOME: one hooks folder for every repository of the user,
 * that runs keyguard and then each repository's own .git/hooks; `uninstall --global` takes it out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { hashTree } from './helpers/tree.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

function ownHook(repo: TestRepo, name: string, body: string) {
  const path = join(repo.dir, '.git/hooks', name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

function commit(repo: TestRepo, env: NodeJS.ProcessEnv, files: Record<string, string>, args: string[] = []) {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', '-f', ...Object.keys(files)]);
  const r = repo.git(['commit', '-q', ...args, '-m', 'change'], { env: env as Record<string, string>, allowFail: true });
  if (r.code !== 0) repo.git(['reset', '-q']);
  return r;
}

describe('init --global', () => {
  it("protects every repository, keeps each one's own .git/hooks running after keyguard, and uninstall --global takes it out", () => {
    const home = makeRepo({ init: false });
    const env = { ...home.env };
    delete env.XDG_CONFIG_HOME;
    const dir = join(home.home, '.config/keyguard/hooks');
    // Outside any repository, as a user sets up a new machine.
    const r = home.keyguard(['init', '--global'], { cwd: home.home, env: env as Record<string, string> });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`every repository's commits, merges and pushes now run keyguard first (${dir}`);
    expect(r.stdout).toContain('a repository that sets core.hooksPath itself (husky does) runs its own hooks instead');
    expect(readFileSync(join(home.home, '.gitconfig'), 'utf8')).toContain(`hooksPath = ${dir}`);
    for (const name of ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg', 'post-checkout']) expect(existsSync(join(dir, name))).toBe(true);
    const installed = hashTree(dir);
    expect(home.keyguard(['init', '--global'], { cwd: home.home, env: env as Record<string, string> }).stdout).toContain('nothing to change');
    expect(hashTree(dir)).toEqual(installed);

    // A repository set up before, with hooks of its own; every repository shares the scratch HOME.
    const repo = makeRepo();
    Object.assign(repo.env, { HOME: home.home, GIT_CONFIG_GLOBAL: join(home.home, '.gitconfig') });
    ownHook(repo, 'pre-commit', 'echo "own pre-commit ran" >&2');
    ownHook(repo, 'commit-msg', 'echo "own commit-msg saw $(head -1 "$1")" >&2');
    ownHook(repo, 'pre-push', 'while read l r; do echo "own pre-push saw $r" >&2; done');
    const ok = commit(repo, {}, { 'a.txt': 'a\n' });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('own pre-commit ran');
    expect(ok.stderr).toContain('own commit-msg saw change');
    const key = keys.openai();
    const leak = commit(repo, {}, { 'src/k.js': `export const k = "${key}";\n` });
    expect(leak.code).not.toBe(0);
    expect(leak.stdout + leak.stderr).toContain('src/k.js');
    expect(leak.stderr).not.toContain('own pre-commit ran'); // keyguard first: a blocked commit stops there

    // A merge of a branch committed with --no-verify is checked too (pre-merge-commit).
    repo.git(['checkout', '-q', '-b', 'feature']);
    expect(commit(repo, {}, { 'src/k.js': `export const k = "${key}";\n` }, ['--no-verify']).code).toBe(0);
    repo.git(['checkout', '-q', 'main']);
    expect(commit(repo, {}, { 'b.txt': 'b\n' }).code).toBe(0);
    const merge = repo.git(['merge', '--no-ff', '-m', 'merge', 'feature'], { allowFail: true });
    expect(merge.code).not.toBe(0);
    expect(merge.stdout + merge.stderr).toContain('src/k.js');
    repo.git(['merge', '--abort']);

    // The push gate, and the repository's own pre-push still gets the refs.
    const remote = makeRepo({ bare: true });
    const pushed = repo.git(['push', remote.dir, 'main'], { allowFail: true });
    expect(pushed.code).toBe(0);
    expect(pushed.stderr).toMatch(/own pre-push saw [0-9a-f]{40} refs\/heads\/main/);
    const blocked = repo.git(['push', remote.dir, 'feature'], { allowFail: true });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('src/k.js');

    // A repository created after: protected without any set-up.
    const fresh = makeRepo();
    Object.assign(fresh.env, { HOME: home.home, GIT_CONFIG_GLOBAL: join(home.home, '.gitconfig') });
    expect(commit(fresh, {}, { '.env': 'A=1\n' }).code).not.toBe(0);

    const un = home.keyguard(['uninstall', '--global'], { cwd: home.home, env: env as Record<string, string> });
    expect(un.code).toBe(0);
    expect(un.stdout).toContain('unset core.hooksPath in your global git config');
    expect(existsSync(join(home.home, '.config/keyguard'))).toBe(false);
    expect(readFileSync(join(home.home, '.gitconfig'), 'utf8')).not.toContain('hooksPath');
    const after = commit(repo, {}, { 'c.txt': 'c\n' });
    expect(after.stderr).toContain('own pre-commit ran');
    expect(commit(fresh, {}, { '.env': 'A=1\n' }).code).toBe(0);
  });

  it("a global hooks folder of the user's own: keyguard runs first in its hooks; uninstall --global restores their bytes", () => {
    const home = makeRepo({ init: false });
    const mine = join(home.home, 'my-hooks');
    mkdirSync(mine);
    const own = '#!/bin/sh\necho "my global pre-commit ran" >&2\n';
    writeFileSync(join(mine, 'pre-commit'), own);
    chmodSync(join(mine, 'pre-commit'), 0o755);
    home.git(['config', '--global', 'core.hooksPath', '~/my-hooks'], { cwd: home.home });
    const r = home.keyguard(['init', '--global'], { cwd: home.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`keyguard runs first in the hooks of your global hooks folder ${mine}`);
    const repo = makeRepo();
    Object.assign(repo.env, { HOME: home.home, GIT_CONFIG_GLOBAL: join(home.home, '.gitconfig') });
    const ok = commit(repo, {}, { 'a.txt': 'a\n' });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('my global pre-commit ran');
    expect(commit(repo, {}, { '.env': 'A=1\n' }).code).not.toBe(0);
    expect(home.keyguard(['uninstall', '--global'], { cwd: home.home }).code).toBe(0);
    expect(readFileSync(join(mine, 'pre-commit'), 'utf8')).toBe(own);
    expect(existsSync(join(mine, 'pre-push'))).toBe(false);
    expect(readFileSync(join(home.home, '.gitconfig'), 'utf8')).toContain('hooksPath = ~/my-hooks');
  });
});
