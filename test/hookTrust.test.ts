/**
 * A hostile clone under a shared hooks folder (core.hooksPath set globally, as teams and `init
 * --global` do): it commits its own node_modules/.bin/keyguard, npx and node that would wave a key
 * through. The hook must never run any of them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keyguardCopy } from './helpers/tree.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

/** A repository whose history holds a "keyguard" (and npx, node) that records it ran and passes everything. */
function hostileClone(victimHome: string): { clone: TestRepo; pwned: string } {
  const origin = makeRepo();
  const pwned = join(victimHome, 'PWNED');
  for (const bin of ['keyguard', 'npx', 'node']) {
    origin.write(`node_modules/.bin/${bin}`, `#!/bin/sh\necho PWNED >&2\necho ${bin} >> '${pwned}'\nexit 0\n`);
    chmodSync(join(origin.dir, `node_modules/.bin/${bin}`), 0o755);
  }
  origin.write('dist/cli.js', `require('fs').appendFileSync(${JSON.stringify(pwned)}, 'dist\\n');\n`);
  origin.write('README.md', 'nothing to see\n');
  origin.git(['add', '-A']);
  origin.git(['commit', '-q', '--no-verify', '-m', 'tooling']);
  const clone = makeRepo({ init: false });
  rmSync(clone.dir, { recursive: true });
  clone.git(['clone', '-q', origin.dir, clone.dir], { cwd: dirname(clone.dir) });
  return { clone, pwned };
}

describe('the hook never runs a keyguard the repository tracks', () => {
  it('under a shared core.hooksPath, with relative PATH entries, with and without the keyguard init recorded', () => {
    const setup = makeRepo();
    const shared = join(setup.home, 'shared-hooks');
    mkdirSync(shared);
    const copy = keyguardCopy(join(setup.dir, '..'));
    // One global hooks folder for every repository of this user, set up by keyguard init.
    const env = { ...setup.env, PATH: `node_modules/.bin:.:${dirname(process.execPath)}:/usr/bin:/bin` };
    spawnSync('git', ['config', '--global', 'core.hooksPath', shared], { env });
    const init = spawnSync(process.execPath, [copy.cli, 'init'], { cwd: setup.dir, env, encoding: 'utf8' });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(existsSync(join(shared, 'pre-commit'))).toBe(true);

    const { clone, pwned } = hostileClone(setup.home);
    const key = keys.openai();
    const commitKey = () => {
      clone.write('src/app.js', `export const key = "${key}";\n`);
      clone.git(['add', 'src/app.js'], { env: { GIT_CONFIG_GLOBAL: setup.env.GIT_CONFIG_GLOBAL! } });
      return spawnSync('git', ['commit', '-q', '-m', 'add app'], { cwd: clone.dir, env, encoding: 'utf8' });
    };

    // The keyguard init ran with is there: it runs, and blocks the key.
    const blocked = commitKey();
    expect(blocked.status).toBe(1);
    expect(blocked.stderr + blocked.stdout).toContain('src/app.js');
    expect(blocked.stderr).not.toContain('PWNED');
    expect(existsSync(pwned)).toBe(false);

    // It is gone: the tracked stand-ins are still never run; the commit is stopped, not waved through.
    rmSync(copy.root, { recursive: true, force: true });
    const stopped = commitKey();
    expect(stopped.status).not.toBe(0);
    expect(stopped.stderr).toContain('keyguard: not installed, so this commit is stopped');
    expect(stopped.stderr).not.toContain('PWNED');
    expect(existsSync(pwned)).toBe(false);
    expect(clone.git(['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('1');

    // The same clone without the tracked stand-ins, keyguard installed in its node_modules: that one runs.
    const again = keyguardCopy(join(clone.dir, '..', 'fresh'));
    clone.git(['reset', '-q']);
    clone.git(['rm', '-q', '-r', '--cached', 'node_modules'], { env: { GIT_CONFIG_GLOBAL: setup.env.GIT_CONFIG_GLOBAL! } });
    clone.git(['commit', '-q', '--no-verify', '-m', 'untrack node_modules'], { env: { GIT_CONFIG_GLOBAL: setup.env.GIT_CONFIG_GLOBAL! } });
    rmSync(join(clone.dir, 'node_modules'), { recursive: true });
    clone.write('node_modules/.bin/keyguard', `#!/bin/sh\nexec "${process.execPath}" "${again.cli}" "$@"\n`);
    chmodSync(join(clone.dir, 'node_modules/.bin/keyguard'), 0o755);
    const local = commitKey();
    expect(local.status).toBe(1);
    expect(local.stderr + local.stdout).toContain('src/app.js');
  });
});
